public import Foundation

/// Everything read from a site folder, before Markdown is rendered and pages are linked.
public struct SiteSources: Sendable {
    public var config: SiteConfig
    public var issues: [PrintIssue]
    public var articles: [ArticleSource]
    public var pages: [PageSource]
    public var staticFiles: [StaticFile]
}

/// The load stage: finds and reads every source of a site folder.
///
/// Layout: `Content/site.yml`, `Content/articles/**/*.md`, `Content/pages/*.md`,
/// `Content/issues/*.yml`, `Content/media/**` and `Templates/assets/**` (copied verbatim).
public enum SiteLoader {
    public enum UsageError: Error, CustomStringConvertible {
        case noSiteConfig(String)

        public var description: String {
            switch self {
            case .noSiteConfig(let path):
                return "no site found: \(path) does not exist; run toasoan in the site's folder or pass --site"
            }
        }
    }

    public static func load(
        siteRoot: URL, baseURLOverride: String?, latestYear: Int
    ) throws(UsageError) -> (SiteSources?, [Diagnostic]) {
        let content = siteRoot.appendingPathComponent("Content")
        let configURL = content.appendingPathComponent("site.yml")
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            throw .noSiteConfig(configURL.path)
        }
        var diagnostics: [Diagnostic] = []
        var config: SiteConfig?
        switch SourceFile.read(at: configURL, relativePath: "Content/site.yml") {
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        case .success(let file):
            let (loaded, found) = SiteConfigLoader.load(file, baseURLOverride: baseURLOverride)
            config = loaded
            diagnostics += found
        }

        var issues: [PrintIssue] = []
        for file in sourceFiles(in: content.appendingPathComponent("issues"), root: siteRoot, extensions: ["yml", "yaml"], diagnostics: &diagnostics) {
            let (issue, found) = PrintIssueLoader.load(file, latestYear: latestYear)
            diagnostics += found
            if let issue { issues.append(issue) }
        }

        var articles: [ArticleSource] = []
        for file in sourceFiles(in: content.appendingPathComponent("articles"), root: siteRoot, extensions: ["md", "markdown"], diagnostics: &diagnostics) {
            let (article, found) = ArticleSource.read(file, latestYear: latestYear)
            diagnostics += found
            if let article { articles.append(article) }
        }

        var pages: [PageSource] = []
        for file in sourceFiles(in: content.appendingPathComponent("pages"), root: siteRoot, extensions: ["md", "markdown"], diagnostics: &diagnostics) {
            let (page, found) = PageSource.read(file)
            diagnostics += found
            if let page { pages.append(page) }
        }

        var staticFiles: [StaticFile] = []
        for (folder, prefix) in [
            (content.appendingPathComponent("media"), "media/"),
            (siteRoot.appendingPathComponent("Templates/assets"), "assets/"),
        ] {
            for entry in FileTree.regularFiles(under: folder) {
                guard let url = insideSite(entry, root: siteRoot, diagnostics: &diagnostics) else { continue }
                staticFiles.append(StaticFile(source: url.path, destination: prefix + entry.relativePath))
            }
        }

        guard let config else { return (nil, diagnostics) }
        return (
            SiteSources(config: config, issues: issues, articles: articles, pages: pages, staticFiles: staticFiles),
            diagnostics
        )
    }

    /// Reads the text files with the given extensions under `folder`, reporting unreadable ones.
    static func sourceFiles(
        in folder: URL, root: URL, extensions: Set<String>, diagnostics: inout [Diagnostic]
    ) -> [SourceFile] {
        var files: [SourceFile] = []
        for entry in FileTree.regularFiles(under: folder) where extensions.contains(entry.url.pathExtension.lowercased()) {
            guard let url = insideSite(entry, root: root, diagnostics: &diagnostics) else { continue }
            switch SourceFile.read(at: url, relativePath: FileTree.relativePath(of: entry.url, to: root)) {
            case .success(let file): files.append(file)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return files
    }

    /// The file to read for `entry`: a symbolic link must point at a file inside the site.
    static func insideSite(_ entry: FileTree.Entry, root: URL, diagnostics: inout [Diagnostic]) -> URL? {
        guard entry.isSymbolicLink else { return entry.url }
        let target = entry.url.resolvingSymlinksInPath().standardizedFileURL
        let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard target.path.hasPrefix(rootPath + "/"),
            FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), !isFolder.boolValue
        else {
            diagnostics.append(
                .error("symbolic link points outside the site folder (or nowhere); it is skipped",
                       at: .init(file: FileTree.relativePath(of: entry.url, to: root))))
            return nil
        }
        return target
    }
}
