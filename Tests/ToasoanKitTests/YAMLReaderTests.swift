import Testing

@testable import ToasoanKit

/// YAML as toasoan reads it (`YAMLReader` over libyaml, then `YAMLFields`): values with their
/// places, and every way a file can be wrong reported at its line and column.
@Suite struct YAMLReaderTests {
    /// Diagnostics of reading `text` as an article, as the editor sees them.
    private func articleDiagnostics(_ text: String) -> [String] {
        ArticleSource.read(SourceFile(relativePath: "a.md", text: text), latestYear: 2027).1.map(\.description)
    }

    @Test func nodesKeepTheirKindTextAndPlace() throws {
        let yaml = "title: \"Xây dựng Đảng\"\ntags: [thi đua, 'biển đảo']\nmenus:\n  main:\n    - title: Trang chủ\n      url: /\nissue: ~\n"
        let root = try #require(try YAMLReader.parse(yaml).get())
        #expect(root["title"]?.string == "Xây dựng Đảng")
        guard case .scalar(_, let isPlain)? = root["title"]?.content else { Issue.record("title is not a scalar"); return }
        #expect(!isPlain)
        guard case .sequence(let tags)? = root["tags"]?.content else { Issue.record("tags is not a list"); return }
        #expect(tags.map(\.string) == ["thi đua", "biển đảo"])
        #expect(tags.map(\.line) == [2, 2])
        #expect(tags.map(\.column) == [8, 17])  // characters, not bytes: "đ" is two bytes
        let entry = try #require({ () -> YAMLNode? in
            guard case .sequence(let items)? = root["menus"]?["main"]?.content else { return nil }
            return items.first
        }())
        #expect(entry["url"]?.string == "/")
        #expect((entry.line, entry.column) == (5, 7))
        guard case .scalar("~", isPlain: true)? = root["issue"]?.content else { Issue.record("issue is not a plain ~"); return }
    }

    @Test func anEmptyTextHasNoDocument() throws {
        #expect(try YAMLReader.parse("").get() == nil)
        #expect(try YAMLReader.parse("# chỉ có ghi chú\n").get() == nil)
    }

    @Test func nullIsOnlyAPlainScalar() {
        let base = "---\ntitle: A\ndate: 2020-01-01 08:00\ncategory: X\n"
        let plain = ArticleSource.read(SourceFile(relativePath: "a.md", text: base + "issue: null\n---\n"), latestYear: 2027)
        #expect(plain.0?.issue == nil)
        let quoted = ArticleSource.read(SourceFile(relativePath: "a.md", text: base + "issue: \"null\"\n---\n"), latestYear: 2027)
        #expect(quoted.0?.issue?.value == "null")
    }

    @Test func aKeyWrittenTwiceIsAnErrorAtItsSecondPlace() {
        let text = "---\ntitle: A\ndate: 2020-01-01 08:00\ncategory: X\ntitle: B\n---\n"
        #expect(articleDiagnostics(text) == ["a.md:5:1: error: the key \"title\" appears twice (first on line 2)"])
        // A long mapping is checked another way (a dictionary): the same error.
        let keys = (0..<40).map { "khoa\($0): \($0)\n" }.joined()
        let (_, diagnostics) = YAMLFields.parse(keys + "khoa7: lại\n", file: "site.yml")
        #expect(diagnostics.map(\.description) == ["site.yml:41:1: error: the key \"khoa7\" appears twice (first on line 8)"])
    }

    @Test func aSecondDocumentIsAnError() {
        let (fields, diagnostics) = YAMLFields.parse("title: A\n---\ntitle: B\n", file: "site.yml")
        #expect(fields == nil)
        #expect(diagnostics.map(\.description) == ["site.yml:2:1: error: malformed YAML: a second document starts here; a file holds one"])
    }

    @Test func malformedYAMLIsReportedWhereLibyamlFindsIt() {
        #expect(
            articleDiagnostics("---\ntitle: Số 1: 2020\ndate: 2020-01-01 08:00\ncategory: X\n---\n") == [
                "a.md:2:12: error: malformed YAML: mapping values are not allowed in this context (a value containing \": \" must be in quotes)"
            ])
    }

    /// libyaml gives a byte offset for a character YAML does not allow: it is turned into a
    /// line and a column counted in characters.
    @Test func aControlCharacterIsReportedAtItsLineAndColumn() {
        let (fields, diagnostics) = YAMLFields.parse("title: A\nsummary: Đảng\u{7}\n", file: "a.md", firstLine: 2)
        #expect(fields == nil)
        #expect(diagnostics.map(\.description) == ["a.md:3:14: error: malformed YAML: control characters are not allowed"])
    }

    /// An alias stands for the node its anchor names, as with Yams (site.yml may share a
    /// menu), placed where the alias is written; an unknown one is an error at its place.
    /// Nodes are shared, not copied, so a "billion laughs" document costs nothing.
    @Test func aliasesStandForTheirAnchoredNodes() throws {
        let text = "---\ntitle: &t Xây dựng Đảng\ndate: 2020-01-01 08:00\ncategory: X\nsummary: *t\n---\n"
        let (source, diagnostics) = ArticleSource.read(SourceFile(relativePath: "a.md", text: text), latestYear: 2027)
        #expect(diagnostics.isEmpty)
        #expect(source?.summary == "Xây dựng Đảng")
        #expect(source?.title.location.line == 2)

        let menus = "menus:\n  main: &m\n    - title: Trang chủ\n      url: /\n  footer: *m\n"
        let root = try #require(try YAMLReader.parse(menus).get())
        let footer = try #require(root["menus"]?["footer"])
        guard case .sequence(let items) = footer.content else { Issue.record("the footer is not a list"); return }
        #expect(items.first?["title"]?.string == "Trang chủ")
        #expect((footer.line, footer.column) == (5, 11))

        #expect(articleDiagnostics("---\ntitle: A\ndate: 2020-01-01 08:00\ncategory: X\nsummary: *khong\n---\n") == [
            "a.md:5:10: error: malformed YAML: found undefined alias *khong"
        ])

        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<30 { bomb += "a\(level): &a\(level) [" + Array(repeating: level == 1 ? "*a" : "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let (fields, _) = YAMLFields.parse(bomb, file: "site.yml")
        #expect(fields?.keys.count == 30)
    }

    /// Nesting is bounded: a tree thousands of levels deep is refused at the level too many,
    /// before it is built.
    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = "a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let (fields, diagnostics) = YAMLFields.parse(deep, file: "site.yml")
        #expect(fields == nil)
        #expect(diagnostics.map(\.description) == [
            "site.yml:1:\(3 + YAMLReader.maximumDepth): error: malformed YAML: lists and mappings nested more than \(YAMLReader.maximumDepth) deep"
        ])
        let nested = "a: " + String(repeating: "[", count: YAMLReader.maximumDepth - 1) + "x" + String(repeating: "]", count: YAMLReader.maximumDepth - 1) + "\n"
        #expect(YAMLFields.parse(nested, file: "site.yml").1.isEmpty)
    }

    @Test func bytesWithNoAddressAreAnEmptyDocument() throws {
        #expect(try YAMLReader.parse(utf8: UnsafeBufferPointer(start: nil, count: 0)).get() == nil)
    }
}
