/// What the last build's search index was made from, kept beside the output folder
/// (`.{Output}.toasoan-search`), so the next build finds the terms of the few articles that
/// changed instead of every word of the archive again:
///
/// - each article, by number: its source file and its search key (a hash of what
///   `Postings.add` reads: title, summary, category, authors, tags, and the body, by the hash
///   of its Markdown and the options it is rendered with: its words are not kept);
/// - the postings: each term that some article holds, with its two ascending lists.
///
/// The next build keeps the postings of articles with the same file and key (renumbered, as
/// an edited date or a new article moves the numbers), and adds those of the others. A state
/// that is missing, truncated or from another version or settings is not used: the postings
/// are made from every article, as on a first build. Which shard files can be kept is not
/// decided here but by their fingerprints (`SearchIndex.render`), like every page's.
struct SearchIndexState: Sendable {
    static let magic = "toasoan-search 3"

    /// Source file and search key of each article, by article number.
    var articles: [(sourceFile: String, key: UInt64)]
    var postings: Postings

    /// The state of a site whose postings are `postings`; `keys` are its articles' (`keys(of:)`).
    init(site: Site, keys: [UInt64]? = nil, postings: Postings) {
        articles = zip(site.articles, keys ?? Self.keys(of: site)).map { ($0.sourceFile, $1) }
        self.postings = postings
    }

    private init(articles: [(sourceFile: String, key: UInt64)], postings: Postings) {
        self.articles = articles
        self.postings = postings
    }

    /// For each article of `site`, a hash of everything its search terms are made from.
    static func keys(of site: Site) -> [UInt64] {
        var options = StableHasher()
        options.combine(site.config.allowRawHTML)
        options.combine(site.config.baseURL.path)
        return site.articles.map { article in
            var hasher = StableHasher(seed: options.value)
            hasher.combine(article.title)
            hasher.combine(article.summary)
            hasher.combine(article.category.name)
            hasher.combine(article.authors)
            hasher.combine(article.tags)
            hasher.combine(article.bodyHash)
            return hasher.value
        }
    }

    /// The state of `site`: these postings for the articles whose file and key are the
    /// same, and postings made afresh for the others.
    func next(for site: Site) -> SearchIndexState {
        var keptAt: [String: (number: Int, key: UInt64)] = [:]
        keptAt.reserveCapacity(articles.count)
        for (number, article) in articles.enumerated() { keptAt[article.sourceFile] = (number, article.key) }
        var renumbered = [Int32](repeating: -1, count: articles.count)
        var added: [Int] = []
        let keys = Self.keys(of: site)
        for (number, article) in site.articles.enumerated() {
            if let old = keptAt[article.sourceFile], old.key == keys[number] {
                renumbered[old.number] = Int32(number)
            } else {
                added.append(number)
            }
        }
        var addedPostings = Postings()
        addedPostings.add(articlesOf: site, numbers: added)
        var postings = postings
        postings.update(renumbering: renumbered, adding: addedPostings)
        return SearchIndexState(site: site, keys: keys, postings: postings)
    }

    // MARK: - The file

    /// Written whole through a temporary file, with a hash of its bytes at the end: a state
    /// that is damaged in any way is not used.
    func write(settings: String, to path: String) {
        let terms = postings.terms.indices.filter { !postings.isEmpty(term: $0) }
        var writer = BinaryWriter(
            capacity: 64 + articles.count * 64 + terms.reduce(0) { $0 + 32 + 2 * (postings.title[$1].count + postings.other[$1].count) })
        writer.write(Self.magic)
        writer.write(settings)
        writer.write(articles.count)
        for article in articles {
            writer.write(article.sourceFile)
            writer.write(article.key)
        }
        writer.write(terms.count)
        for term in terms {
            writer.write(postings.terms[term])
            writer.write(ascending: postings.title[term])
            writer.write(ascending: postings.other[term])
        }
        writer.write(ContentHash.of(writer.bytes))
        try? POSIXFiles.replace(path, with: writer.bytes)
    }

    /// The state at `path` when it was written with `settings`; nil when missing, foreign,
    /// damaged, or holding a list of numbers that are not ascending article numbers.
    static func read(path: String, settings: String) -> SearchIndexState? {
        guard var bytes = try? POSIXFiles.read(path), bytes.count >= 8 else { return nil }
        let isWhole = bytes.withUnsafeBytes { whole in
            UInt64(littleEndian: whole.loadUnaligned(fromByteOffset: whole.count - 8, as: UInt64.self))
                == ContentHash.of(UnsafeRawBufferPointer(rebasing: whole.dropLast(8)))
        }
        guard isWhole else { return nil }
        bytes.removeLast(8)
        var reader = BinaryReader(bytes)
        guard reader.string() == magic, reader.string() == settings, let articleCount = reader.int(),
            (0...bytes.count).contains(articleCount)
        else { return nil }
        var articles: [(sourceFile: String, key: UInt64)] = []
        articles.reserveCapacity(articleCount)
        for _ in 0..<articleCount {
            guard let sourceFile = reader.string(), let key = reader.uint64() else { return nil }
            articles.append((sourceFile, key))
        }
        guard let termCount = reader.int(), (0...bytes.count).contains(termCount) else { return nil }
        var (terms, title, other) = ([String](), [[Int32]](), [[Int32]]())
        for _ in 0..<termCount {
            guard let term = reader.string(), let inTitle = reader.ascending(below: articleCount),
                let inOther = reader.ascending(below: articleCount)
            else { return nil }
            terms.append(term)
            title.append(inTitle)
            other.append(inOther)
        }
        guard reader.isAtEnd else { return nil }
        return SearchIndexState(articles: articles, postings: Postings(terms: terms, title: title, other: other))
    }
}
