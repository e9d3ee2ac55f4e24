/// Renders an article's body again from its file, for articles the cache gave without it.
public struct BodySource: Sendable {
    let siteRoot: String
    let markdown: MarkdownRenderer.Options

    func render(_ article: Article) -> [UInt8] {
        guard case .success(let file) = SourceFile.read(path: siteRoot + "/" + article.sourceFile, relativePath: article.sourceFile),
            case .success(let parts) = FrontMatterSplitter.split(file.text)
        else { return [] }
        var options = markdown
        options.firstLine = parts.bodyFirstLine
        return MarkdownRenderer.render(parts.body, options: options).htmlUTF8
    }
}
