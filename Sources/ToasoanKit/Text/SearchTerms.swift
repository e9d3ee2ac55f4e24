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
    static func forEachHashedTerm(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        guard let text = bytes.baseAddress else { return }
        let end = bytes.count
        let latinLetters = LatinFoldingTable.shared
        asciiFolding.withUnsafeBufferPointer { asciiFolding in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength * 4 + 8) { word in
                var count = 0  // bytes in `word`
                var length = 0  // scalars in the word
                var overflow = false
                var packed: UInt64 = 0  // the word's first eight bytes, little-endian
                @inline(__always) func flush() {
                    if count > 0, !overflow {
                        let bytes = UnsafeBufferPointer(rebasing: word[..<count])
                        body(bytes, count < 8 ? ContentHash.ofShort(packed, count: count) : ContentHash.of(UnsafeRawBufferPointer(bytes)))
                    }
                    packed = 0
                    count = 0
                    length = 0
                    overflow = false
                }
                @inline(__always) func append(_ byte: UInt8) {
                    if count < 8 { packed |= UInt64(byte) << UInt64(count &* 8) }
                    if count < word.count { word[count] = byte; count += 1 } else { overflow = true }
                }
                /// Counts one scalar of the word, whatever its bytes.
                @inline(__always) func endScalar() {
                    length += 1
                    if length > maximumLength { overflow = true }
                }
                var index = 0
                while index < end {
                    let lead = text[index]
                    if lead < 0x80 {
                        index += 1
                        let folded = asciiFolding[Int(lead)]
                        if folded != 0 {
                            append(folded)
                            endScalar()
                        } else {
                            flush()
                        }
                        continue
                    }
                    // A multi-byte scalar: decode it.
                    let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                    var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                    for offset in 1..<width where index + offset < end {
                        value = value << 6 | UInt32(text[index + offset] & 0x3F)
                    }
                    index += width
                    if let folded = latinLetters.ascii(for: value) {
                        append(folded)
                        endScalar()
                    } else if (0x0300...0x036F).contains(value) {
                        continue  // a combining mark inside a word (decomposed text)
                    } else if let scalar = Unicode.Scalar(value),
                        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    {
                        for byte in String(scalar).lowercased().utf8 { append(byte) }
                        endScalar()
                    } else {
                        flush()
                    }
                }
                flush()
            }
        }
    }

    /// For each ASCII byte, what a word keeps of it: letters lower-cased, digits as they are,
    /// 0 for everything else (it ends a word).
    private static let asciiFolding: [UInt8] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt8(byte) | 0x20
        default: 0
        }
    }
}
