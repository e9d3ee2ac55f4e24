/// The search index under `/tim-kiem/`, split so a reader's first search fetches only a
/// small part of it, whatever the size of the archive:
///
/// - `index.json`: the manifest (how many articles, chunk size, which term shards exist);
/// - `t/{prefix}.json`: the terms starting with `prefix` (folded: `dang` for `Đảng`), with
///   the articles whose title holds each and those whose other text (summary, authors, tags,
///   category, body) does, as ascending article numbers, delta-encoded. Shards start as
///   two-letter prefixes; one larger than `shardBudget` is split by a further letter, so a
///   term lives in the shard with the longest name that begins it;
/// - `d/{n}.json`: the articles numbered `n*32 …`, each as [title, url, category, date, snippet].
///
/// A query fetches the manifest, one shard per word and the chunks of the 20 results it
/// shows: at most a few hundred kilobytes, whatever the size of the archive.
///
/// Article numbers follow `Site.articles`, newest first, so a lower number is a newer article.
enum SearchIndex {
    static let folder = "tim-kiem/"
    static let documentsPerChunk = 32
    static let prefixLength = 2
    static let shardBudget = 120_000
    static let snippetLength = 220

    /// The postings of `site`, as the state the next build starts from. With the last
    /// build's `previous` state, only the terms of articles that changed are found afresh.
    static func state(of site: Site, previous: SearchIndexState? = nil, workers: Int = 1) async -> SearchIndexState {
        if let previous { return previous.next(for: site) }
        return SearchIndexState(site: site, postings: await allPostings(of: site, workers: workers))
    }

    /// The index's files, from `postings` (see `state(of:)`). A shard, or a chunk of
    /// documents, whose fingerprint is in `reusable` (the last build's, see `RenderedFile`)
    /// is kept as the last build wrote it.
    static func render(
        site: Site, postings: Postings, workers: Int = 1, reusable: Task<[String: UInt64], Never>? = nil
    ) async -> [RenderedFile] {
        let base = site.config.baseURL
        let reusable = await reusable?.value ?? [:]

        // Shards are written in parallel, one two-letter prefix (and its splits) per task.
        // A prefix's fingerprint is its terms and their lists; when every shard the last build
        // made of it has that fingerprint, they are kept.
        var byPrefix: [String: [Int]] = [:]
        for term in postings.terms.indices where !postings.isEmpty(term: term) {
            byPrefix[shardName(of: postings.terms[term]), default: []].append(term)
        }
        let keptShards = lastShards(in: reusable)
        let prefixGroups = byPrefix.sorted { $0.key < $1.key }
        let shardFiles = await ParallelMap.map(prefixGroups, workers: workers) { prefix, terms in
            let terms = terms.sorted { postings.terms[$0] < postings.terms[$1] }
            var hasher = StableHasher()
            hasher.combine("search shards \(shardBudget)")
            for term in terms {
                hasher.combine(postings.terms[term])
                postings.title[term].withUnsafeBytes { hasher.combine(utf8: $0) }
                postings.other[term].withUnsafeBytes { hasher.combine(utf8: $0) }
            }
            let fingerprint = hasher.value
            if let kept = keptShards[prefix], kept.allSatisfy({ reusable[shardPath($0)] == fingerprint }) {
                return kept.sorted().map { shard in
                    (shard, RenderedFile(path: shardPath(shard), contents: "", sitemap: nil, fingerprint: fingerprint, isReused: true))
                }
            }
            let entries = terms.map { term in
                (term: postings.terms[term], json: "\(JSONText.string(postings.terms[term])):[[\(deltas(postings.title[term]))],[\(deltas(postings.other[term]))]]")
            }
            var shards: [String: [(term: String, json: String)]] = [:]
            split(prefix, entries, into: &shards)
            return shards.sorted(by: { $0.key < $1.key }).map { shard, entries in
                let body = entries.map(\.json)
                return (shard, RenderedFile(path: shardPath(shard), contents: "{" + body.joined(separator: ",\n") + "}\n", sitemap: nil, fingerprint: fingerprint))
            }
        }
        var files: [RenderedFile] = []
        var shardNames: [String] = []
        for (shard, file) in shardFiles.joined().sorted(by: { $0.0 < $1.0 }) {
            shardNames.append(shard)
            files.append(file)
        }

        // The documents, chunk by chunk, in parallel. A chunk's fingerprint is its articles'
        // summaries' (title, URL, category, date and summary: see `ArticleSummaryView`).
        let chunkCount = (site.articles.count + documentsPerChunk - 1) / documentsPerChunk
        let seed = {
            var hasher = StableHasher()
            hasher.combine("search documents \(documentsPerChunk) \(snippetLength)")
            hasher.combine(base.path)
            return hasher
        }()
        files += await ParallelMap.map(Array(0..<chunkCount), workers: workers) { chunk in
            let slice = site.articles[(chunk * documentsPerChunk)..<min(site.articles.count, (chunk + 1) * documentsPerChunk)]
            var hasher = seed
            hasher.combine(slice.count)
            for article in slice { hasher.combine(ArticleSummaryView.fingerprint(of: article)) }
            return RenderedFile(path: folder + "d/\(chunk).json", fingerprint: hasher.value, reusable: reusable) {
                let documents = slice.map { article in
                    "[" + [
                        article.title, base.href(article.path), article.category.name, article.date.houseStyleDay,
                        snippet(article.displaySummary),
                    ].map(JSONText.string).joined(separator: ",") + "]"
                }
                return Array(("[" + documents.joined(separator: ",\n") + "]\n").utf8)
            }
        }

        let manifest = """
            {"version":1,"documents":\(site.articles.count),"chunkSize":\(documentsPerChunk),\
            "prefixLength":\(prefixLength),"shards":[\(shardNames.map(JSONText.string).joined(separator: ","))]}

            """
        files.append(RenderedFile(path: SitePaths.searchIndex.relative, contents: manifest))
        return files
    }

    /// Where the shard named `shard` is written.
    private static func shardPath(_ shard: String) -> String {
        folder + "t/\(shard).json"
    }

    /// The shards the last build made (listed in `reusable`), by the prefix they were made for.
    private static func lastShards(in reusable: [String: UInt64]) -> [String: [String]] {
        var shards: [String: [String]] = [:]
        for path in reusable.keys where path.hasPrefix(folder + "t/") && path.hasSuffix(".json") {
            let shard = String(path.dropFirst(folder.count + 2).dropLast(5))
            shards[shard == "_" ? shard : String(shard.prefix(prefixLength)), default: []].append(shard)
        }
        return shards
    }

    /// The postings of every article of `site`: found per chunk of articles in parallel,
    /// then joined in chunk order.
    private static func allPostings(of site: Site, workers: Int) async -> Postings {
        let workChunks = max(1, min(workers * 4, site.articles.count / 64))
        let chunkSize = (site.articles.count + workChunks - 1) / workChunks
        let ranges = stride(from: 0, to: site.articles.count, by: max(chunkSize, 1)).map {
            $0..<min($0 + chunkSize, site.articles.count)
        }
        let partial = await ParallelMap.map(ranges, workers: workers) { range in
            var postings = Postings()
            postings.add(articlesOf: site, numbers: range)
            return postings
        }
        var joined = Postings()
        for part in partial { joined.append(part) }
        return joined
    }

    /// File name of the shard holding `term`: its first two characters when they are plain
    /// ASCII letters or digits, else `_` (terms of other scripts share one shard).
    static func shardName(of term: String, length: Int = prefixLength) -> String {
        let prefix = term.prefix(length)
        return prefix.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
            ? String(prefix) : "_"
    }

    /// Keeps `entries` in one shard named `prefix`, or, when they weigh more than the budget,
    /// moves the longer terms into shards one letter longer (recursively).
    private static func split(
        _ prefix: String, _ entries: [(term: String, json: String)], into shards: inout [String: [(term: String, json: String)]]
    ) {
        let size = entries.reduce(0) { $0 + $1.json.utf8.count }
        guard size > shardBudget, prefix != "_" else {
            shards[prefix] = entries
            return
        }
        var kept: [(term: String, json: String)] = []
        var longer: [String: [(term: String, json: String)]] = [:]
        for entry in entries {
            let next = entry.term.prefix(prefix.count + 1)
            if next.count > prefix.count, shardName(of: String(next), length: next.count) == String(next) {
                longer[String(next), default: []].append(entry)
            } else {
                kept.append(entry)
            }
        }
        if !kept.isEmpty || longer.isEmpty { shards[prefix] = kept }
        for (name, group) in longer { split(name, group, into: &shards) }
    }

    /// `[3, 5, 9]` → `3,2,4`, written digit by digit (there are millions of numbers).
    private static func deltas(_ numbers: [Int32]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(numbers.count * 3)
        var previous: Int32 = 0
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        for (position, number) in numbers.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            var delta = UInt32(number - previous)
            previous = number
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(ascii: "0") + UInt8(delta % 10)
                    delta /= 10
                    count += 1
                } while delta > 0
                for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// At most `snippetLength` characters, cut at a space. Counted in scalars, which for the
    /// NFC text of articles are characters, without finding grapheme breaks in every summary.
    private static func snippet(_ text: String) -> String {
        let cut = text.prefix(scalars: snippetLength)
        guard cut.endIndex != text.endIndex else { return text }
        let end = cut.unicodeScalars.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + " …"
    }
}
