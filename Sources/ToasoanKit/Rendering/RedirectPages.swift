/// A small page at each old URL (`aliases:`) that sends readers and search engines on to the
/// article's address: a meta refresh, a canonical link and a plain link.
enum RedirectPages {
    static func render(site: Site) -> [RenderedFile] {
        let base = site.config.baseURL
        return site.articles.flatMap { article in
            article.aliases.map { alias in
                let target = HTMLEscaping.attribute(base.absoluteURL(article.path))
                let title = HTMLEscaping.text(article.title)
                let html = """
                    <!DOCTYPE html>
                    <html lang="\(HTMLEscaping.attribute(site.config.language))">
                    <head>
                    <meta charset="utf-8">
                    <title>\(title)</title>
                    <link rel="canonical" href="\(target)">
                    <meta name="robots" content="noindex">
                    <meta http-equiv="refresh" content="0; url=\(target)">
                    </head>
                    <body>
                    <p>Bài viết đã chuyển đến <a href="\(target)">\(title)</a>.</p>
                    </body>
                    </html>

                    """
                return RenderedFile(path: alias.outputFile, contents: html)
            }
        }
    }
}
