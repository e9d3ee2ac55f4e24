/// Atom feeds: `/feed.xml` (the latest articles of the whole site) and `/{category}/feed.xml`.
/// Written in code, not by the theme: the format is fixed, and every value is XML-escaped here.
enum AtomFeed {
    /// How many entries a feed carries.
    static let entryCount = 20

    /// The feed is made when written, and not at all when its fingerprint (everything it
    /// shows, with bodies by the hash of their Markdown) is the last build's: bodies of
    /// articles taken from the cache would have to be rendered again.
    static func render(
        site: Site, title: String, selfPath: SitePath, alternatePath: SitePath, articleIndices: some Collection<Int>,
        reusable: [String: UInt64] = [:]
    ) -> RenderedFile {
        let entries = articleIndices.prefix(entryCount).map { site.articles[$0] }
        var hasher = StableHasher()
        for field in [site.config.language, site.config.baseURL.absolute, title, site.config.title, selfPath.relative, alternatePath.relative] {
            hasher.combine(field)
        }
        hasher.combine(site.config.tagline)
        hasher.combine(site.config.allowRawHTML)
        hasher.combine(site.latestIssue?.date.rfc3339)
        for article in entries {
            for field in [article.title, article.path.relative, article.date.rfc3339, article.category.slug, article.category.name, article.displaySummary] {
                hasher.combine(field)
            }
            hasher.combine(article.authors.count)
            for author in article.authors { hasher.combine(author) }
            hasher.combine(article.bodyHash)
        }
        return RenderedFile(path: selfPath.relative, fingerprint: hasher.value, reusable: reusable) {
            Array(xml(site: site, title: title, selfPath: selfPath, alternatePath: alternatePath, entries: entries).utf8)
        }
    }

    private static func xml(site: Site, title: String, selfPath: SitePath, alternatePath: SitePath, entries: [Article]) -> String {
        let base = site.config.baseURL
        let updated = entries.first?.date ?? site.latestIssue?.date ?? JournalDate(year: 2000, month: 1, day: 1)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLEscaping.text(site.config.language))" xml:base="\(XMLEscaping.text(base.absolute))">
            <title>\(XMLEscaping.text(title))</title>

            """
        if let tagline = site.config.tagline { xml += "<subtitle>\(XMLEscaping.text(tagline))</subtitle>\n" }
        xml += """
            <link rel="self" type="application/atom+xml" href="\(XMLEscaping.text(base.absoluteURL(selfPath)))"/>
            <link rel="alternate" type="text/html" href="\(XMLEscaping.text(base.absoluteURL(alternatePath)))"/>
            <id>\(XMLEscaping.text(base.absoluteURL(selfPath)))</id>
            <updated>\(updated.rfc3339)</updated>
            <author><name>\(XMLEscaping.text(site.config.title))</name></author>

            """
        for article in entries {
            let url = XMLEscaping.text(base.absoluteURL(article.path))
            xml += "<entry>\n<title>\(XMLEscaping.text(article.title))</title>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n<id>\(url)</id>\n"
            xml += "<published>\(article.date.rfc3339)</published>\n<updated>\(article.date.rfc3339)</updated>\n"
            for author in article.authors { xml += "<author><name>\(XMLEscaping.text(author))</name></author>\n" }
            xml += "<category term=\"\(XMLEscaping.text(article.category.slug))\" label=\"\(XMLEscaping.text(article.category.name))\"/>\n"
            if !article.displaySummary.isEmpty {
                xml += "<summary type=\"text\">\(XMLEscaping.text(article.displaySummary))</summary>\n"
            }
            xml += "<content type=\"html\">\(XMLEscaping.text(String(decoding: site.bodyHTML(of: article), as: UTF8.self)))</content>\n</entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }

    /// The site's feed and one per category.
    static func renderAll(site: Site, reusable: [String: UInt64] = [:]) -> [RenderedFile] {
        var feeds = [
            render(
                site: site, title: site.config.title, selfPath: SitePaths.feed, alternatePath: .home,
                articleIndices: site.articles.indices, reusable: reusable)
        ]
        for category in site.config.categories {
            feeds.append(
                render(
                    site: site, title: category.name + " - " + site.config.title, selfPath: SitePaths.feed(of: category),
                    alternatePath: category.path, articleIndices: site.articlesByCategory[category.slug] ?? [],
                    reusable: reusable))
        }
        return feeds
    }
}
