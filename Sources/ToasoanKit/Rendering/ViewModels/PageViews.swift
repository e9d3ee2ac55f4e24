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

    func child(named name: String) -> Any? {
        switch name {
        case "pageTitle": title
        case "pageDescription": description
        case "canonicalURL": canonicalURL
        case "openGraphType": openGraphType
        case "openGraphImage": openGraphImage
        case "publishedTime": publishedTime
        case "alternateFeedURL": alternateFeedURL
        default: nil
        }
    }
}

/// A video to embed on an article page.
struct VideoView: MustacheParent, Sendable {
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

    func child(named name: String) -> Any? {
        switch name {
        case "youtubeEmbedURL": youtubeEmbedURL
        case "videoFileURL": fileURL
        default: nil
        }
    }
}

/// `article.mustache`
struct ArticlePageView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    let article: ArticleSummaryView
    let summary: String?
    let imageCaption: String?
    /// Filled only when the page is rendered (see `PageRenderer.renderArticle`).
    var body: String
    /// Stands for the body in the fingerprint: the body is not read for a page kept as it is.
    let bodyHash: UInt64
    let authorLinks: [LinkView]
    let tagLinks: [LinkView]
    let issue: IssueCardView?
    let video: VideoView?
    let related: [ArticleSummaryView]
    let relatedByTags: [ArticleSummaryView]

    func child(named name: String) -> Any? {
        switch name {
        case "article": article
        case "articleLead": summary
        case "articleCoverURL": article.imageURL
        case "articleCoverAlt": imageCaption ?? article.title
        case "imageCaption": imageCaption
        case "body": body
        case "articleAuthors": authorLinks
        case "hasArticleAuthors": !authorLinks.isEmpty
        case "articleTags": tagLinks
        case "hasArticleTags": !tagLinks.isEmpty
        case "articleIssue": issue
        case "articleVideo": video
        case "related": related
        case "hasRelated": !related.isEmpty
        case "relatedByTags": relatedByTags
        case "hasRelatedByTags": !relatedByTags.isEmpty
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}

/// `list.mustache`: one page of a category's, an author's or a tag's list.
struct ListPageView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    /// "Chuyên mục", "Tác giả", "Chủ đề"
    let kind: String
    let name: String
    let description: String?
    let articles: [ArticleSummaryView]
    let pagination: PaginationView?
    let feedURL: String?

    func child(named name: String) -> Any? {
        switch name {
        case "listKind": kind
        case "listName": self.name
        case "listDescription": description
        case "articles": articles
        case "hasArticles": !articles.isEmpty
        case "pagination": pagination
        case "listFeedURL": feedURL
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}

/// Links between the pages of a paginated list.
struct PaginationView: MustacheParent, Sendable {
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

    func child(named name: String) -> Any? {
        switch name {
        case "pages": pages
        case "previousURL": previousURL
        case "nextURL": nextURL
        default: nil
        }
    }
}

struct PageLinkView: MustacheParent, Sendable {
    let number: Int
    let url: String
    let isCurrent: Bool
    /// Stands for the pages left out between two shown ones (`…`).
    var isGap = false

    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "url": url
        case "isCurrent": isCurrent
        case "isGap": isGap
        default: nil
        }
    }
}

/// `terms.mustache`: every author or every tag, in Vietnamese order.
struct TermIndexView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    let kind: String
    let terms: [LinkView]

    func child(named name: String) -> Any? {
        switch name {
        case "listKind": kind
        case "terms": terms
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}

/// `home.mustache`
struct HomePageView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    let lead: ArticleSummaryView?
    let latest: [ArticleSummaryView]
    let categoryBlocks: [CategoryBlockView]

    func child(named name: String) -> Any? {
        switch name {
        case "lead": lead
        case "latest": latest
        case "hasLatest": !latest.isEmpty
        case "categoryBlocks": categoryBlocks
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}

/// A category's newest articles on the home page.
struct CategoryBlockView: MustacheParent, Sendable {
    let name: String
    let url: String
    let first: ArticleSummaryView
    let more: [ArticleSummaryView]

    func child(named name: String) -> Any? {
        switch name {
        case "blockName": self.name
        case "blockURL": url
        case "first": first
        case "more": more
        case "hasMore": !more.isEmpty
        default: nil
        }
    }
}

/// `issue.mustache`: one print issue with its table of contents.
struct IssuePageView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    let issue: IssueCardView
    let sections: [IssueSectionView]

    func child(named name: String) -> Any? {
        switch name {
        case "issue": issue
        case "sections": sections
        case "hasSections": !sections.isEmpty
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}

/// A category's articles inside one print issue.
struct IssueSectionView: MustacheParent, Sendable {
    let name: String
    let url: String
    let articles: [ArticleSummaryView]

    func child(named name: String) -> Any? {
        switch name {
        case "sectionName": self.name
        case "sectionURL": url
        case "sectionArticles": articles
        default: nil
        }
    }
}

/// `archive.mustache`: "Tra cứu tạp chí in", issues by year, and those before 2010 apart.
struct ArchivePageView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    let recentYears: [IssueYearView]
    let earlyYears: [IssueYearView]

    func child(named name: String) -> Any? {
        switch name {
        case "recentYears": recentYears
        case "earlyYears": earlyYears
        case "hasEarlyYears": !earlyYears.isEmpty
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}

struct IssueYearView: MustacheParent, Sendable {
    let year: Int
    let issues: [IssueCardView]

    func child(named name: String) -> Any? {
        switch name {
        case "yearNumber": year
        case "yearIssues": issues
        default: nil
        }
    }
}

/// `page.mustache` (a standalone page), `search.mustache` and `404.mustache`.
struct StandalonePageView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    let title: String
    let body: String
    var searchIndexURL: String? = nil

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "body": body
        case "searchIndexURL": searchIndexURL
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}
