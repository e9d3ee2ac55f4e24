import Foundation

/// Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
/// with tone marks as a secondary difference and case as a third.
///
/// Plain code-point order puts Ă, Đ, Ê, Ô, Ơ, Ư after Z and sorts by tone before letter;
/// this key sorts `Đinh` after `Dương` and before `Giang`, whatever the platform's locale data.
public struct VietnameseSortKey: Comparable, Sendable {
    let primary: [UInt32]
    let secondary: [UInt8]
    let tertiary: [UInt8]
    let original: String

    public init(_ text: String) {
        var primary: [UInt32] = []
        var secondary: [UInt8] = []
        var tertiary: [UInt8] = []
        for character in text.precomposedStringWithCanonicalMapping {
            let decomposed = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = decomposed.first else { continue }
            var letter = base
            var tone: UInt8 = 0
            var modifier: UInt32 = 0
            for mark in decomposed.dropFirst() {
                switch mark.value {
                case 0x0306: modifier = 1  // breve: ă
                case 0x0302: modifier = 2  // circumflex: â ê ô
                case 0x031B: modifier = 3  // horn: ơ ư
                case 0x0300: tone = 1  // huyền
                case 0x0309: tone = 2  // hỏi
                case 0x0303: tone = 3  // ngã
                case 0x0301: tone = 4  // sắc
                case 0x0323: tone = 5  // nặng
                default: break
                }
            }
            let isUpper = letter.properties.isUppercase
            if isUpper, let lower = String(letter).lowercased().unicodeScalars.first { letter = lower }
            switch letter.value {
            case 0x0111, 0x00F0:  // đ, ð (the look-alike Ð lower-cased)
                primary.append(UInt32(("d" as Unicode.Scalar).value) << 8 | 1)
            case 0x61...0x7A:
                primary.append(letter.value << 8 | modifier)
            default:
                if letter.properties.isWhitespace || letter.properties.generalCategory == .dashPunctuation {
                    primary.append(0)  // separators sort before letters
                } else {
                    primary.append(letter.value << 8 | 0x80)
                }
            }
            secondary.append(tone)
            tertiary.append(isUpper ? 1 : 0)
        }
        self.primary = primary
        self.secondary = secondary
        self.tertiary = tertiary
        original = text
    }

    public static func < (lhs: VietnameseSortKey, rhs: VietnameseSortKey) -> Bool {
        if lhs.primary != rhs.primary { return lhs.primary.lexicographicallyPrecedes(rhs.primary) }
        if lhs.secondary != rhs.secondary { return lhs.secondary.lexicographicallyPrecedes(rhs.secondary) }
        if lhs.tertiary != rhs.tertiary { return lhs.tertiary.lexicographicallyPrecedes(rhs.tertiary) }
        return lhs.original < rhs.original
    }

    public static func == (lhs: VietnameseSortKey, rhs: VietnameseSortKey) -> Bool {
        lhs.original == rhs.original
    }
}

extension Sequence {
    /// Sorted in Vietnamese alphabetical order of `name`.
    public func sortedVietnamese(by name: (Element) -> String) -> [Element] {
        map { (VietnameseSortKey(name($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
