import Foundation
import Testing
import ToasoanKit

/// A small site written into a fresh temporary folder, with the repository's own theme, for
/// end-to-end tests: write files as text, build, read the output back.
struct FixtureSite {
    let root: URL

    /// The repository folder (for its `Templates/` and sample `Content/`).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let defaultSiteYAML = """
        title: Tạp chí Thử nghiệm
        base_url: https://www.example.org/
        page_size: 2
        related_count: 3
        categories:
          - name: Thời sự - Chính trị
            slug: thoi-su-chinh-tri
          - name: Xây dựng Đảng
            slug: xay-dung-dang
        """

    /// A site with the given files (paths relative to the site folder) and the repo's theme.
    init(files: [String: String] = [:], siteYAML: String = FixtureSite.defaultSiteYAML, theme: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("toasoan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if theme {
            try FileManager.default.copyItem(
                at: Self.repositoryRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        }
        try write("Content/site.yml", siteYAML)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    var output: URL { root.appendingPathComponent("Output") }

    func options(baseURL: String? = nil, drafts: Bool = false, workers: Int = 2) -> BuildOptions {
        BuildOptions(
            siteRoot: root, outputFolder: output, baseURLOverride: baseURL, includeDrafts: drafts, workers: workers,
            now: JournalDate(year: 2026, month: 11, day: 25, hour: 9))
    }

    @discardableResult
    func build(baseURL: String? = nil, drafts: Bool = false, workers: Int = 2) async throws -> BuildReport {
        try await SiteBuilder.build(options(baseURL: baseURL, drafts: drafts, workers: workers))
    }

    /// Text of an output file (`thoi-su-chinh-tri/index.html`).
    func page(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    /// Every file of the output folder, relative path → bytes.
    func outputSnapshot() throws -> [String: Data] {
        try Self.snapshot(of: output)
    }

    static func snapshot(of folder: URL) throws -> [String: Data] {
        var snapshot: [String: Data] = [:]
        for entry in FileTree.regularFiles(under: folder) {
            snapshot[entry.relativePath] = try Data(contentsOf: entry.url)
        }
        return snapshot
    }

    /// The files a fresh full build of the site makes now (into a new folder, without caches).
    func freshBuildSnapshot() async throws -> [String: Data] {
        var options = options()
        options.outputFolder = root.appendingPathComponent("Fresh-\(UUID().uuidString)")
        #expect(try await SiteBuilder.build(options).succeeded)
        defer { try? FileManager.default.removeItem(at: options.outputFolder) }
        return try Self.snapshot(of: options.outputFolder)
    }

    func delete() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// An article file with front matter: `article(title: "A", date: "2020-01-01 08:00")`.
func article(
    title: String, date: String = "2020-01-15 08:00", category: String = "Thời sự - Chính trị",
    extra: String = "", body: String = "Nội dung bài viết."
) -> String {
    """
    ---
    title: "\(title)"
    date: \(date)
    category: \(category)
    \(extra)
    ---
    \(body)

    """
}
