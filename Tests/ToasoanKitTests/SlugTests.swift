import Foundation
import Testing
@testable import ToasoanKit

@Suite struct SlugTests {
    @Test func vietnameseTitleBecomesAsciiSlug() {
        #expect(
            Slug.make(from: "Cụm thi đua số 5 Ngành Tổ chức xây dựng Đảng")
                == "cum-thi-dua-so-5-nganh-to-chuc-xay-dung-dang")
    }

    @Test func allThreeDsBecomeD() {
        #expect(Slug.make(from: "đảng Đảng Ðảng") == "dang-dang-dang")  // U+0111, U+0110, U+00D0
        #expect(Slug.make(from: "\u{00F0}i") == "di")  // ð, the look-alike's lower case
    }

    @Test func decomposedInputGivesTheSameSlug() {
        let nfd = "Xây dựng Đảng".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Xây dựng Đảng".unicodeScalars.count)
        #expect(Slug.make(from: nfd) == "xay-dung-dang")
    }

    @Test func punctuationAndSpacesCollapseToSingleHyphens() {
        #expect(Slug.make(from: "  Đảng & dân: \"ý Đảng, lòng dân\"  ") == "dang-dan-y-dang-long-dan")
        #expect(Slug.make(from: "Số 1+2 - 2019") == "so-1-2-2019")
        #expect(Slug.make(from: "a\u{00A0}b") == "a-b")
    }

    @Test func aSlugCannotHoldPathCharacters() {
        #expect(Slug.make(from: "../../etc/passwd") == "etc-passwd")
        #expect(Slug.make(from: "..") == "")
    }

    @Test func foldingForSearchDropsMarksAndCase() {
        for text in ["Đảng", "ĐẢNG", "đảng", "Ðảng", "dang"] {
            #expect(TextFolding.fold(text) == "dang", "\(text)")
        }
        #expect(TextFolding.fold("Nguyễn") == "nguyen")
    }
}

@Suite struct SearchTermsTests {
    @Test func wordsAreFoldedAndSplitAtEverythingElse() {
        #expect(
            SearchTerms.terms(in: "Xây dựng Đảng, Nguyễn Văn A; 1+2/2019 — ĐẢNG\u{00A0}ðảng")
                == ["xay", "dung", "dang", "nguyen", "van", "a", "1", "2", "2019", "dang", "dang"])
    }

    @Test func decomposedTextGivesTheSameWords() {
        #expect(SearchTerms.terms(in: "Nguyễn Đảng".decomposedStringWithCanonicalMapping) == ["nguyen", "dang"])
    }

    @Test func overlongRunsAreNotIndexed() {
        #expect(SearchTerms.terms(in: String(repeating: "a", count: 31) + " ok " + String(repeating: "b", count: 30))
            == ["ok", String(repeating: "b", count: 30)])
    }

    @Test func otherScriptsAreKeptLowerCased() {
        #expect(SearchTerms.terms(in: "Москва 東京") == ["москва", "東京"])
    }

    /// Decomposing only the Latin blocks gives the table decomposing every scalar of its range gives.
    @Test func theLatinBlocksHoldEveryLetterThatFoldsToASCII() {
        let everything = LatinFoldingTable(decomposing: [LatinFoldingTable.range])
        let table = LatinFoldingTable.shared
        for value in LatinFoldingTable.range {
            #expect(table.ascii(for: value) == everything.ascii(for: value), "U+\(String(value, radix: 16))")
        }
        #expect(table.ascii(for: 0x1EA0) == UInt8(ascii: "a"))  // Ạ
        #expect(table.ascii(for: 0x01B0) == UInt8(ascii: "u"))  // ư
    }

    /// Texts of random pieces (Vietnamese in both forms, punctuation, other scripts, four-byte
    /// scalars, long runs) give the words the rules give, read scalar by scalar: Latin letters
    /// folded, combining marks skipped, other letters and digits lower-cased, anything else a
    /// break, runs of more than 30 scalars left out.
    @Test func randomTextsGiveTheWordsOfTheRules() {
        let pieces = [
            "Đảng", "ĐẢNG", "Ðảng", "nghiêng", "Nguyễn".decomposedStringWithCanonicalMapping, "ư", "ỹ", "a", "Z9", " ", "\u{00A0}",
            "\u{2003}", "“", "”", "–", "…", ".", ",", "\n", "Москва", "Ὀδυσσεύς", "東京", "İ", "ß", "𝔘𝔫", "😀", "Ⅻ", "½",
            "\u{301}", "\u{2060}", "ℌ", "Ω", String(repeating: "b", count: 29), String(repeating: "ế", count: 16),
        ]
        var state: UInt64 = 20_261_125
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<(1 + Int(state % 12)) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            #expect(SearchTerms.terms(in: text) == Self.wordsByTheRules(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    private static func wordsByTheRules(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var scalars = 0
        func end() {
            if scalars > 0, scalars <= 30 { words.append(word) }
            word = ""
            scalars = 0
        }
        for scalar in text.unicodeScalars {
            let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first!
            if (0xC0...0x1EFF).contains(scalar.value), base.isASCII, base.properties.isAlphabetic {
                word += String(base).lowercased()
            } else if [0x0110, 0x0111, 0x00D0, 0x00F0].contains(scalar.value) {
                word += "d"
            } else if (0x0300...0x036F).contains(scalar.value) {
                continue
            } else if scalar.isASCII ? (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)))
                : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
            {
                word += String(scalar).lowercased()
            } else {
                end()
                continue
            }
            scalars += 1
        }
        end()
        return words
    }
}
