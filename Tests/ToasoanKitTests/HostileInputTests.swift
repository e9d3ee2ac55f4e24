import Foundation
import Testing
@testable import ToasoanKit
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Files an editor (or an attacker with write access to `Content/`) might write: each gives
/// a diagnostic or a safe page, never a crash, a hang, a raw value in a page, or a write
/// outside the output folder.
@Suite struct HostileInputTests {
    static let hostile = #"<script>alert("x")</script> & 'q'"#

    /// Every text file of the output, path → text.
    static func texts(_ site: FixtureSite) throws -> [String: String] {
        try site.outputSnapshot().filter { !$0.key.hasPrefix("media/") && !$0.key.hasPrefix("assets/img") }
            .mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func hostileTextInEveryFieldIsEscapedInPagesFeedsAndIndexes() async throws {
        let yamlHostile = #""<script>alert(\"x\")</script> & 'q'""#
        let site = try FixtureSite(
            files: [
                "Content/articles/a.md": article(
                    title: Self.hostile.replacingOccurrences(of: "\"", with: "\\\""), category: "Cat",
                    extra: "summary: \(yamlHostile)\nauthor: [\(yamlHostile)]\ntags: [\(yamlHostile)]\ncaption: \(yamlHostile)\nimage: /media/a.svg\nissue: Số 1 - 2020",
                    body: "Đoạn <script>alert(1)</script> và [x](javascript:alert(1)) ![y](javascript:alert(2))"),
                "Content/articles/b.md": article(title: "Bài B", date: "2020-02-01 08:00", category: "Cat"),
                "Content/pages/p.md": "---\ntitle: \(yamlHostile)\nslug: trang-rieng\n---\nNội dung.\n",
                "Content/issues/2020-01.yml": "number: 1\nyear: 2020\ndate: 2020-01-15\nlabel: \(yamlHostile)\n",
                "Content/media/a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ],
            siteYAML: """
                title: \(yamlHostile)
                tagline: \(yamlHostile)
                base_url: https://www.example.org/
                categories:
                  - name: \(yamlHostile)
                    slug: cat
                    description: \(yamlHostile)
                menus:
                  main:
                    - title: \(yamlHostile)
                      url: /cat/
                """)
        defer { site.delete() }
        let report = try await site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let texts = try Self.texts(site)
        var checked = 0
        for (path, text) in texts where !path.hasSuffix(".js") {
            // The only scripts in pages are the theme's own, with a src.
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("javascript:"), "\(path)")
            checked += 1
        }
        #expect(checked > 15)
        // Feeds and the sitemap stay well-formed XML with the text inside.
        for path in texts.keys where path.hasSuffix(".xml") {
            #expect(XMLParser(data: Data(texts[path]!.utf8)).parse(), "\(path)")
        }
        #expect(texts["feed.xml"]!.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;"))
        // The search index is JSON that gives the text back exactly.
        let chunk = try #require(texts["tim-kiem/d/0.json"])
        let documents = try #require(try JSONSerialization.jsonObject(with: Data(chunk.utf8)) as? [[String]])
        #expect(documents.contains { $0.first == Self.hostile })
        let page = try site.page("cat/script-alert-x-script-q/index.html")
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
    }

    @Test func pathsThatTryToLeaveTheSiteAreErrors() async throws {
        let escape = "toasoan-escape-\(UUID().uuidString)"
        let site = try FixtureSite(files: [
            "Content/articles/a.md": article(title: "A", extra: "aliases: [\"../../../tmp/\(escape)\", \"../../\(escape)\"]"),
            "Content/articles/b.md": article(title: "B", extra: "image: javascript:alert(1)"),
            "Content/articles/c.md": article(title: "C", extra: "video: ../../etc/passwd"),
            "Content/articles/d.md": article(title: "D", extra: "slug: ../.."),
            "Content/articles/e.md": article(title: "E", extra: "aliases: [\"javascript:alert(1)\"]"),
            "Content/issues/2020-01.yml": "number: 1\nyear: 2020\ndate: 2020-01-15\ncover: ../../../etc/passwd\n",
        ])
        defer { site.delete() }
        let report = try await site.build()
        #expect(!report.succeeded)
        let errorFiles = Set(report.diagnostics.errors.map(\.file))
        for file in ["a", "b", "c", "d", "e"] { #expect(errorFiles.contains("Content/articles/\(file).md"), "\(file)") }
        #expect(errorFiles.contains("Content/issues/2020-01.yml"))
        #expect(!site.exists(""))
        // Nothing was written: not in the site folder, not where the paths pointed.
        // (toasoan's own article cache beside the output folder may be kept for the next build.)
        let siteFolder = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { !$0.hasPrefix(".Output.toasoan-articles") }
        #expect(Set(siteFolder) == ["Content", "Templates"], "\(siteFolder)")
        for place in ["/tmp/\(escape)", site.root.deletingLastPathComponent().appendingPathComponent(escape).path] {
            #expect(!FileManager.default.fileExists(atPath: place), "\(place)")
        }
    }

    @Test func hugeFilesBuild() async throws {
        let paragraph = String(repeating: "Xây dựng Đảng trong sạch, vững mạnh; chỉnh đốn Đảng. ", count: 20) + "\n\n"
        let tenMegabytes = String(repeating: paragraph, count: 10_000_000 / paragraph.utf8.count + 1)
        let manyLines = (0..<100_000).map { "Dòng \($0) của bài." }.joined(separator: "\n")
        let site = try FixtureSite(files: [
            "Content/articles/big.md": article(title: "Bài rất dài", body: tenMegabytes),
            "Content/articles/lines.md": article(title: "Bài nhiều dòng", date: "2020-01-16 08:00", body: manyLines),
        ])
        defer { site.delete() }
        let report = try await site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let page = try site.output.appendingPathComponent("thoi-su-chinh-tri/bai-rat-dai/index.html").resourceValues(forKeys: [.fileSizeKey])
        #expect((page.fileSize ?? 0) > 10_000_000)
        #expect(try site.page("thoi-su-chinh-tri/bai-nhieu-dong/index.html").contains("Dòng 99999 của bài."))
    }

    @Test func brokenBytesAndYAMLAreDiagnostics() async throws {
        let site = try FixtureSite(files: [
            "Content/articles/tabs.md": "---\ntitle: Bài\n\tdate: 2020-01-15 08:00\ncategory: Thời sự - Chính trị\n---\nA\n",
            "Content/articles/bomb.md": article(
                title: "Bom", extra: (["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                    + (1...9).map { "a\($0): &a\($0) [" + Array(repeating: "*a\($0 - 1)", count: 9).joined(separator: ", ") + "]" }
                    + ["tags: *a9"]).joined(separator: "\n")),
            "Content/articles/bom-crlf.md": "\u{FEFF}---\r\ntitle: Bài BOM\r\ndate: 2020-01-15 08:00\r\ncategory: Thời sự - Chính trị\r\n---\r\nThân\r\n",
        ])
        defer { site.delete() }
        try site.write("Content/articles/nul.md", Data("---\ntitle: A\u{0}B\n---\n".utf8))
        let clock = ContinuousClock.now
        let report = try await site.build()
        #expect(ContinuousClock.now - clock < .seconds(20), "no hang")
        let errors = report.diagnostics.errors
        #expect(errors.contains { $0.file == "Content/articles/tabs.md" && $0.line == 3 && $0.message.contains("YAML") }, "\(errors)")
        #expect(errors.filter { $0.file == "Content/articles/bomb.md" }.count == 1, "\(errors)")
        #expect(errors.contains { $0.file == "Content/articles/nul.md" && $0.line == 2 }, "\(errors)")
        #expect(!errors.contains { $0.file == "Content/articles/bom-crlf.md" }, "a BOM and CRLF are fine")
    }

    @Test func aLinkOutOfTheSiteIsRefusedAndAVanishedFileIsADiagnostic() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("toasoan-secret-\(UUID().uuidString).md")
        try article(title: "Bí mật").write(to: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        let site = try FixtureSite(files: [
            "Content/articles/a.md": article(title: "A"),
            "Content/articles/gone.md": article(title: "Sắp mất"),
        ])
        defer { site.delete() }
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("Content/articles/link.md"), withDestinationURL: outside)
        // A file listed, then removed before it is read (as while a build runs).
        let listing = SourceListing(siteRoot: site.root)
        try site.remove("Content/articles/gone.md")
        let (sources, diagnostics) = try await SiteLoader.load(
            siteRoot: site.root, listing: listing, baseURLOverride: nil, latestYear: 2027, workers: 2)
        #expect(diagnostics.contains { $0.file == "Content/articles/link.md" && $0.severity == .error }, "\(diagnostics)")
        #expect(diagnostics.contains { $0.file == "Content/articles/gone.md" && $0.severity == .error }, "\(diagnostics)")
        #expect(sources?.articles.map(\.source.file) == ["Content/articles/a.md"])
        #expect(!(sources?.articles.contains { $0.source.title.value == "Bí mật" } ?? true))
    }
}
