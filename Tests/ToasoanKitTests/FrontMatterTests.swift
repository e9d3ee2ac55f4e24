import Foundation
import Testing
import ToasoanKit

@Suite struct FrontMatterTests {
    @Test func splitsYAMLAndBodyWithTheirLines() throws {
        let parts = try FrontMatterSplitter.split("---\ntitle: A\ndate: 2020-01-01\n---\nThân bài\n").get()
        #expect(parts.yaml == "title: A\ndate: 2020-01-01\n")
        #expect(parts.yamlFirstLine == 2)
        #expect(parts.body == "Thân bài\n")
        #expect(parts.bodyFirstLine == 5)
    }

    @Test func reportsMissingFences() {
        #expect(FrontMatterSplitter.split("title: A\n") == .failure(.missingOpeningFence))
        #expect(FrontMatterSplitter.split("---\ntitle: A\n") == .failure(.missingClosingFence))
        #expect(FrontMatterSplitter.split(" \n\n") == .failure(.emptyFile))
    }

    @Test func readsEveryArticleKey() throws {
        let text = """
            ---
            title: "Cụm thi đua số 5"
            date: 2019-07-28 02:11
            category: Thời sự - Chính trị
            issue: Số 1 - 2020
            author: [Đinh Thành, Mai Anh]
            summary: Tóm tắt.
            image: /media/a.jpg
            caption: Chú thích ảnh.
            tags: [thi đua, Trà Vinh]
            slug: cum-thi-dua-so-5
            aliases: [/thoi-su/cum-thi-dua-so-5-12345]
            order: 3
            draft: true
            ---
            Thân bài.
            """
        let (source, diagnostics) = ArticleSource.read(SourceFile(relativePath: "a.md", text: text), latestYear: 2027)
        #expect(diagnostics.isEmpty)
        let article = try #require(source)
        #expect(article.title.value == "Cụm thi đua số 5")
        #expect(article.title.location == SourceLocation(file: "a.md", line: 2, column: 8))
        #expect(article.date.value.houseStyle == "2:11' 28/7/2019")
        #expect(article.category.value == "Thời sự - Chính trị")
        #expect(article.issue?.value == "Số 1 - 2020")
        #expect(article.authors == ["Đinh Thành", "Mai Anh"])
        #expect(article.summary == "Tóm tắt.")
        #expect(article.image?.value == "/media/a.jpg")
        #expect(article.imageCaption == "Chú thích ảnh.")
        #expect(article.tags == ["thi đua", "Trà Vinh"])
        #expect(article.slug?.value == "cum-thi-dua-so-5")
        #expect(article.aliases.map(\.value) == ["/thoi-su/cum-thi-dua-so-5-12345"])
        #expect(article.order == 3)
        #expect(article.isDraft)
        #expect(article.body == "Thân bài.")
        #expect(article.bodyFirstLine == 16)
    }

    @Test func unknownKeyIsAWarningWithTheNearKey() {
        let text = "---\ntitel: A\ntitle: A\ndate: 2020-01-01 08:00\ncategory: X\n---\n"
        let (source, diagnostics) = ArticleSource.read(SourceFile(relativePath: "a.md", text: text), latestYear: 2027)
        #expect(source != nil)
        #expect(
            diagnostics == [
                Diagnostic(file: "a.md", line: 2, column: 1, severity: .warning,
                           message: "unknown key \"titel\" is ignored", suggestion: "title")
            ])
        #expect(diagnostics[0].description == "a.md:2:1: warning: unknown key \"titel\" is ignored; did you mean \"title\"?")
    }

    @Test func textIsNormalisedToNFCOnRead() throws {
        let nfd = "---\ntitle: Xây dựng Đảng\n---\n".decomposedStringWithCanonicalMapping
        let file = try SourceFile.decode(Data(nfd.utf8), relativePath: "a.md").get()
        #expect(Array(file.text.utf8) == Array("---\ntitle: Xây dựng Đảng\n---\n".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test func byteOrderMarkAndCRLFAreCleaned() throws {
        let file = try SourceFile.decode(Data([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\n".utf8)), relativePath: "a.md").get()
        #expect(file.text == "---\ntitle: A\n---\n")
    }

    @Test func bytesThatAreNotUTF8AreAnErrorAtTheirPlace() {
        let bytes = Array("---\ntitle: Đ".utf8) + [0xFF, 0x41]
        guard case .failure(let diagnostic) = SourceFile.decode(Data(bytes), relativePath: "a.md") else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostic.description.hasPrefix("a.md:2:9: error: the file is not UTF-8 text (byte 0xFF)"))
    }

    @Test func issueReferencesAreReadTheWayEditorsWriteThem() {
        let single = IssueKey(numbers: [1], year: 2020)
        let combined = IssueKey(numbers: [1, 2], year: 2019)
        #expect(IssueKey.parse("Số 1 - 2020") == single)
        #expect(IssueKey.parse("so 1-2020") == single)
        #expect(IssueKey.parse("SỐ  1  -  2020") == single)
        #expect(IssueKey.parse("Số 1+2 - 2019") == combined)
        #expect(IssueKey.parse("1+2/2019") == combined)
        #expect(IssueKey.parse("(1+2-2019)".filter { $0 != "(" && $0 != ")" }) == combined)
        #expect(IssueKey.parse("Số một - 2020") == nil)
        #expect(IssueKey.parse("2020") == nil)
    }

    @Test func suggestionsFindNamesWithoutDiacritics() {
        let names = ["Thời sự - Chính trị", "Xây dựng Đảng", "Xã luận"]
        #expect(Suggestion.nearest(to: "Thoi su", among: names) == "Thời sự - Chính trị")
        #expect(Suggestion.nearest(to: "Xay dung Dang", among: names) == "Xây dựng Đảng")
        #expect(Suggestion.nearest(to: "Xây dựng Đản", among: names) == "Xây dựng Đảng")
        #expect(Suggestion.nearest(to: "Kinh tế", among: names) == nil)
    }
}
