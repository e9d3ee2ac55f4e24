public import Foundation

/// `toasoan preview FILE.md`: one article's page, byte for byte as a full build would write
/// it (page template, sidebar, its "Bài cùng chuyên mục"), without building the site and
/// without writing anything. Only that article's body is rendered. The others are taken as
/// the last build linked them (`SiteSnapshot`): all of them, without listing the sources,
/// when no other source changed since; else those whose files did not change, the rest read
/// for their front matter and lead. Only when `site.yml`, the print issues or the settings
/// changed are they all linked again, from the article cache or their files.
public enum ArticlePreview {
    public struct Result: Sendable {
        /// The page; nil when the article or the site has errors.
        public var html: String?
        public var diagnostics: [Diagnostic]
        /// The linked site the page was made from (nil when there was none).
        public var site: Site?
        /// Whether the other articles were taken as the last build linked them (`SiteSnapshot`).
        public var reusedLastBuild = false
        /// How many other articles were taken as the last build linked them: all of them when
        /// `reusedLastBuild`, else those whose files did not change (none when `site.yml`,
        /// the print issues or the settings changed).
        public var articlesFromLastBuild = 0
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
        // When nothing but this file changed since the last build, the other articles are
        // taken as that build linked them. Read side by side: that build's snapshot, the
        // sources' stamps now (`current`: their digest without this file), and the site's
        // settings, issues, pages and templates with this one article (all that is read when
        // the snapshot holds).
        async let snapshotRead = SiteSnapshot.read(path: writer.siteSnapshotPath, settings: SiteBuilder.buildSettings(options))
        async let quickLoad = SiteBuilder.load(
            options, listing: SourceListing(siteRoot: options.siteRoot, settingsAndArticles: [displayPath]),
            bodies: .single(displayPath), articleCache: nil)
        let stamps = SourceStamps.current(siteRoot: options.siteRoot.path)
        var current = SourceStamps.Digest(stamps)
        if let stamp = stamps[displayPath] { current = current.without(displayPath, stamp) }
        let snapshot = await snapshotRead
        let quick = try await quickLoad
        timer.lap("load (snapshot)")
        let linked: SiteBuilder.LinkedSite?
        let allDiagnostics: [Diagnostic]
        let reusedLastBuild = snapshot?.describes(current: current, previewed: displayPath) == true
        var articlesFromLastBuild = 0
        if let snapshot, reusedLastBuild {
            let reuse = SiteSnapshot.Reuse(articles: snapshot.articles.filter { $0.sourceFile != displayPath })
            articlesFromLastBuild = reuse.articles.count
            (linked, allDiagnostics, _) = await SiteBuilder.link(
                quick, options, bodies: .single(displayPath), articleCache: nil, writingCache: false,
                reusing: reuse)
            timer.lap("link")
        } else if let snapshot,
            let reuse = snapshot.reuse(stamps, settings: SiteBuilder.buildSettings(options))?.without(displayPath)
        {
            // Something else changed since, but not what linking depends on: as in a build, the
            // articles whose files did not change come as the last build linked them, and only
            // the changed ones are read, with the settings again (when no other article changed,
            // a template or a page did: the quick load above read all there is to read).
            articlesFromLastBuild = reuse.articles.count
            let changed = snapshot.articleFilesToRead(stamps, besides: reuse).filter { $0 != displayPath }
            let loaded =
                changed.isEmpty
                ? quick
                : try await SiteBuilder.load(
                    options, listing: SourceListing(siteRoot: options.siteRoot, settingsAndArticles: [displayPath] + changed),
                    bodies: .only(displayPath), articleCache: nil, reusing: reuse)
            timer.lap("load (\(changed.count) changed articles)")
            (linked, allDiagnostics, _) = await SiteBuilder.link(
                loaded, options, bodies: .only(displayPath), articleCache: nil, writingCache: false, reusing: reuse)
            timer.lap("link")
        } else {
            // No snapshot, or `site.yml`, the print issues or the settings changed: every
            // article is linked again, from the article cache or its file.
            (linked, allDiagnostics, _) = try await SiteBuilder.loadAndLink(
                options, listing: nil, bodies: .only(displayPath), articleCache: .init(path: writer.articleCachePath),
                writingCache: false, timer: &timer)
        }
        // What concerns this page: its own file, and the site's settings, issues and templates.
        let diagnostics = allDiagnostics.filter { $0.file == displayPath || !$0.file.hasPrefix("Content/articles/") }
        let ownErrors = diagnostics.hasErrors
        let noPage = Result(
            html: nil, diagnostics: diagnostics, reusedLastBuild: reusedLastBuild, articlesFromLastBuild: articlesFromLastBuild)
        guard let linked, let templates = linked.templates, !ownErrors,
            let index = linked.site.articles.firstIndex(where: { $0.sourceFile == displayPath })
        else { return noPage }
        let renderer = PageRenderer(site: linked.site, templates: templates, buildYear: options.now.fields.year)
        let html = renderer.renderArticle(index).resolvedText()
        timer.lap("preview page")
        return Result(
            html: html, diagnostics: diagnostics, site: linked.site, reusedLastBuild: reusedLastBuild,
            articlesFromLastBuild: articlesFromLastBuild)
    }
}
