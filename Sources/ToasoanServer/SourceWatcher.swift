public import Foundation
import Glibc
import Synchronization

/// Tells when anything under some folders changes. On Linux it uses inotify: every folder
/// is watched, and folders that appear later are added as they appear; where inotify is
/// not available it compares the folders' listing twice a second.
public final class SourceWatcher: Sendable {
    private let folders: [String]
    private let stopped = Atomic<Bool>(false)

    public init(folders: [URL]) {
        self.folders = folders.map(\.standardizedFileURL.path)
    }

    /// One element per batch of changes, until `stop()`.
    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let thread = Thread { [self] in
            if !watchWithInotify(continuation) { watchByPolling(continuation) }
            continuation.finish()
        }
        thread.name = "toasoan source watcher"
        thread.start()
        return stream
    }

    public func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    private var isStopped: Bool { stopped.load(ordering: .relaxed) }

    // MARK: - inotify

    private static let mask: UInt32 = UInt32(
        IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Watches until stopped; false when inotify cannot be used.
    private func watchWithInotify(_ continuation: AsyncStream<Void>.Continuation) -> Bool {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var folderOfWatch: [Int32: String] = [:]
        func watchTree(_ folder: String) {
            let watch = inotify_add_watch(descriptor, folder, Self.mask)
            if watch >= 0 { folderOfWatch[watch] = folder }
            guard let directory = opendir(folder) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard name != ".", name != ".." else { continue }
                var info = stat()
                let child = folder + "/" + name
                if lstat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { watchTree(child) }
            }
        }
        for folder in folders { watchTree(folder) }
        guard !folderOfWatch.isEmpty else { return false }

        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while !isStopped {
            guard poll(&pollDescriptor, 1, 200) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            // Each event: wd, mask, cookie, len, then `len` bytes of name.
            var offset = 0
            buffer.withUnsafeBytes { raw in
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
                        let parent = folderOfWatch[event.wd]
                    {
                        let nameBytes = UnsafeRawBufferPointer(rebasing: raw[nameStart..<(nameStart + Int(event.len))])
                        let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                        watchTree(parent + "/" + name)
                    }
                    offset = nameStart + Int(event.len)
                }
            }
            continuation.yield()
        }
        return true
    }

    // MARK: - Polling

    private func watchByPolling(_ continuation: AsyncStream<Void>.Continuation) {
        var last = listing()
        while !isStopped {
            Thread.sleep(forTimeInterval: 0.5)
            let now = listing()
            if now != last {
                last = now
                continuation.yield()
            }
        }
    }

    /// Path, size and modification time of everything under the folders.
    private func listing() -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { continue }
            while let path = enumerator.nextObject() as? String {
                var info = stat()
                guard lstat(folder + "/" + path, &info) == 0 else { continue }
                result[folder + "/" + path] = [Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec)]
            }
        }
        return result
    }
}
