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

/// The articles of each author or tag, gathered in one pass over the articles (newest
/// first). Names that fold to one slug (`Trà Vinh`, `Tra Vinh`) are one term, shown under the
/// name written first. Terms are numbered as they first appear; sorting them is left to the
/// pages that list them (`sortedTerms`).
struct TaxonomyIndex: Sendable {
    /// Per term: its slug and the name it is shown under.
    private let terms: [(slug: String, name: String)]
    /// Per term: indexes into `Site.articles`, newest first.
    let postings: [[Int]]
    /// Each article's names as term numbers, in the order it gives them, one after another
    /// (article `i`'s are `termNumbers[termStarts[i]..<termStarts[i + 1]]`); -1 for a name
    /// with no letters or digits.
    private let termNumbers: [Int32]
    private let termStarts: [Int]

    init(_ articles: [Article], names: (Article) -> [String]) {
        var terms: [(slug: String, name: String)] = []
        var postings: [[Int]] = []
        var termNumbers: [Int32] = []
        var termStarts: [Int] = [0]
        termStarts.reserveCapacity(articles.count + 1)
        // Names as written are told apart by a 64-bit hash of their bytes (`HashNumbering`;
        // two names sharing one, a 2⁻⁶⁴ chance, would share a term). This runs for each name
        // of each article in every build and preview, where `String` keys, hashed and then
        // compared, took 7% of a preview's CPU at 10,000 articles.
        var namesSeen = HashNumbering()
        var termOfName: [Int32] = []  // by the number `namesSeen` gives a name
        var numberBySlug: [String: Int32] = [:]
        for (index, article) in articles.enumerated() {
            let start = termNumbers.count
            for name in names(article) {
                let (nameNumber, isNew) = namesSeen.number(for: ContentHash.of(name))
                if isNew {
                    let slug = Slug.make(from: name)
                    if slug.isEmpty {
                        termOfName.append(-1)
                    } else if let known = numberBySlug[slug] {
                        termOfName.append(known)
                    } else {
                        termOfName.append(Int32(terms.count))
                        numberBySlug[slug] = Int32(terms.count)
                        terms.append((slug, name))
                        postings.append([])
                    }
                }
                let number = termOfName[nameNumber]
                if number >= 0, !termNumbers[start...].contains(number) { postings[Int(number)].append(index) }
                termNumbers.append(number)
            }
            termStarts.append(termNumbers.count)
        }
        self.terms = terms
        self.postings = postings
        self.termNumbers = termNumbers
        self.termStarts = termStarts
    }

    /// The authors' and the tags' indexes, made side by side.
    static func both(of articles: [Article]) -> (authors: TaxonomyIndex, tags: TaxonomyIndex) {
        let indexes = ParallelMap.perform(2) { kind in TaxonomyIndex(articles) { kind == 0 ? $0.authors : $0.tags } }
        return (indexes[0], indexes[1])
    }

    /// The article's names as term numbers (-1: none), in its order.
    func termNumbers(ofArticle index: Int) -> ArraySlice<Int32> {
        termNumbers[termStarts[index]..<termStarts[index + 1]]
    }

    /// The slug of each of the article's names, in its order ("" for a name with none).
    func slugs(ofArticle index: Int) -> [String] {
        termNumbers(ofArticle: index).map { $0 >= 0 ? terms[Int($0)].slug : "" }
    }

    /// Every term, in Vietnamese alphabetical order.
    func sortedTerms() -> [Term] {
        terms.indices.map { Term(name: terms[$0].name, slug: terms[$0].slug, articleIndices: postings[$0]) }
            .sortedVietnamese(by: \.name)
    }
}
