/// A file of the built site: its path inside the output folder and its bytes.
public struct RenderedFile: Sendable, Equatable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// The render stage: turns the linked `Site` into the HTML files of every page kind.
public struct PageRenderer: Sendable {
    let site: Site
    let templates: TemplateSet
    let layout: LayoutView

    public init(site: Site, templates: TemplateSet, buildYear: Int) {
        self.site = site
        self.templates = templates
        layout = LayoutView(site: site, buildYear: buildYear)
    }

    private var base: BaseURL { site.config.baseURL }

    /// Every page of the site. Articles are rendered in the order given, so callers may split
    /// the work (see `renderArticles(_:)`).
    public func renderAllPages() -> [RenderedFile] {
        var files = renderArticles(site.articles.indices)
        files.append(renderHome())
        for category in site.config.categories { files.append(contentsOf: renderCategory(category)) }
        for page in site.pages { files.append(renderStandalonePage(page)) }
        files.append(renderNotFound())
        return files
    }

    public func renderArticles(_ indices: Range<Int>) -> [RenderedFile] {
        indices.map(renderArticle)
    }

    public func renderArticle(_ index: Int) -> RenderedFile {
        let article = site.articles[index]
        let view = ArticlePageView(
            layout: layout,
            head: PageHead(
                title: article.title + " - " + site.config.title, description: article.displaySummary,
                canonicalURL: base.absoluteURL(article.path)),
            article: ArticleSummaryView(article, base: base),
            summary: article.summary,
            imageCaption: article.imageCaption,
            body: article.bodyHTML,
            authors: article.authors.isEmpty ? nil : article.authors.joined(separator: ", "),
            issue: article.issue.flatMap(site.issue).map { IssueCardView($0, base: base) },
            tags: article.tags,
            related: site.sameCategoryArticles(before: index).map { ArticleSummaryView(site.articles[$0], base: base) })
        return RenderedFile(path: article.path.outputFile, contents: templates.render(view, template: "article"))
    }

    public func renderHome() -> RenderedFile {
        let latest = site.articles.prefix(9).map { ArticleSummaryView($0, base: base) }
        let blocks: [CategoryBlockView] = site.config.categories.compactMap { category in
            let indices = site.articlesByCategory[category.slug] ?? []
            guard let firstIndex = indices.first else { return nil }
            return CategoryBlockView(
                name: category.name, url: base.href(category.path),
                first: ArticleSummaryView(site.articles[firstIndex], base: base),
                more: indices.dropFirst().prefix(3).map { ArticleSummaryView(site.articles[$0], base: base) })
        }
        let view = HomePageView(
            layout: layout,
            head: PageHead(title: site.config.title, description: site.config.tagline, canonicalURL: base.absolute),
            lead: latest.first, latest: Array(latest.dropFirst()), categoryBlocks: blocks)
        return RenderedFile(path: SitePath.home.outputFile, contents: templates.render(view, template: "home"))
    }

    /// All pages of a category's list: `/{slug}/`, `/{slug}/trang/2/`, … (one page when empty).
    public func renderCategory(_ category: Category) -> [RenderedFile] {
        let indices = site.articlesByCategory[category.slug] ?? []
        let pageSize = site.config.pageSize
        let pageCount = max(1, (indices.count + pageSize - 1) / pageSize)
        return (1...pageCount).map { page in
            let slice = indices.dropFirst((page - 1) * pageSize).prefix(pageSize)
            let pagination =
                pageCount > 1
                ? PaginationView(
                    pages: (1...pageCount).map {
                        PageLinkView(number: $0, url: base.href(category.pagePath($0)), isCurrent: $0 == page)
                    },
                    previousURL: page > 1 ? base.href(category.pagePath(page - 1)) : nil,
                    nextURL: page < pageCount ? base.href(category.pagePath(page + 1)) : nil,
                    current: page, total: pageCount)
                : nil
            let title = page > 1 ? "\(category.name) - Trang \(page)" : category.name
            let view = CategoryPageView(
                layout: layout,
                head: PageHead(
                    title: title + " - " + site.config.title, description: category.description,
                    canonicalURL: base.absoluteURL(category.pagePath(page))),
                name: category.name, description: category.description,
                articles: slice.map { ArticleSummaryView(site.articles[$0], base: base) },
                pagination: pagination)
            return RenderedFile(path: category.pagePath(page).outputFile, contents: templates.render(view, template: "category"))
        }
    }

    public func renderStandalonePage(_ page: StandalonePage) -> RenderedFile {
        let view = StandalonePageView(
            layout: layout,
            head: PageHead(
                title: page.title + " - " + site.config.title, description: page.summary,
                canonicalURL: base.absoluteURL(page.path)),
            title: page.title, body: page.bodyHTML)
        return RenderedFile(path: page.path.outputFile, contents: templates.render(view, template: "page"))
    }

    public func renderNotFound() -> RenderedFile {
        let path = SitePath(relative: "404.html")
        let view = StandalonePageView(
            layout: layout,
            head: PageHead(
                title: "Không tìm thấy trang - " + site.config.title, description: nil,
                canonicalURL: base.absoluteURL(path)),
            title: "Không tìm thấy trang", body: "")
        return RenderedFile(path: path.outputFile, contents: templates.render(view, template: "404"))
    }
}
