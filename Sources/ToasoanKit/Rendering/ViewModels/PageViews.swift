import Mustache

/// Head fields every page has: `<title>`, description, canonical address.
struct PageHead: Sendable {
    let title: String
    let description: String?
    let canonicalURL: String

    func child(named name: String) -> Any? {
        switch name {
        case "pageTitle": title
        case "pageDescription": description.flatMap { $0.isEmpty ? nil : String($0.prefix(300)) }
        case "canonicalURL": canonicalURL
        default: nil
        }
    }
}

/// `article.mustache`. Its keys differ from those of `ArticleSummaryView`, so a related
/// article without (say) authors never shows the page's own through Mustache's context stack.
struct ArticlePageView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    let article: ArticleSummaryView
    let summary: String?
    let imageCaption: String?
    let body: String
    let authors: String?
    let issue: IssueCardView?
    let tags: [String]
    let related: [ArticleSummaryView]

    func child(named name: String) -> Any? {
        switch name {
        case "article": article
        case "articleLead": summary
        case "imageCaption": imageCaption
        case "body": body
        case "articleAuthors": authors
        case "articleIssue": issue
        case "articleTags": tags.isEmpty ? nil : tags
        case "related": related
        case "hasRelated": !related.isEmpty
        case "coverURL": article.imageURL
        case "coverAlt": imageCaption ?? article.title
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}

/// `category.mustache`: one page of a category's list.
struct CategoryPageView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    let name: String
    let description: String?
    let articles: [ArticleSummaryView]
    let pagination: PaginationView?

    func child(named name: String) -> Any? {
        switch name {
        case "categoryName": self.name
        case "categoryDescription": description
        case "articles": articles
        case "hasArticles": !articles.isEmpty
        case "pagination": pagination
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}

/// Links between the pages of a paginated list.
struct PaginationView: MustacheParent, Sendable {
    let pages: [PageLinkView]
    let previousURL: String?
    let nextURL: String?
    let current: Int
    let total: Int

    func child(named name: String) -> Any? {
        switch name {
        case "pages": pages
        case "previousURL": previousURL
        case "nextURL": nextURL
        case "current": current
        case "total": total
        default: nil
        }
    }
}

struct PageLinkView: MustacheParent, Sendable {
    let number: Int
    let url: String
    let isCurrent: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "url": url
        case "isCurrent": isCurrent
        default: nil
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
        case "name": self.name
        case "url": url
        case "first": first
        case "more": more
        case "hasMore": !more.isEmpty
        default: nil
        }
    }
}

/// `page.mustache` (a standalone page) and `404.mustache`.
struct StandalonePageView: MustacheParent, Sendable {
    let layout: LayoutView
    let head: PageHead
    let title: String
    let body: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "body": body
        default: head.child(named: name) ?? layout.child(named: name)
        }
    }
}
