/// Which articles hold each search term: the articles whose title holds it, and those whose
/// other text (summary, category, authors, tags, body) does, as ascending article numbers.
///
/// This runs over every word of the archive on every build, so terms are numbered by a
/// 64-bit hash of their bytes (`HashNumbering`), and a term's String is made only once.
struct Postings {
    private(set) var terms: [String] = []
    private(set) var title: [[Int32]] = []
    private(set) var other: [[Int32]] = []
    private var hashes: [UInt64] = []
    private var numbering = HashNumbering()
    /// The last article each term was added for, in its title or elsewhere: a term counts
    /// once per article, and not in "other" when the title holds it.
    private var lastInTitle: [Int32] = []
    private var lastInOther: [Int32] = []

    /// Adds the terms of `articles[range]`; `range` must come after every article added so far.
    mutating func add(_ articles: [Article], in range: Range<Int>) {
        for number in range {
            let article = articles[number]
            let articleNumber = Int32(number)
            var title = article.title
            title.withUTF8 { SearchTerms.forEachHashedTerm(inUTF8: $0) { add($0, $1, of: articleNumber, inTitle: true) } }
            // `bodyTerms` holds distinct folded words separated by single spaces.
            article.bodyTerms.withUnsafeBufferPointer { bytes in
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
                    if index > start {
                        let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
                        add(word, ContentHash.of(UnsafeRawBufferPointer(word)), of: articleNumber, inTitle: false)
                    }
                    start = index + 1
                }
            }
            for var part in [article.summary ?? "", article.category.name] + article.authors + article.tags {
                part.withUTF8 { SearchTerms.forEachHashedTerm(inUTF8: $0) { add($0, $1, of: articleNumber, inTitle: false) } }
            }
        }
    }

    /// Adds the postings of `later`, whose articles all come after these.
    mutating func append(_ later: Postings) {
        for index in later.terms.indices {
            let number = self.number(of: later.hashes[index]) { later.terms[index] }
            title[number] += later.title[index]
            other[number] += later.other[index]
        }
    }

    /// Adds one word, whose `ContentHash` is `hash`.
    private mutating func add(_ word: UnsafeBufferPointer<UInt8>, _ hash: UInt64, of article: Int32, inTitle: Bool) {
        let term = number(of: hash) { String(decoding: word, as: UTF8.self) }
        if inTitle {
            guard lastInTitle[term] != article else { return }
            lastInTitle[term] = article
            title[term].append(article)
        } else {
            guard lastInTitle[term] != article, lastInOther[term] != article else { return }
            lastInOther[term] = article
            other[term].append(article)
        }
    }

    /// The number of the term with `hash`, added (named by `makeText`) if new.
    private mutating func number(of hash: UInt64, text makeText: () -> String) -> Int {
        let (number, isNew) = numbering.number(for: hash)
        if isNew {
            terms.append(makeText())
            hashes.append(hash)
            title.append([])
            other.append([])
            lastInTitle.append(-1)
            lastInOther.append(-1)
        }
        return number
    }
}
