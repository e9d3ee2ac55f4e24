import Foundation
import Testing
import ToasoanKit

/// Small fixture sites built end to end into temporary folders, the HTML read back.
@Suite struct BuildTests {
    static let files: [String: String] = [
        "Content/articles/2019/07/cum-thi-dua.md": article(
            title: "Cụm thi đua số 5 Ngành Tổ chức xây dựng Đảng", date: "2019-07-28 02:11",
            extra: "author: Đinh Thành\nissue: Số 1 - 2020\nimage: /media/a.svg\ncaption: Toàn cảnh hội nghị.",
            body: "Ngày 26-7-2019, tại TP. Trà Vinh.\n\n![Phát biểu](/media/a.svg \"Đồng chí phát biểu.\")\n\n[Mục](/xay-dung-dang/)"),
        "Content/articles/2019/08/b.md": article(title: "Bài thứ hai", date: "2019-08-01 09:00"),
        "Content/articles/2019/09/c.md": article(title: "Bài thứ ba", date: "2019-09-01 09:00"),
        "Content/articles/2019/10/d.md": article(title: "Bài thứ tư", date: "2019-10-01 09:00"),
        "Content/articles/2019/10/e.md": article(
            title: "Bài của mục khác", date: "2019-10-02 09:00", category: "xay-dung-dang"),
        "Content/articles/2019/11/draft.md": article(title: "Bản nháp", date: "2019-11-01 09:00", extra: "draft: true"),
        "Content/issues/2020-01.yml": "number: 1\nyear: 2020\ndate: 2020-01-15\nlabel: Xuân Canh Tý\ncover: /media/bia.svg\n",
        "Content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nTạp chí **Xây dựng Đảng**.\n",
        "Content/media/a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "Content/media/bia.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ]

    @Test func articlePageHasEverythingAnEditorExpects() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        let report = try await site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try site.page("thoi-su-chinh-tri/cum-thi-dua-so-5-nganh-to-chuc-xay-dung-dang/index.html")
        #expect(html.contains("<html lang=\"vi\">"))
        #expect(html.contains(#"<p class="article-category"><a href="/thoi-su-chinh-tri/">Thời sự - Chính trị</a></p>"#))
        #expect(html.contains(#"<h1 class="article-title">Cụm thi đua số 5 Ngành Tổ chức xây dựng Đảng</h1>"#))
        #expect(html.contains(#"<time datetime="2019-07-28T02:11:00+07:00">2:11&#39; 28/7/2019</time>"#))
        #expect(html.contains(#"<img src="/media/a.svg" alt="Toàn cảnh hội nghị." width="1200" height="675">"#))
        #expect(html.contains("<figcaption>Toàn cảnh hội nghị.</figcaption>"))
        #expect(html.contains("<figcaption>Đồng chí phát biểu.</figcaption>"))
        #expect(html.contains(#"<p class="article-author"><a href="/tac-gia/dinh-thanh/">Đinh Thành</a></p>"#))
        #expect(html.contains(#"in <a href="/tap-chi-in/2020/so-1/">Số 1 - 2020</a>"#))
        #expect(html.contains(#"<link rel="canonical" href="https://www.example.org/thoi-su-chinh-tri/cum-thi-dua-so-5-nganh-to-chuc-xay-dung-dang/">"#))
        #expect(html.contains(#"<meta property="og:image" content="https://www.example.org/media/a.svg">"#))
        #expect(html.contains(#"<meta property="og:description" content="Ngày 26-7-2019, tại TP. Trà Vinh.">"#))
        // Sidebar: the latest print issue.
        #expect(html.contains("Giới thiệu tạp chí in"))
        #expect(html.contains(#"<a class="issue-card" href="/tap-chi-in/2020/so-1/">"#))
        #expect(html.contains(#"<img class="issue-cover" src="/media/bia.svg""#))
        #expect(html.contains("Xuân Canh Tý"))
        // The body's author line comes after the body, the body before the related list.
        let body = try #require(html.range(of: "Ngày 26-7-2019"))
        let author = try #require(html.range(of: "article-author"))
        let related = try #require(html.range(of: "Bài cùng chuyên mục"))
        #expect(body.lowerBound < author.lowerBound && author.lowerBound < related.lowerBound)
    }

    @Test func relatedListsThePreviousArticlesOfTheCategoryNearestFirstThenLaterOnes() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        func relatedTitles(_ path: String) throws -> [String] {
            let html = try site.page(path)
            guard let start = html.range(of: "<ul class=\"related-list\">") else { return [] }
            let list = html[start.upperBound...].components(separatedBy: "</ul>")[0]
            return list.components(separatedBy: "</a>").dropLast().compactMap { $0.components(separatedBy: "\">").last }
        }
        #expect(try relatedTitles("thoi-su-chinh-tri/bai-thu-tu/index.html") == ["Bài thứ ba", "Bài thứ hai", "Cụm thi đua số 5 Ngành Tổ chức xây dựng Đảng"])
        #expect(try relatedTitles("thoi-su-chinh-tri/bai-thu-ba/index.html") == ["Bài thứ hai", "Cụm thi đua số 5 Ngành Tổ chức xây dựng Đảng", "Bài thứ tư"])
        #expect(try relatedTitles("thoi-su-chinh-tri/cum-thi-dua-so-5-nganh-to-chuc-xay-dung-dang/index.html") == ["Bài thứ hai", "Bài thứ ba", "Bài thứ tư"])
        #expect(try relatedTitles("xay-dung-dang/bai-cua-muc-khac/index.html").isEmpty)
    }

    @Test func categoryPagesArePaginatedNewestFirst() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let first = try site.page("thoi-su-chinh-tri/index.html")
        let second = try site.page("thoi-su-chinh-tri/trang/2/index.html")
        #expect(!site.exists("thoi-su-chinh-tri/trang/3/index.html"))
        #expect(first.range(of: "Bài thứ tư")!.lowerBound < first.range(of: "Bài thứ ba")!.lowerBound)
        #expect(!first.contains(">Bài thứ hai<"))
        #expect(second.contains(">Bài thứ hai<") && second.contains(">Cụm thi đua số 5"))
        #expect(first.contains(#"<a href="/thoi-su-chinh-tri/trang/2/" rel="next">"#))
        #expect(second.contains(#"<a href="/thoi-su-chinh-tri/" rel="prev">"#))
        #expect(second.contains(#"<span aria-current="page">2</span>"#))
        // A category named by slug in front matter lands in its category.
        #expect(try site.page("xay-dung-dang/index.html").contains(">Bài của mục khác<"))
    }

    @Test func longListsLinkAWindowOfPagesNotEveryPage() async throws {
        var files: [String: String] = [:]
        for day in 1...20 {
            files["Content/articles/\(day).md"] = article(title: "Bài số \(day)", date: "2020-01-\(day < 10 ? "0" : "")\(day) 08:00")
        }
        let site = try FixtureSite(files: files)  // page_size 2: 10 pages
        defer { site.delete() }
        try await site.build()
        let html = try site.page("thoi-su-chinh-tri/trang/5/index.html")
        let pagination = try #require(html.components(separatedBy: "<nav class=\"pagination\"").last?.components(separatedBy: "</nav>").first)
        let numbers = pagination.components(separatedBy: "<li>").dropFirst().map { item -> String in
            if item.contains("class=\"gap\"") { return "…" }
            if item.contains("rel=\"prev\"") { return "‹" }
            if item.contains("rel=\"next\"") { return "›" }
            return item.components(separatedBy: ">").dropFirst().first?.components(separatedBy: "<").first ?? "?"
        }
        #expect(numbers == ["‹", "1", "…", "3", "4", "5", "6", "7", "…", "10", "›"])
    }

    @Test func homeStandalonePagesNotFoundAndStaticFiles() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let home = try site.page("index.html")
        #expect(home.contains(#"<h2 class="lead-title"><a href="/xay-dung-dang/bai-cua-muc-khac/">Bài của mục khác</a></h2>"#))
        #expect(home.contains(#"<h2 class="section-title"><a href="/thoi-su-chinh-tri/">Thời sự - Chính trị</a></h2>"#))
        #expect(try site.page("gioi-thieu/index.html").contains("<p>Tạp chí <strong>Xây dựng Đảng</strong>.</p>"))
        #expect(home.contains(#"<a href="/gioi-thieu/">Giới thiệu</a>"#))
        #expect(try site.page("404.html").contains(#"<a href="/">trang chủ</a>"#))
        #expect(site.exists("media/a.svg"))
        #expect(site.exists("assets/css/site.css"))
    }

    @Test func draftsAreBuiltOnlyWhenAskedFor() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        #expect(!site.exists("thoi-su-chinh-tri/ban-nhap/index.html"))
        #expect(!(try site.page("index.html")).contains("Bản nháp"))
        try await site.build(drafts: true)
        #expect(site.exists("thoi-su-chinh-tri/ban-nhap/index.html"))
    }

    @Test func baseURLMovesEveryInternalLinkUnderItsPath() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        #expect(try await site.build(baseURL: "https://example.org/tapchi/").succeeded)
        let html = try site.page("thoi-su-chinh-tri/cum-thi-dua-so-5-nganh-to-chuc-xay-dung-dang/index.html")
        #expect(html.contains(#"href="/tapchi/assets/css/site.css""#))
        #expect(html.contains(#"<a href="/tapchi/thoi-su-chinh-tri/">Thời sự - Chính trị</a>"#))
        #expect(html.contains(#"<img src="/tapchi/media/a.svg" alt="Phát biểu""#))
        #expect(html.contains(#"<a href="/tapchi/xay-dung-dang/">Mục</a>"#))
        #expect(html.contains(#"href="https://example.org/tapchi/thoi-su-chinh-tri/cum-thi-dua"#))
        #expect(brokenInternalLinks(in: site.output, basePath: "/tapchi/") == [])
        // No link anywhere in the site points at the host's root any more.
        for (path, data) in try site.outputSnapshot() where path.hasSuffix(".html") {
            let text = String(decoding: data, as: UTF8.self)
            for attribute in ["href=\"/", "src=\"/"] {
                for range in text.ranges(of: attribute) {
                    #expect(text[range.upperBound...].hasPrefix("tapchi/"), "\(path): \(text[range.lowerBound...].prefix(60))")
                }
            }
        }
    }

    @Test func hostileFrontMatterValuesAreEscapedEverywhere() async throws {
        let hostile = #"<script>alert('x')</script> & \"quoted\""#
        let site = try FixtureSite(files: [
            "Content/articles/a.md": article(
                title: hostile, extra: "summary: \"\(hostile)\"\nauthor: \"\(hostile)\"\ncaption: \"\(hostile)\"\nimage: /media/a.svg"),
            "Content/articles/b.md": article(title: "Bài bên cạnh", date: "2020-02-01 08:00"),
        ])
        defer { site.delete() }
        let report = try await site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        var pagesChecked = 0
        for (path, data) in try site.outputSnapshot() where path.hasSuffix(".html") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>"), "\(path)")
            #expect(!text.contains("\"quoted\""), "\(path)")
            pagesChecked += 1
        }
        #expect(pagesChecked >= 5)
        let page = try site.page("thoi-su-chinh-tri/script-alert-x-script-quoted/index.html")
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
    }

    @Test func outputIsTheSameWhateverTheNumberOfWorkers() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build(workers: 1)
        let serial = try site.outputSnapshot()
        try await site.build(workers: 4)
        #expect(try site.outputSnapshot() == serial)
    }

    /// Most files go from their bytes straight to cmark; one saved with a byte-order mark, with
    /// CRLF line ends or with decomposed letters is cleaned first. Both ways give the same site.
    @Test func aCleanFileAndOneWithBOMCRLFOrDecomposedLettersGiveTheSameSite() async throws {
        let clean = article(
            title: "Xây dựng Đảng", extra: "summary: Đảng và dân\ntags: [Đảng]",
            body: "Ngày *26-7-2019*, tại Trà Vinh, [Đảng](/xay-dung-dang/) &#xFFFE;.\n\n![Ảnh](/media/a.svg \"Toàn cảnh.\")\n\n<b>x</b> ễ")
        let variants = [
            clean, "\u{FEFF}" + clean, clean.replacingOccurrences(of: "\n", with: "\r\n"),
            clean.decomposedStringWithCanonicalMapping,
        ]
        var snapshots: [[String: Data]] = []
        for text in variants {
            let site = try FixtureSite(files: ["Content/articles/a.md": text, "Content/media/a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"])
            defer { site.delete() }
            let report = try await site.build()
            #expect(report.succeeded, "\(report.diagnostics)")
            #expect(report.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["12:1", "12:5"], "the raw HTML, where the file has it")
            snapshots.append(try site.outputSnapshot())
        }
        let page = String(decoding: snapshots[0]["thoi-su-chinh-tri/xay-dung-dang/index.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("<em>26-7-2019</em>") && page.contains("<figcaption>Toàn cảnh.</figcaption>"))
        // cmark writes `&#xFFFE;` as a lone byte FE; every file is UTF-8 all the same.
        #expect(page.contains("\u{FFFD}."))
        #expect(snapshots[0].filter { !$0.key.hasPrefix("media/") && String(validating: $0.value, as: UTF8.self) == nil }.isEmpty)
        for (index, snapshot) in snapshots.enumerated().dropFirst() {
            #expect(snapshot == snapshots[0], "variant \(index)")
        }
    }

    /// The listing walks the folders two levels down side by side: every file at every
    /// depth is still listed once, in order, hidden names and links to folders as before.
    @Test func listingFindsEveryFileAtEveryDepthInOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("toasoan-tree-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["a.md", "x/b.md", "x/y/c.md", "x/y/z/d.md", "x/y/.c.md.swp", ".hidden", "p/q/r.md", "p/q/s/t/u.md", "x/yy/e.md"]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(atPath: root.path + "/x/link", withDestinationPath: root.path + "/x/y")
        let listed = FileTree.regularFiles(under: root)
        #expect(listed.map(\.relativePath) == ["a.md", "p/q/r.md", "p/q/s/t/u.md", "x/b.md", "x/link", "x/y/c.md", "x/y/z/d.md", "x/yy/e.md"])
        #expect(listed.filter(\.isSymbolicLink).map(\.relativePath) == ["x/link"])
        #expect(listed.first { $0.relativePath == "x/y/z/d.md" }?.size == 10)
        #expect(listed.allSatisfy { $0.path == root.standardizedFileURL.path + "/" + $0.relativePath })
        #expect(FileTree.regularFiles(under: root, skipping: ["x"]).map(\.relativePath) == ["a.md", "p/q/r.md", "p/q/s/t/u.md"])
    }

    @Test func aSuccessfulRebuildReplacesTheOutputWhole() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        try site.remove("Content/articles/2019/09/c.md")
        try await site.build()
        #expect(!site.exists("thoi-su-chinh-tri/bai-thu-ba/index.html"))
        #expect(!(try site.page("thoi-su-chinh-tri/bai-thu-tu/index.html")).contains("Bài thứ ba"))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
        // Beside the output: only the manifest of the last build, no staging or old folder.
        #expect(siblings.sorted() == [".Output.toasoan-articles", ".Output.toasoan-manifest", ".Output.toasoan-search", ".Output.toasoan-site", "Content", "Output", "Templates"])
    }
}

/// The repository's own sample edition builds without errors and holds what the README promises.
@Suite struct SampleEditionTests {
    @Test func theBundledSampleEditionBuilds() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("toasoan-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try await SiteBuilder.build(
            BuildOptions(siteRoot: FixtureSite.repositoryRoot, outputFolder: output, now: JournalDate(year: 2026, month: 11, day: 25)))
        #expect(report.succeeded, "\(DiagnosticPrinter.lines(for: report.diagnostics))")
        // The one raw-HTML sample is reported, nothing else is.
        #expect(report.diagnostics.count == 1)
        let site = try #require(report.site)
        #expect(site.articles.count >= 31)
        #expect(Set(site.articles.map(\.category.slug)).count >= 6)
        #expect(Set(site.articles.map { $0.date.fields.year }).count >= 3)
        #expect(site.issues.count >= 5)
        #expect(site.issues.contains { $0.numbers.count > 1 })
        #expect(site.issues.contains { $0.year < 2010 })

        let seed = try String(
            contentsOf: output.appendingPathComponent(
                "thoi-su-chinh-tri/cum-thi-dua-so-5-nganh-to-chuc-xay-dung-dang-trien-khai-9-nhiem-vu-trong-tam-nhung-thang-cuoi-nam-2019/index.html"),
            encoding: .utf8)
        #expect(seed.contains("2:11&#39; 28/7/2019"))
        #expect(seed.contains("Đinh Thành"))
        #expect(seed.contains("\u{00A0}"))  // the seed's non-breaking spaces are kept
        #expect(seed.contains("Ðảng"))  // and its look-alike Ð (U+00D0)
        #expect(seed.contains("<figcaption>Đồng chí Ngô Chí Cường"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("gioi-thieu/index.html").path))
        #expect(site.terms(.tag).count >= 10)
        #expect(site.videoArticles.count >= 2)
        #expect(brokenInternalLinks(in: output) == [])
    }
}
