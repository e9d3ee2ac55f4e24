/// An article file read, parsed and rendered to HTML: what the load stage hands on.
///
/// When the file is unchanged since the last build it comes from `ArticleCache` instead,
/// without its body: `bodyHTML` is then rendered again only for the pages that show it
/// (`Site.bodyHTML(of:)`), and search uses the cached `bodyTerms`.
public struct PreparedArticle: Sendable {
    public var source: ArticleSource
    /// Empty when the article came from the cache.
    public var bodyHTML: String
    public var leadText: String
    /// Everything reported on this file (warnings; a file with errors is not prepared).
    public var diagnostics: [Diagnostic]
    /// Hash of the Markdown body: the page's fingerprint uses it instead of the HTML.
    public var bodyHash: UInt64
    /// The distinct search words of the body in the order they first occur, separated by
    /// spaces, as UTF-8 (one buffer, not thousands of Strings).
    public var bodyTerms: [UInt8]
    public var size: Int64
    public var modified: Int64

    /// True when it came from the cache: its HTML is rendered again only where needed.
    public var isFromCache = false
    /// The body's links and images, at their file positions, for `toasoan check`; empty
    /// when the article came from the cache or its body was not rendered.
    public var links: [MarkdownRenderer.LinkTarget] = []

    /// Reads, parses and renders one article file; without `renderingBody`, only its front
    /// matter and lead are read (its body is rendered again if a page shows it).
    static func prepare(
        _ file: SiteLoader.ListedFile, root: String, latestYear: Int, markdown: MarkdownRenderer.Options,
        renderingBody: Bool = true
    ) -> (PreparedArticle?, [Diagnostic]) {
        let (sourceFile, readDiagnostics) = SiteLoader.readTextFile(file, root: root)
        guard let sourceFile else { return (nil, readDiagnostics) }
        let (parsed, parseDiagnostics) = ArticleSource.read(sourceFile, latestYear: latestYear)
        guard var source = parsed else { return (nil, readDiagnostics + parseDiagnostics) }
        guard renderingBody else {
            let bodyHash = ContentHash.of(source.body)
            let leadText = MarkdownRenderer.leadText(source.body)
            source.body = ""
            let article = PreparedArticle(
                source: source, bodyHTML: "", leadText: leadText, diagnostics: readDiagnostics + parseDiagnostics,
                bodyHash: bodyHash, bodyTerms: [], size: file.entry.size, modified: file.entry.modified)
            return (article, [])
        }
        var options = markdown
        options.firstLine = source.bodyFirstLine
        let rendered = MarkdownRenderer.render(source.body, options: options)
        let warnings = rendered.omittedHTML.map { Diagnostic.rawHTMLOmitted(in: source.file, at: $0) }
        var terms = DistinctWords()
        rendered.plainTextUTF8.withUnsafeBufferPointer { terms.add(wordsOfUTF8: $0) }
        let bodyHash = ContentHash.of(source.body)
        source.body = ""  // not kept: the HTML is, and the file can be read again
        var article = PreparedArticle(
            source: source, bodyHTML: rendered.html, leadText: rendered.leadText,
            diagnostics: readDiagnostics + parseDiagnostics + warnings, bodyHash: bodyHash,
            bodyTerms: terms.bytes, size: file.entry.size, modified: file.entry.modified)
        article.links = rendered.links
        return (article, [])
    }
}
