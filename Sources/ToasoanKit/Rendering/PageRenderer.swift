import Mustache

/// A file of the built site: its path inside the output folder and its bytes.
public struct RenderedFile: Sendable {
    public var path: String
    /// The bytes (UTF-8 text); empty when `isReused`, or when `deferred` makes them.
    public var contents: [UInt8]
    /// Makes the bytes when they are written, so a build never holds every page at once.
    var deferred: (@Sendable () -> [UInt8])?
    /// Listed in `sitemap.xml`, with this last change (nil: listed without a date).
    public var sitemap: SitemapEntry?
    /// What the page was rendered from (see `StableHasher`); nil for files always written.
    var fingerprint: UInt64?
    /// Not rendered: the last build's file has the same fingerprint and is kept.
    var isReused = false
    /// The fingerprint is the one the last build recorded, not made again.
    var fingerprintIsRecorded = false

    /// The bytes, made now if they were deferred.
    public func resolvedContents() -> [UInt8] {
        deferred?() ?? contents
    }

    /// The bytes as text.
    public func resolvedText() -> String {
        String(decoding: resolvedContents(), as: UTF8.self)
    }

    public enum SitemapEntry: Sendable, Equatable {
        case listed(lastModified: JournalDate?)
    }

    public init(path: String, contents: String, sitemap: SitemapEntry? = nil) {
        self.init(path: path, utf8: Array(contents.utf8), sitemap: sitemap)
    }

    init(path: String, utf8 contents: [UInt8], sitemap: SitemapEntry? = nil) {
        self.path = path
        self.contents = contents
        self.sitemap = sitemap
    }

    init(path: String, contents: String, sitemap: SitemapEntry?, fingerprint: UInt64?, isReused: Bool = false) {
        self.init(path: path, contents: contents, sitemap: sitemap)
        self.fingerprint = fingerprint
        self.isReused = isReused
    }

    /// A file made by `render` when it is written, or, when the last build made the file at
    /// `path` from the same `fingerprint` (found in `reusable`), kept as it is.
    init(
        path: String, fingerprint: UInt64, reusable: [String: UInt64], sitemap: SitemapEntry? = nil,
        render: @escaping @Sendable () -> [UInt8]
    ) {
        self.init(path: path, contents: "", sitemap: sitemap, fingerprint: fingerprint)
        if reusable[path] == fingerprint {
            isReused = true
        } else {
            deferred = render
        }
    }
}

/// The render stage for HTML pages: turns the linked `Site` into the pages of every kind,
/// each through its template and a view model made for it.
///
/// A class: each page's deferred rendering holds the renderer, which is then one reference
/// and not a copy of the site, the templates and the views.
public final class PageRenderer: Sendable {
    let site: Site
    let templates: TemplateSet
    let layout: LayoutView
    /// Fingerprints of the pages the last build left in the output folder, by output path.
    let reusable: [String: UInt64]
    /// Templates and site-wide values, folded into every page's fingerprint.
    let sharedFingerprint: UInt64
    /// Every article as lists show it, made once: an article appears in many lists.
    let summaryViews: ArticleSummaries
    /// Every print issue as article pages show it, made once, and its fingerprint.
    let issueCards: [IssueKey: (view: IssueCardView, fingerprint: UInt64)]
    /// This build's `ArticlePageContext` digest (0 for a preview), and the last build's
    /// record of its pages: an article page's fingerprint is taken from it when both
    /// builds have the same context.
    let articleContext: UInt64
    let earlier: EarlierArticlePages?

    /// A renderer for a few pages (a preview): what every page's fingerprint takes is not made at once.
    public convenience init(site: Site, templates: TemplateSet, buildYear: Int) {
        self.init(site: site, templates: templates, buildYear: buildYear, reusable: [:], forWholeSite: false)
    }

    init(
        site: Site, templates: TemplateSet, buildYear: Int, reusable: [String: UInt64], earlier: EarlierArticlePages? = nil,
        forWholeSite: Bool = true
    ) {
        self.site = site
        var layout = LayoutView(site: site, buildYear: buildYear)
        let (fastTemplates, prerenderedSite, items) = templates.prerenderingPartials(siteView: layout)
        layout.prerendered = prerenderedSite
        self.layout = layout
        self.templates = fastTemplates
        self.reusable = reusable
        summaryViews = ArticleSummaries(
            site.articles, base: site.config.baseURL, items: items, fingerprintsAtOnce: forWholeSite)
        issueCards = Dictionary(
            site.issues.map { issue in
                let card = IssueCardView(issue, base: site.config.baseURL)
                var hasher = StableHasher()
                card.fingerprint(into: &hasher)
                return (issue.key, (card, hasher.value))
            }, uniquingKeysWith: { first, _ in first })
        var hasher = StableHasher(seed: templates.sourceHash)
        layout.fingerprint(into: &hasher)
        hasher.combine(site.config.allowRawHTML)  // bodies are fingerprinted by their Markdown
        hasher.combine(site.config.baseURL.absolute)  // the layout's links are only its path
        sharedFingerprint = hasher.value
        articleContext =
            forWholeSite
            ? ArticlePageContext.digest(
                of: site, sharedFingerprint: sharedFingerprint, summaries: summaryViews, issueCards: issueCards) : 0
        self.earlier = earlier
    }

    /// Renders `view` with `template` into `path`, unless the last build's page there was
    /// made from the same fingerprint: then it is kept as it is.
    private func page<View: Fingerprinted & TemplateView & Sendable>(
        _ path: SitePath, _ template: String, _ view: View, sitemap: RenderedFile.SitemapEntry? = nil
    ) -> RenderedFile {
        page(path, template, sitemap: sitemap, fingerprint: view.fingerprint(into:)) { view }
    }

    /// The same, for a page whose fingerprint is taken from what its view is made of
    /// (`fingerprint`), and whose view is made only when the page is rendered (`makeView`).
    private func page<View: TemplateView & SendableMetatype>(
        _ path: SitePath, _ template: String, sitemap: RenderedFile.SitemapEntry? = nil,
        fingerprint: (inout StableHasher) -> Void, makeView: @escaping @Sendable () -> View
    ) -> RenderedFile {
        var hasher = StableHasher(seed: sharedFingerprint)
        hasher.combine(template)
        fingerprint(&hasher)
        return page(path, template, sitemap: sitemap, fingerprint: hasher.value, makeView: makeView)
    }

    /// The same, for a page whose whole fingerprint is known (one the last build recorded).
    private func page<View: TemplateView & SendableMetatype>(
        _ path: SitePath, _ template: String, sitemap: RenderedFile.SitemapEntry?, fingerprint: UInt64,
        makeView: @escaping @Sendable () -> View
    ) -> RenderedFile {
        let templates = self.templates
        return RenderedFile(path: path.outputFile, fingerprint: fingerprint, reusable: reusable, sitemap: sitemap) {
            templates.render(makeView(), template: template, capacity: Self.pageCapacity)
        }
    }

    private var base: BaseURL { site.config.baseURL }

    /// Room made at once for a page's bytes: the journal's pages weigh 10-30 KB.
    static let pageCapacity = 32 * 1024

    /// One unit of list-page work, so the pages can be shared among workers.
    public enum ListJob: Sendable {
        case fixedPages
        case category(Category)
        /// The page listing every term, in order.
        case termIndex(TaxonomyKind, [Term])
        case term(Term, TaxonomyKind)
        case issue(PrintIssue)
        case page(StandalonePage)
    }

    /// Every page other than the articles, as jobs for `render(_:)`.
    public var listJobs: [ListJob] {
        var jobs: [ListJob] = [.fixedPages]
        jobs += site.config.categories.map { .category($0) }
        for kind in TaxonomyKind.allCases {
            let terms = site.terms(kind)
            jobs.append(.termIndex(kind, terms))
            jobs += terms.map { .term($0, kind) }
        }
        jobs += site.issues.map { .issue($0) }
        jobs += site.pages.map { .page($0) }
        return jobs
    }

    public func render(_ job: ListJob) -> [RenderedFile] {
        switch job {
        case .fixedPages: [renderHome(), renderIssueArchive(), renderSearchPage(), renderNotFound()]
        case .category(let category): renderCategory(category)
        case .termIndex(let kind, let terms): [renderTermIndex(kind, terms: terms)]
        case .term(let term, let kind): renderTerm(term, kind: kind)
        case .issue(let issue): [renderIssue(issue)]
        case .page(let page): [renderStandalonePage(page)]
        }
    }

    private func summaries(_ indices: some Sequence<Int>) -> [ArticleSummaryView] {
        indices.map { summaryViews[$0] }
    }

    private func head(_ title: String, _ path: SitePath, description: String? = nil) -> PageHead {
        PageHead(
            title: title + " - " + site.config.title, description: description, canonicalURL: base.absoluteURL(path))
    }

    // MARK: - Articles

    /// An article's page. Its fingerprint is taken from what its view is made of (the
    /// article, the summaries it lists, its issue, its authors' and tags' paths), without
    /// making the view: this runs for every article on every build, the view only for a
    /// page rendered. A field a template can see must be folded in here, as in
    /// `ArticleSummaryView.fingerprint(of:)`; the incremental-equality tests catch one left out.
    public func renderArticle(_ index: Int) -> RenderedFile {
        let article = site.articles[index]
        let sitemap = RenderedFile.SitemapEntry.listed(lastModified: article.date)
        if let earlier, earlier.context == articleContext,
            let fingerprint = earlier.fingerprint(at: article.path.outputFile, sourceFile: article.sourceFile)
        {
            var file = page(article.path, "article", sitemap: sitemap, fingerprint: fingerprint) { [self] in
                articleView(index, ArticlePageParts(of: index, in: site, issueCards: issueCards))
            }
            file.fingerprintIsRecorded = true
            return file
        }
        let parts = ArticlePageParts(of: index, in: site, issueCards: issueCards)
        let summaryViews = self.summaryViews
        return page(article.path, "article", sitemap: sitemap) { hasher in
            hasher.combine(summaryViews.fingerprint(index))  // title, URL, date, summary, image, category, authors
            hasher.combine(article.summary)
            hasher.combine(article.imageCaption)
            hasher.combine(article.bodyHash)
            hasher.combine(article.tags)
            hasher.combine((parts.authorPaths + parts.tagPaths).map(\.relative))
            hasher.combine(parts.issueCard?.fingerprint)
            article.video.combine(into: &hasher)
            for list in [parts.related, parts.relatedByTags] {
                hasher.combine(list.count)
                for other in list { hasher.combine(summaryViews.fingerprint(other)) }
            }
        } makeView: { [self] in
            articleView(index, parts)
        }
    }

    /// What an article's page shows besides the article: made for its fingerprint, or, when
    /// that was taken from the last build, only for the page rendered.
    private struct ArticlePageParts: Sendable {
        var related: [Int]
        var relatedByTags: [Int]
        var authorPaths: [SitePath]
        var tagPaths: [SitePath]
        var issueCard: (view: IssueCardView, fingerprint: UInt64)?

        init(of index: Int, in site: Site, issueCards: [IssueKey: (view: IssueCardView, fingerprint: UInt64)]) {
            related = site.sameCategoryArticles(before: index)
            relatedByTags = site.relatedByTags(of: index, excluding: related)
            authorPaths = site.termPaths(of: index, .author)
            tagPaths = site.termPaths(of: index, .tag)
            issueCard = site.articles[index].issue.flatMap { issueCards[$0] }
        }
    }

    private func articleView(_ index: Int, _ parts: ArticlePageParts) -> ArticlePageView {
        let article = site.articles[index]
        var head = PageHead(
            title: article.title + " - " + site.config.title, description: article.displaySummary,
            canonicalURL: base.absoluteURL(article.path))
        head.openGraphType = "article"
        head.openGraphImage = article.image.map { $0.hasPrefix("/") ? base.absolute + $0.dropFirst() : $0 }
        head.publishedTime = article.date.rfc3339
        return ArticlePageView(
            layout: layout, head: head,
            article: summaryViews[index],
            summary: article.summary,
            imageCaption: article.imageCaption,
            body: site.bodyHTML(of: article),
            authorLinks: zip(article.authors, parts.authorPaths).map { LinkView(title: $0, url: base.href($1)) },
            tagLinks: zip(article.tags, parts.tagPaths).map { LinkView(title: $0, url: base.href($1)) },
            issue: parts.issueCard?.view,
            video: article.video.map { VideoView($0, base: base) },
            related: parts.related.map { summaryViews[$0] },
            relatedByTags: parts.relatedByTags.map { summaryViews[$0] })
    }

    // MARK: - Lists

    public func renderHome() -> RenderedFile {
        let latest = summaries(site.articles.indices.prefix(9))
        let blocks: [CategoryBlockView] = site.config.categories.compactMap { category in
            let indices = site.articlesByCategory[category.slug] ?? []
            guard let firstIndex = indices.first else { return nil }
            return CategoryBlockView(
                name: category.name, url: base.href(category.path),
                first: summaryViews[firstIndex],
                more: summaries(indices.dropFirst().prefix(3)))
        }
        var head = PageHead(title: site.config.title, description: site.config.tagline, canonicalURL: base.absolute)
        head.openGraphImage = site.latestIssue?.cover.map { base.absolute + $0.dropFirst() }
        let view = HomePageView(
            layout: layout, head: head, lead: latest.first, latest: Array(latest.dropFirst()), categoryBlocks: blocks)
        return page(.home, "home", view, sitemap: .listed(lastModified: site.articles.first?.date))
    }

    public func renderCategory(_ category: Category) -> [RenderedFile] {
        renderList(
            kind: "Chuyên mục", name: category.name, description: category.description,
            indices: site.articlesByCategory[category.slug] ?? [], pagePath: category.pagePath,
            feed: SitePaths.feed(of: category))
    }

    public func renderTerm(_ term: Term, kind: TaxonomyKind) -> [RenderedFile] {
        renderList(
            kind: kind.title, name: term.name, description: nil, indices: term.articleIndices,
            pagePath: { kind.pagePath(of: term, page: $0) }, feed: nil)
    }

    /// All pages of a paginated list: page 1 at `pagePath(1)`, then `…/trang/N/`.
    func renderList(
        kind: String, name: String, description: String?, indices: [Int], pagePath: (Int) -> SitePath, feed: SitePath?
    ) -> [RenderedFile] {
        let pageSize = site.config.pageSize
        let pageCount = max(1, (indices.count + pageSize - 1) / pageSize)
        return (1...pageCount).map { page in
            let pagination =
                pageCount > 1
                ? PaginationView(
                    pages: PaginationView.window(current: page, count: pageCount).map {
                        $0 == 0
                            ? PageLinkView(number: 0, url: "", isCurrent: false, isGap: true)
                            : PageLinkView(number: $0, url: base.href(pagePath($0)), isCurrent: $0 == page)
                    },
                    previousURL: page > 1 ? base.href(pagePath(page - 1)) : nil,
                    nextURL: page < pageCount ? base.href(pagePath(page + 1)) : nil)
                : nil
            var pageHead = head(page > 1 ? "\(name) - Trang \(page)" : name, pagePath(page), description: description)
            pageHead.alternateFeedURL = feed.map(base.href)
            let shown = Array(indices.dropFirst((page - 1) * pageSize).prefix(pageSize))
            let feedURL = feed.map(base.href)
            // Every field of the `ListPageView` below, each summary by its article's fingerprint
            // (see `renderArticle`): the summaries' views are made only for a page rendered.
            let (layout, summaryViews, head) = (self.layout, self.summaryViews, pageHead)
            return self.page(pagePath(page), "list", sitemap: .listed(lastModified: shown.first.map { site.articles[$0].date })) {
                hasher in
                hasher.combine(head)
                hasher.combine(kind)
                hasher.combine(name)
                hasher.combine(description)
                hasher.combine(shown.count)
                for index in shown { hasher.combine(summaryViews.fingerprint(index)) }
                hasher.combine(pagination)
                hasher.combine(feedURL)
            } makeView: {
                ListPageView(
                    layout: layout, head: head, kind: kind, name: name, description: description,
                    articles: shown.map { summaryViews[$0] }, pagination: pagination, feedURL: feedURL)
            }
        }
    }

    public func renderTermIndex(_ kind: TaxonomyKind, terms: [Term]) -> RenderedFile {
        let view = TermIndexView(
            layout: layout, head: head(kind.title, kind.indexPath), kind: kind.title,
            terms: terms.map {
                LinkView(title: $0.name, url: base.href(kind.path(of: $0)), count: $0.articleIndices.count)
            })
        return page(kind.indexPath, "terms", view, sitemap: .listed(lastModified: nil))
    }

    // MARK: - Print issues

    /// An issue's page: its table of contents, by category. Fingerprinted from what its view
    /// is made of, like a list page: the summaries' views are made only for a page rendered.
    public func renderIssue(_ issue: PrintIssue) -> RenderedFile {
        let indices = site.articlesByIssue[issue.key] ?? []
        var sections: [(category: Category, indices: [Int])] = []
        for index in indices {
            let category = site.articles[index].category
            if sections.last?.category.name != category.name { sections.append((category, [])) }
            sections[sections.count - 1].indices.append(index)
        }
        var pageHead = head(
            "Tạp chí Xây dựng Đảng " + issue.name, issue.path,
            description: ([issue.label].compactMap { $0 } + ["Phát hành \(issue.date.houseStyleDay)"]).joined(separator: ". "))
        pageHead.openGraphImage = issue.cover.map { $0.hasPrefix("/") ? base.absolute + $0.dropFirst() : $0 }
        let newest = ([issue.date] + indices.map { site.articles[$0].date }).max()
        let (layout, siteBase, summaryViews, head, sectionList) = (self.layout, base, self.summaryViews, pageHead, sections)
        return page(issue.path, "issue", sitemap: .listed(lastModified: newest)) { hasher in
            hasher.combine(head)
            hasher.combine(IssueCardView(issue, base: siteBase))
            hasher.combine(sectionList.count)
            for section in sectionList {
                hasher.combine(section.category.name)
                hasher.combine(siteBase.href(section.category.path))
                hasher.combine(section.indices.count)
                for index in section.indices { hasher.combine(summaryViews.fingerprint(index)) }
            }
        } makeView: {
            IssuePageView(
                layout: layout, head: head, issue: IssueCardView(issue, base: siteBase),
                sections: sectionList.map { section in
                    IssueSectionView(
                        name: section.category.name, url: siteBase.href(section.category.path),
                        articles: section.indices.map { summaryViews[$0] })
                })
        }
    }

    /// Issues from this year on are "recent"; earlier ones sit in "Trước năm 2010".
    static let archiveSplitYear = 2010

    public func renderIssueArchive() -> RenderedFile {
        let years = site.issuesByYear.map { group in
            IssueYearView(year: group.year, issues: group.issues.map { IssueCardView($0, base: base) })
        }
        let view = ArchivePageView(
            layout: layout, head: head("Tra cứu tạp chí in", SitePaths.issueArchive),
            recentYears: years.filter { $0.year >= Self.archiveSplitYear },
            earlyYears: years.filter { $0.year < Self.archiveSplitYear })
        return page(SitePaths.issueArchive, "archive", view, sitemap: .listed(lastModified: site.latestIssue?.date))
    }

    // MARK: - Other pages

    public func renderStandalonePage(_ page: StandalonePage) -> RenderedFile {
        let view = StandalonePageView(
            layout: layout, head: head(page.title, page.path, description: page.summary), title: page.title,
            body: page.bodyHTML)
        return self.page(page.path, "page", view, sitemap: .listed(lastModified: nil))
    }

    public func renderSearchPage() -> RenderedFile {
        let view = StandalonePageView(
            layout: layout, head: head("Tìm kiếm", SitePaths.search), title: "Tìm kiếm", body: "",
            searchIndexURL: base.href(SitePaths.searchIndex))
        return page(SitePaths.search, "search", view, sitemap: .listed(lastModified: nil))
    }

    public func renderNotFound() -> RenderedFile {
        let view = StandalonePageView(
            layout: layout, head: head("Không tìm thấy trang", SitePaths.notFound), title: "Không tìm thấy trang",
            body: "")
        return page(SitePaths.notFound, "404", view)
    }
}
