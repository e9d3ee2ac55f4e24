import Mustache

// Page view models. Their own keys never repeat the keys of the item views they list
// (`ArticleSummaryView`, `IssueCardView`, `LinkView`): Mustache looks a missing key up the
// context stack, so a related article without authors must not find the page's own.

/// Head fields every page has: `<title>`, description, canonical address, Open Graph.
struct PageHead: Sendable {
    let title: String
    /// At most 300 characters (see `prefix(scalars:)`), nil when empty.
    let description: String?
    let canonicalURL: String
    var openGraphType = "website"
    var openGraphImage: String? = nil
    var publishedTime: String? = nil
    var alternateFeedURL: String? = nil

    init(title: String, description: String?, canonicalURL: String) {
        self.title = title
        self.description = description.flatMap { $0.isEmpty ? nil : String($0.prefix(scalars: 300)) }
        self.canonicalURL = canonicalURL
    }

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .pageTitle: .text(title)
        case .pageDescription: .text(ifAny: description)
        case .canonicalURL: .text(canonicalURL)
        case .openGraphType: .text(openGraphType)
        case .openGraphImage: .text(ifAny: openGraphImage)
        case .publishedTime: .text(ifAny: publishedTime)
        case .alternateFeedURL: .text(ifAny: alternateFeedURL)
        default: nil
        }
    }
}

/// A video to embed on an article page.
struct VideoView: TemplateView, Sendable {
    let youtubeEmbedURL: String?
    let fileURL: String?

    init(_ video: Video, base: BaseURL) {
        switch video {
        case .youtube(let id):
            youtubeEmbedURL = "https://www.youtube-nocookie.com/embed/\(id)"
            fileURL = nil
        case .file(let path):
            youtubeEmbedURL = nil
            fileURL = base.href(rootRelative: path)
        }
    }

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .youtubeEmbedURL: .text(ifAny: youtubeEmbedURL)
        case .videoFileURL: .text(ifAny: fileURL)
        default: nil
        }
    }
}

/// `article.mustache`
struct ArticlePageView: TemplateView, Sendable {
    let layout: LayoutView
    let head: PageHead
    let article: ArticleSummaryView
    let summary: String?
    let imageCaption: String?
    /// As UTF-8.
    let body: [UInt8]
    let authorLinks: [LinkView]
    let tagLinks: [LinkView]
    let issue: IssueCardView?
    let video: VideoView?
    let related: [ArticleSummaryView]
    let relatedByTags: [ArticleSummaryView]

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .article: .view(article)
        case .articleLead: .text(ifAny: summary)
        case .articleCoverURL: .text(ifAny: article.imageURL)
        case .articleCoverAlt: .text(imageCaption ?? article.title)
        case .imageCaption: .text(ifAny: imageCaption)
        case .body: .utf8(body)
        case .articleAuthors: .list(authorLinks)
        case .hasArticleAuthors: .flag(!authorLinks.isEmpty)
        case .articleTags: .list(tagLinks)
        case .hasArticleTags: .flag(!tagLinks.isEmpty)
        case .articleIssue: .view(ifAny: issue)
        case .articleVideo: .view(ifAny: video)
        case .related: .list(related)
        case .hasRelated: .flag(!related.isEmpty)
        case .relatedByTags: .list(relatedByTags)
        case .hasRelatedByTags: .flag(!relatedByTags.isEmpty)
        default: head.value(for: key) ?? layout.value(for: key)
        }
    }

    func value(named name: String) -> TemplateValue? { layout.value(named: name) }
}

/// `list.mustache`: one page of a category's, an author's or a tag's list.
struct ListPageView: TemplateView, Sendable {
    let layout: LayoutView
    let head: PageHead
    /// "Chuyên mục", "Tác giả", "Chủ đề"
    let kind: String
    let name: String
    let description: String?
    let articles: [ArticleSummaryView]
    let pagination: PaginationView?
    let feedURL: String?

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .listKind: .text(kind)
        case .listName: .text(self.name)
        case .listDescription: .text(ifAny: description)
        case .articles: .list(articles)
        case .hasArticles: .flag(!articles.isEmpty)
        case .pagination: .view(ifAny: pagination)
        case .listFeedURL: .text(ifAny: feedURL)
        default: head.value(for: key) ?? layout.value(for: key)
        }
    }

    func value(named name: String) -> TemplateValue? { layout.value(named: name) }
}

/// Links between the pages of a paginated list.
struct PaginationView: TemplateView, Sendable {
    /// The page numbers to link: the first, the last, and two on each side of the current
    /// one, with 0 for each gap (`1 … 7 8 9 10 11 … 90`). A list of every page would make a
    /// long list's pages grow with the square of its length.
    static func window(current: Int, count: Int) -> [Int] {
        let shown = Set([1, count] + Array(max(1, current - 2)...min(count, current + 2)))
        var numbers: [Int] = []
        for number in shown.sorted() {
            if let last = numbers.last, number > last + 1 { numbers.append(0) }
            numbers.append(number)
        }
        return numbers
    }

    let pages: [PageLinkView]
    let previousURL: String?
    let nextURL: String?

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .pages: .list(pages)
        case .previousURL: .text(ifAny: previousURL)
        case .nextURL: .text(ifAny: nextURL)
        default: nil
        }
    }
}

struct PageLinkView: TemplateView, Sendable {
    let number: Int
    let url: String
    let isCurrent: Bool
    /// Stands for the pages left out between two shown ones (`…`).
    var isGap = false

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .number: .number(number)
        case .url: .text(url)
        case .isCurrent: .flag(isCurrent)
        case .isGap: .flag(isGap)
        default: nil
        }
    }
}

/// `terms.mustache`: every author or every tag, in Vietnamese order.
struct TermIndexView: TemplateView, Sendable {
    let layout: LayoutView
    let head: PageHead
    let kind: String
    let terms: [LinkView]

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .listKind: .text(kind)
        case .terms: .list(terms)
        default: head.value(for: key) ?? layout.value(for: key)
        }
    }

    func value(named name: String) -> TemplateValue? { layout.value(named: name) }
}

/// `home.mustache`
struct HomePageView: TemplateView, Sendable {
    let layout: LayoutView
    let head: PageHead
    let lead: ArticleSummaryView?
    let latest: [ArticleSummaryView]
    let categoryBlocks: [CategoryBlockView]

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .lead: .view(ifAny: lead)
        case .latest: .list(latest)
        case .hasLatest: .flag(!latest.isEmpty)
        case .categoryBlocks: .list(categoryBlocks)
        default: head.value(for: key) ?? layout.value(for: key)
        }
    }

    func value(named name: String) -> TemplateValue? { layout.value(named: name) }
}

/// A category's newest articles on the home page.
struct CategoryBlockView: TemplateView, Sendable {
    let name: String
    let url: String
    let first: ArticleSummaryView
    let more: [ArticleSummaryView]

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .blockName: .text(self.name)
        case .blockURL: .text(url)
        case .first: .view(first)
        case .more: .list(more)
        case .hasMore: .flag(!more.isEmpty)
        default: nil
        }
    }
}

/// `issue.mustache`: one print issue with its table of contents.
struct IssuePageView: TemplateView, Sendable {
    let layout: LayoutView
    let head: PageHead
    let issue: IssueCardView
    let sections: [IssueSectionView]

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .issue: .view(issue)
        case .sections: .list(sections)
        case .hasSections: .flag(!sections.isEmpty)
        default: head.value(for: key) ?? layout.value(for: key)
        }
    }

    func value(named name: String) -> TemplateValue? { layout.value(named: name) }
}

/// A category's articles inside one print issue.
struct IssueSectionView: TemplateView, Sendable {
    let name: String
    let url: String
    let articles: [ArticleSummaryView]

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .sectionName: .text(self.name)
        case .sectionURL: .text(url)
        case .sectionArticles: .list(articles)
        default: nil
        }
    }
}

/// `archive.mustache`: "Tra cứu tạp chí in", issues by year, and those before 2010 apart.
struct ArchivePageView: TemplateView, Sendable {
    let layout: LayoutView
    let head: PageHead
    let recentYears: [IssueYearView]
    let earlyYears: [IssueYearView]

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .recentYears: .list(recentYears)
        case .earlyYears: .list(earlyYears)
        case .hasEarlyYears: .flag(!earlyYears.isEmpty)
        default: head.value(for: key) ?? layout.value(for: key)
        }
    }

    func value(named name: String) -> TemplateValue? { layout.value(named: name) }
}

struct IssueYearView: TemplateView, Sendable {
    let year: Int
    let issues: [IssueCardView]

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .yearNumber: .number(year)
        case .yearIssues: .list(issues)
        default: nil
        }
    }
}

/// `page.mustache` (a standalone page), `search.mustache` and `404.mustache`.
struct StandalonePageView: TemplateView, Sendable {
    let layout: LayoutView
    let head: PageHead
    let title: String
    let body: String
    var searchIndexURL: String? = nil

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .title: .text(title)
        case .body: .text(body)
        case .searchIndexURL: .text(ifAny: searchIndexURL)
        default: head.value(for: key) ?? layout.value(for: key)
        }
    }

    func value(named name: String) -> TemplateValue? { layout.value(named: name) }
}
