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
        for command in ["build", "serve", "preview", "check", "new"] {
            #expect(result.stdout.contains(command))
            // Also checks that each command's options are well formed (no clashing names).
            let help = try run([command, "--help"])
            #expect(help.status == 0 && help.stdout.contains("USAGE: toasoan \(command)"), "\(help.stdout)")
        }
    }

    @Test func notOnATerminalThereAreNoControlCharactersAndQuietAndVerboseDoWhatTheySay() throws {
        let site = try FixtureSite(files: ["Content/articles/a.md": article(title: "Bài", body: "A\n\n<div>x</div>")])
        defer { site.delete() }
        let normal = try run(["build", "--site", site.root.path])
        #expect(normal.status == 0)
        #expect(!(normal.stdout + normal.stderr).unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(normal.stdout.hasPrefix("Built ") && normal.stdout.contains("1 warning"))
        let quiet = try run(["build", "--site", site.root.path, "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
        try site.write("Content/articles/b.md", article(title: "Bài B"))
        let verbose = try run(["build", "--site", site.root.path, "--verbose"])
        #expect(verbose.status == 0 && verbose.stderr.contains("timing: load and Markdown:"))
        #expect(verbose.stderr.contains("a.md:9:1: warning: raw HTML"))
    }

    @Test func previewWritesThePageToStandardOutputOrAFile() throws {
        let site = try FixtureSite(files: ["Content/articles/a.md": article(title: "Bài"), "Content/articles/b.md": article(title: "Bài B", category: "Khong co")])
        defer { site.delete() }
        let path = site.root.appendingPathComponent("Content/articles/a.md").path
        let toStandardOutput = try run(["preview", path, "--site", site.root.path])
        #expect(toStandardOutput.status == 0, "\(toStandardOutput.stderr)")
        #expect(toStandardOutput.stdout.contains("<h1 class=\"article-title\">Bài</h1>"))
        let file = site.root.appendingPathComponent("bai.html")
        let toFile = try run(["preview", path, "--site", site.root.path, "-o", file.path])
        #expect(toFile.status == 0 && toFile.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == toStandardOutput.stdout)
        #expect(!site.exists(""), "preview writes no output folder")
        let broken = try run(["preview", site.root.appendingPathComponent("Content/articles/b.md").path, "--site", site.root.path])
        #expect(broken.status == 1 && broken.stderr.contains("b.md:4:11: error: unknown category"))
        #expect(try run(["preview", "/khong/co.md", "--site", site.root.path]).status == 2)
    }

    @Test func checkAndNewExitAsTheContractSays() throws {
        let site = try FixtureSite(files: ["Content/articles/a.md": article(title: "Bài")])
        defer { site.delete() }
        #expect(try run(["check", "--site", site.root.path]).status == 0)
        let created = try run(["new", "Bài mới", "--category", "Xây dựng Đảng", "--site", site.root.path])
        #expect(created.status == 0 && created.stdout.contains("Content/articles/"))
        #expect(try run(["new", "Bài mới", "--category", "Xây dựng Đảng", "--site", site.root.path]).status == 2)
        let unknown = try run(["new", "Khác", "--category", "Xay dung", "--site", site.root.path])
        #expect(unknown.status == 2 && unknown.stderr.contains("did you mean \"Xây dựng Đảng\"?"))
        try site.write("Content/articles/c.md", article(title: "Bài C", body: "[mất](/khong-co/)"))
        let check = try run(["check", "--site", site.root.path])
        #expect(check.status == 1 && check.stderr.contains("c.md:7:1: error: link to /khong-co/"))
        #expect(!site.exists(""))
    }

    @Test func serveStopsCleanlyOnControlC() throws {
        let site = try FixtureSite(files: ["Content/articles/a.md": article(title: "Bài")])
        defer { site.delete() }
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", "0", "--site", site.root.path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        var said = ""
        let deadline = Date().addingTimeInterval(30)
        while !said.contains("Serving"), Date() < deadline {
            said += String(decoding: err.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(said.contains("at http://127.0.0.1:"))
        process.interrupt()  // SIGINT, as Ctrl-C sends
        process.waitUntilExit()
        said += String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(said.contains("Stopped."))
    }
}
