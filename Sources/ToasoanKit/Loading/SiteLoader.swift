public import Foundation

/// Everything read from a site folder, before Markdown is rendered and pages are linked.
public struct SiteSources: Sendable {
    public var config: SiteConfig
    public var issues: [PrintIssue]
    public var articles: [PreparedArticle]
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

    /// Reads the site. `articleCache` is asked, once the configuration is known, for the
    /// cache of prepared articles made with the same Markdown options (or nil). The article
    /// files in `reusedArticles` are not read (the last build's snapshot has them linked).
    public static func load(
        siteRoot: URL, listing: SourceListing? = nil, baseURLOverride: String?, latestYear: Int, workers: Int = 1,
        bodies: BodyRendering = .all, reusedArticles: Set<String> = [], progress: (@Sendable (BuildProgress) -> Void)? = nil,
        articleCache: @Sendable (MarkdownRenderer.Options) -> ArticleCache? = { _ in nil }
    ) async throws(UsageError) -> (SiteSources?, [Diagnostic]) {
        let root = siteRoot.standardizedFileURL.path
        let listing = listing ?? SourceListing(siteRoot: siteRoot)
        let configPath = root + "/Content/site.yml"
        guard FileManager.default.fileExists(atPath: configPath) else {
            throw .noSiteConfig(configPath)
        }
        var diagnostics: [Diagnostic] = []
        var config: SiteConfig?
        switch SourceFile.read(path: configPath, relativePath: "Content/site.yml") {
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        case .success(let file):
            let (loaded, found) = SiteConfigLoader.load(file, baseURLOverride: baseURLOverride)
            config = loaded
            diagnostics += found
        }

        var issues: [PrintIssue] = []
        for (file, found) in readTextFiles(in: "Content/issues", of: listing, root: root, extensions: ["yml", "yaml"]) {
            diagnostics += found
            guard let file else { continue }
            let (issue, more) = PrintIssueLoader.load(file, latestYear: latestYear)
            diagnostics += more
            if let issue { issues.append(issue) }
        }

        // Articles are most of the work: read, parse and render them in parallel, or take
        // them from the cache when their file did not change.
        var articles: [PreparedArticle] = []
        if let config {
            let markdown = MarkdownRenderer.Options(
                allowRawHTML: config.allowRawHTML, basePath: config.baseURL.path)
            let cache = articleCache(markdown)
            let articleEntries = listFiles(in: "Content/articles", of: listing, extensions: ["md", "markdown"])
                .filter { bodies.reads($0.displayPath) && !reusedArticles.contains($0.displayPath) }
            let counter = ProgressCounter("reading articles", total: articleEntries.count, report: progress)
            let prefetch = SourcePrefetch(paths: articleEntries.map(\.entry.path))
            var articleResults = await ParallelMap.map(Array(articleEntries.indices), workers: workers) { index in
                defer { counter?.step() }
                let entry = articleEntries[index]
                if !bodies.isOnly(entry.displayPath), let cached = cache?.cached(entry) {
                    return (Optional(cached), [Diagnostic]())
                }
                prefetch.willRead()
                return PreparedArticle.prepare(
                    entry, root: root, latestYear: latestYear, markdown: markdown,
                    renderingBody: bodies.renders(entry.displayPath),
                    whenFromDisk: { prefetch.fileWasNotInMemory(at: index) })
            }
            // The results are taken from the end (`popLast` moves each out; a loop over them
            // copied every article, retaining each text it holds, then destroyed the
            // originals: 20 ms on one core while the other waited), then put back in order.
            var problems: [[Diagnostic]] = []
            articles.reserveCapacity(articleResults.count)
            while let (article, found) = articleResults.popLast() {
                problems.append(found + (article?.diagnostics ?? []))
                if let article { articles.append(article) }
            }
            // Reversed through a buffer pointer, whose swaps move; `Array.reverse()` copied.
            articles.withUnsafeMutableBufferPointer { $0.reverse() }
            for found in problems.reversed() { diagnostics += found }
        }

        var pages: [PageSource] = []
        for (file, found) in readTextFiles(in: "Content/pages", of: listing, root: root, extensions: ["md", "markdown"]) {
            diagnostics += found
            guard let file else { continue }
            let (page, more) = PageSource.read(file)
            diagnostics += more
            if let page { pages.append(page) }
        }

        var staticFiles: [StaticFile] = []
        for (folder, prefix) in [("Content/media", "media/"), ("Templates/assets", "assets/")] {
            for entry in listing.files(under: folder) {
                let (path, problem) = insideSite(entry, root: root, displayPath: folder + "/" + entry.relativePath)
                if let problem { diagnostics.append(problem) }
                guard let path else { continue }
                staticFiles.append(
                    StaticFile(source: path, destination: prefix + entry.relativePath, size: entry.size, modified: entry.modified))
            }
        }

        guard let config else { return (nil, diagnostics) }
        return (
            SiteSources(config: config, issues: issues, articles: articles, pages: pages, staticFiles: staticFiles),
            diagnostics
        )
    }

    /// Which articles a load reads, and whose bodies it renders.
    public enum BodyRendering: Sendable {
        /// Every one (a build).
        case all
        /// Only this file's (`Content/articles/…`), read afresh; the others are read for their
        /// front matter and lead, or taken from the cache (a preview).
        case only(String)
        /// Only this file is read at all: the other articles come linked from a `SiteSnapshot`
        /// (a preview when nothing else changed since the last build).
        case single(String)

        func renders(_ displayPath: String) -> Bool {
            switch self {
            case .all: true
            case .only(let path), .single(let path): path == displayPath
            }
        }

        func reads(_ displayPath: String) -> Bool {
            if case .single(let path) = self { return path == displayPath }
            return true
        }

        func isOnly(_ displayPath: String) -> Bool {
            switch self {
            case .all: false
            case .only(let path), .single(let path): path == displayPath
            }
        }

        /// The one article rendered, if only one is.
        var previewed: String? {
            switch self {
            case .all: nil
            case .only(let path), .single(let path): path
            }
        }
    }

    /// A file found under one of the site's source folders.
    struct ListedFile: Sendable {
        var entry: FileTree.Entry
        /// `Content/articles/2019/a.md`
        var displayPath: String
    }

    static func listFiles(in folder: String, of listing: SourceListing, extensions: Set<String>) -> [ListedFile] {
        listing.files(under: folder).compactMap { entry in
            let name = entry.relativePath
            guard let dot = name.lastIndex(of: "."), extensions.contains(name[name.index(after: dot)...].lowercased())
            else { return nil }
            return ListedFile(entry: entry, displayPath: folder + "/" + entry.relativePath)
        }
    }

    static func readTextFile(_ file: ListedFile, root: String, whenFromDisk: (() -> Void)? = nil) -> (SourceFile?, [Diagnostic]) {
        let (bytes, problems) = readBytes(file, root: root, whenFromDisk: whenFromDisk)
        guard let bytes else { return (nil, problems) }
        switch SourceFile.decode(bytes, relativePath: file.displayPath) {
        case .success(let source): return (source, [])
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
    }

    /// The bytes of a listed file as they are, or what stops it from being read.
    static func readBytes(_ file: ListedFile, root: String, whenFromDisk: (() -> Void)? = nil) -> ([UInt8]?, [Diagnostic]) {
        let (path, problem) = insideSite(file.entry, root: root, displayPath: file.displayPath)
        guard let path else { return (nil, problem.map { [$0] } ?? []) }
        switch SourceFile.readBytes(path: path, relativePath: file.displayPath, whenFromDisk: whenFromDisk) {
        case .success(let bytes): return (bytes, [])
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
    }

    static func readTextFiles(
        in folder: String, of listing: SourceListing, root: String, extensions: Set<String>
    ) -> [(SourceFile?, [Diagnostic])] {
        let files = listFiles(in: folder, of: listing, extensions: extensions)
        let prefetch = SourcePrefetch(paths: files.map(\.entry.path))
        return files.indices.map { index in
            prefetch.willRead()
            return readTextFile(files[index], root: root, whenFromDisk: { prefetch.fileWasNotInMemory(at: index) })
        }
    }

    /// The path to read for `entry`: a symbolic link must point at a file inside the site.
    static func insideSite(_ entry: FileTree.Entry, root: String, displayPath: String) -> (String?, Diagnostic?) {
        guard entry.isSymbolicLink else { return (entry.path, nil) }
        let target = entry.url.resolvingSymlinksInPath().standardizedFileURL.path
        let rootPath = URL(fileURLWithPath: root).resolvingSymlinksInPath().standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard target.hasPrefix(rootPath + "/"),
            FileManager.default.fileExists(atPath: target, isDirectory: &isFolder), !isFolder.boolValue
        else {
            return (
                nil,
                .error("symbolic link points outside the site folder (or nowhere); it is skipped", at: .init(file: displayPath))
            )
        }
        return (target, nil)
    }
}
