import Mustache

/// An article as lists show it (home, category pages, "Bài cùng chuyên mục").
struct ArticleSummaryView: MustacheParent, Sendable {
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

    init(_ article: Article, base: BaseURL) {
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
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "date": date
        case "day": day
        case "dateISO": dateISO
        case "summary": summary.isEmpty ? nil : summary
        case "imageURL": imageURL
        case "categoryName": categoryName
        case "categoryURL": categoryURL
        case "authors": authors
        default: nil
        }
    }
}
