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

    init() {}

    /// Postings as `SearchIndexState` stored them: `title` and `other` hold each term's
    /// ascending article numbers. The terms are those of postings made here, so no two
    /// share a hash.
    init(terms: [String], title: [[Int32]], other: [[Int32]]) {
        for (index, term) in terms.enumerated() {
            let number = self.number(of: ContentHash.of(term)) { term }
            self.title[number] = title[index]
            self.other[number] = other[index]
        }
    }

    /// Adds the terms of `site.articles[number]` for each of `numbers`, ascending and after
    /// every article added so far. The body words of an article that came without them (from
    /// the last build's snapshot) are found again by rendering its body (`Site.bodies`).
    mutating func add(articlesOf site: Site, numbers: some Sequence<Int>) {
        for number in numbers {
            let article = site.articles[number]
            let articleNumber = Int32(number)
            var title = article.title
            title.withUTF8 { SearchTerms.forEachHashedTerm(inUTF8: $0) { add($0, $1, of: articleNumber, inTitle: true) } }
            // `bodyTerms` holds distinct folded words separated by single spaces.
            let words = article.bodyTerms ?? site.bodies?.words(of: article)[...] ?? []
            words.withUnsafeBufferPointer { bytes in
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

    /// The postings after an edit of the site, from these (the last build's): article `old`
    /// is now article `renumbered[old]`, or is gone (or changed) when that is -1; `added`
    /// holds the postings of the articles new or changed, under their new numbers. Terms
    /// left in no article stay, with empty lists (`isEmpty(term:)`).
    mutating func update(renumbering renumbered: [Int32], adding added: Postings) {
        // Most often the kept articles keep their numbers and one or a few are gone: each
        // list is then searched for those, not read whole.
        let gone = renumbered.indices.filter { renumbered[$0] < 0 }
        let keepsNumbers = gone.count <= 64 && renumbered.indices.allSatisfy { renumbered[$0] < 0 || renumbered[$0] == Int32($0) }
        for term in terms.indices {
            if keepsNumbers {
                Self.remove(gone, from: &title[term])
                Self.remove(gone, from: &other[term])
            } else {
                Self.renumber(&title[term], renumbered)
                Self.renumber(&other[term], renumbered)
            }
        }
        for index in added.terms.indices {
            let number = self.number(of: added.hashes[index]) { added.terms[index] }
            title[number] = Self.merge(title[number], added.title[index])
            other[number] = Self.merge(other[number], added.other[index])
        }
    }

    /// No article holds the term numbered `term` (left so by `update`).
    func isEmpty(term: Int) -> Bool {
        title[term].isEmpty && other[term].isEmpty
    }

    /// Maps each number of `list` through `renumbered`, dropping those mapped to -1, and
    /// keeps it ascending. A list that nothing changes (the common case) is not copied.
    private static func renumber(_ list: inout [Int32], _ renumbered: [Int32]) {
        guard list.contains(where: { renumbered[Int($0)] != $0 }) else { return }
        list = list.compactMap { renumbered[Int($0)] >= 0 ? renumbered[Int($0)] : nil }
        if zip(list, list.dropFirst()).contains(where: { $0 >= $1 }) { list.sort() }
    }

    /// Removes the numbers `gone` (ascending) from the ascending `list`.
    private static func remove(_ gone: [Int], from list: inout [Int32]) {
        for number in gone.reversed() {
            let number = Int32(number)
            var (low, high) = (0, list.count)
            while low < high {
                let middle = (low + high) / 2
                if list[middle] < number { low = middle + 1 } else { high = middle }
            }
            if low < list.count, list[low] == number { list.remove(at: low) }
        }
    }

    /// The union of two ascending lists with no number in common, ascending.
    private static func merge(_ first: [Int32], _ second: [Int32]) -> [Int32] {
        guard !first.isEmpty else { return second }
        guard !second.isEmpty else { return first }
        var merged: [Int32] = []
        merged.reserveCapacity(first.count + second.count)
        var (i, j) = (0, 0)
        while i < first.count, j < second.count {
            if first[i] < second[j] {
                merged.append(first[i])
                i += 1
            } else {
                merged.append(second[j])
                j += 1
            }
        }
        merged += first[i...]
        merged += second[j...]
        return merged
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
