/// `sitemap.xml` (every page listed by the renderers, with its last change) and `robots.txt`
/// naming it.
enum Sitemap {
    /// The sitemap is fingerprinted by what it lists: kept as it is when that did not change
    /// (its path in `reusable`, see `RenderedFile`).
    static func render(site: Site, pages: [RenderedFile], reusable: [String: UInt64] = [:]) -> [RenderedFile] {
        let base = site.config.baseURL
        // The listed pages' paths and dates, sorted (not the pages themselves: they are large).
        let listed = pages.compactMap { page -> (path: String, lastModified: JournalDate?)? in
            guard case .listed(let lastModified)? = page.sitemap else { return nil }
            return (page.path, lastModified)
        }.sorted { $0.path < $1.path }
        var hasher = StableHasher(seed: 0x5173_6D61_7000_0001)
        hasher.combine(base.absolute)
        for (path, lastModified) in listed {
            hasher.combine(path)
            hasher.combine(lastModified.map { Int($0.secondsSinceEpoch) })
        }
        let sitemap = RenderedFile(path: SitePaths.sitemap.relative, fingerprint: hasher.value, reusable: reusable) {
            var xml = """
                <?xml version="1.0" encoding="utf-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

                """
            xml.reserveCapacity(listed.count * 160)
            for (path, lastModified) in listed {
                let path = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
                xml += "<url><loc>\(XMLEscaping.text(base.absolute + path))</loc>"
                if let lastModified { xml += "<lastmod>\(lastModified.rfc3339)</lastmod>" }
                xml += "</url>\n"
            }
            xml += "</urlset>\n"
            return Array(xml.utf8)
        }
        let robots = "User-agent: *\nAllow: /\n\nSitemap: \(base.absoluteURL(SitePaths.sitemap))\n"
        return [sitemap, RenderedFile(path: SitePaths.robots.relative, contents: robots)]
    }
}
