/// Renders an article's body again from its file, for articles the cache or the last
/// build's snapshot gave without it.
public struct BodySource: Sendable {
    let siteRoot: String
    let markdown: MarkdownRenderer.Options

    /// The body as HTML; empty when the file cannot be read.
    func render(_ article: Article) -> [UInt8] {
        rendered(article)?.htmlUTF8 ?? []
    }

    /// The distinct search words of the body (`Article.bodyTerms`); empty when the file
    /// cannot be read.
    func words(of article: Article) -> [UInt8] {
        rendered(article)?.plainTextUTF8.withUnsafeBufferPointer(DistinctWords.of(utf8:)) ?? []
    }

    private func rendered(_ article: Article) -> MarkdownRenderer.Rendered? {
        guard case .success(let file) = SourceFile.read(path: siteRoot + "/" + article.sourceFile, relativePath: article.sourceFile),
            case .success(let parts) = FrontMatterSplitter.split(file.text)
        else { return nil }
        var options = markdown
        options.firstLine = parts.bodyFirstLine
        return MarkdownRenderer.render(parts.body, options: options)
    }
}
