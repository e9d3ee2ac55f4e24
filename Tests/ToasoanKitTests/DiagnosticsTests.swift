import Foundation
import Testing
import ToasoanKit

/// Broken fixture sites: every error of every file reported in one run, compiler style,
/// and the last good output left exactly as it was.
@Suite struct DiagnosticsTests {
    static let brokenFiles: [String: String] = [
        "Content/articles/no-title.md": "---\ndate: 2020-01-01 08:00\ncategory: Xây dựng Đảng\n---\nThân.\n",
        "Content/articles/no-date.md": "---\ntitle: Không ngày\ncategory: Xây dựng Đảng\n---\n",
        "Content/articles/no-category.md": "---\ntitle: Không chuyên mục\ndate: 2020-01-01 08:00\n---\n",
        "Content/articles/bad-yaml.md": "---\ntitle: \"Chưa đóng\ndate: 2020-01-01 08:00\n---\n",
        "Content/articles/unknown-category.md": article(title: "Bài A", category: "Thoi su"),
        "Content/articles/bad-date.md": article(title: "Bài B", date: "28/7/2019"),
        "Content/articles/old-date.md": article(title: "Bài C", date: "1899-12-31 08:00"),
        "Content/articles/future-date.md": article(title: "Bài D", date: "2028-01-01 08:00"),
        "Content/articles/escape.md": article(title: "Bài E", extra: "slug: ../../etc"),
        "Content/articles/empty.md": "",
        "Content/articles/unknown-issue.md": article(title: "Bài F", extra: "issue: Số 9 - 2020"),
        "Content/articles/bad-image.md": article(title: "Bài G", extra: "image: ../../secret.jpg"),
        "Content/articles/2020/one.md": article(title: "Trùng địa chỉ"),
        "Content/articles/2021/two.md": article(title: "Trùng địa chỉ", date: "2021-01-01 08:00"),
        "Content/issues/2020-01.yml": "number: 1\nyear: 2020\ndate: 2020-01-15\n",
    ]

    @Test func everyErrorOfEveryFileInOneRun() async throws {
        let site = try FixtureSite(files: Self.brokenFiles)
        defer { site.delete() }
        try site.write("Content/articles/latin1.md", Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0xE9, 0x0A]))
        let report = try await site.build()
        #expect(!report.succeeded)
        let lines = DiagnosticPrinter.lines(for: report.diagnostics)
        let expected = [
            "Content/articles/2021/two.md:2:8: error: the URL /thoi-su-chinh-tri/trung-dia-chi/ is already used by Content/articles/2020/one.md",
            "Content/articles/bad-date.md:3:7: error: \"date\" \"28/7/2019\" is not a date: expected a date like 2019-07-28 02:11 (year-month-day hour:minute)",
            "Content/articles/bad-image.md:5:8: error: image \"../../secret.jpg\" must be a path from the site root such as /media/2019/07/anh.jpg, or an https:// address",
            "Content/articles/empty.md:1:1: error: the file is empty; an article starts with front matter between two --- lines",
            "Content/articles/escape.md:5:7: error: slug \"../../etc\" would leave the output folder; a slug is one word-like part such as \"cum-thi-dua-so-5\"",
            "Content/articles/future-date.md:3:7: error: date \"2028-01-01 08:00\" is too far in the future (after 2027)",
            "Content/articles/latin1.md:2:2: error: the file is not UTF-8 text (byte 0xE9); save it as UTF-8 in your editor",
            "Content/articles/no-category.md:1:1: error: missing required key \"category\"",
            "Content/articles/no-date.md:1:1: error: missing required key \"date\"",
            "Content/articles/no-title.md:1:1: error: missing required key \"title\"",
            "Content/articles/old-date.md:3:7: error: date \"1899-12-31 08:00\" is before 1900",
            "Content/articles/unknown-category.md:4:11: error: unknown category \"Thoi su\"; did you mean \"Thời sự - Chính trị\"?",
            "Content/articles/unknown-issue.md:5:8: error: unknown print issue \"Số 9 - 2020\"; did you mean \"Số 1 - 2020\"?",
        ]
        for line in expected {
            #expect(lines.contains(line), "missing: \(line)\nall:\n\(lines.joined(separator: "\n"))")
        }
        let yamlError = try #require(lines.first { $0.hasPrefix("Content/articles/bad-yaml.md:") })
        #expect(yamlError.contains(": error: malformed YAML: "))
        #expect(yamlError.hasPrefix("Content/articles/bad-yaml.md:4:"))
        #expect(report.diagnostics.errors.count == expected.count + 1)
    }

    @Test func aFailedBuildLeavesThePreviousOutputExactlyAsItWas() async throws {
        let site = try FixtureSite(files: ["Content/articles/a.md": article(title: "Bài tốt")])
        defer { site.delete() }
        #expect(try await site.build().succeeded)
        let before = try site.outputSnapshot()
        let inode = try FileManager.default.attributesOfItem(atPath: site.output.path)[.systemFileNumber] as? Int

        try site.write("Content/articles/b.md", article(title: "Bài hỏng", category: "Không có"))
        try site.write("Content/articles/a.md", article(title: "Bài tốt đã sửa"))
        let report = try await site.build()
        #expect(!report.succeeded)
        #expect(try site.outputSnapshot() == before)
        #expect(try FileManager.default.attributesOfItem(atPath: site.output.path)[.systemFileNumber] as? Int == inode)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Output") }
        // Only the last build's caches: no staging folder left behind.
        #expect(leftovers.sorted() == [".Output.toasoan-articles", ".Output.toasoan-manifest", ".Output.toasoan-search", ".Output.toasoan-site"])
    }

    @Test func aBrokenTemplateIsReportedAtItsLine() async throws {
        let site = try FixtureSite(files: ["Content/articles/a.md": article(title: "Bài")])
        defer { site.delete() }
        try site.write("Templates/page.mustache", "{{<base}}\n{{$main}}\n{{#title}}x\n{{/main}}\n{{/base}}\n")
        let report = try await site.build()
        #expect(!report.succeeded)
        let line = try #require(DiagnosticPrinter.lines(for: report.diagnostics).first)
        #expect(line.hasPrefix("Templates/page.mustache:"))
        #expect(line.contains("error: template does not parse"))
    }

    @Test func rawHTMLIsAWarningNamingFileAndLine() async throws {
        let site = try FixtureSite(files: [
            "Content/articles/a.md": article(title: "Bài", body: "Đoạn.\n\n<script>alert(1)</script>\n")
        ])
        defer { site.delete() }
        let report = try await site.build()
        #expect(report.succeeded)
        #expect(
            DiagnosticPrinter.lines(for: report.diagnostics) == [
                "Content/articles/a.md:9:1: warning: raw HTML is left out of the page (set allow_raw_html: true in site.yml to keep it)"
            ])
        #expect(!(try site.page("thoi-su-chinh-tri/bai/index.html")).contains("<script>alert"))
        // Taken from the cache next time, the file is still reported.
        try site.write("Content/articles/b.md", article(title: "Bài khác"))
        let again = try await site.build()
        #expect(DiagnosticPrinter.lines(for: again.diagnostics) == DiagnosticPrinter.lines(for: report.diagnostics))
    }

    @Test func outputThatWouldReplaceTheSiteIsRefused() async throws {
        let site = try FixtureSite()
        defer { site.delete() }
        var options = site.options()
        options.outputFolder = site.root.appendingPathComponent("Content")
        await #expect(throws: SiteBuilder.UsageError.self) { try await SiteBuilder.build(options) }
        options.outputFolder = site.root
        await #expect(throws: SiteBuilder.UsageError.self) { try await SiteBuilder.build(options) }
    }

    @Test func aFolderToasoanDidNotMakeIsNotReplaced() async throws {
        let site = try FixtureSite(files: ["Content/articles/a.md": article(title: "Bài")])
        defer { site.delete() }
        try site.write("Output/ghi-chu.txt", "tài liệu riêng")
        await #expect(throws: SiteBuilder.UsageError.self) { try await site.build() }
        #expect(try site.page("ghi-chu.txt") == "tài liệu riêng")
    }
}
