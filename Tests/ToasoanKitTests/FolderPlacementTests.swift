import Foundation
import Glibc
import Testing

@testable import ToasoanKit

/// Folders made elsewhere when making them is slow (`FolderPlacement`): the site comes out
/// the same, and nothing is left behind. A threshold of 0 makes every place "slow".
@Suite struct FolderPlacementTests {
    private func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// Makes `count` article folders under `shared/` with one writer; returns the places
    /// given up and the folders made elsewhere.
    private func makeFolders(count: Int, slowFolder: UInt64, in root: URL) throws -> (moves: Int, elsewhere: Int) {
        let holder = root.appendingPathComponent("holder")
        let staging = holder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: staging.appendingPathComponent("shared"), withIntermediateDirectories: true)
        let descriptor = try POSIXFiles.openFolder(staging.path)
        defer { close(descriptor) }
        let folders = FolderPlacement(staging: descriptor, holder: holder.path, slowFolder: slowFolder)
        var timings = FolderPlacement.Timings()
        for index in 0..<count {
            try folders.makeFolder("shared/bài-\(index)", uniqueName: "\(index)", timings: &timings)
            try POSIXFiles.write(Array("trang \(index)".utf8), to: "shared/bài-\(index)/index.html", in: descriptor)
        }
        return (folders.moves, folders.foldersMadeElsewhere)
    }

    @Test func slowPlacesAreGivenUpAtMostEightTimesAndEveryFolderEndsInTheSite() throws {
        let root = try makeTemporaryFolder("placement")
        defer { try? FileManager.default.removeItem(at: root) }
        let count = FolderPlacement.window * (FolderPlacement.maximumMoves + 3)
        let (moves, elsewhere) = try makeFolders(count: count, slowFolder: 0, in: root)
        #expect(moves == FolderPlacement.maximumMoves)
        // The first window is made in place; every folder after the first judgment elsewhere.
        #expect(elsewhere == count - FolderPlacement.window)

        let shared = root.appendingPathComponent("holder/site/shared")
        #expect(try contents(of: shared).count == count)
        for index in [0, FolderPlacement.window, count - 1] {
            let page = shared.appendingPathComponent("bài-\(index)/index.html")
            #expect(try String(contentsOf: page, encoding: .utf8) == "trang \(index)")
        }
        // Every place tried is a folder of the holder, emptied by the renames, beside the
        // folders made to judge it.
        let holder = try contents(of: root.appendingPathComponent("holder"))
        let areas = holder.filter { $0.hasPrefix("area-") && !$0.contains("-probe-") }
        #expect(areas.count == FolderPlacement.maximumMoves * FolderPlacement.tries)
        #expect(holder.count { $0.contains("-probe-") } == areas.count * FolderPlacement.probes)
        for area in areas {
            #expect(try contents(of: root.appendingPathComponent("holder/\(area)")).isEmpty)
        }
    }

    /// Two writers making folders in one folder spin on its lock: each writer moves to a
    /// place of its own, and one that has not judged its place slow stays where it is. The
    /// limit on moves is each writer's own.
    @Test func eachWriterMovesToAPlaceOfItsOwn() throws {
        let root = try makeTemporaryFolder("placement")
        defer { try? FileManager.default.removeItem(at: root) }
        let holder = root.appendingPathComponent("holder")
        let staging = holder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: staging.appendingPathComponent("shared"), withIntermediateDirectories: true)
        let descriptor = try POSIXFiles.openFolder(staging.path)
        defer { close(descriptor) }
        let folders = FolderPlacement(staging: descriptor, holder: holder.path, slowFolder: 0)
        var (first, second) = (FolderPlacement.Timings(), FolderPlacement.Timings())
        var made = 0
        func make(_ count: Int, with timings: inout FolderPlacement.Timings) throws {
            for _ in 0..<count {
                try folders.makeFolder("shared/bài-\(made)", uniqueName: "\(made)", timings: &timings)
                made += 1
            }
        }
        // The first writer judges its place after a window and moves; the second, still in
        // its first window, makes its folders in the staging folder all the same.
        try make(FolderPlacement.window + 1, with: &first)
        try make(FolderPlacement.window - 1, with: &second)
        #expect(folders.moves == 1)
        #expect(folders.foldersMadeElsewhere == 1)
        // Judging its own place slow, the second writer moves too, to another place.
        try make(2, with: &second)
        #expect(folders.moves == 2)
        #expect(folders.foldersMadeElsewhere == 2)
        #expect(try contents(of: staging.appendingPathComponent("shared")).count == made)

        // The first writer spends all its moves; a third, starting only then (its core was
        // busy), still moves off the staging folder at its first judgment.
        try make(FolderPlacement.window * (FolderPlacement.maximumMoves + 1), with: &first)
        #expect(folders.moves == FolderPlacement.maximumMoves + 1)
        var third = FolderPlacement.Timings()
        let before = folders.foldersMadeElsewhere
        try make(FolderPlacement.window + 1, with: &third)
        #expect(folders.moves == FolderPlacement.maximumMoves + 2)
        #expect(folders.foldersMadeElsewhere == before + 1)
    }

    /// A new place is judged by a few folders made in it, which are left in the holder; a
    /// quick one is taken at once, slow ones are passed over.
    @Test func aQuickPlaceIsTakenAtOnceAndSlowOnesArePassedOver() throws {
        let root = try makeTemporaryFolder("placement")
        defer { try? FileManager.default.removeItem(at: root) }
        for (slowFolder, tries) in [(UInt64.max, 1), (0, FolderPlacement.tries)] {
            let holder = root.appendingPathComponent("holder-\(tries)")
            try FileManager.default.createDirectory(at: holder, withIntermediateDirectories: true)
            let place = try FolderPlacement.makeQuickFolder(in: holder.path, named: "site", slowFolder: slowFolder)
            let made = try contents(of: holder)
            let places = made.filter { !$0.contains("-probe-") }
            #expect(places.count == tries)
            #expect(made.count == tries * (1 + FolderPlacement.probes))
            #expect(places.contains(URL(fileURLWithPath: place).lastPathComponent))
            #expect(place.hasPrefix(holder.path + "/site-"))
            #expect(try contents(of: URL(fileURLWithPath: place)).isEmpty)
        }
    }

    @Test func fastPlacesAreKept() throws {
        let root = try makeTemporaryFolder("placement")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try makeFolders(count: FolderPlacement.window * 4, slowFolder: .max, in: root) == (0, 0))
        #expect(try contents(of: root.appendingPathComponent("holder")) == ["site"])
    }

    /// The write stage with every place given up writes the same site as without, and leaves
    /// nothing beside it.
    @Test func aSiteWrittenFromOtherPlacesIsTheSameSite() throws {
        let root = try makeTemporaryFolder("placement")
        defer { try? FileManager.default.removeItem(at: root) }
        // Enough folders for every writer (four a core) to judge its place several times.
        let writers = ProcessInfo.processInfo.activeProcessorCount * 4
        let count = FolderPlacement.window * writers * 4
        var files = (0..<count).map { RenderedFile(path: "xay-dung-dang/bai-\($0)/index.html", contents: "<p>Bài \($0)</p>\n") }
        files += [
            RenderedFile(path: "index.html", contents: "<h1>Tạp chí</h1>\n"),
            RenderedFile(path: "404.html", contents: "<h1>Không tìm thấy</h1>\n"),
            RenderedFile(path: "xay-dung-dang/index.html", contents: "<h1>Xây dựng Đảng</h1>\n"),
        ]
        var snapshots: [[String: Data]] = []
        for slowFolder in [UInt64.max, 0] {
            let output = root.appendingPathComponent("Output-\(slowFolder)")
            var writer = OutputWriter(outputFolder: output)
            writer.slowFolder = slowFolder
            let outcome = try writer.publish(files, staticFiles: [])
            #expect(outcome.written == files.count)
            if slowFolder == 0 {
                // Each writer makes its first window in the staging folder, and moves at its
                // first judgment, however late it started and whatever the others did.
                #expect(outcome.foldersMadeElsewhere >= count - FolderPlacement.window * writers)
            } else {
                #expect(outcome.foldersMadeElsewhere == 0)
            }
            snapshots.append(try FixtureSite.snapshot(of: output))
        }
        #expect(snapshots[0].count == files.count)
        #expect(snapshots[0] == snapshots[1])
        #expect(try contents(of: root) == ["Output-0", "Output-\(UInt64.max)"])
    }
}

/// The order the writers take a new site's files in (`WriteOrder`).
@Suite struct WriteOrderTests {
    @Test func filesThatAreNotPagesComeFirstThenPagesGroupedByTheirFirstFolder() {
        let paths = [
            "b/x/index.html", "a/y/index.html", "feed.xml", "b/z/index.html", "index.html",
            "a/feed.xml", "tim-kiem/index.json", "a/w/index.html",
        ]
        let order = WriteOrder.of(paths)
        #expect(order.sorted() == Array(paths.indices))
        #expect(order.map { paths[$0] } == [
            "feed.xml", "index.html", "a/feed.xml", "tim-kiem/index.json",
            "a/y/index.html", "a/w/index.html", "b/x/index.html", "b/z/index.html",
        ])
    }
}
