public import Foundation

/// `toasoan preview FILE.md`: one article's page, byte for byte as a full build would write
/// it (page template, sidebar, its "Bài cùng chuyên mục"), without building the site and
/// without writing anything. Only that article's body is rendered: the others are taken from
/// the last build's article cache, or read for their front matter and lead.
public enum ArticlePreview {
    public struct Result: Sendable {
        /// The page; nil when the article or the site has errors.
        public var html: String?
        public var diagnostics: [Diagnostic]
    }

    public enum UsageError: Error, CustomStringConvertible {
        case notAnArticle(String)

        public var description: String {
            switch self {
            case .notAnArticle(let path): "\(path) is not an article: articles are .md files under Content/articles/"
            }
        }
    }

    public static func render(article file: URL, options: BuildOptions) async throws -> Result {
        let displayPath = FileTree.relativePath(of: file, to: options.siteRoot)
        guard displayPath.hasPrefix("Content/articles/"), displayPath.hasSuffix(".md") || displayPath.hasSuffix(".markdown"),
            FileManager.default.fileExists(atPath: file.path)
        else { throw UsageError.notAnArticle(displayPath) }

        var timer = StageTimer(enabled: options.showsTimings)
        let writer = OutputWriter(outputFolder: options.outputFolder)
        let (linked, allDiagnostics, _) = try await SiteBuilder.loadAndLink(
            options, listing: nil, bodies: .only(displayPath),
            articleCache: .init(path: writer.articleCachePath), writingCache: false, timer: &timer)
        // What concerns this page: its own file, and the site's settings, issues and templates.
        let diagnostics = allDiagnostics.filter { $0.file == displayPath || !$0.file.hasPrefix("Content/articles/") }
        let ownErrors = diagnostics.hasErrors
        guard let linked, let templates = linked.templates, !ownErrors else { return Result(html: nil, diagnostics: diagnostics) }
        guard let index = linked.site.articles.firstIndex(where: { $0.sourceFile == displayPath }) else {
            return Result(html: nil, diagnostics: diagnostics)
        }
        let renderer = PageRenderer(site: linked.site, templates: templates, buildYear: options.now.fields.year)
        let html = renderer.renderArticle(index).resolvedContents()
        timer.lap("preview page")
        return Result(html: html, diagnostics: diagnostics)
    }
}
