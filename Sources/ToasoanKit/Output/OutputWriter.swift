import CSystemShims
import Dispatch
public import Foundation
import Synchronization

/// The write stage. Builds the new site in a staging folder beside the output folder, then
/// swaps the two in one step (`renameat2` with `RENAME_EXCHANGE`), so readers and editors
/// see either the last good site or the new one, never a half-written folder, and a build
/// that fails before the swap leaves `Output/` exactly as it was.
public struct OutputWriter {
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

    public init(outputFolder: URL) {
        self.outputFolder = outputFolder.standardizedFileURL
    }

    private var stagingFolder: URL {
        outputFolder.deletingLastPathComponent()
            .appendingPathComponent(".\(outputFolder.lastPathComponent).staging-\(getpid())")
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

    /// Writes `files` and copies `staticFiles` into a staging folder, then swaps it in.
    /// Returns the number of files written.
    @discardableResult
    public func publish(_ files: [RenderedFile], staticFiles: [StaticFile]) throws(Failure) -> Int {
        try checkReplaceable()
        let staging = stagingFolder.path
        removeLeftoverStagingFolders()
        do {
            try POSIXFiles.makeFolder(staging)
            try makeFolders(for: files.map(\.path) + staticFiles.map(\.destination), under: staging)
            // Disjoint files, written by as many threads as there are cores.
            let failures = ConcurrentFailures()
            let jobs = staticFiles.count + files.count
            DispatchQueue.concurrentPerform(iterations: min(jobs, ProcessInfo.processInfo.activeProcessorCount * 4)) { lane in
                var job = lane
                let lanes = min(jobs, ProcessInfo.processInfo.activeProcessorCount * 4)
                while job < jobs {
                    do {
                        if job < staticFiles.count {
                            let file = staticFiles[job]
                            try POSIXFiles.write(try POSIXFiles.read(file.source), to: staging + "/" + file.destination)
                        } else {
                            let file = files[job - staticFiles.count]
                            try POSIXFiles.write(file.contents.utf8, to: staging + "/" + file.path)
                        }
                    } catch {
                        failures.record("\(error)")
                    }
                    job += lanes
                }
            }
            if let failure = failures.first {
                try? FileManager.default.removeItem(atPath: staging)
                throw Failure.io("cannot write the new site into \(staging): \(failure)")
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw .io("cannot write the new site into \(staging): \(error)")
        }
        try swapIntoPlace(stagingFolder)
        return files.count + staticFiles.count
    }

    /// Creates every folder the files need, parents first, each once.
    private func makeFolders(for paths: [String], under root: String) throws(POSIXFiles.Error) {
        var folders: Set<String> = []
        for path in paths {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard folders.insert(String(folder)).inserted else { break }
            }
        }
        for folder in folders.sorted() { try POSIXFiles.makeFolder(root + "/" + folder) }
    }

    private func swapIntoPlace(_ staging: URL) throws(Failure) {
        let manager = FileManager.default
        if manager.fileExists(atPath: outputFolder.path) {
            if toasoan_exchange_paths(staging.path, outputFolder.path) == 0 {
                try? manager.removeItem(at: staging)  // now holds the previous site
                return
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
            try? manager.removeItem(at: previous)
        } else {
            try? manager.createDirectory(at: outputFolder.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(staging.path, outputFolder.path) == 0 else {
                try? manager.removeItem(at: staging)
                throw .io("cannot move the new site into place: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Staging folders of builds that were killed: ours by name, beside the output folder.
    private func removeLeftoverStagingFolders() {
        let parent = outputFolder.deletingLastPathComponent()
        let prefix = ".\(outputFolder.lastPathComponent).staging-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where name.hasPrefix(prefix) {
            let pid = Int32(name.dropFirst(prefix.count)) ?? 0
            if pid == getpid() || kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
    }
}

/// Collects the errors of parallel writers.
private final class ConcurrentFailures: Sendable {
    private let failures = Mutex<[String]>([])

    func record(_ message: String) { failures.withLock { $0.append(message) } }
    var first: String? { failures.withLock { $0.first } }
}
