/// The search index under `/tim-kiem/`, split so a reader's first search fetches only a
/// small part of it, whatever the size of the archive:
///
/// - `index.json`: the manifest (how many articles, chunk size, which term shards exist);
/// - `t/{xy}.json`: every term starting with `xy` (folded: `dang` for `Đảng`), with the
///   articles whose title holds it and those whose other text (summary, authors, tags,
///   category, body) does, as ascending article numbers, delta-encoded;
/// - `d/{n}.json`: the articles numbered `n*500 …`, each as [title, url, category, date, snippet].
///
/// Article numbers follow `Site.articles`, newest first, so a lower number is a newer article.
enum SearchIndex {
    static let folder = "tim-kiem/"
    static let documentsPerChunk = 500
    static let prefixLength = 2
    static let snippetLength = 220

    static func render(site: Site) -> [RenderedFile] {
        let base = site.config.baseURL
        // term → (title postings, other postings), each ascending.
        var postings: [String: (title: [Int32], other: [Int32])] = [:]
        for (number, article) in site.articles.enumerated() {
            let titleTerms = Set(terms(in: article.title))
            var otherText = article.plainText
            for part in [article.summary ?? "", article.category.name] + article.authors + article.tags {
                otherText += "\n" + part
            }
            let otherTerms = Set(terms(in: otherText)).subtracting(titleTerms)
            for term in titleTerms { postings[term, default: ([], [])].title.append(Int32(number)) }
            for term in otherTerms { postings[term, default: ([], [])].other.append(Int32(number)) }
        }

        var shards: [String: [(String, (title: [Int32], other: [Int32]))]] = [:]
        for (term, lists) in postings { shards[shardName(of: term), default: []].append((term, lists)) }

        var files: [RenderedFile] = []
        for (shard, entries) in shards.sorted(by: { $0.key < $1.key }) {
            let body = entries.sorted { $0.0 < $1.0 }.map { term, lists in
                "\(JSONText.string(term)):[[\(deltas(lists.title))],[\(deltas(lists.other))]]"
            }
            files.append(RenderedFile(path: folder + "t/\(shard).json", contents: "{" + body.joined(separator: ",\n") + "}\n"))
        }

        let chunkCount = (site.articles.count + documentsPerChunk - 1) / documentsPerChunk
        for chunk in 0..<chunkCount {
            let slice = site.articles[(chunk * documentsPerChunk)..<min(site.articles.count, (chunk + 1) * documentsPerChunk)]
            let documents = slice.map { article in
                "[" + [
                    article.title, base.href(article.path), article.category.name, article.date.houseStyleDay,
                    snippet(article.displaySummary),
                ].map(JSONText.string).joined(separator: ",") + "]"
            }
            files.append(RenderedFile(path: folder + "d/\(chunk).json", contents: "[" + documents.joined(separator: ",\n") + "]\n"))
        }

        let shardNames = shards.keys.sorted().map(JSONText.string).joined(separator: ",")
        let manifest = """
            {"version":1,"documents":\(site.articles.count),"chunkSize":\(documentsPerChunk),\
            "prefixLength":\(prefixLength),"shards":[\(shardNames)]}

            """
        files.append(RenderedFile(path: SitePaths.searchIndex.relative, contents: manifest))
        return files
    }

    /// The folded words of a text: `Xây dựng Đảng!` → `xay`, `dung`, `dang`.
    static func terms(in text: String) -> [String] {
        TextFolding.fold(text)
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .filter { $0.count <= 30 }
            .map(String.init)
    }

    /// File name of the shard holding `term`: its first two characters when they are plain
    /// ASCII letters or digits, else `_` (terms of other scripts share one shard).
    static func shardName(of term: String) -> String {
        let prefix = term.prefix(prefixLength)
        return prefix.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
            ? String(prefix) : "_"
    }

    private static func deltas(_ numbers: [Int32]) -> String {
        var previous: Int32 = 0
        var parts: [String] = []
        parts.reserveCapacity(numbers.count)
        for number in numbers {
            parts.append(String(number - previous))
            previous = number
        }
        return parts.joined(separator: ",")
    }

    private static func snippet(_ text: String) -> String {
        guard text.count > snippetLength else { return text }
        let cut = text.prefix(snippetLength)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + " …"
    }
}
