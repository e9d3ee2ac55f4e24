/// The link stage: resolves each article's category and print issue against the site,
/// gives every page its URL and reports what does not fit together (an unknown category or
/// issue, two pages with one URL, a slug or path that would leave the output folder).
public enum SiteLinker {
    public struct Input: Sendable {
        public var config: SiteConfig
        public var issues: [PrintIssue]
        public var articles: [PreparedArticle]
        public var pages: [(source: PageSource, body: MarkdownRenderer.Rendered)]
        public var staticFiles: [StaticFile]
        public var includeDrafts: Bool
        /// Renders again the bodies of articles taken from the cache.
        public var bodies: BodySource? = nil
        /// Articles are resolved in parallel by this many workers.
        public var workers = 1
        /// Articles an earlier build linked from unchanged files (see `SiteSnapshot`), in file
        /// order: they only claim their URLs, in file order with the others.
        var linkedArticles: [Article] = []
    }

    /// An article resolved against the site, its URL not yet claimed.
    struct ResolvedArticle: Sendable {
        var article: Article
        /// Its old URLs, claimed after every page.
        var aliases: [(path: SitePath, location: SourceLocation)]
        /// Where its URL comes from (its `slug:` or its title), for a collision.
        var urlLocation: SourceLocation
    }

    public static func link(_ input: Input) async -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let config = input.config

        var issuesByKey: [IssueKey: PrintIssue] = [:]
        for issue in input.issues {
            if let other = issuesByKey[issue.key] {
                diagnostics.append(
                    .error("\(issue.name) is already described by \(other.sourceFile)", at: .init(file: issue.sourceFile)))
                continue
            }
            issuesByKey[issue.key] = issue
        }
        let issueNames = issuesByKey.values.sorted { $0.key > $1.key }.map(\.name)

        var claimedURLs: [SitePath: String] = [:]
        // Every article's and page's URL (old URLs may grow it further): grown step by step
        // from empty, the table was rehashed a dozen times at 10,000 articles, 1.4% of a
        // preview's CPU.
        claimedURLs.reserveCapacity(input.articles.count + input.linkedArticles.count + input.pages.count + 64)
        for path in reservedPaths(config) { claimedURLs[path] = "the site's own pages" }
        for category in config.categories {
            for path in [category.path] { claimedURLs[path] = "the category \"\(category.name)\"" }
        }

        // Each article is resolved on its own, in parallel; URLs are then claimed in file order.
        let categories = CategoryResolver(config.categories)
        // Indexes, not the articles themselves, are filtered and sorted: moving an article
        // retains each of its texts (20 ms of a 10,000-article build, one core idle).
        let prepared = input.articles
        let candidates = prepared.indices.filter { !prepared[$0].source.isDraft || input.includeDrafts }
            .sorted { prepared[$0].source.file < prepared[$1].source.file }
        let issues = issuesByKey
        // Thousands of articles name a few hundred issues: each spelling is parsed once.
        var parsedIssues: [String: IssueKey] = [:]
        for index in candidates {
            guard let written = prepared[index].source.issue?.value, parsedIssues[written] == nil, let key = IssueKey.parse(written)
            else { continue }
            parsedIssues[written] = key
        }
        let issueKeys = parsedIssues
        var resolved = await ParallelMap.map(candidates, workers: input.workers) { index in
            resolve(prepared[index], categories: categories, issuesByKey: issues, issueKeys: issueKeys, issueNames: issueNames)
        }
        if !input.linkedArticles.isEmpty {
            resolved = mergedInFileOrder(resolved, input.linkedArticles)
        }
        var articles: [Article] = []
        var pendingAliases: [(path: SitePath, location: SourceLocation)] = []
        for (found, problems) in resolved {
            diagnostics += problems
            guard let found else { continue }
            pendingAliases += found.aliases
            if claimedURLs.claim(found.article.path, for: found.article.sourceFile, at: found.urlLocation, &diagnostics) {
                articles.append(found.article)
            }
        }

        var pages: [StandalonePage] = []
        for (source, body) in input.pages.sorted(by: { $0.source.file < $1.source.file }) {
            if source.isDraft && !input.includeDrafts { continue }
            guard let slug = resolveSlug(source.slug, title: source.title, diagnostics: &diagnostics) else { continue }
            var page = StandalonePage(
                sourceFile: source.file, title: source.title.value, slug: slug, summary: source.summary,
                bodyHTML: body.html)
            page.links = body.links
            if claimedURLs.claim(page.path, for: source.file, at: source.slug?.location ?? source.title.location, &diagnostics) {
                pages.append(page)
            }
        }

        // Old URLs are claimed last: a page always wins over a redirect.
        for alias in pendingAliases {
            _ = claimedURLs.claim(alias.path, for: "an alias in \(alias.location.file)", at: alias.location, &diagnostics)
        }

        var site = Site(
            config: config, articles: articles, issues: Array(issuesByKey.values), pages: pages,
            staticFiles: input.staticFiles)
        site.bodies = input.bodies
        return (site, diagnostics)
    }

    /// The freshly resolved articles and those an earlier build linked, both in file order,
    /// merged in file order (so URLs are claimed as a full build claims them). The linked
    /// ones' own diagnostics were reported by the build that linked them.
    private static func mergedInFileOrder(
        _ resolved: [(ResolvedArticle?, [Diagnostic])], _ linked: [Article]
    ) -> [(ResolvedArticle?, [Diagnostic])] {
        var merged: [(ResolvedArticle?, [Diagnostic])] = []
        merged.reserveCapacity(resolved.count + linked.count)
        var next = resolved.makeIterator()
        var pending = next.next()
        for article in linked {
            // Diagnostics of an article that did not resolve go first, as any file order would.
            while let (fresh, problems) = pending, fresh.map({ $0.article.sourceFile < article.sourceFile }) ?? true {
                merged.append((fresh, problems))
                pending = next.next()
            }
            let location = SourceLocation(file: article.sourceFile)
            merged.append(
                (ResolvedArticle(article: article, aliases: article.aliases.map { ($0, location) }, urlLocation: location), []))
        }
        while let rest = pending {
            merged.append(rest)
            pending = next.next()
        }
        return merged
    }

    /// Resolves one article's category, print issue, slug, cover, video and aliases.
    static func resolve(
        _ prepared: PreparedArticle, categories: CategoryResolver, issuesByKey: [IssueKey: PrintIssue],
        issueKeys: [String: IssueKey], issueNames: [String]
    ) -> (ResolvedArticle?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let source = prepared.source
        guard let category = categories.resolve(source.category, diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        var issueKey: IssueKey?
        if let written = source.issue {
            if let key = issueKeys[written.value], issuesByKey[key] != nil {
                issueKey = key
            } else {
                diagnostics.append(
                    .error("unknown print issue \"\(written.value)\"", at: written.location,
                           suggestion: Suggestion.nearest(to: written.value, among: issueNames)))
            }
        }
        guard let slug = resolveSlug(source.slug, title: source.title, diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        if let image = source.image, let problem = MediaReference.problem(with: image.value) {
            diagnostics.append(.error("image \(problem)", at: image.location))
            return (nil, diagnostics)
        }
        var video: Video?
        if let written = source.video {
            video = Video.parse(written.value)
            if video == nil {
                diagnostics.append(
                    .error("video \"\(written.value)\" is neither a YouTube id (11 characters) or address nor a path such as /media/video/a.mp4",
                           at: written.location))
            }
        }
        var aliases: [SitePath] = []
        var pendingAliases: [(path: SitePath, location: SourceLocation)] = []
        for alias in source.aliases {
            switch AliasPath.parse(alias.value) {
            case .success(let path):
                aliases.append(path)
                pendingAliases.append((path, alias.location))
            case .failure(let problem):
                diagnostics.append(.error(problem.message, at: alias.location))
            }
        }
        var links = prepared.links
        for written in [source.image, video.flatMap { if case .file = $0 { source.video } else { nil } }].compactMap({ $0 }) {
            links.append(
                .init(kind: .image, url: written.value, line: written.location.line ?? 1, column: written.location.column ?? 1))
        }
        let article = Article(
            sourceFile: source.file, title: source.title.value, date: source.date.value, category: category,
            issue: issueKey, authors: source.authors, summary: source.summary, leadText: DeferredText(prepared.leadText),
            image: source.image?.value, imageCaption: source.imageCaption, tags: source.tags, slug: slug,
            aliases: aliases, video: video, order: source.order, isDraft: source.isDraft,
            bodyHTML: prepared.bodyHTML, bodyHash: prepared.bodyHash, bodyTerms: prepared.bodyTerms[...],
            bodyFirstLine: source.bodyFirstLine, links: links)
        let urlLocation = source.slug?.location ?? source.title.location
        return (ResolvedArticle(article: article, aliases: pendingAliases, urlLocation: urlLocation), diagnostics)
    }

    /// Finds the category an article names: by name (any case, with or without diacritics)
    /// or by slug. The names are folded once, not once per article.
    struct CategoryResolver: Sendable {
        let categories: [Category]
        let byKey: [String: Category]

        init(_ categories: [Category]) {
            self.categories = categories
            var byKey: [String: Category] = [:]
            for category in categories.reversed() {
                byKey[TextFolding.searchKey(category.name)] = category
                byKey[category.slug] = category
            }
            for category in categories.reversed() { byKey[category.name] = category }
            self.byKey = byKey
        }

        func resolve(_ written: Located<String>, diagnostics: inout [Diagnostic]) -> Category? {
            if let match = byKey[written.value] ?? byKey[TextFolding.searchKey(written.value)] { return match }
            diagnostics.append(
                .error("unknown category \"\(written.value)\"", at: written.location,
                       suggestion: Suggestion.nearest(to: written.value, among: categories.map(\.name))))
            return nil
        }
    }

    /// The slug written in front matter, or one made from the title. A written slug that
    /// tries to leave its folder is an error; one that is merely not a clean slug is cleaned.
    static func resolveSlug(
        _ written: Located<String>?, title: Located<String>, diagnostics: inout [Diagnostic]
    ) -> String? {
        guard let written else {
            let slug = Slug.make(from: title.value)
            if slug.isEmpty {
                diagnostics.append(.error("cannot make a URL from this title; add a \"slug:\"", at: title.location))
                return nil
            }
            return slug
        }
        let components = written.value.split(separator: "/", omittingEmptySubsequences: false)
        if written.value.contains("/") || written.value.contains("\\") || components.contains("..")
            || written.value.hasPrefix(".")
        {
            diagnostics.append(
                .error("slug \"\(written.value)\" would leave the output folder; a slug is one word-like part such as \"cum-thi-dua-so-5\"",
                       at: written.location))
            return nil
        }
        let slug = Slug.make(from: written.value)
        if slug.isEmpty {
            diagnostics.append(.error("slug \"\(written.value)\" has no letters or digits", at: written.location))
            return nil
        }
        if slug != written.value {
            diagnostics.append(.warning("slug \"\(written.value)\" is written as \"\(slug)\" in URLs", at: written.location))
        }
        return slug
    }

    private static func reservedPaths(_ config: SiteConfig) -> [SitePath] {
        SiteConfigLoader.reservedSlugs.map { SitePath.folder($0) }
    }
}

extension Dictionary where Key == SitePath, Value == String {
    /// Gives `path` to `owner`, or reports the owner it already has. True when claimed.
    mutating func claim(_ path: SitePath, for owner: String, at location: SourceLocation, _ diagnostics: inout [Diagnostic]) -> Bool {
        if let previous = self[path] {
            diagnostics.append(.error("the URL \(path) is already used by \(previous)", at: location))
            return false
        }
        self[path] = owner
        return true
    }
}
