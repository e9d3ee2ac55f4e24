import Foundation
import Testing

/// The `toasoan` executable itself: exit statuses and what it prints.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        // swift test builds the executable next to the test bundle.
        let bundleFolder = Bundle.main.bundleURL
        let candidates = [bundleFolder, bundleFolder.deletingLastPathComponent()].map { $0.appendingPathComponent("toasoan") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func successIsZeroAndSaysWhatWasBuilt() throws {
        let site = try FixtureSite(files: ["Content/articles/a.md": article(title: "Bài")])
        defer { site.delete() }
        let result = try run(["build", "--site", site.root.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Built "))
        #expect(site.exists("thoi-su-chinh-tri/bai/index.html"))
    }

    @Test func contentErrorsExitOneWithCompilerStyleLines() throws {
        let site = try FixtureSite(files: [
            "Content/articles/a.md": article(title: "Bài", category: "Thoi su"),
            "Content/articles/b.md": "",
        ])
        defer { site.delete() }
        let result = try run(["build", "--site", site.root.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("Content/articles/a.md:4:11: error: unknown category \"Thoi su\"; did you mean \"Thời sự - Chính trị\"?"))
        #expect(lines.contains { $0.hasPrefix("Content/articles/b.md:1:1: error: the file is empty") })
        #expect(!site.exists("index.html"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try run(["build", "--no-such-flag"]).status == 2)
        #expect(try run(["nonsense"]).status == 2)
        let missing = try run(["build", "--site", "/nonexistent/site"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no site found"))
        let site = try FixtureSite()
        defer { site.delete() }
        #expect(try run(["build", "--site", site.root.path, "--base-url", "not a url"]).status == 1)
        #expect(try run(["build", "--site", site.root.path, "--output", site.root.appendingPathComponent("Content").path]).status == 2)
    }

    @Test func helpExitsZero() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("build"))
    }
}
