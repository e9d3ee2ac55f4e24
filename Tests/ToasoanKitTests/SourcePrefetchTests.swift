import Foundation
import Glibc
import Synchronization
import Testing

@testable import ToasoanKit

/// Reading only from memory first (`POSIXFiles.read(_:whenFromDisk:)`), and asking for the
/// files that are not there (`SourcePrefetch`). A file's pages are let go with
/// `POSIX_FADV_DONTNEED` once written to the disk; where the file system keeps them all
/// the same (tmpfs), what depends on it is not checked.
@Suite struct SourcePrefetchTests {
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Writes `count` bytes (not all alike) to `path`, on the disk.
    private func writeFile(_ path: String, count: Int) throws -> [UInt8] {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) }
        try POSIXFiles.write(bytes, to: path)
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        #expect(fsync(descriptor) == 0)
        return bytes
    }

    /// Lets go of the file's pages from `offset` on.
    private func evict(_ path: String, from offset: Int = 0) {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        _ = posix_fadvise(descriptor, off_t(offset), 0, POSIX_FADV_DONTNEED)
    }

    /// How many of the file's pages are in memory.
    private func pagesInMemory(_ path: String) -> Int {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0,
            let map = mmap(nil, Int(info.st_size), PROT_READ, MAP_SHARED, descriptor, 0), map != MAP_FAILED
        else { return 0 }
        defer { munmap(map, Int(info.st_size)) }
        var flags = [UInt8](repeating: 0, count: (Int(info.st_size) + Self.pageSize - 1) / Self.pageSize)
        guard mincore(map, Int(info.st_size), &flags) == 0 else { return 0 }
        return flags.count { $0 & 1 != 0 }
    }

    @Test func aFileInMemoryIsReadWithoutAWordAndAFileOnDiskIsToldOfAndReadWhole() throws {
        let root = try makeTemporaryFolder("prefetch")
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("bai-viet.md").path
        // Larger than the kernel's read-ahead window (128 KB): on a fast disk, the read-ahead a
        // read from memory alone starts can bring a small file in before that read returns.
        let pages = 512
        let bytes = try writeFile(path, count: Self.pageSize * pages + 100)

        _ = try POSIXFiles.read(path)
        var toldOf = 0
        #expect(try POSIXFiles.read(path, whenFromDisk: { toldOf += 1 }) == bytes)
        #expect(toldOf == 0)

        // Its second half only, then all of it, on the disk: read whole, and told of, once.
        // (A few tries each: the machine may keep a page it was told to let go.)
        for offset in [Self.pageSize * pages / 2, 0] {
            var toldOfOnDisk: [Int] = []
            for _ in 0..<5 where !toldOfOnDisk.contains(1) {
                evict(path, from: offset)
                let onDisk = pagesInMemory(path) <= pages / 2
                toldOf = 0
                #expect(try POSIXFiles.read(path, whenFromDisk: { toldOf += 1 }) == bytes)
                #expect(toldOf <= 1)
                if onDisk { toldOfOnDisk.append(toldOf) }
            }
            if !toldOfOnDisk.isEmpty { #expect(toldOfOnDisk.contains(1)) }
        }
        // An empty file is all in memory.
        let empty = root.appendingPathComponent("trong.md").path
        try POSIXFiles.write([], to: empty)
        toldOf = 0
        #expect(try POSIXFiles.read(empty, whenFromDisk: { toldOf += 1 }) == [])
        #expect(toldOf == 0)
    }

    /// Waits until `count` files were asked for (or 10 s), then a little longer for any more.
    private func waitForAsking(_ asked: borrowing Mutex<[String]>, count: Int) async throws {
        let deadline = Date().addingTimeInterval(10)
        while asked.withLock({ $0.count }) < count, Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
    }

    @Test func theFilesAreAskedForOnceFromTheLastNotInMemoryOn() async throws {
        let paths = (0..<8).map { "Content/articles/bai-\($0).md" }
        let asked = Mutex<[String]>([])
        let prefetch = SourcePrefetch(paths: paths) { path in asked.withLock { $0.append(path) } }
        for _ in paths { prefetch.willRead() }
        // Fewer than `minimumMisses` (4): each is read as it comes.
        #expect(SourcePrefetch.minimumMisses == 4)
        for index in [1, 3, 4] { prefetch.fileWasNotInMemory(at: index) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(asked.withLock { $0 }.isEmpty)
        prefetch.fileWasNotInMemory(at: 5)
        prefetch.fileWasNotInMemory(at: 2)  // already asked for: nothing more
        prefetch.fileWasNotInMemory(at: 99)
        try await waitForAsking(asked, count: 7)
        // From the one after it to the end, then from the start: not the one told of, whose reader reads it.
        #expect(asked.withLock { $0 } == [6, 7, 0, 1, 2, 3, 4].map { paths[$0] })
    }

    @Test func aFewFilesNotInMemoryAmongManyAreNotWorthAskingForTheRest() async throws {
        let paths = (0..<2_000).map { "Content/articles/bai-\($0).md" }
        let asked = Mutex<[String]>([])
        let prefetch = SourcePrefetch(paths: paths) { path in asked.withLock { $0.append(path) } }
        // One in 40 of those read so far (as a machine that let a few pages go between builds).
        for index in 0..<1_000 {
            prefetch.willRead()
            if index % 40 == 39 { prefetch.fileWasNotInMemory(at: index) }
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(asked.withLock { $0 }.isEmpty)
        // Then a run of them (a folder the machine let go): once one in 32 is reached, the
        // rest is asked for, from the one after the last missed.
        var (reads, misses, index) = (1_000, 1_000 / 40, 1_000)
        repeat {
            prefetch.willRead()
            prefetch.fileWasNotInMemory(at: index)
            (reads, misses, index) = (reads + 1, misses + 1, index + 1)
        } while misses * SourcePrefetch.missShare < reads
        try await waitForAsking(asked, count: paths.count - 1)
        #expect(index == 1_007)
        #expect(asked.withLock { $0.count } == paths.count - 1)
        #expect(asked.withLock { $0.first } == paths[index])
    }

    @Test func askedForFilesComeIntoMemory() async throws {
        let root = try makeTemporaryFolder("prefetch")
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = (0..<40).map { root.appendingPathComponent("bai-\($0).md").path }
        for path in paths {
            _ = try writeFile(path, count: Self.pageSize * 3)
            evict(path)
        }
        guard paths.allSatisfy({ pagesInMemory($0) == 0 }) else { return }  // a file system that keeps them
        let prefetch = SourcePrefetch(paths: paths)
        for index in 7...10 {
            prefetch.willRead()
            prefetch.fileWasNotInMemory(at: index)
        }
        // A slow machine: the thread waits for the disk like the build it is for.
        // Each file is seen in memory once. Not every one is required: the kernel may drop a
        // read-ahead (it is a hint) or let the pages go again on a machine that takes its
        // page cache back (seen here: 2 files of 39 in a run of all the tests); without the
        // asking, none would come.
        let deadline = Date().addingTimeInterval(20)
        var waiting = paths.indices.filter { $0 != 10 }
        while waiting.count > 0, Date() < deadline {
            waiting.removeAll { pagesInMemory(paths[$0]) == 3 }
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(waiting.count <= paths.count / 4)
        #expect(pagesInMemory(paths[10]) == 0)
    }
}
