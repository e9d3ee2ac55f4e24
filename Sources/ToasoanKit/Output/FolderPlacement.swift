import Glibc
import Synchronization

/// Makes the folders of a new site (one per article page) and, when making them turns slow,
/// makes the rest in another place of the disk and moves each into the site.
///
/// On ext4 without a journal a new inode is not one freed in the last minute (or six, while
/// its inode table block is not yet written back), and every allocation steps over each
/// such inode again from the start of its block group (`recently_deleted` in
/// `fs/ext4/ialloc.c`). Where another large folder was just deleted (the last output, removed
/// by hand or by a script, or any other tool's), each of a site's 27,000 folders and files
/// then takes 0.1 to 0.4 ms instead of 15 to 30 µs, and the write stage several seconds.
///
/// The staging folder, and each place tried later, is a folder of a holder marked as a top
/// folder, so that the file system puts it in a group of its own, the emptiest, which is
/// often one just emptied: each is judged by a few folders made in it first, and a slow one
/// is passed over (`makeQuickFolder`). A quick start is no promise, as the site fills
/// several groups: each writer times the folders it makes (their CPU time), and when the
/// median of its last 32 is `slowFolder` or over, it makes each article's folder from then on
/// in a new place of its own and renames it into the site, which moves no inode. A file goes
/// where its folder is. Each writer has its own place, as two making folders in one folder
/// spin on its lock (in `perf` of a cold build among freed inodes, 250 ms of CPU in
/// `rwsem_spin_on_owner` when the writers shared one; 8 ms since).
///
/// Elsewhere (ext4 with a journal, XFS, Btrfs, tmpfs) folders are never that slow and nothing
/// changes but the timing of each `mkdir`.
final class FolderPlacement: Sendable {
    /// The median time of a `mkdir` (ns) from which its place is given up: 15 to 35 µs on
    /// the project's disk (up to 60 while two writers share a folder), 100 µs and more among
    /// recently freed inodes. A new place is passed over when the quickest of its first
    /// `mkdir`s, made alone, takes 5/8 of it or more.
    static let defaultSlowFolder: UInt64 = 80_000
    /// Folders a writer times before it judges its place.
    static let window = 32
    /// Places each writer tries after the staging folder, at most. The limit is a writer's
    /// own: with one for all, writers that started late (a core was busy) found it spent by
    /// the first ones and made all their folders in the slow staging folder.
    static let maximumMoves = 8

    private let staging: Int32
    private let holder: String
    private let slowFolder: UInt64
    /// The open folders new folders were made in and renamed from, each writer's last one in
    /// use; each stays open until the end, as a writer may still be making a folder in it. No
    /// more are made once one could not be.
    private let places = Mutex<(areas: [Int32], stuck: Bool)>(([], false))
    private let madeElsewhere = Atomic<Int>(0)

    /// `staging` is the open staging folder; `holder` the folder it is in, which is removed
    /// with all it holds once the build is over.
    init(staging: Int32, holder: String, slowFolder: UInt64 = defaultSlowFolder) {
        self.staging = staging
        self.holder = holder
        self.slowFolder = slowFolder
    }

    deinit {
        places.withLock { $0.areas.forEach { close($0) } }
    }

    /// Places given up so far.
    var moves: Int { places.withLock { $0.areas.count } }

    /// One writer's recent `mkdir` times, and the place it makes folders in: each writer
    /// has its own, as two writers making folders in one folder spin on its lock.
    struct Timings {
        fileprivate var samples: [UInt64] = []
        /// The open folder this writer makes folders in and renames them from; nil: the staging folder.
        fileprivate var area: Int32?
        /// Places this writer has given up.
        fileprivate var moves = 0
    }

    /// Makes `folder` (a path inside the staging folder whose parent exists); `name` is a
    /// name for it unique in this build, used while it is made elsewhere.
    ///
    /// What is timed is the CPU time of the `mkdir` alone, the kernel's included: stepping
    /// over freed inodes is work, while waiting for the folder's lock, shared with the other
    /// writers, or for a core is not, and would make a fast disk look slow on a busy machine.
    func makeFolder(_ folder: String, uniqueName name: String, timings: inout Timings) throws(POSIXFiles.Error) {
        let start = Self.threadCPUTime()
        if let area = timings.area {
            try POSIXFiles.makeFolder(name, in: area)
            timings.samples.append(Self.threadCPUTime() - start)
            if renameat(area, name, staging, folder) != 0 { throw POSIXFiles.Error(operation: "rename", path: folder, code: errno) }
            madeElsewhere.add(1, ordering: .relaxed)
        } else {
            try POSIXFiles.makeFolder(folder, in: staging)
            timings.samples.append(Self.threadCPUTime() - start)
        }
        guard timings.samples.count == Self.window else { return }
        timings.samples.sort()
        let median = timings.samples[Self.window / 2]
        timings.samples.removeAll(keepingCapacity: true)
        if median >= slowFolder { moveOn(&timings) }
    }

    /// Folders made in another place and renamed into the site.
    var foldersMadeElsewhere: Int { madeElsewhere.load(ordering: .relaxed) }

    /// Gives up a writer's current place for a new folder of the holder. When no folder can
    /// be made there, the writers stay where they are: this only makes writing faster.
    private func moveOn(_ timings: inout Timings) {
        let area = places.withLock { places -> Int32? in
            guard !places.stuck, timings.moves < Self.maximumMoves else { return nil }
            guard let path = try? Self.makeQuickFolder(in: holder, named: "area", slowFolder: slowFolder),
                let area = try? POSIXFiles.openFolder(path)
            else {
                places.stuck = true
                return nil
            }
            places.areas.append(area)
            return area
        }
        if let area {
            timings.area = area
            timings.moves += 1
        }
    }

    /// Places tried for each new folder of the holder, at most.
    static let tries = 4
    /// Folders made and timed in a place to judge it.
    static let probes = 3

    /// Makes a folder in `holder` (a folder marked a top folder: the file system places
    /// each folder made in it in a group of its own, the emptiest, searched for from a hash
    /// of the folder's name) in a place where making folders is quick, and returns its path.
    /// A place is judged by the quickest of a few `mkdir`s in it; a slow one is left in the
    /// holder, empty (still counted there, so that the next try goes to another group), and
    /// another is tried under another random name. After `tries` slow places the quickest is
    /// kept.
    static func makeQuickFolder(
        in holder: String, named prefix: String, slowFolder: UInt64 = defaultSlowFolder
    ) throws(POSIXFiles.Error) -> String {
        var quickest: (path: String, time: UInt64)?
        for _ in 0..<tries {
            let name = "\(prefix)-\(UInt64.random(in: 0...UInt64.max))"
            let path = holder + "/" + name
            try POSIXFiles.makeFolder(path)
            var time = UInt64.max
            for index in 0..<probes {
                let probe = path + "/probe"
                let start = threadCPUTime()
                try POSIXFiles.makeFolder(probe)
                time = min(time, threadCPUTime() - start)
                // Moved out, not removed: freed, its inode would be stepped over by each next one.
                if rename(probe, holder + "/\(name)-probe-\(index)") != 0 {
                    throw POSIXFiles.Error(operation: "rename", path: probe, code: errno)
                }
            }
            if time < slowFolder / 8 * 5 { return path }
            if time < quickest?.time ?? .max { quickest = (path, time) }
        }
        return quickest!.path
    }

    private static func threadCPUTime() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
