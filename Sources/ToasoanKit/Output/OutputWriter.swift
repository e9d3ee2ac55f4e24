import CSystemShims
import Dispatch
public import Foundation
import Synchronization

/// The write stage. Builds the new site in a staging folder beside the output folder, then
/// swaps the two in one step (`renameat2` with `RENAME_EXCHANGE`), so readers and editors
/// see either the last good site or the new one, never a half-written folder, and a build
/// that fails before the swap leaves `Output/` exactly as it was.
public struct OutputWriter: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case notOurFolder(String)
        case io(String)

        public var description: String {
            switch self {
            case .notOurFolder(let path):
                return "\(path) exists and does not look like a site toasoan built (no index.html and 404.html); "
                    + "remove it or choose another --output"
            case .io(let message):
                return message
            }
        }
    }

    public let outputFolder: URL
    /// Told how many files are placed, for a progress bar.
    var progress: (@Sendable (BuildProgress) -> Void)?
    /// When making folders is slower than this (ns, a median), they are made elsewhere
    /// (`FolderPlacement`); tests set 0 to have every place given up.
    var slowFolder = FolderPlacement.defaultSlowFolder

    public init(outputFolder: URL, progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        self.outputFolder = outputFolder.standardizedFileURL
        self.progress = progress
    }

    /// `.{Output}.staging-{pid}`: holds the folder a new site is written into (see `publish`).
    private var stagingHolder: URL {
        outputFolder.deletingLastPathComponent()
            .appendingPathComponent(".\(outputFolder.lastPathComponent).staging-\(getpid())")
    }

    // MARK: - The manifest of the last build

    /// `.{Output}.toasoan-manifest` beside the output folder: not published with the site.
    var manifestPath: String {
        besideOutput("manifest")
    }

    func readManifest() -> BuildManifest? {
        guard let bytes = try? POSIXFiles.read(manifestPath) else { return nil }
        return BuildManifest.parse(bytes)
    }

    /// Written after the swap, through a temporary file: a crash leaves the old manifest or
    /// none, and either one only makes the next build write more than it needs.
    func writeManifest(_ manifest: BuildManifest) {
        try? POSIXFiles.replace(manifestPath, with: manifest.serialized())
    }

    /// `.{Output}.toasoan-articles` beside the output folder (see `ArticleCache`).
    var articleCachePath: String {
        besideOutput("articles")
    }

    /// `.{Output}.toasoan-site` beside the output folder (see `SiteSnapshot`).
    var siteSnapshotPath: String { besideOutput("site") }

    /// `.{Output}.toasoan-search` beside the output folder (see `SearchIndexState`).
    var searchStatePath: String { besideOutput("search") }

    /// `.{Output}.toasoan-{kind}`: toasoan's own files sit beside the output folder, never
    /// inside it, so they are not published.
    private func besideOutput(_ kind: String) -> String {
        outputFolder.deletingLastPathComponent().appendingPathComponent(".\(outputFolder.lastPathComponent).toasoan-\(kind)").path
    }

    /// `.{Output}.toasoan-journal` beside the output folder (see `OutputJournal`).
    var journalPath: String {
        besideOutput("journal")
    }

    /// Finishes or undoes an in-place update that a killed build left behind; true when there was one.
    func recoverInterruptedUpdate() -> Bool {
        OutputJournal.recover(journalPath: journalPath, outputFolder: outputFolder.path)
    }

    /// Called once the manifest describing an in-place update is written.
    func finishUpdate() {
        unlink(journalPath)
    }

    /// The output folder holds exactly the files `manifest` recorded, as they were written:
    /// then it can be updated in place and its pages reused. Each file has its recorded size
    /// and time, and each folder its recorded time, which any entry made, removed or renamed
    /// in it would have changed: one look at each, and no folder listed (on a large site that
    /// was a quarter of a one-page rebuild's time, most of it in the kernel).
    func outputIsIntact(_ manifest: BuildManifest) -> Bool {
        guard !manifest.folders.isEmpty else { return false }
        let root = open(outputFolder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return false }
        defer { close(root) }
        let files = Array(manifest.outputs)
        let folders = Array(manifest.folders)
        let lanes = 2
        return ParallelMap.perform(lanes) { lane in
            for index in stride(from: lane, to: files.count, by: lanes) {
                let (path, record) = files[index]
                // Its folder is recorded, or a file added beside it would go unseen.
                guard manifest.folders[Self.folder(of: path)] != nil, let entry = POSIXFiles.entry(in: root, at: path),
                    entry.kind == .file, entry.size == record.size, entry.modified == record.modified
                else { return false }
            }
            for index in stride(from: lane, to: folders.count, by: lanes) {
                let (path, modified) = folders[index]
                guard path.isEmpty || manifest.folders[Self.folder(of: path)] != nil,
                    let entry = POSIXFiles.entry(in: root, at: path.isEmpty ? "." : path), entry.kind == .folder,
                    entry.modified == modified
                else { return false }
            }
            return true
        }.allSatisfy { $0 }
    }

    /// The folder holding `path` (relative to the output folder; "" for the output folder).
    private static func folder(of path: String) -> String {
        path.lastSlash.map { String(path[..<$0]) } ?? ""
    }

    /// The folders holding each of `paths` and the folders above them, up to the output
    /// folder itself ("").
    private static func folders(around paths: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = [""]
        for path in paths {
            var folder = Substring(path)
            while let slash = folder.lastSlash {
                folder = folder[..<slash]
                guard folders.insert(String(folder)).inserted else { break }
            }
        }
        return folders
    }

    /// The modification times of `folders` as they are now; a folder no longer there is left out.
    /// Looked up from the open output folder, as in `outputIsIntact`.
    private func folderTimes(of folders: Set<String>) -> [String: Int64] {
        let list = Array(folders)
        let root = open(outputFolder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return [:] }
        defer { close(root) }
        let lanes = 2
        let found = ParallelMap.perform(lanes) { lane in
            stride(from: lane, to: list.count, by: lanes).compactMap { index -> (String, Int64)? in
                guard let entry = POSIXFiles.entry(in: root, at: list[index].isEmpty ? "." : list[index]), entry.kind == .folder
                else { return nil }
                return (list[index], entry.modified)
            }
        }
        return Dictionary(found.joined(), uniquingKeysWith: { first, _ in first })
    }

    /// Updates an intact output folder (`outputIsIntact`) in place, writing only the files
    /// whose bytes changed and deleting those no longer built, through `OutputJournal`.
    /// Reused pages (`RenderedFile.isReused`) are kept as they are.
    func updateInPlace(
        _ files: [RenderedFile], staticFiles: [StaticFile], previous: BuildManifest
    ) throws(Failure) -> Outcome {
        let current = outputFolder.path

        // Each lane makes its files' bytes, compares their hash with the last build's and
        // writes the changed ones under a temporary name at once: pages are never all held.
        var journal = OutputJournal(state: .preparing, writes: [], deletions: [])
        do {
            try journal.save(at: journalPath)
        } catch {
            throw .io("cannot update \(current): \(error)")
        }
        let jobs = staticFiles.count + files.count
        let lanes = max(1, min(jobs, ProcessInfo.processInfo.activeProcessorCount))
        let results = LaneResults(lanes: lanes)
        let folders = FolderMaker(root: current)
        let counter = ProgressCounter("writing pages", total: jobs, report: progress)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var records: [(String, BuildManifest.Output, Bool)] = []
            var job = lane
            while job < jobs {
                defer {
                    job += lanes
                    counter?.step()
                }
                let isStatic = job < staticFiles.count
                let path = isStatic ? staticFiles[job].destination : files[job - staticFiles.count].path
                let old = previous.outputs[path]
                if !isStatic, files[job - staticFiles.count].isReused, var record = old {
                    record.fingerprint = files[job - staticFiles.count].fingerprint ?? 0
                    records.append((path, record, true))
                    continue
                }
                do {
                    let contents: [UInt8]
                    let hash: UInt64
                    if isStatic {
                        hash = ContentHash.of("\(staticFiles[job].size):\(staticFiles[job].modified)")
                        if let old, old.hash == hash {
                            records.append((path, old, true))
                            continue
                        }
                        contents = try POSIXFiles.read(staticFiles[job].source)
                    } else {
                        let bytes = files[job - staticFiles.count].resolvedContents()
                        hash = ContentHash.of(bytes)
                        if var record = old, record.hash == hash {
                            record.fingerprint = files[job - staticFiles.count].fingerprint ?? 0
                            records.append((path, record, true))
                            continue
                        }
                        contents = bytes
                    }
                    try folders.makeParents(of: path)
                    try POSIXFiles.write(contents, to: current + "/" + OutputJournal.temporaryName(of: path))
                    let fingerprint = isStatic ? 0 : files[job - staticFiles.count].fingerprint ?? 0
                    // Size, time and inode are filled in once the file has its name.
                    records.append((path, BuildManifest.Output(hash: hash, size: 0, modified: 0, inode: 0, fingerprint: fingerprint), false))
                } catch {
                    results.fail("\(error)")
                }
            }
            results.store(records, folderTimes: [], lane: lane)
        }
        if let failure = results.failure {
            journal.rollBack(in: current)
            unlink(journalPath)
            throw .io("cannot update \(current): \(failure)")
        }

        var outcome = Outcome(written: 0, unchanged: 0, records: [:])
        outcome.records.reserveCapacity(files.count + staticFiles.count)  // 14,000 at 10,000 articles
        var built: Set<String> = []
        for (path, record, unchanged) in results.all {
            built.insert(path)
            if unchanged {
                outcome.records[path] = record
                outcome.unchanged += 1
            } else {
                journal.writes.append(path)
                outcome.records[path] = record
            }
        }
        journal.deletions = previous.outputs.keys.filter { !built.contains($0) }.sorted()
        outcome.folders = previous.folders
        if journal.writes.isEmpty && journal.deletions.isEmpty {
            unlink(journalPath)
            return outcome
        }
        journal.state = .committed
        do {
            try journal.save(at: journalPath)
        } catch {
            journal.rollBack(in: current)
            unlink(journalPath)
            throw .io("cannot update \(current): \(error)")
        }
        journal.apply(in: current)
        for path in journal.writes {
            guard let status = POSIXFiles.status(current + "/" + path) else { continue }
            outcome.records[path]?.size = status.size
            outcome.records[path]?.modified = status.modified
            outcome.records[path]?.inode = status.inode
            outcome.written += 1
        }
        // The folders written or deleted in, made or emptied (and removed), have new times.
        let touched = Self.folders(around: journal.writes + journal.deletions)
        let now = folderTimes(of: touched)
        for folder in touched { outcome.folders[folder] = now[folder] }
        return outcome
    }

    /// The output folder still holds what `manifest` recorded (its home and 404 pages unchanged).
    func outputMatches(_ manifest: BuildManifest) -> Bool {
        for path in ["index.html", "404.html"] {
            guard let record = manifest.outputs[path], let status = POSIXFiles.status(outputFolder.path + "/" + path),
                status.size == record.size, status.modified == record.modified, status.inode == record.inode
            else { return false }
        }
        return true
    }

    /// Checks, before any work, that replacing the output folder cannot destroy someone's files.
    public func checkReplaceable() throws(Failure) {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: outputFolder.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw .notOurFolder(outputFolder.path) }
        let contents = (try? manager.contentsOfDirectory(atPath: outputFolder.path)) ?? []
        if contents.isEmpty { return }
        guard contents.contains("index.html"), contents.contains("404.html") else {
            throw .notOurFolder(outputFolder.path)
        }
    }

    /// What `publish` did.
    public struct Outcome: Sendable {
        /// Files whose bytes were written.
        public var written: Int
        /// Files carried over from the last output unchanged (hard links: same inode and time).
        public var unchanged: Int
        var records: [String: BuildManifest.Output]
        /// Modification time of each folder of the output, as left (see `BuildManifest.folders`).
        var folders: [String: Int64] = [:]
        /// Folders made in another place of the disk and renamed in (`FolderPlacement`).
        var foldersMadeElsewhere = 0
    }

    /// Writes `files` and copies `staticFiles` into a staging folder, then swaps it in. A file
    /// whose bytes are those `previous` recorded, and whose last copy is still as recorded, is
    /// hard-linked from the last output instead.
    func publish(
        _ files: [RenderedFile], staticFiles: [StaticFile], previous: BuildManifest? = nil
    ) throws(Failure) -> Outcome {
        try checkReplaceable()
        let holder = stagingHolder.path
        var staging = holder + "/site"
        let current = outputFolder.path
        // Leftovers of killed builds were removed when the build began (`removeLeftovers`), not
        // here: the snapshot of this build is being written beside the output meanwhile, under
        // a name with this process's id (`StreamedFile`).
        let lanes = max(1, min(files.count + staticFiles.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        let results = LaneResults(lanes: lanes)
        var madeElsewhere = 0
        var sharedFolderList: [String] = []
        do {
            // Where the new site's inodes go (ext4; elsewhere harmless). A folder made beside
            // the output would share the block groups of the last site, deleted a moment ago
            // by the last build or by a script; ext4 without a journal then steps over every
            // recently freed inode for each new one (`recently_deleted`), which made writing a
            // large site several times slower, and slower with each build. Made in a holder
            // marked as a top folder, the staging folder is placed in a block group of its own,
            // and the whole site with it, one where making folders is quick; when that place
            // turns slow all the same, the articles' folders are made in another (`FolderPlacement`).
            try POSIXFiles.makeFolder(holder)
            _ = toasoan_mark_top_folder(holder)
            staging = try FolderPlacement.makeQuickFolder(in: holder, named: "site", slowFolder: slowFolder)
            // Files and folders are made from the open staging folder: their short paths are
            // resolved faster than full ones (a few percent of a build's system time).
            let stagingFolder = try POSIXFiles.openFolder(staging)
            defer { close(stagingFolder) }
            // Every file's path in the site, by job: the static files first, then the pages.
            let paths = staticFiles.map(\.destination) + files.map(\.path)
            let (ownFolders, sharedFolders) = try makeSharedFolders(for: paths, in: stagingFolder)
            sharedFolderList = sharedFolders
            let folders = FolderPlacement(staging: stagingFolder, holder: holder, slowFolder: slowFolder)
            let jobs = staticFiles.count + files.count
            let counter = ProgressCounter("writing pages", total: jobs, report: progress)
            // Disjoint files, shared among threads a few at a time (so no thread is left
            // finishing a long share alone); each lane keeps its own records. Half the lanes
            // take them from the front of `order`, half from its back, so that two writers
            // make their folders in different folders until they meet (see `WriteOrder`).
            let order = WriteOrder.of(paths)
            let batches = JobBatches(count: jobs, size: 16)
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                var records: [(String, BuildManifest.Output, Bool)] = []
                var ownFolderTimes: [(String, Int64)] = []
                var timings = FolderPlacement.Timings()
                let fromBack = lane % 2 == 1
                while let batch = batches.next(fromBack: fromBack) {
                    for taken in fromBack ? Array(batch.reversed()) : Array(batch) {
                        let job = order[taken]
                        do {
                            var ownFolder: String?
                            if ownFolders[job] {
                                ownFolder = String(paths[job][..<paths[job].lastSlash!])
                                try folders.makeFolder(ownFolder!, uniqueName: "\(job)", timings: &timings)
                            }
                            defer {
                                // Its one file is in: the folder's time is now as the site will have it.
                                if let ownFolder, let entry = POSIXFiles.entry(in: stagingFolder, at: ownFolder), entry.kind == .folder {
                                    ownFolderTimes.append((ownFolder, entry.modified))
                                }
                            }
                            if job < staticFiles.count {
                                let file = staticFiles[job]
                                let hash = ContentHash.of("\(file.size):\(file.modified)")
                                records.append(
                                    try place(file.destination, hash: hash, previous: previous, from: current, into: stagingFolder) {
                                        try POSIXFiles.write(try POSIXFiles.read(file.source), to: $0, in: stagingFolder)
                                    })
                            } else {
                                let file = files[job - staticFiles.count]
                                precondition(!file.isReused, "a reused page needs an intact output folder")
                                let contents = file.resolvedContents()
                                var record = try place(file.path, hash: ContentHash.of(contents), previous: previous, from: current, into: stagingFolder) {
                                    try POSIXFiles.write(contents, to: $0, in: stagingFolder)
                                }
                                record.1.fingerprint = file.fingerprint ?? 0
                                records.append(record)
                            }
                        } catch {
                            results.fail("\(error)")
                        }
                        counter?.step()
                    }
                }
                results.store(records, folderTimes: ownFolderTimes, lane: lane)
            }
            madeElsewhere = folders.foldersMadeElsewhere
            if let failure = results.failure {
                POSIXFiles.removeTree(holder)
                throw Failure.io("cannot write the new site into \(staging): \(failure)")
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            POSIXFiles.removeTree(holder)
            throw .io("cannot write the new site into \(staging): \(error)")
        }
        defer { POSIXFiles.removeTree(holder) }  // after the swap, it holds the previous site
        try swapIntoPlace(URL(fileURLWithPath: staging))
        var outcome = Outcome(written: 0, unchanged: 0, records: [:], foldersMadeElsewhere: madeElsewhere)
        outcome.records.reserveCapacity(files.count + staticFiles.count)  // 14,000 at 10,000 articles
        for (path, record, reused) in results.all {
            outcome.records[path] = record
            if reused { outcome.unchanged += 1 } else { outcome.written += 1 }
        }
        // The writers timed the folders they made; the others are looked up now.
        outcome.folders = folderTimes(of: Set(sharedFolderList + [""]))
        outcome.folders.reserveCapacity(outcome.folders.count + results.folderTimes.count)
        for (folder, modified) in results.folderTimes { outcome.folders[folder] = modified }
        return outcome
    }

    /// Puts one file into the open staging folder: a hard link to the last output's copy when
    /// its hash is unchanged and that copy is as recorded, else `write`s it (given `path`).
    private func place(
        _ path: String, hash: UInt64, previous: BuildManifest?, from current: String, into staging: Int32,
        write: (String) throws -> POSIXFiles.Status
    ) throws -> (String, BuildManifest.Output, Bool) {
        if let old = previous?.outputs[path], old.hash == hash,
            let status = POSIXFiles.status(current + "/" + path),
            status.size == old.size, status.modified == old.modified, status.inode == old.inode
        {
            try POSIXFiles.hardLink(from: current + "/" + path, to: path, in: staging)
            return (path, old, true)
        }
        let status = try write(path)
        return (path, BuildManifest.Output(hash: hash, size: status.size, modified: status.modified, inode: status.inode), false)
    }

    /// Creates the folders the files at `paths` need, parents first, except a folder that holds
    /// one file and nothing else (`thoi-su/bai-viet/` for its `index.html`): that one is left to
    /// whoever writes the file, so the 10,000 folders of an archive's articles are made by the
    /// parallel writers, between pages, not one by one before them. Returns, by the index of
    /// the path, true for each file whose folder is left to its writer, and the folders made
    /// here (whose times are looked up once the site is whole).
    private func makeSharedFolders(for paths: [String], in root: Int32) throws(POSIXFiles.Error) -> (own: [Bool], shared: [String]) {
        var entries: [Substring: (files: Int, folders: Int)] = [:]  // directly inside each folder
        entries.reserveCapacity(paths.count)
        for path in paths {
            guard let slash = path.lastSlash else { continue }
            var folder = path[..<slash]
            var isNew = entries[folder] == nil
            entries[folder, default: (0, 0)].files += 1
            // A folder seen for the first time counts in its parent, and so on up.
            while isNew, let slash = folder.lastSlash {
                let parent = folder[..<slash]
                isNew = entries[parent] == nil
                entries[parent, default: (0, 0)].folders += 1
                folder = parent
            }
        }
        func isOwn(_ folder: Substring) -> Bool { entries[folder].map { $0.files == 1 && $0.folders == 0 } ?? false }
        // Parents sort before their children. Only the shared folders are sorted (a few
        // hundred; the others, 13,000 at 10,000 articles, are made by the writers).
        let shared = entries.keys.filter { !isOwn($0) }.sorted().map(String.init)
        for folder in shared {
            try POSIXFiles.makeFolder(folder, in: root)
        }
        return (paths.map { path in path.lastSlash.map { isOwn(path[..<$0]) } ?? false }, shared)
    }

    private func swapIntoPlace(_ staging: URL) throws(Failure) {
        let manager = FileManager.default
        if manager.fileExists(atPath: outputFolder.path) {
            if toasoan_exchange_paths(staging.path, outputFolder.path) == 0 {
                return  // `staging` now holds the previous site
            }
            // Filesystems without RENAME_EXCHANGE: two renames, the old site kept until the second succeeds.
            let previous = outputFolder.deletingLastPathComponent()
                .appendingPathComponent(".\(outputFolder.lastPathComponent).previous-\(getpid())")
            guard rename(outputFolder.path, previous.path) == 0 else {
                try? manager.removeItem(at: staging)
                throw .io("cannot move the previous site aside: \(String(cString: strerror(errno)))")
            }
            guard rename(staging.path, outputFolder.path) == 0 else {
                _ = rename(previous.path, outputFolder.path)
                try? manager.removeItem(at: staging)
                throw .io("cannot move the new site into place: \(String(cString: strerror(errno)))")
            }
            POSIXFiles.removeTree(previous.path)
        } else {
            try? manager.createDirectory(at: outputFolder.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(staging.path, outputFolder.path) == 0 else {
                try? manager.removeItem(at: staging)
                throw .io("cannot move the new site into place: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// What builds that were killed left beside the output folder, known by name and by a
    /// process id no longer running: staging folders, and half-written manifests and caches
    /// (`.Output.toasoan-site.1234`, see `POSIXFiles.replace`).
    func removeLeftovers() {
        let parent = outputFolder.deletingLastPathComponent()
        let staging = ".\(outputFolder.lastPathComponent).staging-"
        let ownFile = ".\(outputFolder.lastPathComponent).toasoan-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
            let pidText: Substring
            if name.hasPrefix(staging) {
                pidText = name.dropFirst(staging.count)
            } else if name.hasPrefix(ownFile), let dot = name.lastIndex(of: "."), dot > name.startIndex {
                pidText = name[name.index(after: dot)...]
            } else {
                continue
            }
            guard let pid = Int32(pidText), pid == getpid() || kill(pid, 0) != 0 else { continue }
            POSIXFiles.removeTree(parent.appendingPathComponent(name).path)
        }
    }
}

/// Collects what parallel writers did, lane by lane.
private final class LaneResults: Sendable {
    private let state:
        Mutex<(records: [[(String, BuildManifest.Output, Bool)]], folderTimes: [[(String, Int64)]], failures: [String])>

    init(lanes: Int) {
        state = Mutex((Array(repeating: [], count: lanes), Array(repeating: [], count: lanes), []))
    }

    /// What one lane wrote, and the modification times of the folders it made and filled.
    func store(_ records: [(String, BuildManifest.Output, Bool)], folderTimes: [(String, Int64)], lane: Int) {
        state.withLock {
            $0.records[lane] = records
            $0.folderTimes[lane] = folderTimes
        }
    }

    func fail(_ message: String) { state.withLock { $0.failures.append(message) } }
    var failure: String? { state.withLock { $0.failures.first } }
    var all: [(String, BuildManifest.Output, Bool)] { state.withLock { $0.records.flatMap { $0 } } }
    var folderTimes: [(String, Int64)] { state.withLock { $0.folderTimes.flatMap { $0 } } }
}

/// Hands out the numbers 0..<count in consecutive batches to whichever thread asks next,
/// from the front or from the back, until the two ends meet.
private final class JobBatches: Sendable {
    private let size: Int
    private let remaining: Mutex<Range<Int>>

    init(count: Int, size: Int) {
        self.size = size
        remaining = Mutex(0..<count)
    }

    func next(fromBack: Bool) -> Range<Int>? {
        remaining.withLock { remaining in
            guard !remaining.isEmpty else { return nil }
            if fromBack {
                let start = max(remaining.lowerBound, remaining.upperBound - size)
                defer { remaining = remaining.lowerBound..<start }
                return start..<remaining.upperBound
            }
            let end = min(remaining.upperBound, remaining.lowerBound + size)
            defer { remaining = end..<remaining.upperBound }
            return remaining.lowerBound..<end
        }
    }
}

/// Creates the folders files need, each once, from parallel lanes.
private final class FolderMaker: Sendable {
    let root: String
    private let made = Mutex<Set<String>>([])

    init(root: String) { self.root = root }

    func makeParents(of path: String) throws(POSIXFiles.Error) {
        var folders: [String] = []
        var folder = Substring(path)
        while let slash = folder.lastSlash {
            folder = folder[..<slash]
            folders.append(String(folder))
        }
        for folder in folders.reversed() where made.withLock({ $0.insert(folder).inserted }) {
            try POSIXFiles.makeFolder(root + "/" + folder)
        }
    }
}
