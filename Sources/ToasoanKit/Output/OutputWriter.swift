import CSystemShims
public import Foundation

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
        let manager = FileManager.default
        let staging = stagingFolder
        removeLeftoverStagingFolders()
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            var createdFolders: Set<String> = [staging.path]
            func ensureParent(of url: URL) throws {
                let parent = url.deletingLastPathComponent()
                if createdFolders.insert(parent.path).inserted {
                    try manager.createDirectory(at: parent, withIntermediateDirectories: true)
                }
            }
            for file in staticFiles {
                let destination = staging.appendingPathComponent(file.destination)
                try ensureParent(of: destination)
                try manager.copyItem(atPath: file.source, toPath: destination.path)
            }
            for file in files {
                let destination = staging.appendingPathComponent(file.path)
                try ensureParent(of: destination)
                try Data(file.contents.utf8).write(to: destination)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw .io("cannot write the new site into \(staging.path): \(error.localizedDescription)")
        }
        try swapIntoPlace(staging)
        return files.count + staticFiles.count
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
