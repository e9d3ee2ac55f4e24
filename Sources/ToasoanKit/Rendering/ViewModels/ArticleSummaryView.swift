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
    /// What all the fields above are made from (see `fingerprint(of:)`).
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
        fingerprintValue = Self.fingerprint(of: article)
        itemTemplates = items
        renderedItems = Mutex(Array(repeating: nil, count: items.keys.count))
    }

    /// The fingerprint of the view of `article`, from the article's own fields, without making
    /// the view: every field above is made from these and the base URL (which every page's
    /// fingerprint holds, see `PageRenderer.sharedFingerprint`). A page's fingerprint is
    /// taken for every page on every build; the view is made only for a page rendered.
    static func fingerprint(of article: Article) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(article.title)
        hasher.combine(article.category.slug)
        hasher.combine(article.slug)
        hasher.combine(Int(article.date.secondsSinceEpoch))
        article.combineDisplaySummary(into: &hasher)
        hasher.combine(article.image)
        hasher.combine(article.category.name)
        hasher.combine(article.authors)
        return hasher.value
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
    /// `ArticleSummaryView.fingerprint(of:)` of every article, made at once for a build (every
    /// page's fingerprint takes them all); nil for one page (a preview takes a dozen).
    private let fingerprints: [UInt64]?

    init(_ articles: [Article], base: BaseURL, items: ItemTemplates, fingerprintsAtOnce: Bool = true) {
        self.articles = articles
        self.base = base
        self.items = items
        views = Mutex(Array(repeating: nil, count: articles.count))
        fingerprints = fingerprintsAtOnce ? articles.map(ArticleSummaryView.fingerprint(of:)) : nil
    }

    /// `ArticleSummaryView.fingerprint(of:)` of `articles[index]`.
    func fingerprint(_ index: Int) -> UInt64 {
        fingerprints?[index] ?? ArticleSummaryView.fingerprint(of: articles[index])
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
