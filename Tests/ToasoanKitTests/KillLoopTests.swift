import Foundation
import Glibc
import Testing
import ToasoanKit

/// Real `toasoan build` processes killed with SIGKILL at random moments, over and over:
/// each kill must leave the last good site, or an update the journal can finish; the next
/// build must then give exactly what a fresh build gives, and nothing may be left behind.
@Suite(.serialized) struct KillLoopTests {
    static let kills = 16

    @Test func buildsKilledAtRandomNeverLoseTheSite() async throws {
        var files: [String: String] = [:]
        for number in 0..<150 {
            files["Content/articles/\(2000 + number % 20)/bai-\(number).md"] = article(
                title: "Bài số \(number)", date: "\(2000 + number % 20)-0\(1 + number % 9)-1\(number % 10) 08:00",
                category: number % 2 == 0 ? "Thời sự - Chính trị" : "Xây dựng Đảng",
                extra: "tags: [Chủ đề \(number % 7), Chủ đề chung]",
                body: String(repeating: "Đoạn văn của bài số \(number). ", count: 200))
        }
        let site = try FixtureSite(files: files)
        defer { site.delete() }
        let start = ContinuousClock.now
        #expect(try CommandLineTests().run(["build", "--site", site.root.path]).status == 0)
        // Kills fall anywhere within about the time a full build takes.
        let buildMilliseconds = max(50, Int((ContinuousClock.now - start).milliseconds))
        var lastGood = try site.outputSnapshot()
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String: Int] = [:]

        for round in 0..<Self.kills {
            // Alternate the kinds of update: one body, a template (many pages), a folder
            // touched by hand (a whole new folder swapped in).
            switch round % 3 {
            case 0:
                try site.write("Content/articles/2005/bai-\(round).md", article(title: "Bài sửa \(round)", date: "2005-01-11 08:00", body: "Sửa lần \(round)."))
            case 1:
                let footer = site.root.appendingPathComponent("Templates/site/footer.mustache")
                try (String(contentsOf: footer, encoding: .utf8) + "<!-- \(round) -->\n").write(to: footer, atomically: true, encoding: .utf8)
            default:
                try "đã sửa tay".write(to: site.output.appendingPathComponent("404.html"), atomically: false, encoding: .utf8)
                lastGood["404.html"] = Data("đã sửa tay".utf8)
            }
            let expected = try await site.freshBuildSnapshot()

            let process = Process()
            process.executableURL = CommandLineTests.executable
            process.arguments = ["build", "--site", site.root.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...buildMilliseconds, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let afterKill = try site.outputSnapshot()
            let journal = site.root.appendingPathComponent(".Output.toasoan-journal")
            let outcome: String
            if afterKill == lastGood {
                outcome = "last good site intact"
            } else if afterKill == expected {
                outcome = "build had finished"
            } else {
                outcome = "committed update, finished by the next build"
                #expect(FileManager.default.fileExists(atPath: journal.path), "round \(round): a mixed folder with no journal")
            }
            outcomes[outcome, default: 0] += 1

            let next = try CommandLineTests().run(["build", "--site", site.root.path])
            #expect(next.status == 0, "round \(round): \(next.stderr)")
            let rebuilt = try site.outputSnapshot()
            #expect(rebuilt == expected, "round \(round) (\(outcome)): \(Set(rebuilt.keys).symmetricDifference(expected.keys).sorted().prefix(5)) \(rebuilt.filter { expected[$0.key] != $0.value }.keys.sorted().prefix(5))")
            // Nothing left behind: no staging or old folders, no half-written files.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
                .filter { name in name.hasPrefix(".Output.") && !["toasoan-manifest", "toasoan-articles", "toasoan-site", "toasoan-search"].contains { name.hasSuffix($0) } }
            #expect(leftovers.isEmpty, "round \(round): \(leftovers)")
            #expect(!rebuilt.keys.contains { $0.hasSuffix(".toasoan-new") })
            lastGood = rebuilt
        }
        print("kill loop: \(Self.kills) kills survived: \(outcomes.sorted { $0.key < $1.key })")
    }
}
