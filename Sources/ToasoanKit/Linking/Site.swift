/// The whole site after linking: what the render stage turns into pages.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Published articles, newest first (ties broken by URL, so the order is stable).
    public var articles: [Article]
    /// Print issues, newest first.
    public var issues: [PrintIssue]
    public var pages: [StandalonePage]
    public var staticFiles: [StaticFile]
    /// Renders again the bodies of articles taken from the cache (see `bodyHTML(of:)`).
    public var bodies: BodySource?

    /// Indexes into `articles`, newest first, per category slug.
    public let articlesByCategory: [String: [Int]]
    /// Indexes into `articles` per print issue, in table-of-contents order: categories in
    /// site.yml order, then `order:`, then date.
    public let articlesByIssue: [IssueKey: [Int]]
    /// The articles of each author and tag (see `terms(_:)` for them in order).
    let authorIndex: TaxonomyIndex
    let tagIndex: TaxonomyIndex
    /// Indexes into `articles` of those with a video, newest first.
    public let videoArticles: [Int]

    public init(
        config: SiteConfig, articles: [Article], issues: [PrintIssue], pages: [StandalonePage],
        staticFiles: [StaticFile]
    ) {
        self.config = config
        // Newest first; articles of one moment by URL. Keys are made once, not per comparison.
        let keys = articles.map { (date: $0.date, path: $0.path.relative) }
        self.articles = articles.indices.sorted {
            keys[$0].date != keys[$1].date ? keys[$0].date > keys[$1].date : keys[$0].path < keys[$1].path
        }.map { articles[$0] }
        self.issues = issues.sorted { ($0.date, $0.key) > ($1.date, $1.key) }
        self.pages = pages.sorted { $0.slug < $1.slug }
        self.staticFiles = staticFiles
        var byCategory: [String: [Int]] = [:]
        for (index, article) in self.articles.enumerated() {
            byCategory[article.category.slug, default: []].append(index)
        }
        articlesByCategory = byCategory

        let categoryRank = Dictionary(uniqueKeysWithValues: config.categories.enumerated().map { ($1.slug, $0) })
        var byIssue: [IssueKey: [Int]] = [:]
        for (index, article) in self.articles.enumerated() {
            if let issue = article.issue { byIssue[issue, default: []].append(index) }
        }
        let sorted = self.articles
        articlesByIssue = byIssue.mapValues { indices in
            // Category in site.yml order, then `order`, then date; keys made once per article.
            let keyed = indices.map { index in
                let article = sorted[index]
                return (
                    key: (categoryRank[article.category.slug] ?? .max, article.order ?? .max, article.date.secondsSinceEpoch),
                    index: index)
            }
            return keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }.map(\.index)
        }
        (authorIndex, tagIndex) = TaxonomyIndex.both(of: self.articles)
        videoArticles = sorted.indices.filter { sorted[$0].video != nil }
    }

    /// The authors or the tags, in Vietnamese alphabetical order (sorted on each call).
    public func terms(_ kind: TaxonomyKind) -> [Term] {
        (kind == .author ? authorIndex : tagIndex).sortedTerms()
    }

    /// The pages of the article's authors or tags, in the order the article names them.
    public func termPaths(of index: Int, _ kind: TaxonomyKind) -> [SitePath] {
        (kind == .author ? authorIndex : tagIndex).slugs(ofArticle: index).map { .folder(kind.folder, $0) }
    }

    /// Issues grouped by year, newest year first; each year's issues newest first.
    public var issuesByYear: [(year: Int, issues: [PrintIssue])] {
        Dictionary(grouping: issues, by: \.year).sorted { $0.key > $1.key }.map { ($0.key, $0.value) }
    }

    /// How far back, per tag, "Bài liên quan" looks for articles sharing tags.
    static let relatedWindowPerTag = 200

    /// "Bài liên quan": older articles sharing tags with `index` (among the
    /// `relatedWindowPerTag` nearest older ones of each tag), most shared tags first, then
    /// nearest in date; those already in "Bài cùng chuyên mục" are left out. Like Hugo's
    /// default, newer articles are not considered, so publishing does not rewrite old pages.
    public func relatedByTags(of index: Int, excluding: [Int]) -> [Int] {
        // The tags' windows of postings are ascending: merged, equal numbers stand together
        // and their run length is the number of shared tags. (This runs for every article.)
        let terms = tagIndex.termNumbers(ofArticle: index)
        var merged: [Int] = []  // the windows one after another
        merged.reserveCapacity(terms.count * Self.relatedWindowPerTag)
        var windows: [(next: Int, end: Int)] = []
        windows.reserveCapacity(terms.count)
        for (position, term) in zip(terms.indices, terms) {
            guard term >= 0, !terms[..<position].contains(term) else { continue }
            let postings = tagIndex.postings[Int(term)]
            // Find the first older article by halving, then take a window from there.
            var low = 0
            var high = postings.count
            while low < high {
                let middle = (low + high) / 2
                if postings[middle] <= index { low = middle + 1 } else { high = middle }
            }
            let start = merged.count
            merged += postings[low..<min(postings.count, low + Self.relatedWindowPerTag)]
            if merged.count > start { windows.append((start, merged.count)) }
        }
        // The best `relatedCount`, kept in order while scanning: most shared tags, then nearest.
        // Numbers come in ascending order, so a candidate sharing no more tags than the last
        // of a full list cannot enter it.
        let limit = config.relatedCount
        var best: [(index: Int, shared: Int)] = []
        best.reserveCapacity(limit + 1)
        merged.withUnsafeBufferPointer { merged in
            windows.withUnsafeMutableBufferPointer { windows in
                while true {
                    var other = Int.max
                    for slot in 0..<windows.count where windows[slot].next < windows[slot].end {
                        other = min(other, merged[windows[slot].next])
                    }
                    guard other != Int.max else { break }
                    var count = 0
                    for slot in 0..<windows.count where windows[slot].next < windows[slot].end && merged[windows[slot].next] == other {
                        windows[slot].next += 1
                        count += 1
                    }
                    if best.count == limit, count <= best[limit - 1].shared { continue }
                    guard !excluding.contains(other) else { continue }
                    let position = best.firstIndex { count > $0.shared } ?? best.count
                    best.insert((other, count), at: position)
                    if best.count > limit { best.removeLast() }
                }
            }
        }
        return best.map(\.index)
    }

    public var latestIssue: PrintIssue? { issues.first }

    /// The article's body as HTML, in UTF-8: kept from loading, or, for an article taken from
    /// the cache, rendered again from its file (only pages that are rendered ask for it).
    public func bodyHTML(of article: Article) -> [UInt8] {
        if !article.bodyHTML.isEmpty || article.bodyHash == ContentHash.of("") { return article.bodyHTML }
        return bodies?.render(article) ?? []
    }

    public func issue(_ key: IssueKey) -> PrintIssue? { issues.first { $0.key == key } }

    /// "Bài cùng chuyên mục": the `relatedCount` articles of the same category published just
    /// before `index`, nearest first, topped up with the nearest later ones. Publishing a new
    /// article therefore leaves the lists of older pages as they were.
    public func sameCategoryArticles(before index: Int) -> [Int] {
        let article = articles[index]
        // Siblings are ascending article numbers: find `index` by halving.
        guard let siblings = articlesByCategory[article.category.slug] else { return [] }
        var position = 0
        var high = siblings.count
        while position < high {
            let middle = (position + high) / 2
            if siblings[middle] < index { position = middle + 1 } else { high = middle }
        }
        guard position < siblings.count, siblings[position] == index else { return [] }
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
