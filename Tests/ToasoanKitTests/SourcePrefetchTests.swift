import Foundation
import Glibc
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
        let bytes = try writeFile(path, count: Self.pageSize * 4 + 100)

        _ = try POSIXFiles.read(path)
        var toldOf = 0
        #expect(try POSIXFiles.read(path, whenFromDisk: { toldOf += 1 }) == bytes)
        #expect(toldOf == 0)

        // Its second half only, then all of it, on the disk.
        for offset in [Self.pageSize * 2, 0] {
            evict(path, from: offset)
            let onDisk = pagesInMemory(path) < 5
            toldOf = 0
            #expect(try POSIXFiles.read(path, whenFromDisk: { toldOf += 1 }) == bytes)
            if onDisk { #expect(toldOf == 1) }
        }
        // An empty file is all in memory.
        let empty = root.appendingPathComponent("trong.md").path
        try POSIXFiles.write([], to: empty)
        toldOf = 0
        #expect(try POSIXFiles.read(empty, whenFromDisk: { toldOf += 1 }) == [])
        #expect(toldOf == 0)
    }

    @Test func theFilesAreAskedForOnceFromTheOneNotInMemoryOn() async throws {
        let root = try makeTemporaryFolder("prefetch")
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = (0..<40).map { root.appendingPathComponent("bai-\($0).md").path }
        for path in paths {
            _ = try writeFile(path, count: Self.pageSize * 3)
            evict(path)
        }
        guard paths.allSatisfy({ pagesInMemory($0) == 0 }) else { return }  // a file system that keeps them
        let prefetch = SourcePrefetch(paths: paths)
        prefetch.fileWasNotInMemory(at: 10)
        prefetch.fileWasNotInMemory(at: 20)  // already asked for: nothing more
        // Every file but the one told of (its reader reads it) comes into memory.
        let deadline = Date().addingTimeInterval(10)
        var waiting = paths.indices.filter { $0 != 10 }
        while !waiting.isEmpty, Date() < deadline {
            waiting.removeAll { pagesInMemory(paths[$0]) == 3 }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(waiting.isEmpty)
        #expect(pagesInMemory(paths[10]) == 0)
    }
}
