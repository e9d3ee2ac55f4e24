import Foundation
import Synchronization

/// Asks the disk for all of a list of sources (the articles, the issues) at once as soon as
/// a good share of them is found not to be in memory, so that they come side by side instead
/// of one read after another.
///
/// An archive's 10,000 files are read by as many workers as there are cores, each waiting
/// for its file when it is not in memory: 0.2 to 0.5 ms a file on a virtual disk, seconds
/// in all when the system let the cache go (as some machines do within a minute). Once one
/// file in `missShare` of those read so far (and at least `minimumMisses`) was not in memory,
/// a thread of its own opens every file after the last one missed (then those before it) and
/// tells the kernel it will be needed (`POSIX_FADV_WILLNEED`, which starts reading it and
/// returns); the workers then find most of them read. Asking costs about 5 µs of CPU a
/// file, 50 ms for an archive, more than waiting for a few scattered files: this machine
/// lets 0.1 to 1% of a corpus go between two builds a few seconds apart (10% after a
/// minute), and those are read as they come.
final class SourcePrefetch: Sendable {
    private let paths: [String]
    private let started = Atomic<Bool>(false)
    private let reads = Atomic<Int>(0)
    private let misses = Atomic<Int>(0)
    /// Files not in memory, at least, before any is asked for.
    static let minimumMisses = 4
    /// The share of the files read so far not found in memory (one in this many) from
    /// which the rest are asked for.
    static let missShare = 32
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

    /// A file of `paths` is about to be read.
    func willRead() {
        reads.add(1, ordering: .relaxed)
    }

    /// The file at `index` of `paths`, read after `willRead`, was not all in memory.
    func fileWasNotInMemory(at index: Int) {
        let missed = misses.add(1, ordering: .relaxed).newValue
        guard paths.indices.contains(index), missed >= Self.minimumMisses,
            missed * Self.missShare >= reads.load(ordering: .relaxed),
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
