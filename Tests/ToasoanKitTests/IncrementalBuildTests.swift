import Foundation
import Testing
import ToasoanKit

/// A build over the last output reuses what did not change; the result must always equal a
/// fresh full build, byte for byte.
@Suite struct IncrementalBuildTests {
    static let files: [String: String] = [
        "Content/issues/2020-01.yml": "number: 1\nyear: 2020\ndate: 2020-01-15\n",
        "Content/articles/2019/a.md": article(
            title: "Bài A", date: "2019-05-01 08:00", extra: "tags: [thi đua]\nissue: Số 1 - 2020",
            body: "Đoạn đầu của bài A.\n\nĐoạn cuối của bài A."),
        "Content/articles/2019/b.md": article(title: "Bài B", date: "2019-06-01 08:00", extra: "tags: [thi đua]"),
        "Content/articles/2019/c.md": article(title: "Bài C", date: "2019-07-01 08:00", category: "Xây dựng Đảng"),
        "Content/articles/2020/d.md": article(title: "Bài D", date: "2020-01-02 08:00", extra: "author: Mai Anh"),
        "Content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nVề tạp chí.\n",
    ]

    /// Edits an editor makes, each followed by a build compared with a fresh one.
    static let edits: [(String, @Sendable (FixtureSite) throws -> Void)] = [
        ("body", { try $0.write("Content/articles/2019/a.md", article(title: "Bài A", date: "2019-05-01 08:00", extra: "tags: [thi đua]\nissue: Số 1 - 2020", body: "Đoạn đầu của bài A.\n\nĐoạn cuối đã sửa.")) }),
        ("title", { try $0.write("Content/articles/2019/b.md", article(title: "Bài B mới", date: "2019-06-01 08:00", extra: "tags: [thi đua]")) }),
        ("date", { try $0.write("Content/articles/2019/c.md", article(title: "Bài C", date: "2021-07-01 08:00", category: "Xây dựng Đảng")) }),
        ("category", { try $0.write("Content/articles/2020/d.md", article(title: "Bài D", date: "2020-01-02 08:00", category: "Xây dựng Đảng", extra: "author: Mai Anh")) }),
        ("add", { try $0.write("Content/articles/2020/e.md", article(title: "Bài E", date: "2020-03-01 08:00", extra: "tags: [thi đua, mới]")) }),
        ("delete", { try $0.remove("Content/articles/2019/b.md") }),
        ("rename", {
            try FileManager.default.moveItem(
                at: $0.root.appendingPathComponent("Content/articles/2019/a.md"),
                to: $0.root.appendingPathComponent("Content/articles/2019/a-moi.md"))
        }),
        ("template", { try $0.write("Templates/page.mustache", "{{<base}}{{$main}}<h1>{{title}}</h1>{{{body}}}{{/main}}{{/base}}\n") }),
        ("issue", { try $0.write("Content/issues/2020-01.yml", "number: 1\nyear: 2020\ndate: 2020-01-20\nlabel: Số Tết\n") }),
        ("site.yml", { try $0.write("Content/site.yml", FixtureSite.defaultSiteYAML.replacingOccurrences(of: "Tạp chí Thử nghiệm", with: "Tạp chí Mới")) }),
        ("media", { try $0.write("Content/media/anh.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>") }),
        // What an article page's fingerprint is made of, field by field (`PageRenderer.renderArticle`).
        ("lead", { try $0.write("Content/articles/2020/d.md", article(title: "Bài D", date: "2020-01-02 08:00", category: "Xây dựng Đảng", extra: "author: Mai Anh", body: "Đoạn đầu mới của bài D.\n\nĐoạn sau.")) }),
        ("summary, cover, caption", { try $0.write("Content/articles/2020/d.md", article(title: "Bài D", date: "2020-01-02 08:00", category: "Xây dựng Đảng", extra: "author: Mai Anh\nsummary: Tóm tắt mới.\nimage: /media/anh.svg\ncaption: Ảnh bìa")) }),
        ("caption", { try $0.write("Content/articles/2020/d.md", article(title: "Bài D", date: "2020-01-02 08:00", category: "Xây dựng Đảng", extra: "author: Mai Anh\nsummary: Tóm tắt mới.\nimage: /media/anh.svg\ncaption: Ảnh bìa khác")) }),
        // A page with a video shows it in place of the cover.
        ("video", { try $0.write("Content/articles/2020/d.md", article(title: "Bài D", date: "2020-01-02 08:00", category: "Xây dựng Đảng", extra: "author: Mai Anh\nsummary: Tóm tắt mới.\nimage: /media/anh.svg\ncaption: Ảnh bìa khác\nvideo: dQw4w9WgXcQ")) }),
        ("another video", { try $0.write("Content/articles/2020/d.md", article(title: "Bài D", date: "2020-01-02 08:00", category: "Xây dựng Đảng", extra: "author: Mai Anh\nsummary: Tóm tắt mới.\nimage: /media/anh.svg\ncaption: Ảnh bìa khác\nvideo: aBcDeFgHiJk")) }),
        ("author", { try $0.write("Content/articles/2020/d.md", article(title: "Bài D", date: "2020-01-02 08:00", category: "Xây dựng Đảng", extra: "author: [Mai Anh, Trần Bình]\nsummary: Tóm tắt mới.\nimage: /media/anh.svg\ncaption: Ảnh bìa khác\nvideo: aBcDeFgHiJk")) }),
        ("tag shared with another article", { try $0.write("Content/articles/2019/c.md", article(title: "Bài C", date: "2021-07-01 08:00", category: "Xây dựng Đảng", extra: "tags: [thi đua]")) }),
        // An issue's page lists its articles' summaries.
        ("title of an article in an issue", { try $0.write("Content/articles/2019/a-moi.md", article(title: "Bài A đổi tên", date: "2019-05-01 08:00", extra: "tags: [thi đua]\nissue: Số 1 - 2020", body: "Đoạn đầu của bài A.\n\nĐoạn cuối đã sửa.")) }),
        ("base_url", { try $0.write("Content/site.yml", FixtureSite.defaultSiteYAML.replacingOccurrences(of: "Tạp chí Thử nghiệm", with: "Tạp chí Mới").replacingOccurrences(of: "https://www.example.org/", with: "https://tapchi.example.vn/")) }),
    ]

    @Test func afterEveryEditTheIncrementalResultEqualsAFreshBuild() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        #expect(try await site.build().succeeded)
        for (name, edit) in Self.edits {
            try edit(site)
            let incremental = try await site.build()
            #expect(incremental.succeeded, "\(name)")
            #expect(!incremental.upToDate, "\(name)")
            // Each build leaves the folder as its manifest says: the next one updates it in place.
            #expect(incremental.pagesReused > 0, "\(name): updated in place, reusing pages")
            #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()), "after the \(name) edit")
        }
    }

    @Test func aRebuildWithNothingChangedDoesNothing() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let before = try inodesAndTimes(site.output)
        let report = try await site.build()
        #expect(report.upToDate)
        #expect(report.filesWritten == 0)
        #expect(try inodesAndTimes(site.output) == before)
    }

    @Test func unchangedFilesKeepTheirInodeAndModificationTime() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let before = try inodesAndTimes(site.output)
        // The last paragraph is in no list or summary: only the page itself and the search
        // index (the words of the body) change.
        try Self.edits[0].1(site)
        let report = try await site.build()
        #expect(report.filesWritten > 0 && report.filesUnchanged > 0)
        // Pages, feeds, the sitemap and the search index's documents and term shards made from
        // unchanged values are not even rendered: all but the edited article, the two feeds
        // that carry its body, and the shards of the words that came and went ("cuối" stays).
        let snapshot = try site.outputSnapshot()
        let htmlPages = snapshot.keys.filter { $0.hasSuffix(".html") }.count
        let feeds = snapshot.keys.filter { $0.hasSuffix("feed.xml") }.count
        let searchDocuments = snapshot.keys.filter { $0.hasPrefix("tim-kiem/d/") }.count
        let shards = snapshot.keys.filter { $0.hasPrefix("tim-kiem/t/") }.count
        let after = try inodesAndTimes(site.output)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        let changedShards = changed.filter { $0.hasPrefix("tim-kiem/t/") }
        #expect(changedShards == ["tim-kiem/t/da.json", "tim-kiem/t/su.json"])
        #expect(feeds > 2 && searchDocuments > 0 && shards > 10)
        #expect(report.pagesReused == htmlPages - 1 + feeds - 2 + 1 + searchDocuments + shards - changedShards.count)
        #expect(changed.contains("thoi-su-chinh-tri/bai-a/index.html"))
        #expect(changed.allSatisfy { $0 == "thoi-su-chinh-tri/bai-a/index.html" || $0.hasPrefix("tim-kiem/") || $0 == "feed.xml" || $0 == "thoi-su-chinh-tri/feed.xml" }, "\(changed.sorted())")
        #expect(after["gioi-thieu/index.html"] == before["gioi-thieu/index.html"])
        #expect(after["index.html"] == before["index.html"])
        #expect(report.filesWritten == changed.count)
    }

    /// A body edited leaves what every other article page shows as it was (its
    /// `ArticlePageContext`): their fingerprints are taken from the last build's record, and
    /// only the edited page's is made. A build that failed recorded nothing, so an edit it
    /// saw is still the next build's to make.
    @Test func anEditedBodyMakesOnlyItsOwnPagesFingerprint() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        #expect(try await site.build().articleFingerprintsMade == 4)
        try Self.edits[0].1(site)
        #expect(try await site.build().articleFingerprintsMade == 1)
        #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()))

        try site.write(
            "Content/articles/2019/a.md",
            article(title: "Bài A", date: "2019-05-01 08:00", extra: "tags: [thi đua]\nissue: Số 1 - 2020", body: "Đoạn đầu của bài A.\n\nĐoạn cuối sửa lần hai."))
        try site.write("Content/articles/2019/hong.md", article(title: "Bài hỏng", date: "2019-13-45 08:00"))
        #expect(!(try await site.build().succeeded))
        try site.remove("Content/articles/2019/hong.md")
        #expect(try await site.build().articleFingerprintsMade == 1)
        #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()))

        // A title is on other pages: every fingerprint is made.
        try Self.edits[1].1(site)
        #expect(try await site.build().articleFingerprintsMade == 4)
        #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()))
    }

    /// What may happen to the output folder between builds; each must be noticed, and the
    /// next build make it what a fresh build makes, not update it in place.
    static let handChanges: [(String, @Sendable (FixtureSite) throws -> Void)] = [
        ("a file added to an article's folder", { try $0.write("Output/thoi-su-chinh-tri/bai-b/ghi-chu.txt", "ghi chú") }),
        ("a hidden file added", { try $0.write("Output/tim-kiem/.DS_Store", "x") }),
        ("an empty folder made", {
            try FileManager.default.createDirectory(at: $0.output.appendingPathComponent("thoi-su-chinh-tri/moi"), withIntermediateDirectories: false)
        }),
        ("a page rewritten in place", {
            let page = $0.output.appendingPathComponent("gioi-thieu/index.html")
            let handle = try FileHandle(forWritingTo: page)
            try handle.write(contentsOf: Data("<!--".utf8))
            try handle.close()
        }),
        ("a page deleted", { try FileManager.default.removeItem(at: $0.output.appendingPathComponent("xay-dung-dang/index.html")) }),
        ("a page replaced by a link", {
            let page = $0.output.appendingPathComponent("gioi-thieu/index.html")
            try FileManager.default.removeItem(at: page)
            try FileManager.default.createSymbolicLink(at: page, withDestinationURL: $0.output.appendingPathComponent("404.html"))
        }),
    ]

    @Test func handChangesToTheOutputAreUndoneByTheNextBuild() async throws {
        for (name, change) in Self.handChanges {
            let site = try FixtureSite(files: Self.files)
            defer { site.delete() }
            try await site.build()
            try Self.edits[0].1(site)
            let inPlace = try await site.build()  // an update in place, which leaves the folders' records right
            #expect(inPlace.pagesReused > 0, "\(name)")
            try change(site)
            try Self.edits[1].1(site)
            let report = try await site.build()
            #expect(report.succeeded && report.pagesReused == 0, "\(name): nothing is reused from a folder changed by hand")
            #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()), "\(name)")
            // Hidden files are not in the snapshot: the folder itself must be as a fresh build's.
            #expect(!FileManager.default.fileExists(atPath: site.output.path + "/tim-kiem/.DS_Store"), "\(name)")
            #expect(!FileManager.default.fileExists(atPath: site.output.path + "/thoi-su-chinh-tri/moi"), "\(name)")
            // And the build after it updates in place again.
            try Self.edits[2].1(site)
            #expect(try await site.build().pagesReused > 0, "\(name)")
        }
    }

    @Test func aCorruptManifestMeansAFullCorrectBuild() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let expected = try site.outputSnapshot()
        try site.write(".Output.toasoan-manifest", "toasoan-manifest\t1\tx\nO\tnot a number\n")
        let report = try await site.build()
        #expect(!report.upToDate)
        #expect(report.filesUnchanged == 0)
        #expect(try site.outputSnapshot() == expected)
    }

    @Test func aCorruptOrStaleArticleCacheIsNotUsed() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let expected = try site.outputSnapshot()
        var cache = try Data(contentsOf: site.root.appendingPathComponent(".Output.toasoan-articles"))
        cache[cache.count / 2] ^= 0xFF  // a flipped byte somewhere in the records
        cache.removeLast(7)  // and a truncated end
        try cache.write(to: site.root.appendingPathComponent(".Output.toasoan-articles"))
        // Without the site snapshot, unchanged articles are looked for in the article cache.
        try site.remove(".Output.toasoan-site")
        try Self.edits[1].1(site)  // force a build
        try Self.edits[1].1(site)
        #expect(try await site.build().succeeded)
        #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()))
        #expect(try site.outputSnapshot() != expected)  // the title edit did land
    }

    @Test func aCorruptSiteSnapshotIsNotUsed() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let path = site.root.appendingPathComponent(".Output.toasoan-site")
        var snapshot = try Data(contentsOf: path)
        snapshot[snapshot.count / 2] ^= 0xFF
        snapshot.removeLast(5)
        try snapshot.write(to: path)
        try Self.edits[1].1(site)
        #expect(try await site.build().succeeded)
        #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()))
    }

    /// Articles taken from the last build's snapshot bring their warnings with them: an
    /// incremental build reports what a fresh one reports.
    @Test func warningsOfUnchangedArticlesAreReportedAgain() async throws {
        var files = Self.files
        files["Content/articles/2019/w.md"] = article(
            title: "Bài W", date: "2019-08-01 08:00", extra: "slug: Bai W Viet Hoa", body: "Có HTML.\n\n<div>khối</div>\n")
        let site = try FixtureSite(files: files)
        defer { site.delete() }
        let first = try await site.build()
        let warnings = first.diagnostics.filter { $0.file == "Content/articles/2019/w.md" }.map(\.description)
        #expect(warnings.count == 2, "\(warnings)")
        try Self.edits[0].1(site)  // another article's body
        let second = try await site.build()
        #expect(second.diagnostics.map(\.description).sorted() == first.diagnostics.map(\.description).sorted())
        #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()))
    }

    @Test func anUpdateKilledBeforeItsCommitIsUndone() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let expected = try site.outputSnapshot()
        // What a build killed while preparing leaves: a journal and a temporary file.
        try site.write("Output/gioi-thieu/.index.html.toasoan-new", "nửa chừng")
        try site.write(".Output.toasoan-journal", "toasoan-journal\tpreparing\nW\tgioi-thieu/index.html\n")
        #expect(try await site.build().succeeded)
        #expect(try site.outputSnapshot() == expected)
        #expect(!FileManager.default.fileExists(atPath: site.output.path + "/gioi-thieu/.index.html.toasoan-new"))
        #expect(!FileManager.default.fileExists(atPath: site.root.path + "/.Output.toasoan-journal"))
    }

    @Test func anUpdateKilledAfterItsCommitIsFinishedAndTheSiteMadeRight() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        try await site.build()
        let expected = try site.outputSnapshot()
        // A committed journal whose renames were not all made; its new page is wrong on
        // purpose: the next build must notice the folder differs from its manifest.
        try site.write("Output/gioi-thieu/.index.html.toasoan-new", "trang mới")
        try site.write(".Output.toasoan-journal", "toasoan-journal\tcommitted\nW\tgioi-thieu/index.html\n")
        let report = try await site.build()
        #expect(report.succeeded && !report.upToDate)
        #expect(try site.outputSnapshot() == expected)
        #expect(!FileManager.default.fileExists(atPath: site.root.path + "/.Output.toasoan-journal"))
    }

    private func inodesAndTimes(_ folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for entry in FileTree.regularFiles(under: folder) {
            let attributes = try FileManager.default.attributesOfItem(atPath: entry.path)
            result[entry.relativePath] = "\(attributes[.systemFileNumber] ?? 0)-\(entry.modified)"
        }
        return result
    }
}
