import Foundation
import Synchronization

/// Asks the disk for all of a list of sources (the articles, the issues) at once as soon as
/// one of them is found not to be in memory, so that they come side by side instead of one
/// read after another.
///
/// An archive's 10,000 files are read by as many workers as there are cores, each waiting
/// for its file when it is not in memory: 0.2 to 0.5 ms a file on a virtual disk, seconds
/// in all when the system let the cache go (as some machines do within a minute). Told
/// of the first such file, a thread of its own opens every file from there on (then those
/// before it) and tells the kernel it will be needed (`POSIX_FADV_WILLNEED`, which starts
/// reading it and returns); the workers then find most of them read. When every file is in
/// memory, nothing happens.
final class SourcePrefetch: Sendable {
    private let paths: [String]
    private let started = Atomic<Bool>(false)
    /// Asks for one file (tests record the asking instead).
    private let ask: @Sendable (String) -> Void

    init(paths: [String], ask: @escaping @Sendable (String) -> Void = SourcePrefetch.willNeed) {
        self.paths = paths
        self.ask = ask
    }

    /// Tells the kernel the file at `path` will be needed: it starts reading it and returns.
    static func willNeed(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_WILLNEED)
        close(descriptor)
    }

    /// The file at `index` of `paths` was not all in memory.
    func fileWasNotInMemory(at index: Int) {
        guard paths.indices.contains(index),
            started.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
        else { return }
        let (paths, ask) = (paths, ask)
        // A thread, not a task: it waits for the disk, which would hold up a worker.
        Thread.detachNewThread {
            paths[(index + 1)...].forEach(ask)
            paths[..<index].forEach(ask)
        }
    }
}
