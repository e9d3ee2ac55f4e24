import Foundation

/// Vietnamese-aware folding of text: what slugs, search and "did you mean" compare.
///
/// Decomposing and dropping combining marks turns `ễ` into `e`, but leaves `đ` (U+0111),
/// `Đ` (U+0110) and the look-alike `Ð` (U+00D0, with its lower case `ð` U+00F0) alone:
/// those are mapped to `d` by hand.
public enum TextFolding {
    /// NFC, the form every text is stored in after loading.
    public static func nfc(_ text: String) -> String {
        // Pure ASCII is already NFC; skipping it saves most of the work on real content.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Lower-case ASCII-ish form without diacritics: `Đảng` → `dang`, `ĐẢNG` → `dang`.
    /// Characters with no ASCII form (other scripts) are kept, lower-cased.
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F:  // combining diacritical marks
                continue
            case 0x0110, 0x0111, 0x00D0, 0x00F0:  // Đ đ Ð ð
                result.append("d")
            case 0x41...0x5A:
                result.append(Unicode.Scalar(scalar.value + 32)!)
            case 0x00A0, 0x2007, 0x202F:  // no-break spaces read as spaces
                result.append(" ")
            default:
                if scalar.isASCII {
                    result.append(scalar)
                } else {
                    result.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                }
            }
        }
        return String(result)
    }

    /// `fold` with runs of whitespace collapsed and trimmed: a key for matching names.
    public static func searchKey(_ text: String) -> String {
        fold(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
