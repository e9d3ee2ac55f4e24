import Foundation
import Testing
import ToasoanKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Print issues, taxonomies, related lists, feeds, sitemap, aliases and search on fixture sites.
@Suite struct JournalStructureTests {
    static let siteYAML = """
        title: Tạp chí Thử nghiệm
        tagline: Cơ quan thử nghiệm
        base_url: https://www.example.org/
        page_size: 2
        related_count: 2
        categories:
          - name: Thời sự - Chính trị
            slug: thoi-su-chinh-tri
          - name: Xây dựng Đảng
            slug: xay-dung-dang
        """

    static let files: [String: String] = [
        "Content/issues/2019-01.yml": "number: \"1+2\"\nyear: 2019\ndate: 2019-01-20\nlabel: Xuân Kỷ Hợi\ncover: /media/bia.svg\npdf: /media/so-1-2.pdf\n",
        "Content/issues/2020-01.yml": "number: 1\nyear: 2020\ndate: 2020-01-15\ncover: /media/bia.svg\n",
        "Content/issues/2008-12.yml": "number: 12\nyear: 2008\ndate: 2008-12-20\n",
        "Content/media/bia.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "Content/media/so-1-2.pdf": "%PDF-1.4",
        // Issue Số 1+2 - 2019: categories in site.yml order, then `order`, then date.
        "Content/articles/a.md": article(
            title: "Bài Xây dựng Đảng một", date: "2019-01-05 08:00", category: "Xây dựng Đảng",
            extra: "issue: so 1+2-2019\norder: 1\ntags: [thi đua, Trà Vinh]\nauthor: Đinh Thành"),
        "Content/articles/b.md": article(
            title: "Bài Thời sự hai", date: "2019-01-06 08:00",
            extra: "issue: Số 1+2 - 2019\norder: 2\ntags: [thi đua]\nauthor: [Đinh Thành, Ánh Dương]"),
        "Content/articles/c.md": article(
            title: "Bài Thời sự một", date: "2019-01-07 08:00",
            extra: "issue: SỐ 1+2 - 2019\norder: 1\ntags: [Tra Vinh, thi đua]\nauthor: Bùi An"),
        "Content/articles/d.md": article(
            title: "Bài Thời sự không thứ tự", date: "2019-01-02 08:00",
            extra: "issue: Số 1+2 - 2019\ntags: [đại hội]\nauthor: Ân Hòa\nvideo: https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        "Content/articles/e.md": article(
            title: "Bài mới nhất về Ðảng", date: "2020-02-01 08:00", category: "Xây dựng Đảng",
            extra: "tags: [thi đua, Trà Vinh]\nvideo: /media/clip.webm\naliases: [/xay-dung/bai-cu-12345, /cu/trang.html]"),
        "Content/articles/f.md": article(
            title: "Bản nháp bí mật", date: "2020-03-01 08:00", extra: "draft: true"),
        "Content/articles/g.md": article(
            title: "<script>alert(1)</script> & \\\"Đảng\\\"", date: "2020-01-20 08:00",
            extra: "summary: \"a < b & c\"\nauthor: \"Ông <b>X</b>\""),
    ]

    func builtSite() async throws -> FixtureSite {
        let site = try FixtureSite(files: Self.files, siteYAML: Self.siteYAML)
        let report = try await site.build()
        #expect(report.succeeded, "\(DiagnosticPrinter.lines(for: report.diagnostics))")
        return site
    }

    // MARK: Print issues

    @Test func combinedIssuePageListsItsArticlesByCategoryThenOrder() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        let page = try site.page("tap-chi-in/2019/so-1-2/index.html")
        let html = try #require(page.components(separatedBy: "<main").last)
        #expect(html.contains(#"<h1 class="list-title">Số 1+2 - 2019</h1>"#))
        #expect(html.contains(#"<p class="issue-label">Xuân Kỷ Hợi</p>"#))
        #expect(html.contains("Phát hành ngày 20/1/2019"))
        #expect(html.contains(#"<a class="button" href="/media/so-1-2.pdf">Đọc bản PDF</a>"#))
        let order = ["Thời sự - Chính trị", "Bài Thời sự một", "Bài Thời sự hai", "Bài Thời sự không thứ tự", "Xây dựng Đảng", "Bài Xây dựng Đảng một"]
        let positions = try order.map { try #require(html.range(of: ">\($0)<")?.lowerBound, "\($0)") }
        #expect(positions == positions.sorted())
        #expect(!(try site.page("tap-chi-in/2020/so-1/index.html")).contains("<a class=\"button\""))
    }

    @Test func everyInternalLinkResolves() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        // The fixture's video file does not exist on purpose: it is the one broken link.
        #expect(brokenInternalLinks(in: site.output) == ["xay-dung-dang/bai-moi-nhat-ve-dang/index.html: /media/clip.webm"])
    }

    @Test func archiveGroupsIssuesByYearWithThoseBefore2010Apart() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        let html = try site.page("tap-chi-in/index.html")
        let y2020 = try #require(html.range(of: "Năm 2020"))
        let y2019 = try #require(html.range(of: "Năm 2019"))
        let early = try #require(html.range(of: "Trước năm 2010"))
        let old = try #require(html.range(of: #"<a href="/tap-chi-in/2008/so-12/">Số 12</a>"#))
        #expect(y2020.lowerBound < y2019.lowerBound && y2019.lowerBound < early.lowerBound && early.lowerBound < old.lowerBound)
        #expect(!html.contains("Năm 2008"))
        #expect(site.exists("tap-chi-in/2008/so-12/index.html"))
    }

    @Test func sidebarShowsTheLatestIssueTheLookUpAndVideoClipsOnEveryPage() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        for page in ["index.html", "xay-dung-dang/index.html", "tap-chi-in/index.html", "404.html", "chu-de/thi-dua/index.html"] {
            let html = try site.page(page)
            #expect(html.contains(#"<a class="issue-card" href="/tap-chi-in/2020/so-1/">"#), "\(page)")
            #expect(html.contains(#"<form class="issue-lookup" action="/tap-chi-in/" method="get" data-index="/tap-chi-in/index.json">"#), "\(page)")
            #expect(html.contains(#"<option value="2008">2008</option>"#), "\(page)")
            #expect(html.contains("Video clips"), "\(page)")
        }
        let lookup = try site.page("tap-chi-in/index.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lookup.utf8)) as? [String: [[String]]])
        #expect(json["2019"] == [["1+2", "Xuân Kỷ Hợi", "/tap-chi-in/2019/so-1-2/"]])
        #expect(json["2008"] == [["12", "", "/tap-chi-in/2008/so-12/"]])
    }

    /// The masthead links to the print-issue archive once: its own link, unless the site's
    /// main menu has one already (the benchmark corpus's menu ends with "Tạp chí in").
    @Test func mastheadLinksToTheArchiveOnceWhateverTheMenu() async throws {
        let menu = "menus:\n  main:\n    - title: Trang chủ\n      url: /\n"
        let cases = [
            ("", "/tap-chi-in/", "Tạp chí in"), ("    - title: Số báo in\n      url: /tap-chi-in/\n", "/tap-chi-in/", "Số báo in"),
            ("    - title: Báo in\n      url: /tap-chi-in\n", "/tap-chi-in", "Báo in"),
        ]
        for (extra, href, title) in cases {
            let site = try FixtureSite(files: Self.files, siteYAML: Self.siteYAML + "\n" + menu + extra)
            defer { site.delete() }
            let report = try await site.build()
            #expect(report.succeeded, "\(DiagnosticPrinter.lines(for: report.diagnostics))")
            for page in ["index.html", "xay-dung-dang/index.html", "tap-chi-in/index.html"] {
                let html = try site.page(page)
                let topLinks = try #require(html.range(of: #"<nav class="top-links""#).flatMap { start in
                    html[start.lowerBound...].range(of: "</nav>").map { html[start.lowerBound..<$0.upperBound] }
                })
                #expect(topLinks.components(separatedBy: #"href="/tap-chi-in"#).count == 2, "\(page): \(topLinks)")
                #expect(topLinks.contains(#"<li><a href="\#(href)">\#(title)</a></li>"#), "\(page)")
                #expect(topLinks.contains(#"<li><a href="/">Trang chủ</a></li>"#), "\(page)")
            }
        }
    }

    @Test func articlesEmbedTheirVideo() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        let youtube = try site.page("thoi-su-chinh-tri/bai-thoi-su-khong-thu-tu/index.html")
        #expect(youtube.contains(#"<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ""#))
        let file = try site.page("xay-dung-dang/bai-moi-nhat-ve-dang/index.html")
        #expect(file.contains(#"<video src="/media/clip.webm" controls preload="metadata"></video>"#))
    }

    @Test func unknownIssuesAndBadVideosAreErrors() async throws {
        let site = try FixtureSite(
            files: Self.files.merging([
                "Content/articles/x.md": article(title: "X", extra: "issue: Số 1+2 - 2018"),
                "Content/articles/y.md": article(title: "Y", extra: "video: javascript:alert(1)"),
                "Content/articles/z.md": article(title: "Z", extra: "aliases: [/../../etc/passwd]"),
            ]) { $1 }, siteYAML: Self.siteYAML)
        defer { site.delete() }
        let lines = DiagnosticPrinter.lines(for: try await site.build().diagnostics)
        #expect(lines.contains("Content/articles/x.md:5:8: error: unknown print issue \"Số 1+2 - 2018\"; did you mean \"Số 1+2 - 2019\"?"))
        #expect(lines.contains { $0.hasPrefix("Content/articles/y.md:5:8: error: video \"javascript:alert(1)\" is neither") })
        #expect(lines.contains("Content/articles/z.md:5:11: error: alias \"/../../etc/passwd\" would leave the output folder"))
    }

    // MARK: Related lists

    @Test func relatedByTagsRanksSharedTagsThenNearnessAndSkipsNewerArticles() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        let newest = try site.page("xay-dung-dang/bai-moi-nhat-ve-dang/index.html")
        let section = try #require(newest.components(separatedBy: "Bài liên quan").last)
        // e shares {thi đua, Trà Vinh} with a and c (2 tags), {thi đua} with b. Same-category
        // a is already in "Bài cùng chuyên mục", so: c (2 tags), then b (1 tag).
        let c = try #require(section.range(of: ">Bài Thời sự một<"))
        let b = try #require(section.range(of: ">Bài Thời sự hai<"))
        #expect(c.lowerBound < b.lowerBound)
        #expect(!section.contains(">Bài Xây dựng Đảng một<"))
        // The oldest article has no older one to relate to.
        #expect(!(try site.page("thoi-su-chinh-tri/bai-thoi-su-khong-thu-tu/index.html")).contains("Bài liên quan"))
    }

    // MARK: Authors and tags

    @Test func authorAndTagPagesWithIndexesInVietnameseOrder() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        let authors = try site.page("tac-gia/index.html")
        let names = ["Ánh Dương", "Ân Hòa", "Bùi An", "Đinh Thành", "Ông &lt;b&gt;X&lt;/b&gt;"]
        let positions = try names.map { try #require(authors.range(of: ">\($0)</a>")?.lowerBound, "\($0)") }
        #expect(positions == positions.sorted())
        let dinh = try site.page("tac-gia/dinh-thanh/index.html")
        #expect(dinh.contains(">Bài Thời sự hai<") && dinh.contains(">Bài Xây dựng Đảng một<"))
        // "Trà Vinh" and "Tra Vinh" are one tag, shown as first written (newest article first).
        let tags = try site.page("chu-de/index.html")
        #expect(tags.contains(#"<a href="/chu-de/tra-vinh/">Trà Vinh</a> <span class="term-count">3</span>"#))
        // Paginated like categories (page_size 2): thi đua has 4 articles.
        #expect(site.exists("chu-de/thi-dua/trang/2/index.html"))
        #expect(!site.exists("chu-de/thi-dua/trang/3/index.html"))
    }

    @Test func vietnameseSortKeyFollowsTheAlphabet() {
        let words = ["Yên", "Đức", "Dương", "Ấn", "Ăn", "An", "Ân", "Ơn", "Ôn", "Ong", "Ư", "U", "Giang", "Đinh", "à", "a", "á"]
        let sorted = words.sortedVietnamese { $0 }
        #expect(sorted == ["a", "à", "á", "An", "Ăn", "Ân", "Ấn", "Dương", "Đinh", "Đức", "Giang", "Ong", "Ôn", "Ơn", "U", "Ư", "Yên"])
    }

    // MARK: Feeds, sitemap, robots, aliases

    @Test func feedsParseAsXMLAndEscapeHostileTitles() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        for path in ["feed.xml", "thoi-su-chinh-tri/feed.xml", "xay-dung-dang/feed.xml"] {
            let data = try Data(contentsOf: site.output.appendingPathComponent(path))
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(path): \(String(describing: parser.parserError))")
        }
        let feed = try site.page("feed.xml")
        #expect(feed.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Đảng&quot;</title>"))
        #expect(!feed.contains("<script>"))
        #expect(feed.contains("<published>2020-02-01T08:00:00+07:00</published>"))
        #expect(feed.contains(#"<link rel="self" type="application/atom+xml" href="https://www.example.org/feed.xml"/>"#))
        #expect(!feed.contains("Bản nháp bí mật"))
        let category = try site.page("xay-dung-dang/feed.xml")
        #expect(category.contains("Bài mới nhất về Ðảng") && !category.contains("Bài Thời sự một"))
    }

    @Test func sitemapListsEveryPageAndNoDraft() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        let sitemap = try site.page("sitemap.xml")
        #expect(XMLParser(data: Data(sitemap.utf8)).parse())
        let locs = sitemap.components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
        let htmlPages = try site.outputSnapshot().keys.filter { $0.hasSuffix("index.html") }
            .map { "https://www.example.org/" + $0.dropLast("index.html".count) }
            .filter { !$0.contains("/cu/") && !$0.contains("/xay-dung/bai-cu") }
        #expect(Set(locs) == Set(htmlPages))
        #expect(!sitemap.contains("ban-nhap"))
        #expect(sitemap.contains("<url><loc>https://www.example.org/xay-dung-dang/bai-moi-nhat-ve-dang/</loc><lastmod>2020-02-01T08:00:00+07:00</lastmod></url>"))
        #expect(try site.page("robots.txt").contains("Sitemap: https://www.example.org/sitemap.xml"))
    }

    @Test func aliasesGetRedirectPages() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        for path in ["xay-dung/bai-cu-12345/index.html", "cu/trang.html"] {
            let html = try site.page(path)
            #expect(html.contains(#"<meta http-equiv="refresh" content="0; url=https://www.example.org/xay-dung-dang/bai-moi-nhat-ve-dang/">"#), "\(path)")
            #expect(html.contains(#"<link rel="canonical" href="https://www.example.org/xay-dung-dang/bai-moi-nhat-ve-dang/">"#))
        }
    }

    @Test func articlesCarryCanonicalAndOpenGraphTags() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        let html = try site.page("thoi-su-chinh-tri/script-alert-1-script-dang/index.html")
        #expect(html.contains(#"<meta property="og:type" content="article">"#))
        #expect(html.contains(#"<meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Đảng&quot; - Tạp chí Thử nghiệm">"#))
        #expect(html.contains(#"<meta property="og:description" content="a &lt; b &amp; c">"#))
        #expect(html.contains(#"<meta property="article:published_time" content="2020-01-20T08:00:00+07:00">"#))
        #expect(html.contains("Ông &lt;b&gt;X&lt;/b&gt;"))
        #expect(!html.contains("<script>alert") && !html.contains("<b>X</b>"))
    }

    // MARK: Search

    @Test func searchIndexFoldsDiacriticsAndRanksTitlesApart() async throws {
        let site = try await builtSite()
        defer { site.delete() }
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(site.page("tim-kiem/index.json").utf8)) as? [String: Any])
        #expect(manifest["documents"] as? Int == 6)
        let shards = try #require(manifest["shards"] as? [String])
        #expect(shards.contains("da"))
        let terms = try #require(
            try JSONSerialization.jsonObject(with: Data(site.page("tim-kiem/t/da.json").utf8)) as? [String: [[Int]]])
        let dang = try #require(terms["dang"])
        func undelta(_ list: [Int]) -> [Int] { list.reduce(into: []) { $0.append(($0.last ?? 0) + $1) } }
        // Articles, newest first: e (Ðảng in title), g ("Đảng" in title), c, b, a (Đảng in title), d.
        #expect(undelta(dang[0]) == [0, 1, 4])
        #expect(undelta(dang[1]).isEmpty)
        // Authors are indexed as other text: Đinh Thành wrote b (3) and a (4).
        let th = try #require(
            try JSONSerialization.jsonObject(with: Data(site.page("tim-kiem/t/th.json").utf8)) as? [String: [[Int]]])
        #expect(undelta(try #require(th["thanh"])[1]) == [3, 4])
        let documents = try #require(
            try JSONSerialization.jsonObject(with: Data(site.page("tim-kiem/d/0.json").utf8)) as? [[String]])
        #expect(documents[0] == ["Bài mới nhất về Ðảng", "/xay-dung-dang/bai-moi-nhat-ve-dang/", "Xây dựng Đảng", "1/2/2020", "Nội dung bài viết."])
        #expect(documents.count == 6)
        for query in ["dang", "Dang", "đảng", "ĐẢNG", "Ðảng"] {
            #expect(SearchTerms.terms(in: query) == ["dang"], "\(query)")
        }
        let page = try site.page("tim-kiem/index.html")
        #expect(page.contains(#"data-index="/tim-kiem/index.json""#))
        #expect(page.contains("js/tim-kiem.js"))
    }
}
