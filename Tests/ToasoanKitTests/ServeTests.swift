import Foundation
import Testing
import ToasoanKit
import ToasoanServer

/// `toasoan serve`, end to end: a real server on a free port, real edits to the files.
@Suite struct ServeTests {
    static let files = [
        "Content/articles/a.md": article(title: "Bài A", date: "2020-01-10 08:00", extra: "slug: bai-a\ntags: [Thi đua]"),
        "Content/articles/b.md": article(title: "Bài B", date: "2020-01-11 08:00", extra: "tags: [Thi đua]"),
        "Content/articles/c.md": article(title: "Bài C", date: "2020-01-12 08:00", extra: "tags: [Thi đua]"),
    ]

    /// Starts serving `site`; returns the session, its task and its port.
    static func serve(_ site: FixtureSite) async throws -> (ServeSession, Task<Void, any Error>, UInt16) {
        let session = ServeSession(options: site.options(), port: 0, basePath: "/") { _ in }
        let task = Task { try await session.run() }
        for _ in 0..<200 {
            if let address = await session.address { return (session, task, address.port) }
            try await Task.sleep(for: .milliseconds(50))
        }
        task.cancel()
        throw RawHTTP.Failure.cannotConnect(0)
    }

    /// Makes an edit and waits for the build that follows it.
    @discardableResult
    static func edit(_ session: ServeSession, _ change: () throws -> Void) async throws -> BuildStatus.Snapshot {
        let started = await session.status.started
        try change()
        await session.status.waitUntilSettled(afterStarted: started, timeout: .seconds(30))
        return await session.status.snapshot
    }

    @Test func everyEditIsServedAndTheSiteEqualsAFreshBuild() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        let (session, task, port) = try await Self.serve(site)
        defer { task.cancel() }

        let home = try await RawHTTP.get("/", port: port)
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.text.contains("Bài B"))
        // The reload script goes only into what is sent, never into the output folder.
        let onDisk = try site.page("index.html")
        #expect(!onDisk.contains("data-toasoan-live-reload"))
        #expect(home.text.contains("data-toasoan-live-reload"))
        #expect(home.text.replacingOccurrences(of: #"<script data-toasoan-live-reload>[\s\S]*?</script>\n"#, with: "", options: .regularExpression) == onDisk)
        #expect(try await RawHTTP.get("/assets/css/site.css", port: port).headers["content-type"] == "text/css; charset=utf-8")

        // An edit appears.
        let generation = await session.status.snapshot.generation
        var status = try await Self.edit(session) {
            try site.write("Content/articles/a.md", article(title: "Bài A đã sửa", date: "2020-01-10 08:00", extra: "slug: bai-a\ntags: [Thi đua]"))
        }
        #expect(status.generation > generation && status.errors.isEmpty)
        #expect(try await RawHTTP.get("/thoi-su-chinh-tri/bai-a/", port: port).text.contains("Bài A đã sửa"))

        // A deleted article disappears from every list, and its page is gone.
        try await Self.edit(session) { try site.remove("Content/articles/b.md") }
        #expect(try await RawHTTP.get("/thoi-su-chinh-tri/bai-b/", port: port).status == 404)
        let mentions = try site.outputSnapshot().filter { String(decoding: $0.value, as: UTF8.self).contains("Bài B") }
        #expect(mentions.isEmpty, "\(mentions.keys.sorted())")
        #expect(!(try await RawHTTP.get("/chu-de/thi-dua/", port: port).text.contains("Bài B")))

        // A new article, renamed, then broken and fixed: errors are shown, good pages kept.
        try await Self.edit(session) { try site.write("Content/articles/d.md", article(title: "Bài D", date: "2020-01-13 08:00")) }
        #expect(try await RawHTTP.get("/thoi-su-chinh-tri/bai-d/", port: port).status == 200)
        try await Self.edit(session) {
            try FileManager.default.createDirectory(
                at: site.root.appendingPathComponent("Content/articles/2020"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(
                at: site.root.appendingPathComponent("Content/articles/d.md"),
                to: site.root.appendingPathComponent("Content/articles/2020/d2.md"))
        }
        try await Self.edit(session) {
            try site.write("Content/articles/2020/d2.md", article(title: "Bài D mới", date: "2020-01-13 08:00"))
        }
        #expect(try await RawHTTP.get("/thoi-su-chinh-tri/bai-d/", port: port).status == 404)
        #expect(try await RawHTTP.get("/thoi-su-chinh-tri/bai-d-moi/", port: port).status == 200)
        status = try await Self.edit(session) { try site.write("Content/articles/c.md", "---\ntitle: [\n---\n") }
        #expect(status.errors.contains { $0.hasPrefix("Content/articles/c.md:") }, "\(status)")
        #expect(try await RawHTTP.get("/thoi-su-chinh-tri/bai-c/", port: port).status == 200)
        let statusJSON = try await RawHTTP.get("/__toasoan/status?since=-1", port: port).text
        #expect(statusJSON.contains("Content\\/articles\\/c.md"))
        status = try await Self.edit(session) {
            try site.write("Content/articles/c.md", article(title: "Bài C", date: "2020-01-12 08:00", extra: "tags: [Thi đua]"))
        }
        #expect(status.errors.isEmpty)

        // After all of it, the served folder is what a fresh build writes, byte for byte.
        #expect(try site.outputSnapshot() == (try await site.freshBuildSnapshot()))
    }

    @Test func onlyFilesInsideTheOutputFolderAreServedAndOnlyOnLoopback() async throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.delete() }
        let (session, task, port) = try await Self.serve(site)
        defer { task.cancel() }
        #expect(await session.address?.host == "127.0.0.1")
        try FileManager.default.createSymbolicLink(
            at: site.output.appendingPathComponent("ra-ngoai"), withDestinationURL: site.root.appendingPathComponent("Content"))
        for target in [
            "/../Content/site.yml", "/%2e%2e/Content/site.yml", "/..%2fContent%2fsite.yml", "/assets/../../Content/site.yml",
            "/ra-ngoai/site.yml", "/khong-ton-tai/", "/.%2e/Content/site.yml",
        ] {
            let response = try await RawHTTP.get(target, port: port)
            #expect(response.status == 404, "\(target)")
            #expect(!response.text.contains("base_url"), "\(target)")
        }
        // Not found is the site's own 404 page.
        #expect(try await RawHTTP.get("/khong-ton-tai/", port: port).text.contains(try site.page("404.html").prefix(200)))
        // A folder without its slash is sent to the folder.
        let redirect = try await RawHTTP.get("/thoi-su-chinh-tri", port: port)
        #expect(redirect.status == 301 && redirect.headers["location"] == "/thoi-su-chinh-tri/")
        // Other addresses of this machine do not answer.
        for host in RawHTTP.otherAddresses() {
            await #expect(throws: RawHTTP.Failure.self) { try await RawHTTP.get("/", host: host, port: port) }
        }
    }
}
