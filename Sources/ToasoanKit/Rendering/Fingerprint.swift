/// A stable hash of everything a page's template can see, computed before rendering: when
/// it equals the one the last build recorded for that page (and the templates and site-wide
/// values are the same, which `PageRenderer` folds in), the page's bytes are the same and
/// rendering is skipped.
///
/// Most view types list all their fields in `fingerprint(into:)`. The article and list
/// pages, the most numerous, are fingerprinted from what their views are made of, without
/// making them (`PageRenderer.renderArticle`, `renderList`, `ArticleSummaryView.fingerprint(of:)`).
/// Either way a field left out would let a stale page through, which the
/// incremental-equality tests are there to catch, one edit per field.
struct StableHasher {
    private(set) var value: UInt64

    init(seed: UInt64 = 0x243F_6A88_85A3_08D3) {
        value = seed
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// The same as combining the text these bytes spell.
    mutating func combine(utf8 bytes: UnsafeRawBufferPointer) {
        mix(ContentHash.of(bytes) ^ UInt64(bytes.count))
    }

    mutating func combine(_ number: Int) { mix(UInt64(bitPattern: Int64(number)) ^ 0x5bd1_e995) }

    mutating func combine(_ number: UInt64) { mix(number ^ 0x2545_F491_4F6C_DD1D) }

    mutating func combine(_ flag: Bool) { mix(flag ? 0x9e37 : 0x7f4a) }

    mutating func combine(_ text: String?) {
        if let text { combine(text) } else { mix(0x0A0A_0A0A) }
    }

    mutating func combine(_ number: UInt64?) {
        if let number { combine(number) } else { mix(0x0D0D_0D0D) }
    }

    mutating func combine(_ number: Int?) {
        if let number { combine(number) } else { mix(0x0B0B_0B0B) }
    }

    mutating func combine(_ value: some Fingerprinted) { value.fingerprint(into: &self) }

    mutating func combine(_ value: (some Fingerprinted)?) {
        if let value { value.fingerprint(into: &self) } else { mix(0x0C0C_0C0C) }
    }

    mutating func combine(_ values: [some Fingerprinted]) {
        combine(values.count)
        for value in values { value.fingerprint(into: &self) }
    }

    mutating func combine(_ values: [String]) {
        combine(values.count)
        for value in values { combine(value) }
    }

    mutating func combine(_ values: [Int]) {
        combine(values.count)
        for value in values { combine(value) }
    }

    private mutating func mix(_ input: UInt64) {
        let product = (value ^ input).multipliedFullWidth(by: 0x9FB2_1C65_1E98_DF25)
        value = product.high ^ product.low ^ input.rotated
    }
}

extension UInt64 {
    fileprivate var rotated: UInt64 { (self << 29) | (self >> 35) }
}

protocol Fingerprinted {
    func fingerprint(into hasher: inout StableHasher)
}

extension LayoutView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        for field in [siteTitle, language, homeURL, assetsURL, archiveURL, issueIndexURL, searchURL, feedURL, authorsURL, tagsURL] {
            hasher.combine(field)
        }
        hasher.combine(tagline)
        hasher.combine(categories)
        hasher.combine(mainMenu)
        hasher.combine(footerLinks)
        hasher.combine(latestIssue)
        hasher.combine(lookupYears)
        hasher.combine(videoClips)
        hasher.combine(copyrightYear)
        for key in prerendered.keys.sorted() {
            hasher.combine(key)
            hasher.combine(prerendered[key]!)
        }
    }
}

extension LinkView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(title)
        hasher.combine(url)
        hasher.combine(count)
    }
}

extension IssueCardView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        for field in [name, numberText, url, date] { hasher.combine(field) }
        hasher.combine(year)
        for field in [label, coverURL, pdfURL] { hasher.combine(field) }
    }
}

extension ArticleSummaryView: Fingerprinted {
    /// Its fields are hashed once, when the view is made (a view appears in many lists).
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(fingerprintValue)
    }
}

extension PageHead: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        for field in [title, canonicalURL, openGraphType] { hasher.combine(field) }
        for field in [description, openGraphImage, publishedTime, alternateFeedURL] { hasher.combine(field) }
    }
}

extension PageLinkView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(number)
        hasher.combine(url)
        hasher.combine(isCurrent)
        hasher.combine(isGap)
    }
}

extension PaginationView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(pages)
        hasher.combine(previousURL)
        hasher.combine(nextURL)
    }
}

extension TermIndexView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(head)
        hasher.combine(kind)
        hasher.combine(terms)
    }
}

extension CategoryBlockView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(name)
        hasher.combine(url)
        hasher.combine(first)
        hasher.combine(more)
    }
}

extension HomePageView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(head)
        hasher.combine(lead)
        hasher.combine(latest)
        hasher.combine(categoryBlocks)
    }
}

extension IssueYearView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(year)
        hasher.combine(issues)
    }
}

extension ArchivePageView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(head)
        hasher.combine(recentYears)
        hasher.combine(earlyYears)
    }
}

extension StandalonePageView: Fingerprinted {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(head)
        hasher.combine(title)
        hasher.combine(body)
        hasher.combine(searchIndexURL)
    }
}
