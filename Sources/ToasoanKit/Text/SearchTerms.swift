/// The words search compares: folded (no diacritics, `đ`/`Đ`/`Ð` → `d`, lower case) and
/// split at anything that is not a letter or a digit. The site's search script folds a
/// reader's query the same way, so `dang`, `Đảng` and `ĐẢNG` meet in one term.
public enum SearchTerms {
    /// The folded words of a text: `Xây dựng Đảng!` → `xay`, `dung`, `dang`.
    public static func terms(in text: String) -> [String] {
        var terms: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty, current.count <= 30 { terms.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in TextFolding.fold(text).unicodeScalars {
            let isWordScalar =
                scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar))
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar { current.append(scalar) } else { flush() }
        }
        flush()
        return terms
    }
}
