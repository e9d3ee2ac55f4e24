import Foundation
import Testing
import ToasoanKit

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
}
