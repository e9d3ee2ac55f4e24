import Foundation

/// Vietnamese-aware folding of text: what slugs, search and "did you mean" compare.
///
/// Decomposing and dropping combining marks turns `ễ` into `e`, but leaves `đ` (U+0111),
/// `Đ` (U+0110) and the look-alike `Ð` (U+00D0, with its lower case `ð` U+00F0) alone:
/// those are mapped to `d` by hand.
public enum TextFolding {
    /// NFC, the form every text is stored in after loading.
    public static func nfc(_ text: String) -> String {
        needsNormalization(text) ? text.precomposedStringWithCanonicalMapping : text
    }

    /// False when `text` is certainly NFC already: it holds only scalars that are NFC on
    /// their own and compose with nothing (below U+0300 without combining marks, the
    /// precomposed Vietnamese letters U+1E00-U+1EFF, general punctuation). Text in other
    /// scripts is simply normalised. This keeps the archive's Vietnamese text off the slow
    /// path of full normalisation.
    static func needsNormalization(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { !UTF8Check.scan($0).isCertainlyNFC }
    }

    /// Lower-case ASCII-ish form without diacritics: `Đảng` → `dang`, `ĐẢNG` → `dang`.
    /// Characters with no ASCII form (other scripts) are kept, lower-cased.
    public static func fold(_ text: String) -> String {
        String(decoding: foldedBytes(text), as: UTF8.self)
    }

    /// `fold(text)` as UTF-8 bytes.
    static func foldedBytes(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                result.append(UInt8(value >= 0x41 && value <= 0x5A ? value + 32 : value))
            } else if (0x0300...0x036F).contains(value) {
                continue  // combining marks of decomposed (NFD) input
            } else if value == 0x00A0 || value == 0x2007 || value == 0x202F {
                result.append(UInt8(ascii: " "))  // no-break spaces read as spaces
            } else if let folded = LatinFoldingTable.shared.ascii(for: value) {
                result.append(folded)
            } else {
                result.append(contentsOf: String(scalar).lowercased().utf8)
            }
        }
        return result
    }

    /// `fold` with runs of whitespace collapsed and trimmed: a key for matching names.
    public static func searchKey(_ text: String) -> String {
        fold(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// ASCII letter for each precomposed Latin letter (U+00C0 to U+1EFF, where every Vietnamese
/// letter lives), computed once by decomposing each: folding then needs no per-text
/// normalisation. `đ`, `Đ`, `Ð` and `ð` have no decomposition and are set to `d` by hand.
struct LatinFoldingTable: Sendable {
    static let shared = LatinFoldingTable()
    static let range: ClosedRange<UInt32> = 0x00C0...0x1EFF
    /// The blocks of `range` that hold letters decomposing to an ASCII letter (Latin-1
    /// Supplement, Latin Extended-A and -B, Latin Extended Additional). Only those are
    /// decomposed, which takes a millisecond instead of six (every process that folds text
    /// makes the table, a preview too); a test checks the whole range gives the same table.
    static let latinBlocks: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x1E00...0x1EFF]

    private let letters: [UInt8]

    init(decomposing blocks: [ClosedRange<UInt32>] = latinBlocks) {
        var letters = [UInt8](repeating: 0, count: Self.range.count)
        for value in blocks.joined() {
            guard let scalar = Unicode.Scalar(value),
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
                base.isASCII, base.properties.isAlphabetic
            else { continue }
            letters[Int(value - Self.range.lowerBound)] = UInt8(base.value) | 0x20
        }
        for value: UInt32 in [0x0110, 0x0111, 0x00D0, 0x00F0] {
            letters[Int(value - Self.range.lowerBound)] = UInt8(ascii: "d")
        }
        self.letters = letters
    }

    func ascii(for value: UInt32) -> UInt8? {
        guard Self.range.contains(value) else { return nil }
        let letter = letters[Int(value - Self.range.lowerBound)]
        return letter == 0 ? nil : letter
    }
}
