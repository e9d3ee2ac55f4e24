/// `sitemap.xml` (every page listed by the renderers, with its last change) and `robots.txt`
/// naming it.
enum Sitemap {
    static func render(site: Site, pages: [RenderedFile]) -> [RenderedFile] {
        let base = site.config.baseURL
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for page in pages.sorted(by: { $0.path < $1.path }) {
            guard case .listed(let lastModified)? = page.sitemap else { continue }
            let path = page.path.hasSuffix("index.html") ? String(page.path.dropLast("index.html".count)) : page.path
            xml += "<url><loc>\(XMLEscaping.text(base.absolute + path))</loc>"
            if let lastModified { xml += "<lastmod>\(lastModified.rfc3339)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        let robots = "User-agent: *\nAllow: /\n\nSitemap: \(base.absoluteURL(SitePaths.sitemap))\n"
        return [
            RenderedFile(path: SitePaths.sitemap.relative, contents: xml),
            RenderedFile(path: SitePaths.robots.relative, contents: robots),
        ]
    }
}
