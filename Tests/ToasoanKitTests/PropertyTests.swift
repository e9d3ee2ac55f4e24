import Foundation
import Mustache
import Testing
@testable import ToasoanKit

/// Randomised inputs, reproducible from a seed, against the properties the engine promises:
/// front-matter splitting, issue references, slugs, Markdown in safe mode, template escaping
/// and whole article files. Each property runs for a bounded time; the counts are printed.
@Suite struct PropertyTests {
    /// SplitMix64: small, fast and the same on every machine for a given seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// Pieces that matter to the code under test, joined at random.
    static let pieces = [
        "---", "\n", "\r\n", ":", " ", "  ", "-", "\"", "'", "<script>", "</script>", "&", "&amp;", "javascript:", "[a](", ")",
        "![b](", "<div>", "</div>", "<!-- x -->", "Đảng", "Ð", "đ", "\u{00A0}", "\t", "#", "*", "`", "```", "|", ">", "\\",
        "{{", "}}", "Số", "so", "1", "+", "2019", "\u{0}", "\u{301}", "😀", "title", "date", "category", "&a", "*a", "[", "]",
        "/", "..", "%2e", "\u{202E}", "\u{FEFF}", "ư", "ơ", "Nguyễn", "https://x.org/?a=1&b=2", "onerror=", "<img src=x",
    ]

    static func text(_ generator: inout Generator, pieces count: Int = 40) -> String {
        (0..<Int.random(in: 0...count, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    /// Runs `body` with fresh random inputs for `budget`, at least 200 times; returns the count.
    static func forAll(_ name: String, seed: UInt64, budget: Duration = .seconds(1), _ body: (inout Generator) throws -> Void) rethrows -> Int {
        var generator = Generator(state: seed)
        let deadline = ContinuousClock.now + budget
        var count = 0
        while count < 200 || ContinuousClock.now < deadline {
            try body(&generator)
            count += 1
        }
        print("property \(name): \(count) cases")
        return count
    }

    @Test func frontMatterSplittingKeepsEveryByte() {
        _ = Self.forAll("front matter", seed: 1) { generator in
            let text = Self.text(&generator)
            if case .success(let parts) = FrontMatterSplitter.split(text) {
                #expect(text.hasPrefix("---"))
                #expect(text.hasSuffix(String(parts.body)))
                #expect(text.contains(String(parts.yaml)))
                #expect(parts.bodyFirstLine >= 3)
            }
        }
    }

    @Test func issueReferencesReadTheWayTheyAreWritten() {
        _ = Self.forAll("issue references", seed: 2) { generator in
            _ = IssueKey.parse(Self.text(&generator, pieces: 12))  // any text: no crash
            let numbers = Int.random(in: 0...1, using: &generator) == 0
                ? [Int.random(in: 1...12, using: &generator)] : [Int.random(in: 1...11, using: &generator)].flatMap { [$0, $0 + 1] }
            let year = Int.random(in: 1930...2030, using: &generator)
            let word = ["Số", "số", "so", "SỐ", "So"].randomElement(using: &generator)!
            let space = [" ", "  ", "\u{00A0}"].randomElement(using: &generator)!
            let written = "\(word)\(space)\(numbers.map(String.init).joined(separator: ["+", " + "].randomElement(using: &generator)!))\(space)-\(space)\(year)"
            #expect(IssueKey.parse(written) == IssueKey(numbers: numbers, year: year), "\(written)")
        }
    }

    @Test func slugsAreCleanAndStable() {
        _ = Self.forAll("slugs", seed: 3) { generator in
            let slug = Slug.make(from: Self.text(&generator))
            #expect(slug.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D })
            #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"))
            #expect(Slug.make(from: slug) == slug)
        }
    }

    @Test func markdownInSafeModeNeverPassesScriptOrRawHTML() {
        _ = Self.forAll("Markdown", seed: 4) { generator in
            let markdown = Self.text(&generator, pieces: 60)
            let rendered = MarkdownRenderer.render(markdown)
            // Every tag in the output is cmark's own: no script, no raw HTML, no event
            // handler or javascript: address in an attribute.
            // (Matched by scalars: a combining mark after ">" would hide it from Characters.)
            let tags = rendered.html.lowercased().matches(of: /<[a-z][^>]*>/.matchingSemantics(.unicodeScalar)).map { String($0.output) }
            for tag in tags {
                #expect(!tag.hasPrefix("<script") && !tag.hasPrefix("<div") && !tag.hasPrefix("<img src=x"), "\(tag) from \(markdown.debugDescription)")
                #expect(!tag.contains(" on") && !tag.contains("href=\"javascript:") && !tag.contains("src=\"javascript:"), "\(tag) from \(markdown.debugDescription)")
            }
        }
    }

    @Test func templateValuesAreAlwaysEscaped() throws {
        // Loading a theme registers toasoan's escaping, which every template declares.
        _ = TemplateSet.load(folder: FixtureSite.repositoryRoot.appendingPathComponent("Templates"), siteRoot: FixtureSite.repositoryRoot)
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: TOASOAN_HTML}}<p title=\"{{value}}\">{{value}}</p>"), named: "t")
        struct View: MustacheParent {
            let value: String
            func child(named name: String) -> Any? { name == "value" ? value : nil }
        }
        _ = Self.forAll("template values", seed: 5) { generator in
            let value = Self.text(&generator)
            let html = library.render(View(value: value), withTemplate: "t") ?? ""
            // Whatever the value, the markup is the template's alone: two quotes, two tags.
            // (Bytes, not Characters: a combining mark after a quote makes one Character of both.)
            #expect(html.utf8.count(where: { $0 == 0x22 }) == 2 && html.utf8.count(where: { $0 == 0x3C }) == 2, "\(value.debugDescription)")
            #expect(html == "<p title=\"\(HTMLEscaping.text(value))\">\(HTMLEscaping.text(value))</p>")
        }
    }

    @Test func anyArticleFileGivesAnArticleOrDiagnosticsNeverACrash() {
        _ = Self.forAll("article files", seed: 6) { generator in
            var text = "---\ntitle: " + Self.text(&generator, pieces: 6) + "\ndate: 2020-01-0\(Int.random(in: 1...9, using: &generator)) 08:00\n"
            text += "category: " + Self.text(&generator, pieces: 4) + "\n" + Self.text(&generator, pieces: 20) + "\n---\n" + Self.text(&generator)
            var bytes = Array(text.utf8)
            if Int.random(in: 0...4, using: &generator) == 0, !bytes.isEmpty {  // now and then, a broken byte
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0x80...0xFF, using: &generator)
            }
            switch SourceFile.decode(bytes, relativePath: "Content/articles/x.md") {
            case .failure(let diagnostic):
                #expect(diagnostic.severity == .error && diagnostic.line != nil)
            case .success(let file):
                let (article, diagnostics) = ArticleSource.read(file, latestYear: 2027)
                #expect(article != nil || diagnostics.hasErrors)
                #expect(diagnostics.allSatisfy { $0.file == "Content/articles/x.md" })
            }
        }
    }
}
