import Mustache
import Synchronization

/// An article as lists show it (home, category pages, "Bài cùng chuyên mục").
///
/// Made once per article and shared by every list that shows it, hence a class: a list holds
/// references, not copies. It renders its `item/` templates on first use and keeps the text
/// (see `TemplateSet.prerenderingPartials`), so a list pastes an item instead of rendering it.
final class ArticleSummaryView: TemplateView, Sendable {
    let title: String
    let url: String
    let date: String
    let day: String
    let dateISO: String
    let summary: String
    let imageURL: String?
    let categoryName: String
    let categoryURL: String
    let authors: String?
    /// The fingerprint of all the fields above, computed once (see `Fingerprinted`).
    let fingerprintValue: UInt64
    private let itemTemplates: ItemTemplates
    /// `item/` templates rendered with this article (as UTF-8), in the order of `ItemTemplates.keys`.
    private let renderedItems: Mutex<[[UInt8]?]>

    init(_ article: Article, base: BaseURL, items: ItemTemplates = .none) {
        title = article.title
        url = base.href(article.path)
        date = article.date.houseStyle
        day = article.date.houseStyleDay
        dateISO = article.date.rfc3339
        summary = article.displaySummary
        imageURL = article.image.map { base.href(rootRelative: $0) }
        categoryName = article.category.name
        categoryURL = base.href(article.category.path)
        authors = article.authors.isEmpty ? nil : article.authors.joined(separator: ", ")
        var hasher = StableHasher()
        for field in [title, url, date, day, dateISO, summary, categoryName, categoryURL] { hasher.combine(field) }
        hasher.combine(imageURL)
        hasher.combine(authors)
        fingerprintValue = hasher.value
        itemTemplates = items
        renderedItems = Mutex(Array(repeating: nil, count: items.keys.count))
    }

    /// Lists look up their pasted item (see `renderedItem`).
    func value(named name: String) -> TemplateValue? {
        itemTemplates.keys.firstIndex(of: name).map { .utf8(renderedItem(slot: $0)) }
    }

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .title: .text(title)
        case .url: .text(url)
        case .date: .text(date)
        case .day: .text(day)
        case .dateISO: .text(dateISO)
        case .summary: summary.isEmpty ? nil : .text(summary)
        case .imageURL: .text(ifAny: imageURL)
        case .categoryName: .text(categoryName)
        case .categoryURL: .text(categoryURL)
        case .authors: .text(ifAny: authors)
        default: nil
        }
    }

    /// The `item/` template of `ItemTemplates.keys[slot]`, rendered with this article alone.
    private func renderedItem(slot: Int) -> [UInt8] {
        if let text = renderedItems.withLock({ $0[slot] }) { return text }
        // Rendered outside the lock; two workers may both render it, with the same result.
        let text = itemTemplates.templates.render(self, template: itemTemplates.names[slot])
        renderedItems.withLock { $0[slot] = text }
        return text
    }
}

/// Every article of the site as lists show it, each view made on first use and then shared
/// by every page (a build uses them all; a preview, a dozen of ten thousand).
final class ArticleSummaries: Sendable {
    private let articles: [Article]
    private let base: BaseURL
    private let items: ItemTemplates
    private let views: Mutex<[ArticleSummaryView?]>

    init(_ articles: [Article], base: BaseURL, items: ItemTemplates) {
        self.articles = articles
        self.base = base
        self.items = items
        views = Mutex(Array(repeating: nil, count: articles.count))
    }

    /// The view of `site.articles[index]`: always the same one, so its rendered items are shared.
    subscript(index: Int) -> ArticleSummaryView {
        if let view = views.withLock({ $0[index] }) { return view }
        let made = ArticleSummaryView(articles[index], base: base, items: items)
        return views.withLock { views in
            if let view = views[index] { return view }
            views[index] = made
            return made
        }
    }
}
