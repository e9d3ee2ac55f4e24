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

    /// Calls `body` with the UTF-8 bytes of each folded word, in one pass over the text and
    /// without building the folded text first (this runs over the whole archive).
    static func forEachTerm(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(64)
        var length = 0  // in scalars
        func flush() {
            if !word.isEmpty, length <= maximumLength { word.withUnsafeBufferPointer(body) }
            word.removeAll(keepingCapacity: true)
            length = 0
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    word.append(byte)
                    length += 1
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    word.append(byte | 0x20)
                    length += 1
                default:
                    flush()
                }
            } else if let folded = LatinFoldingTable.shared.ascii(for: value) {
                word.append(folded)
                length += 1
            } else if (0x0300...0x036F).contains(value) {
                continue  // a combining mark inside a word (decomposed text)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for lower in String(scalar).lowercased().utf8 { word.append(lower) }
                length += 1
            } else {
                flush()
            }
        }
        flush()
    }
}
