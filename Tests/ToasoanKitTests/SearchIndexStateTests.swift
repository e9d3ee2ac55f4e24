import Foundation
import Testing
@testable import ToasoanKit

/// The search index of an incremental build is made from the last build's postings
/// (`SearchIndexState`): after any edit it must equal the index of a fresh build, byte for byte.
@Suite struct SearchIndexStateTests {
    /// Few words, so that edits make terms appear in and vanish from the whole site, and
    /// whole shards with them (`x…` words are held by one article at most).
    static let words = ["Đảng", "đảng", "thi", "đua", "Ðổi", "mới", "xây", "dựng", "nhân", "dân", "2020", "bài", "số"]

    static func text(_ generator: inout PropertyTests.Generator, words count: ClosedRange<Int>) -> String {
        (0..<Int.random(in: count, using: &generator)).map { _ in
            Bool.random(using: &generator) && Int.random(in: 0..<4, using: &generator) == 0
                ? "x\(Int.random(in: 0..<40, using: &generator))" : words.randomElement(using: &generator)!
        }.joined(separator: " ")
    }

    /// An article's front matter and body, each field changed on its own by the edits.
    struct Fields {
        var title, date, category, tags, summary, author, body: String

        static let count = 7

        init(_ generator: inout PropertyTests.Generator) {
            (title, date, category, tags, summary, author, body) = ("", "", "", "", "", "", "")
            for field in 0..<Self.count { change(field, &generator) }
        }

        mutating func change(_ field: Int, _ generator: inout PropertyTests.Generator) {
            switch field {
            case 0: title = text(&generator, words: 1...4)
            case 1:
                date = "20\(Int.random(in: 10...25, using: &generator))-0\(Int.random(in: 1...9, using: &generator))-"
                    + "1\(Int.random(in: 0...9, using: &generator)) 08:00"
            case 2: category = Bool.random(using: &generator) ? "Thời sự - Chính trị" : "Xây dựng Đảng"
            case 3:
                let tags = (0..<Int.random(in: 0...2, using: &generator)).map { _ in words.randomElement(using: &generator)! }
                self.tags = tags.isEmpty ? "" : "tags: [\(tags.joined(separator: ", "))]\n"
            case 4: summary = Bool.random(using: &generator) ? "summary: \(text(&generator, words: 1...5))\n" : ""
            case 5: author = Bool.random(using: &generator) ? "author: \(text(&generator, words: 1...2))\n" : ""
            default: body = text(&generator, words: 0...12) + "\n\n" + text(&generator, words: 0...12)
            }
        }

        /// The file of article `number` (its slug is fixed: random titles may repeat).
        func file(_ number: Int) -> String {
            article(
                title: title, date: date, category: category, extra: "slug: bai-\(number)\n" + tags + summary + author,
                body: body)
        }
    }

    @Test func afterRandomEditsTheSearchIndexEqualsAFreshBuild() async throws {
        var generator = PropertyTests.Generator(state: 20_201_203)
        var articles: [Int: Fields] = [:]
        for number in 0..<8 { articles[number] = Fields(&generator) }
        var next = articles.count
        let site = try FixtureSite(files: Dictionary(uniqueKeysWithValues: articles.map { ("Content/articles/bai-\($0.key).md", $0.value.file($0.key)) }))
        defer { site.delete() }
        #expect(try await site.build().succeeded)
        for round in 0..<40 {
            // One to three edits a build: one field of an article, or an article added or deleted.
            var edits: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let number = articles.keys.sorted().randomElement(using: &generator)!
                switch Int.random(in: 0..<(Fields.count + 2), using: &generator) {
                case Fields.count where articles.count > 2:
                    articles[number] = nil
                    try site.remove("Content/articles/bai-\(number).md")
                    edits.append("delete \(number)")
                case Fields.count + 1:
                    articles[next] = Fields(&generator)
                    try site.write("Content/articles/bai-\(next).md", articles[next]!.file(next))
                    edits.append("add \(next)")
                    next += 1
                case let field:
                    articles[number]!.change(field % Fields.count, &generator)
                    try site.write("Content/articles/bai-\(number).md", articles[number]!.file(number))
                    edits.append("field \(field % Fields.count) of \(number)")
                }
            }
            let report = try await site.build()
            #expect(report.succeeded, "round \(round): \(report.diagnostics)")
            let state = SearchIndexState.read(
                path: site.root.path + "/.Output.toasoan-search", settings: SiteBuilder.buildSettings(site.options()))
            #expect(state?.articles.count == articles.count, "round \(round): the state is written and read back")
            let search = { (snapshot: [String: Data]) in snapshot.filter { $0.key.hasPrefix("tim-kiem/") } }
            let fresh = try await site.freshBuildSnapshot()
            #expect(search(try site.outputSnapshot()) == search(fresh), "round \(round): \(edits)")
            #expect(try site.outputSnapshot() == fresh, "round \(round): \(edits)")
        }
    }

    /// The search state and the snapshot are written side by side, and a build killed
    /// between the two leaves a state older than the snapshot. The snapshot keeps no search
    /// words: those of an article it gives that the state does not know are found again
    /// from the article's file.
    @Test func aSearchStateOlderThanTheSnapshotGivesTheSameIndex() async throws {
        var generator = PropertyTests.Generator(state: 11)
        var fields = (0..<6).map { _ in Fields(&generator) }
        let site = try FixtureSite(files: Dictionary(uniqueKeysWithValues: fields.indices.map { ("Content/articles/bai-\($0).md", fields[$0].file($0)) }))
        defer { site.delete() }
        #expect(try await site.build().succeeded)
        let path = site.root.appendingPathComponent(".Output.toasoan-search")
        let older = try Data(contentsOf: path)
        for number in [1, 2] {
            fields[number].body = "x\(number)00 x\(number)01 " + Self.text(&generator, words: 1...6)
            try site.write("Content/articles/bai-\(number).md", fields[number].file(number))
            if number == 2 { try older.write(to: path) }  // as if the last build had not written it
            #expect(try await site.build().succeeded)
        }
        #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()))
        #expect(try site.outputSnapshot().keys.contains("tim-kiem/t/x1.json"))
    }

    @Test func aCorruptSearchStateIsNotUsed() async throws {
        var generator = PropertyTests.Generator(state: 7)
        var files: [String: String] = [:]
        for number in 0..<6 { files["Content/articles/bai-\(number).md"] = Fields(&generator).file(number) }
        let site = try FixtureSite(files: files)
        defer { site.delete() }
        #expect(try await site.build().succeeded)
        let path = site.root.appendingPathComponent(".Output.toasoan-search")
        for damage in ["flipped byte", "truncated", "foreign"] {
            var state = try Data(contentsOf: path)
            switch damage {
            case "flipped byte": state[state.count - 12] ^= 0x01  // in the last term's article numbers
            case "truncated": state.removeLast(3)
            default: state = Data("toasoan-search 0".utf8)
            }
            try state.write(to: path)
            try site.write("Content/articles/bai-0.md", Fields(&generator).file(0))
            #expect(try await site.build().succeeded, "\(damage)")
            #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()), "\(damage)")
        }
    }
}
