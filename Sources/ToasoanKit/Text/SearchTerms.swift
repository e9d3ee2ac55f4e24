/// The words search compares: folded (no diacritics, `đ`/`Đ`/`Ð` → `d`, lower case) and
/// split at anything that is not a letter or a digit. The site's search script folds a
/// reader's query the same way, so `dang`, `Đảng` and `ĐẢNG` meet in one term.
public enum SearchTerms {
    /// Longer "words" (URLs, digit runs) are not indexed.
    static let maximumLength = 30

    /// The folded words of a text: `Xây dựng Đảng!` → `xay`, `dung`, `dang`.
    public static func terms(in text: String) -> [String] {
        var terms: [String] = []
        forEachTerm(in: text) { terms.append(String(decoding: $0, as: UTF8.self)) }
        return terms
    }

    /// Adds the distinct words of `text` to `terms`, keyed by a 64-bit hash of their bytes, so
    /// a String is made only for a word's first occurrence (this runs over every word of
    /// the archive).
    static func collectDistinct(in text: String, into terms: inout [UInt64: String]) {
        forEachTerm(in: text) { word in
            let key = ContentHash.of(UnsafeRawBufferPointer(word))
            if terms[key] == nil { terms[key] = String(decoding: word, as: UTF8.self) }
        }
    }

    /// Calls `body` with the UTF-8 bytes of each folded word, in one pass over the text's
    /// UTF-8 and without building the folded text first (this runs over the whole archive).
    static func forEachTerm(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { forEachTerm(inUTF8: $0, body) }
    }

    /// `forEachTerm(in:)` over text given as valid UTF-8.
    static func forEachTerm(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        forEachHashedTerm(inUTF8: bytes) { word, _ in body(word) }
    }

    /// `forEachTerm(inUTF8:)` that also gives each word's `ContentHash`, computed for most
    /// words from their bytes as they were folded (without reading them again).
    ///
    /// One table (`kinds`) says what becomes of each scalar below U+2100, where Vietnamese
    /// text lives, ASCII included: the letter it folds to, or that it ends a word, is skipped
    /// (a combining mark) or is lower-cased as it is (other scripts). Scalars above it are
    /// classified by the same rules (`kind(of:)`) as they come.
    static func forEachHashedTerm(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        guard let text = bytes.baseAddress else { return }
        let end = text + bytes.count
        kinds.withUnsafeBufferPointer { kinds in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: wordCapacity) { buffer in
                buffer.initialize(repeating: 0)
                let word = buffer.baseAddress!
                var count = 0  // bytes of the word, also those past `wordCapacity` (not kept)
                var extraBytes = 0  // bytes beyond one per scalar, so scalars = count - extraBytes
                // The first eight bytes, little-endian, kept in a register as they are appended:
                // loading them back from `word` just after storing them byte by byte stalled
                // on store forwarding (17% of this loop in perf). Bytes past the eighth land
                // anywhere in it (the shift wraps), with no test: `packed` is then not used.
                var packed: UInt64 = 0
                @inline(__always) func flush() {
                    guard count > 0 else { return }
                    if count <= wordCapacity, count - extraBytes <= maximumLength {
                        let hash: UInt64
                        if count < 8 {
                            hash = ContentHash.ofShort(packed, count: count)
                        } else {
                            hash = ContentHash.of(UnsafeRawBufferPointer(start: word, count: count))
                        }
                        body(UnsafeBufferPointer(start: word, count: count), hash)
                    }
                    count = 0
                    extraBytes = 0
                    packed = 0
                }
                @inline(__always) func append(_ byte: UInt8) {
                    word[min(count, wordCapacity - 1)] = byte
                    packed |= UInt64(byte) &<< UInt64(truncatingIfNeeded: count &* 8)
                    count &+= 1
                }
                var next = text
                while next < end {
                    let lead = next.pointee
                    let value: UInt32
                    if lead < 0x80 {
                        next += 1
                        let kind = kinds[Int(lead)]
                        if kind == Kind.endsWord { flush() } else { append(kind) }
                        continue
                    } else if lead < 0xE0, next + 1 < end {
                        value = UInt32(lead & 0x1F) << 6 | UInt32(next[1] & 0x3F)
                        next += 2
                    } else if lead >= 0xE0, lead < 0xF0, next + 2 < end {
                        value = UInt32(lead & 0x0F) << 12 | UInt32(next[1] & 0x3F) << 6 | UInt32(next[2] & 0x3F)
                        next += 3
                    } else {
                        value = decodeSlowly(&next, end: end)
                    }
                    let kind = value < UInt32(kinds.count) ? kinds[Int(value)] : Self.kind(of: value)
                    switch kind {
                    case Kind.endsWord:
                        flush()
                    case Kind.skipped:
                        continue
                    case Kind.lowerCased:
                        var bytes = 0
                        for byte in String(Unicode.Scalar(value)!).lowercased().utf8 {
                            append(byte)
                            bytes += 1
                        }
                        extraBytes += bytes - 1
                    default:
                        append(kind)
                    }
                }
                flush()
            }
        }
    }

    /// Bytes a word may hold: the longest word kept, four bytes a scalar, and room to spare.
    private static let wordCapacity = maximumLength * 4 + 8

    /// A scalar of four bytes, or one cut short by the end of the text, decoded from the
    /// bytes there are (the text is UTF-8, so that happens only on broken input).
    private static func decodeSlowly(_ next: inout UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> UInt32 {
        let lead = next.pointee
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for offset in 1..<width where next + offset < end {
            value = value << 6 | UInt32(next[offset] & 0x3F)
        }
        next += min(width, end - next)
        return value
    }

    /// What the tokenizer does with a scalar (`kinds`): below 3, one of these; from 3 on,
    /// the byte the scalar folds to (`a`-`z`, `0`-`9`).
    private enum Kind {
        static let endsWord: UInt8 = 0
        /// A combining mark inside a word (decomposed text).
        static let skipped: UInt8 = 1
        /// A letter or digit of another script, kept lower-cased.
        static let lowerCased: UInt8 = 2
    }

    /// `kind(of:)` of every scalar below U+2100.
    private static let kinds: [UInt8] = (0..<0x2100).map { kind(of: UInt32($0)) }

    private static func kind(of value: UInt32) -> UInt8 {
        if value < 0x80 {
            switch UInt8(value) {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(value)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt8(value) | 0x20
            default: return Kind.endsWord
            }
        } else if let folded = LatinFoldingTable.shared.ascii(for: value) {
            return folded
        } else if (0x0300...0x036F).contains(value) {
            return Kind.skipped
        } else if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            return Kind.lowerCased
        } else {
            return Kind.endsWord
        }
    }
}
