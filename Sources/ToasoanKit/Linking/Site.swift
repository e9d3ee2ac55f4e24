/// The whole site after linking: what the render stage turns into pages.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Published articles, newest first (ties broken by URL, so the order is stable).
    public var articles: [Article]
    /// Print issues, newest first.
    public var issues: [PrintIssue]
    public var pages: [StandalonePage]
    public var staticFiles: [StaticFile]

    /// Indexes into `articles`, newest first, per category slug.
    public let articlesByCategory: [String: [Int]]

    public init(
        config: SiteConfig, articles: [Article], issues: [PrintIssue], pages: [StandalonePage],
        staticFiles: [StaticFile]
    ) {
        self.config = config
        self.articles = articles.sorted {
            ($0.date, $1.path.relative) > ($1.date, $0.path.relative)
        }
        self.issues = issues.sorted { ($0.date, $0.key) > ($1.date, $1.key) }
        self.pages = pages.sorted { $0.slug < $1.slug }
        self.staticFiles = staticFiles
        var byCategory: [String: [Int]] = [:]
        for (index, article) in self.articles.enumerated() {
            byCategory[article.category.slug, default: []].append(index)
        }
        articlesByCategory = byCategory
    }

    public var latestIssue: PrintIssue? { issues.first }

    public func issue(_ key: IssueKey) -> PrintIssue? { issues.first { $0.key == key } }

    /// "Bài cùng chuyên mục": the `relatedCount` articles of the same category published just
    /// before `index`, nearest first, topped up with the nearest later ones. Publishing a new
    /// article therefore leaves the lists of older pages as they were.
    public func sameCategoryArticles(before index: Int) -> [Int] {
        let article = articles[index]
        guard let siblings = articlesByCategory[article.category.slug],
            let position = siblings.firstIndex(of: index)
        else { return [] }
        let count = config.relatedCount
        let older = siblings[(position + 1)...].prefix(count)
        var result = Array(older)
        if result.count < count {
            let newer = siblings[..<position].reversed().prefix(count - result.count)
            result.append(contentsOf: newer)
        }
        return result
    }
}
