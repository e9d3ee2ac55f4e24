/// A name articles are grouped by (an author, a tag), with its own list pages:
/// `/tac-gia/{slug}/`, `/chu-de/{slug}/`.
public struct Term: Sendable, Hashable {
    public var name: String
    public var slug: String
    /// Indexes into `Site.articles`, newest first.
    public var articleIndices: [Int]
}

/// Which list a term belongs to, with the folder its pages live in.
public enum TaxonomyKind: String, Sendable, CaseIterable {
    case author
    case tag

    /// `tac-gia`, `chu-de`
    public var folder: String {
        switch self {
        case .author: "tac-gia"
        case .tag: "chu-de"
        }
    }

    /// "Tác giả", "Chủ đề"
    public var title: String {
        switch self {
        case .author: "Tác giả"
        case .tag: "Chủ đề"
        }
    }

    public var indexPath: SitePath { .folder(folder) }

    public func path(of term: Term) -> SitePath { .folder(folder, term.slug) }

    /// The page of the term a name belongs to (names folding to one slug share it).
    public func path(ofName name: String) -> SitePath { .folder(folder, Slug.make(from: name)) }

    /// Page `n` of a term's list: `/chu-de/thi-dua/`, `/chu-de/thi-dua/trang/2/`.
    public func pagePath(of term: Term, page: Int) -> SitePath {
        page <= 1 ? path(of: term) : .folder(folder, term.slug, "trang", String(page))
    }
}

enum TaxonomyBuilder {
    /// Groups articles (newest first) by the names `names` gives each. Names that fold to one
    /// slug (`Trà Vinh`, `Tra Vinh`) are one term, shown under the name written first.
    /// Terms are returned in Vietnamese alphabetical order.
    static func terms(of articles: [Article], slugs: inout SlugMemo, names: (Article) -> [String]) -> [Term] {
        var bySlug: [String: Term] = [:]
        var order: [String] = []
        for (index, article) in articles.enumerated() {
            var seen: Set<String> = []
            for name in names(article) {
                let slug = slugs.slug(for: name)
                guard !slug.isEmpty, seen.insert(slug).inserted else { continue }
                if bySlug[slug] == nil {
                    bySlug[slug] = Term(name: name, slug: slug, articleIndices: [])
                    order.append(slug)
                }
                bySlug[slug]!.articleIndices.append(index)
            }
        }
        return order.compactMap { bySlug[$0] }.sortedVietnamese(by: \.name)
    }
}

/// Slugs of names that recur (authors, tags), each made once.
struct SlugMemo {
    private var slugs: [String: String] = [:]

    mutating func slug(for name: String) -> String {
        if let slug = slugs[name] { return slug }
        let slug = Slug.make(from: name)
        slugs[name] = slug
        return slug
    }
}
