import Foundation

/// Runs the build pipeline: load → render Markdown → link → render pages, feeds and indexes → write.
///
/// Each stage takes values and returns values with its diagnostics; the builder only
/// sequences them and stops before writing when any stage found an error, so a failed
/// build never touches the output folder.
public enum SiteBuilder {
    /// Where the prepared-article cache lives (beside the output folder).
    struct ArticleCacheFile: Sendable {
        var path: String
    }

    public enum UsageError: Error, CustomStringConvertible {
        case invalidSite(String)
        case unsafeOutput(String)

        public var description: String {
            switch self {
            case .invalidSite(let message), .unsafeOutput(let message): return message
            }
        }
    }

    /// Builds the site without writing anything: the stages up to rendered pages.
    public static func renderSite(_ options: BuildOptions) async throws -> (Site?, [RenderedFile], [Diagnostic]) {
        let rendered = try await renderSite(options, reusable: Task { [:] })
        return (rendered.site, rendered.files, rendered.diagnostics)
    }

    /// What the render stages made: the site, its files, the diagnostics, and the writes of
    /// what the next build starts from (see `KeptForNextBuild`), to be awaited.
    struct RenderedSite {
        var site: Site?
        var files: [RenderedFile]
        var diagnostics: [Diagnostic]
        var keptWrites: [Task<Void, Never>] = []
        /// The `ArticlePageContext` the article pages' fingerprints were made in.
        var articleContext: UInt64 = 0
        var articleFingerprintsMade = 0
    }

    /// What a build keeps beside the output for the next one: the linked articles
    /// (`SiteSnapshot`) and the search index's postings (`SearchIndexState`). Each is a
    /// function of the sources alone, right whatever becomes of the build, so each is
    /// written as soon as it is made, while the pages are.
    struct KeptForNextBuild: Sendable {
        var settings: String
        var sources: [String: BuildManifest.Stamp]
        var reused: SiteSnapshot.Reuse?
        var snapshotPath: String
        var searchStatePath: String
    }

    /// The linked site and its templates: what every command renders from.
    struct LinkedSite {
        var site: Site
        var templates: TemplateSet?
    }

    /// Loads and links the site. With `articleCache`, unchanged articles come from it; with
    /// `writingCache`, it is written again (while the caller goes on; await `cacheWrite`).
    static func loadAndLink(
        _ options: BuildOptions, listing: SourceListing?, bodies: SiteLoader.BodyRendering = .all,
        articleCache: ArticleCacheFile?, writingCache: Bool, reusing reuse: SiteSnapshot.Reuse? = nil,
        timer: inout StageTimer
    ) async throws -> (LinkedSite?, [Diagnostic], cacheWrite: Task<Void, Never>) {
        let loaded = try await load(options, listing: listing, bodies: bodies, articleCache: articleCache, reusing: reuse)
        timer.lap("load and Markdown")
        let linked = await link(
            loaded, options, bodies: bodies, articleCache: articleCache, writingCache: writingCache, reusing: reuse)
        timer.lap("link")
        return linked
    }

    /// The sources as read, and the templates: what the link stage takes.
    struct LoadedSources: Sendable {
        var sources: SiteSources?
        var templates: TemplateSet?
        var diagnostics: [Diagnostic]
    }

    /// The load stage (see `SiteLoader`), and the templates.
    static func load(
        _ options: BuildOptions, listing: SourceListing?, bodies: SiteLoader.BodyRendering, articleCache: ArticleCacheFile?,
        reusing reuse: SiteSnapshot.Reuse? = nil
    ) async throws -> LoadedSources {
        let latestYear = options.now.fields.year + 1
        let binary = binaryStamp
        let (loaded, loadDiagnostics) = try await SiteLoader.load(
            siteRoot: options.siteRoot, listing: listing, baseURLOverride: options.baseURLOverride, latestYear: latestYear,
            workers: options.workers, bodies: bodies, reusedArticles: reuse?.files ?? [], progress: options.progress,
            articleCache: { markdown in
                articleCache.flatMap {
                    ArticleCache.read(
                        path: $0.path, settings: ArticleCache.settings(binary: binary, markdown: markdown, latestYear: latestYear))
                }
            })
        let (templates, templateDiagnostics) = TemplateSet.load(
            folder: options.siteRoot.appendingPathComponent("Templates"), siteRoot: options.siteRoot)
        return LoadedSources(sources: loaded, templates: templates, diagnostics: loadDiagnostics + templateDiagnostics)
    }

    /// The link stage (see `SiteLinker`); `reuse` holds articles an earlier build linked
    /// (`SiteSnapshot`), in place of reading their files.
    static func link(
        _ loaded: LoadedSources, _ options: BuildOptions, bodies: SiteLoader.BodyRendering,
        articleCache: ArticleCacheFile?, writingCache: Bool, reusing reuse: SiteSnapshot.Reuse? = nil
    ) async -> (LinkedSite?, [Diagnostic], cacheWrite: Task<Void, Never>) {
        let latestYear = options.now.fields.year + 1
        let binary = binaryStamp
        var diagnostics = loaded.diagnostics + (reuse?.warnings ?? [])
        let templates = loaded.templates
        guard var sources = loaded.sources else { return (nil, diagnostics, Task {}) }
        if let previewed = bodies.previewed {
            // A preview shows the article as it will be published, draft or not.
            for index in sources.articles.indices where sources.articles[index].source.file == previewed {
                sources.articles[index].source.isDraft = false
            }
        }

        let markdown = MarkdownRenderer.Options(
            allowRawHTML: sources.config.allowRawHTML, basePath: sources.config.baseURL.path)
        let pageBodies = sources.pages.map { page in
            var options = markdown
            options.firstLine = page.bodyFirstLine
            return MarkdownRenderer.render(page.body, options: options)
        }
        for (file, body) in zip(sources.pages.map(\.file), pageBodies) {
            diagnostics += body.omittedHTML.map { Diagnostic.rawHTMLOmitted(in: file, at: $0) }
        }
        // The cache is written again only when an article was read afresh or one is gone,
        // while the next stages run; not when articles came from the snapshot (it would miss them).
        let articles = sources.articles
        let cacheWrite = Task {
            if writingCache, reuse == nil, let articleCache,
                articles.contains(where: { !$0.isFromCache })
                    || articles.count != (ArticleCache.recordCount(path: articleCache.path) ?? -1)
            {
                ArticleCache.write(
                    articles, settings: ArticleCache.settings(binary: binary, markdown: markdown, latestYear: latestYear),
                    to: articleCache.path)
            }
        }

        let (site, linkDiagnostics) = await SiteLinker.link(
            .init(
                config: sources.config, issues: sources.issues,
                articles: sources.articles, pages: Array(zip(sources.pages, pageBodies)),
                staticFiles: sources.staticFiles, includeDrafts: options.includeDrafts,
                bodies: BodySource(siteRoot: options.siteRoot.path, markdown: markdown), workers: options.workers,
                linkedArticles: reuse?.articles ?? []))
        diagnostics += linkDiagnostics
        return (LinkedSite(site: site, templates: templates), diagnostics, cacheWrite)
    }

    /// The stages up to rendered files; a page whose fingerprint is in `reusable` is not
    /// rendered. `reusable` is awaited only when pages are made, so the check that tells it
    /// (a look at every output file) runs while the site loads. `searchState` is the last
    /// build's (see `SearchIndexState`); `earlier` its record of the pages (see `ArticlePageContext`).
    static func renderSite(
        _ options: BuildOptions, listing: SourceListing? = nil, reusable: Task<[String: UInt64], Never>,
        earlier: Task<EarlierArticlePages?, Never>? = nil,
        articleCache: ArticleCacheFile? = nil, reusing reuse: SiteSnapshot.Reuse? = nil,
        searchState: Task<SearchIndexState?, Never>? = nil, keeping kept: KeptForNextBuild? = nil
    ) async throws -> RenderedSite {
        var timer = StageTimer(enabled: options.showsTimings)
        let (linked, linkDiagnostics, cacheWrite) = try await loadAndLink(
            options, listing: listing, articleCache: articleCache, writingCache: true, reusing: reuse, timer: &timer)
        let diagnostics = linkDiagnostics
        guard let linked else { return RenderedSite(site: nil, files: [], diagnostics: diagnostics) }
        let site = linked.site
        guard let templates = linked.templates, !diagnostics.hasErrors else {
            await cacheWrite.value
            return RenderedSite(site: site, files: [], diagnostics: diagnostics)
        }

        var keptWrites: [Task<Void, Never>] = []
        if let kept {
            keptWrites.append(Task {
                SiteSnapshot.write(
                    site: site, settings: kept.settings, sources: kept.sources, diagnostics: diagnostics,
                    reused: kept.reused, to: kept.snapshotPath)
            })
        }
        // The search index needs only the site: it is made alongside the pages.
        let search = Task {
            let state = await SearchIndex.state(of: site, previous: await searchState?.value, workers: options.workers)
            let write = kept.map { kept in Task { state.write(settings: kept.settings, to: kept.searchStatePath) } }
            return (await SearchIndex.render(site: site, postings: state.postings, workers: options.workers, reusable: reusable), write)
        }
        let pagesReusable = await reusable.value
        timer.lap("output folder checked (waited for)")
        let renderer = PageRenderer(
            site: site, templates: templates, buildYear: options.now.fields.year, reusable: pagesReusable,
            earlier: await earlier?.value)
        let articlePages = await ParallelMap.map(Array(site.articles.indices), workers: options.workers) {
            renderer.renderArticle($0)
        }
        timer.lap("article pages")
        let listPages = await ParallelMap.map(renderer.listJobs, workers: options.workers) { renderer.render($0) }
        var files = articlePages + listPages.joined()
        timer.lap("list pages")
        files += RedirectPages.render(site: site)
        files += AtomFeed.renderAll(site: site, reusable: renderer.reusable)
        files.append(IssueLookupIndex.render(site: site))
        timer.lap("feeds")
        // The sitemap lists pages only: it is made while the search index may still be made.
        files += Sitemap.render(site: site, pages: files, reusable: renderer.reusable)
        timer.lap("sitemap")
        let (searchFiles, searchStateWrite) = await search.value
        files += searchFiles
        keptWrites += searchStateWrite.map { [$0] } ?? []
        timer.lap("search index (the rest of it)")
        await cacheWrite.value
        timer.lap("article cache written")
        return RenderedSite(
            site: site, files: files, diagnostics: diagnostics, keptWrites: keptWrites, articleContext: renderer.articleContext,
            articleFingerprintsMade: articlePages.count { !$0.fingerprintIsRecorded })
    }

    /// Builds the site into the output folder, replacing it in one step when all went well.
    public static func build(_ options: BuildOptions) async throws -> BuildReport {
        try checkOutputIsSafe(options)
        let writer = OutputWriter(outputFolder: options.outputFolder, progress: options.progress)
        do {
            try writer.checkReplaceable()
        } catch {
            throw UsageError.unsafeOutput(error.description)
        }
        // After an interrupted update the folder may differ from the manifest: build, and
        // let the check of every file in `updateInPlace` decide how.
        var timer = StageTimer(enabled: options.showsTimings)
        let recovered = writer.recoverInterruptedUpdate()
        writer.removeLeftovers()
        // The last build's manifest and snapshot are read while the sources are listed (a
        // no-change build needs only the manifest, and does not wait for the snapshot).
        let settings = buildSettings(options)
        let manifestRead = Task { writer.readManifest() }
        let snapshotRead = Task { SiteSnapshot.read(path: writer.siteSnapshotPath, settings: settings) }
        let searchStateRead = Task { SearchIndexState.read(path: writer.searchStatePath, settings: settings) }
        let listing = SourceListing(siteRoot: options.siteRoot)
        let sources = SourceStamps.current(listing)
        let previous = await manifestRead.value
        if !recovered, let previous, previous.settings == settings, previous.sources == sources,
            writer.outputMatches(previous)
        {
            return BuildReport(diagnostics: [], filesWritten: 0, pageCount: 0, site: nil, upToDate: true)
        }
        timer.lap("sources and manifest")
        // Pages of an output folder that is exactly as the last build left it can be reused,
        // when the same toasoan made them with the same settings; checking every file of it
        // runs alongside loading.
        let intactCheck = Task { previous.map(writer.outputIsIntact) ?? false }
        // The fingerprints the same toasoan recorded with the same settings: pages made from
        // the same can be kept, when the folder is intact; and an article page whose context
        // is the same as then has the fingerprint recorded (`ArticlePageContext`).
        let recorded = Task {
            guard let previous, previous.settings == settings else { return [String: UInt64]() }
            return previous.outputs.compactMapValues { $0.fingerprint == 0 ? nil : $0.fingerprint }
        }
        let reusable = Task { await intactCheck.value ? await recorded.value : [:] }
        let earlier = Task { () -> EarlierArticlePages? in
            guard let previous, previous.settings == settings,
                SourceStamps.linkingInputs(previous.sources) == SourceStamps.linkingInputs(sources)
            else { return nil }
            return EarlierArticlePages(
                context: previous.articleContext, fingerprints: await recorded.value, sources: previous.sources,
                currentSources: sources)
        }
        // Articles whose files did not change come as the last build linked them, when what
        // linking depends on did not change either; else from the article cache.
        let reuse = await snapshotRead.value?.reuse(sources, settings: settings)
        timer.lap("snapshot read")
        let rendered = try await renderSite(
            options, listing: listing, reusable: reusable, earlier: earlier,
            articleCache: reuse == nil ? ArticleCacheFile(path: writer.articleCachePath) : nil, reusing: reuse,
            searchState: searchStateRead,
            keeping: KeptForNextBuild(
                settings: settings, sources: sources, reused: reuse, snapshotPath: writer.siteSnapshotPath,
                searchStatePath: writer.searchStatePath))
        var (site, files, diagnostics) = (rendered.site, rendered.files, rendered.diagnostics)
        let (keptWrites, articleContext, articleFingerprintsMade) = (
            rendered.keptWrites, rendered.articleContext, rendered.articleFingerprintsMade
        )
        _ = consume rendered  // the pages are let go of in the background, below
        let intact = await intactCheck.value
        guard !diagnostics.hasErrors, let site else {
            for write in keptWrites { await write.value }
            return BuildReport(diagnostics: diagnostics, filesWritten: 0, pageCount: 0, site: site)
        }
        let report: BuildReport
        let (pageCount, pagesReused) = (files.count, files.count { $0.isReused })
        do {
            timer = StageTimer(enabled: options.showsTimings)
            // Few changes go into the folder in place; a first build, or a folder that is not
            // as the last build left it, gets a whole new folder swapped in.
            let outcome: OutputWriter.Outcome
            if intact, let previous {
                outcome = try writer.updateInPlace(files, staticFiles: site.staticFiles, previous: previous)
            } else {
                outcome = try writer.publish(files, staticFiles: site.staticFiles, previous: previous)
            }
            timer.lap("write")
            if outcome.foldersMadeElsewhere > 0 {
                timer.note("\(outcome.foldersMadeElsewhere) folders made elsewhere (see FolderPlacement)")
            }
            // Letting the pages go frees the renderer and its caches, which their closures
            // hold: tens of milliseconds of one core, spent beside the manifest and snapshot.
            releaseInBackground(consume files)
            writer.writeManifest(
                BuildManifest(
                    settings: settings, sources: sources, outputs: outcome.records, folders: outcome.folders,
                    articleContext: articleContext))
            timer.lap("manifest")
            writer.finishUpdate()
            timer.lap("swap")
            report = BuildReport(
                diagnostics: diagnostics, filesWritten: outcome.written, filesUnchanged: outcome.unchanged,
                pagesReused: pagesReused, articleFingerprintsMade: articleFingerprintsMade, pageCount: pageCount, site: site)
        } catch {
            diagnostics.append(.error(error.description, at: .init(file: options.outputFolder.path)))
            report = BuildReport(diagnostics: diagnostics, filesWritten: 0, pageCount: 0, site: site)
        }
        for write in keptWrites { await write.value }
        timer.lap("snapshot and search state written")
        return report
    }

    /// Drops `value` on another thread: freeing a large object graph then costs the build
    /// no time on the way to its end.
    private static func releaseInBackground(_ value: consuming some Sendable) {
        let value = value
        Task.detached(priority: .utility) { withExtendedLifetime(value) {} }
    }

    /// What, besides the sources, decides every page: the options and the toasoan binary
    /// itself (its size and modification time), so a new version never trusts an old manifest.
    static func buildSettings(_ options: BuildOptions) -> String {
        "binary=\(binaryStamp) base=\(options.baseURLOverride ?? "") drafts=\(options.includeDrafts) "
            + "year=\(options.now.fields.year) output=\(options.outputFolder.path)"
    }

    /// Size and modification time of the running toasoan.
    static var binaryStamp: String {
        POSIXFiles.status("/proc/self/exe").map { "\($0.size)-\($0.modified)" } ?? "unknown"
    }

    /// The output folder may not be the site folder, hold it, or lie inside its sources:
    /// replacing it would destroy what the editors wrote.
    static func checkOutputIsSafe(_ options: BuildOptions) throws(UsageError) {
        let output = options.outputFolder.resolvingSymlinksInPath().path
        let root = options.siteRoot.resolvingSymlinksInPath().path
        let protected = [root, root + "/Content", root + "/Templates"]
        for folder in protected where output == folder || folder.hasPrefix(output + "/") || output.hasPrefix(folder + "/") && folder != root {
            throw .unsafeOutput("the output folder \(output) would replace the site's own files; choose another --output")
        }
        if output == "/" { throw .unsafeOutput("the output folder cannot be /") }
    }
}
