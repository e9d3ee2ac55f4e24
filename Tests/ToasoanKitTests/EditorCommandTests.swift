import Foundation
import Testing
@testable import ToasoanKit

/// `toasoan preview`, `check` and `new`, on real sites in temporary folders.
@Suite struct PreviewTests {
    static let files = [
        "Content/articles/a.md": article(title: "Bài A", date: "2020-01-10 08:00", extra: "tags: [Thi đua]"),
        "Content/articles/b.md": article(title: "Bài B", date: "2020-01-11 08:00", extra: "tags: [Thi đua]",
                                         body: "Có HTML.\n\n<div>khối</div>\n"),
        "Content/articles/c.md": article(title: "Bài C", date: "2020-01-12 08:00", extra: "tags: [Thi đua]",
                                         body: "Đoạn đầu của bài C.\n\n## Mục\n\nThân bài [liên kết](/thoi-su-chinh-tri/bai-a/)."),
        "Content/articles/d.md": article(title: "Bài D", date: "2020-01-13 08:00", extra: "draft: true"),
    ]

    @Test func thePreviewEqualsThePageOfAFullBuild() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        // Without any earlier build (no cache) and after one (from the cache).
        let first = try await ArticlePreview.render(article: site.root.appendingPathComponent("Content/articles/c.md"), options: site.options())
        #expect(!site.exists("index.html"), "a preview writes nothing")
        try await site.build()
        let page = try site.page("thoi-su-chinh-tri/bai-c/index.html")
        #expect(first.html == page)
        #expect(page.contains("Bài cùng chuyên mục") && page.contains("Bài B"))
        let second = try await ArticlePreview.render(article: site.root.appendingPathComponent("Content/articles/c.md"), options: site.options())
        #expect(second.html == page)
    }

    @Test func otherArticlesAreNotRendered() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        var timer = StageTimer()
        let (linked, diagnostics, _) = try await SiteBuilder.loadAndLink(
            site.options(), listing: nil, bodies: .only("Content/articles/c.md"), articleCache: nil, writingCache: false,
            timer: &timer)
        let articles = try #require(linked?.site.articles)
        #expect(articles.first { $0.sourceFile == "Content/articles/c.md" }.map { String(decoding: $0.bodyHTML, as: UTF8.self) }?.contains("<h2>Mục</h2>") == true)
        #expect(articles.filter { $0.sourceFile != "Content/articles/c.md" }.allSatisfy { $0.bodyHTML.isEmpty })
        // b.md's raw HTML would be reported had its body been rendered.
        #expect(!diagnostics.contains { $0.file == "Content/articles/b.md" })
        // Yet lists show the others' leads as a build would.
        #expect(articles.first { $0.sourceFile == "Content/articles/b.md" }?.leadText == "Có HTML.")
    }

    @Test func aDraftIsPreviewedAsItWillBePublished() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        let result = try await ArticlePreview.render(article: site.root.appendingPathComponent("Content/articles/d.md"), options: site.options())
        let html = try #require(result.html)
        #expect(html.contains("<h1 class=\"article-title\">Bài D</h1>"))
        // Published, its page would list the three earlier articles of its category.
        #expect(html.contains("Bài C") && html.contains("Bài A"))
    }

    @Test func anArticleWithErrorsGetsItsDiagnosticsAndNoPage() async throws {
        var files = Self.files
        files["Content/articles/e.md"] = article(title: "Bài E", category: "Thoi su")
        let site = try FixtureSite(files: files)
        defer { site.delete() }
        let result = try await ArticlePreview.render(article: site.root.appendingPathComponent("Content/articles/e.md"), options: site.options())
        #expect(result.html == nil)
        #expect(result.diagnostics.contains { $0.file == "Content/articles/e.md" && $0.line == 4 && $0.message.contains("unknown category") })
        await #expect(throws: ArticlePreview.UsageError.self) {
            try await ArticlePreview.render(article: site.root.appendingPathComponent("Content/site.yml"), options: site.options())
        }
    }
}

@Suite struct CheckTests {
    @Test func brokenLinksAndMissingImagesAreErrorsAtTheirPlace() async throws {
        let site = try FixtureSite(files: [
            "Content/articles/a.md": article(
                title: "Bài A", extra: "image: /media/khong-co.jpg",
                body: "Xem [bài B](/thoi-su-chinh-tri/bai-b/) và [trang cũ](/khong-ton-tai/).\n\n![Ảnh](/media/co.svg) ![Mất](../../media/mat.png)\n\n[Ngoài](https://example.org/x) [neo](#muc)"),
            "Content/articles/b.md": article(title: "Bài B", body: "[Lên trên](../) [sai](../bai-c/)"),
            "Content/media/co.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ])
        defer { site.delete() }
        let diagnostics = try await SiteChecker.check(site.options())
        let errors = diagnostics.errors.map(\.description)
        #expect(errors.contains { $0.hasPrefix("Content/articles/a.md:7:43: error: link to /khong-ton-tai/") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/articles/a.md:9:23: error: image ../../media/mat.png") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/articles/a.md:5:8: error: image /media/khong-co.jpg") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/articles/b.md:7:17: error: link to ../bai-c/") }, "\(errors)")
        #expect(errors.count == 4, "\(errors)")
        #expect(!site.exists(""), "check writes nothing")
    }

    @Test func aTemplateLinkToNothingIsReportedAtTheTemplateLine() async throws {
        let site = try FixtureSite(files: ["Content/articles/a.md": article(title: "Bài A")])
        defer { site.delete() }
        let footer = try String(contentsOf: site.root.appendingPathComponent("Templates/site/footer.mustache"), encoding: .utf8)
        try site.write("Templates/site/footer.mustache", footer + "<a href=\"/trang-mat/\">Mất</a>\n")
        let lines = footer.split(separator: "\n", omittingEmptySubsequences: false).count
        let diagnostics = try await SiteChecker.check(site.options())
        let error = try #require(diagnostics.errors.first)
        #expect(error.file == "Templates/site/footer.mustache" && error.line == lines && error.column == 4, "\(error)")
        #expect(error.message.contains("/trang-mat/"))
    }

    @Test func theSampleEditionHasNoBrokenLinks() async throws {
        let options = BuildOptions(siteRoot: FixtureSite.repositoryRoot, outputFolder: FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString)"))
        let diagnostics = try await SiteChecker.check(options)
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors)")
        #expect(!FileManager.default.fileExists(atPath: options.outputFolder.path))
    }
}

@Suite struct NewArticleTests {
    @Test func aNewArticleBuildsIntoItsPage() async throws {
        let site = try FixtureSite(files: [
            "Content/issues/2024-03.yml": "number: 3\nyear: 2024\ndate: 2024-03-01\n",
        ])
        defer { site.delete() }
        let now = JournalDate(year: 2026, month: 11, day: 25, hour: 9, minute: 5)
        let path = try NewArticle.create(
            .init(siteRoot: site.root, title: "Đảng và \"dân\": bài mới", category: "xay dung dang", issue: "so 3 - 2024", now: now))
        #expect(path == "Content/articles/2026/11/dang-va-dan-bai-moi.md")
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains("title: \"Đảng và \\\"dân\\\": bài mới\"\n"))
        #expect(text.contains("date: 2026-11-25 09:05\n"))
        #expect(text.contains("category: \"Xây dựng Đảng\"\n") && text.contains("issue: \"Số 3 - 2024\"\n"))
        let report = try await site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let page = try site.page("xay-dung-dang/dang-va-dan-bai-moi/index.html")
        #expect(page.contains("Đảng và &quot;dân&quot;: bài mới"))
        #expect(page.contains("2026-11-25T09:05:00+07:00"))
    }

    @Test func itNeverReplacesAFileAndNamesWhatItCannotFind() throws {
        let site = try FixtureSite()
        defer { site.delete() }
        let request = NewArticle.Request(siteRoot: site.root, title: "Bài", category: "Thời sự - Chính trị")
        _ = try NewArticle.create(request)
        #expect {
            try NewArticle.create(request)
        } throws: { ($0 as? NewArticle.Failure)?.description.contains("already exists") == true }
        #expect {
            try NewArticle.create(.init(siteRoot: site.root, title: "Bài khác", category: "Xay dung"))
        } throws: { "\($0)".contains("did you mean \"Xây dựng Đảng\"") }
        #expect {
            try NewArticle.create(.init(siteRoot: site.root, title: "Bài khác", category: "Xây dựng Đảng", issue: "Số 9 - 2031"))
        } throws: { "\($0)".contains("unknown print issue") }
    }
}

/// A preview after a build takes the other articles as that build linked them, as long as
/// nothing but the previewed file changed since; the page must still be the page a fresh
/// build makes, whatever the edit.
@Suite struct PreviewFromTheLastBuildTests {
    static let files = [
        "Content/issues/2020-01.yml": "number: 1\nyear: 2020\ndate: 2020-01-05\n",
        "Content/articles/a.md": article(title: "Bài A", date: "2020-01-10 08:00", extra: "tags: [Thi đua, Hà Nội]\nauthor: Nguyễn Văn A"),
        "Content/articles/b.md": article(title: "Bài B", date: "2020-01-11 08:00", extra: "tags: [Thi đua]\nvideo: dQw4w9WgXcQ"),
        "Content/articles/c.md": article(
            title: "Bài C", date: "2020-01-12 08:00", extra: "tags: [Hà Nội]\nissue: Số 1 - 2020\naliases: [/bai-c-cu/]",
            body: "Đoạn đầu của bài C.\n\n## Mục\n\nThân bài."),
        "Content/articles/d.md": article(title: "Bài D", date: "2020-01-13 08:00", category: "Xây dựng Đảng", extra: "tags: [Thi đua]"),
        "Content/articles/e.md": article(title: "Bài E", date: "2020-01-14 08:00", extra: "draft: true"),
    ]

    /// Previews `file` as it is now, then builds and compares with the built page;
    /// `fromLastBuild` is how many other articles the preview should take from the snapshot.
    private func expectPreviewEqualsBuild(
        _ site: FixtureSite, _ file: String, reusing: Bool, fromLastBuild: Int? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let preview = try await ArticlePreview.render(article: site.root.appendingPathComponent(file), options: site.options())
        #expect(preview.reusedLastBuild == reusing, sourceLocation: sourceLocation)
        if let fromLastBuild {
            #expect(preview.articlesFromLastBuild == fromLastBuild, sourceLocation: sourceLocation)
        }
        let html = try #require(preview.html, "\(preview.diagnostics)", sourceLocation: sourceLocation)
        let report = try await site.build()
        #expect(report.succeeded, sourceLocation: sourceLocation)
        let path = try #require(html.firstMatch(of: /<link rel="canonical" href="[^"]*?\/\/[^\/]+\/([^"]*)"/)?.1, sourceLocation: sourceLocation)
        #expect(html == (try site.page(path + "index.html")), "\(file)", sourceLocation: sourceLocation)
    }

    @Test func everyEditOfThePreviewedArticleIsShownAsABuildWouldShowIt() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let c = "Content/articles/c.md"
        let edits: [(String, String)] = [
            ("body", article(title: "Bài C", date: "2020-01-12 08:00", extra: "tags: [Hà Nội]\nissue: Số 1 - 2020", body: "Thân bài đã sửa, dài hơn.")),
            ("title", article(title: "Bài C đã đổi tên", date: "2020-01-12 08:00", extra: "tags: [Hà Nội]")),
            ("date", article(title: "Bài C", date: "2020-01-09 08:00", extra: "tags: [Hà Nội, Thi đua]")),
            ("category", article(title: "Bài C", date: "2020-01-12 08:00", category: "Xây dựng Đảng", extra: "tags: [Thi đua]")),
            ("video", article(title: "Bài C", date: "2020-01-20 08:00", extra: "video: https://youtu.be/aaaaaaaaaaa")),
            ("slug", article(title: "Bài C", date: "2020-01-12 08:00", extra: "slug: bai-c-moi\naliases: [/bai-c-cu/, /bai-c-rat-cu/]")),
        ]
        for (what, text) in edits {
            try site.write(c, text)
            try await expectPreviewEqualsBuild(site, c, reusing: true)
            _ = what
        }
        // A new article, never built, and a draft are previewed from the snapshot as well.
        try site.write("Content/articles/f.md", article(title: "Bài F mới", date: "2020-01-15 08:00", extra: "tags: [Thi đua]"))
        try await expectPreviewEqualsBuild(site, "Content/articles/f.md", reusing: true)
    }

    @Test func anyOtherChangeMeansTheChangedArticlesAreReadAgain() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        // Another article's title: the list under C shows it; B and D come from the snapshot.
        try site.write("Content/articles/a.md", article(title: "Bài A có tên mới hơn", date: "2020-01-10 08:00", extra: "tags: [Hà Nội]"))
        try await expectPreviewEqualsBuild(site, "Content/articles/c.md", reusing: false, fromLastBuild: 2)
        // Two other articles changed, and C itself: A, B and D are read.
        try site.write("Content/articles/a.md", article(title: "Bài A lần nữa", date: "2020-01-10 08:00", extra: "tags: [Thi đua]"))
        try site.write("Content/articles/b.md", article(title: "Bài B đã sửa", date: "2020-01-16 08:00", extra: "tags: [Hà Nội]"))
        try site.write("Content/articles/c.md", article(title: "Bài C", date: "2020-01-12 08:00", extra: "tags: [Hà Nội, Thi đua]"))
        try await expectPreviewEqualsBuild(site, "Content/articles/c.md", reusing: false, fromLastBuild: 1)
        // A template: no article is read again (templates do not change how articles link).
        let related = try String(contentsOf: site.root.appendingPathComponent("Templates/item/related.mustache"), encoding: .utf8)
        try site.write("Templates/item/related.mustache", related.replacingOccurrences(of: "<li>", with: "<li class=\"lien-quan\">"))
        try await expectPreviewEqualsBuild(site, "Content/articles/c.md", reusing: false, fromLastBuild: 3)
        #expect(try site.page("thoi-su-chinh-tri/bai-c/index.html").contains("<li class=\"lien-quan\">"))
        // An article removed.
        try site.remove("Content/articles/b.md")
        try await expectPreviewEqualsBuild(site, "Content/articles/c.md", reusing: false, fromLastBuild: 2)
        // A draft published and a new article: both are read, and C's lists show them.
        try site.write("Content/articles/e.md", article(title: "Bài E", date: "2020-01-14 08:00"))
        try site.write("Content/articles/g.md", article(title: "Bài G mới", date: "2020-01-15 08:00"))
        try await expectPreviewEqualsBuild(site, "Content/articles/c.md", reusing: false, fromLastBuild: 2)
        #expect(try site.page("thoi-su-chinh-tri/bai-c/index.html").contains("Bài E"))
        #expect(try site.page("thoi-su-chinh-tri/bai-c/index.html").contains("Bài G mới"))
        // site.yml: every article is linked again.
        try site.write("Content/site.yml", FixtureSite.defaultSiteYAML.replacingOccurrences(of: "Tạp chí Thử nghiệm", with: "Tạp chí Đổi tên"))
        try site.write("Content/articles/d.md", article(title: "Bài D mới", date: "2020-01-13 08:00", category: "Xây dựng Đảng", extra: "tags: [Thi đua]"))
        try await expectPreviewEqualsBuild(site, "Content/articles/c.md", reusing: false, fromLastBuild: 0)
        #expect(try site.page("thoi-su-chinh-tri/bai-c/index.html").contains("Tạp chí Đổi tên"))
        // And once built, the snapshot serves again.
        try await expectPreviewEqualsBuild(site, "Content/articles/c.md", reusing: true, fromLastBuild: 4)
    }

    @Test func aDraftIsPreviewedFromTheSnapshotAsPublished() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let preview = try await ArticlePreview.render(article: site.root.appendingPathComponent("Content/articles/e.md"), options: site.options())
        #expect(preview.reusedLastBuild)
        let html = try #require(preview.html)
        #expect(html.contains("<h1 class=\"article-title\">Bài E</h1>") && html.contains("Bài C"))
    }

    @Test func aURLTakenByAnotherArticleIsTheSameErrorAsInABuild() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        // d.md sorts after b.md: b keeps its URL, d's slug is the error, at d's line.
        try site.write("Content/articles/d.md", article(title: "Bài D", date: "2020-01-13 08:00", category: "Thời sự - Chính trị", extra: "slug: bai-b"))
        let preview = try await ArticlePreview.render(article: site.root.appendingPathComponent("Content/articles/d.md"), options: site.options())
        #expect(preview.reusedLastBuild)
        #expect(preview.html == nil)
        let report = try await site.build()
        let fromBuild = report.diagnostics.filter { $0.file == "Content/articles/d.md" }.map(\.description)
        #expect(!fromBuild.isEmpty)
        #expect(preview.diagnostics.filter { $0.file == "Content/articles/d.md" }.map(\.description) == fromBuild)
    }
}
