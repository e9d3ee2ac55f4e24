/// An article file read, parsed and rendered to HTML: what the load stage hands on.
///
/// When the file is unchanged since the last build it comes from `ArticleCache` instead,
/// without its body: `bodyHTML` is then rendered again only for the pages that show it
/// (`Site.bodyHTML(of:)`), and search uses the cached `bodyTerms`.
public struct PreparedArticle: Sendable {
    public var source: ArticleSource
    /// As UTF-8; empty when the article came from the cache.
    public var bodyHTML: [UInt8]
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
    /// `whenFromDisk` as in `POSIXFiles.read`.
    static func prepare(
        _ file: SiteLoader.ListedFile, root: String, latestYear: Int, markdown: MarkdownRenderer.Options,
        renderingBody: Bool = true, whenFromDisk: (() -> Void)? = nil
    ) -> (PreparedArticle?, [Diagnostic]) {
        let (read, readProblems) = SiteLoader.readBytes(file, root: root, whenFromDisk: whenFromDisk)
        guard let bytes = read else { return (nil, readProblems) }
        if renderingBody,
            let prepared = bytes.withUnsafeBufferPointer({ prepareClean($0, file, latestYear: latestYear, markdown: markdown) })
        {
            return prepared
        }
        let sourceFile: SourceFile
        switch SourceFile.decode(bytes, relativePath: file.displayPath) {
        case .success(let decoded): sourceFile = decoded
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        let (parsed, parseDiagnostics) = ArticleSource.read(sourceFile, latestYear: latestYear)
        guard var source = parsed else { return (nil, parseDiagnostics) }
        guard renderingBody else {
            let bodyHash = ContentHash.of(source.body)
            let leadText = MarkdownRenderer.leadText(source.body)
            source.body = ""
            let article = PreparedArticle(
                source: source, bodyHTML: [], leadText: leadText, diagnostics: parseDiagnostics,
                bodyHash: bodyHash, bodyTerms: [], size: file.entry.size, modified: file.entry.modified)
            return (article, [])
        }
        var body = source.body
        source.body = ""  // not kept: the HTML is, and the file can be read again
        return body.withUTF8 { rendered(source, bodyUTF8: $0, file, diagnostics: parseDiagnostics, markdown: markdown) }
    }

    /// `prepare` for a file that needs no cleaning (nearly every one: see `SourceFile.cleanText`):
    /// its body goes to cmark as the bytes read, with no String made of it. Nil when the file
    /// needs cleaning, or has no front matter (`prepare` then says why).
    private static func prepareClean(
        _ bytes: UnsafeBufferPointer<UInt8>, _ file: SiteLoader.ListedFile, latestYear: Int, markdown: MarkdownRenderer.Options
    ) -> (PreparedArticle?, [Diagnostic])? {
        guard let text = SourceFile.cleanText(bytes), case .success(let parts) = FrontMatterSplitter.split(utf8: text) else {
            return nil
        }
        // The front matter is read from the file's head, up to the closing fence: the same
        // text, lines and columns as from the whole file, with an empty body.
        let head = SourceFile(
            relativePath: file.displayPath, text: String(decoding: UnsafeBufferPointer(rebasing: text[..<parts.bodyStart]), as: UTF8.self))
        let (parsed, parseDiagnostics) = ArticleSource.read(head, latestYear: latestYear)
        guard let source = parsed else { return (nil, parseDiagnostics) }
        return rendered(
            source, bodyUTF8: UnsafeBufferPointer(rebasing: text[parts.bodyStart...]), file, diagnostics: parseDiagnostics,
            markdown: markdown)
    }

    /// The article of `source`, its body (given as UTF-8) rendered.
    private static func rendered(
        _ source: ArticleSource, bodyUTF8 body: UnsafeBufferPointer<UInt8>, _ file: SiteLoader.ListedFile,
        diagnostics: [Diagnostic], markdown: MarkdownRenderer.Options
    ) -> (PreparedArticle?, [Diagnostic]) {
        var options = markdown
        options.firstLine = source.bodyFirstLine
        let rendered = MarkdownRenderer.render(utf8: body, options: options)
        let warnings = rendered.omittedHTML.map { Diagnostic.rawHTMLOmitted(in: source.file, at: $0) }
        var article = PreparedArticle(
            source: source, bodyHTML: rendered.htmlUTF8, leadText: rendered.leadText,
            diagnostics: diagnostics + warnings, bodyHash: ContentHash.of(UnsafeRawBufferPointer(body)),
            bodyTerms: rendered.plainTextUTF8.withUnsafeBufferPointer(DistinctWords.of(utf8:)), size: file.entry.size, modified: file.entry.modified)
        article.links = rendered.links
        return (article, [])
    }
}
