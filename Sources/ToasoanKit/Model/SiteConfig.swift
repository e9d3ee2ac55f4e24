/// `Content/site.yml`: the journal's name and address, its categories in menu order, menus.
public struct SiteConfig: Sendable {
    public var title: String
    /// A line under the masthead (`tagline:`), optional.
    public var tagline: String?
    public var baseURL: BaseURL
    public var language: String
    public var pageSize: Int
    /// How many articles "Bài cùng chuyên mục" lists.
    public var relatedCount: Int
    public var categories: [Category]
    public var menus: [String: [MenuItem]]
    /// Lets raw HTML in Markdown through (a trusted newsroom); off by default.
    public var allowRawHTML: Bool

    public init(
        title: String, tagline: String? = nil, baseURL: BaseURL, language: String = "vi", pageSize: Int = 20,
        relatedCount: Int = 6, categories: [Category], menus: [String: [MenuItem]] = [:], allowRawHTML: Bool = false
    ) {
        self.title = title
        self.tagline = tagline
        self.baseURL = baseURL
        self.language = language
        self.pageSize = pageSize
        self.relatedCount = relatedCount
        self.categories = categories
        self.menus = menus
        self.allowRawHTML = allowRawHTML
    }
}

/// A section of the journal (`Thời sự - Chính trị`), with its own paginated pages.
public struct Category: Sendable, Hashable {
    public var name: String
    public var slug: String
    public var description: String?

    public init(name: String, slug: String, description: String? = nil) {
        self.name = name
        self.slug = slug
        self.description = description
    }

    public var path: SitePath { .folder(slug) }

    /// Page `n` (1-based) of the category's list: `/{slug}/`, `/{slug}/trang/2/`.
    public func pagePath(_ page: Int) -> SitePath {
        page <= 1 ? path : .folder(slug, "trang", String(page))
    }
}

/// An entry of a menu in `site.yml`: a title and a root-relative or absolute URL.
public struct MenuItem: Sendable, Hashable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}
