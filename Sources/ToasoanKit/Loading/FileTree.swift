public import Foundation
import Glibc

/// Lists the files under a folder in one pass (`readdir` and one `lstat` each), sorted by
/// path, so builds are repeatable and a twenty-year archive lists in milliseconds.
public enum FileTree {
    public struct Entry: Sendable, Hashable {
        /// Full path of the file.
        public var path: String
        /// Path relative to the listed folder, with `/` separators.
        public var relativePath: String
        public var isSymbolicLink: Bool
        public var size: Int64
        /// Modification time in nanoseconds since 1970.
        public var modified: Int64

        public var url: URL { URL(fileURLWithPath: path, isDirectory: false) }
    }

    /// Regular files and symbolic links under `folder` (links to folders are not followed);
    /// hidden names (`.DS_Store`, editor swap files) are skipped. A missing folder lists nothing.
    ///
    /// The folders two levels down (`articles/2019`) are walked side by side: a build starts
    /// with this listing, on one core otherwise.
    public static func regularFiles(under folder: URL, skipping skippedFolders: Set<String> = []) -> [Entry] {
        let root = folder.standardizedFileURL.path
        @Sendable func entries(under prefix: String, skipping skippedFolders: Set<String>, deferring: ((String) -> Void)?) -> [Entry] {
            var entries: [Entry] = []
            // A deferred folder was seen as a folder, not a link: opened as such (`O_NOFOLLOW`).
            let flags = prefix.isEmpty ? 0 : O_NOFOLLOW
            forEachFile(under: root + prefix, flags: flags, skipping: skippedFolders, deferring: deferring) { relativeBytes, isSymbolicLink, size, modified in
                let relativePath = String(prefix.dropFirst()) + String(decoding: relativeBytes, as: UTF8.self)
                entries.append(
                    Entry(
                        path: root + "/" + relativePath, relativePath: relativePath, isSymbolicLink: isSymbolicLink,
                        size: size, modified: modified))
            }
            return entries
        }
        // Skipped folders are named from the listed folder, so such a listing is walked whole.
        var deferred: [String] = []
        var all = entries(under: "", skipping: skippedFolders, deferring: skippedFolders.isEmpty ? { deferred.append($0) } : nil)
        let subtrees = deferred
        // Each subtree sorted on its own core; the last sort then merges runs.
        all += ParallelMap.perform(subtrees.count) {
            entries(under: "/" + subtrees[$0] + "/", skipping: [], deferring: nil).sorted { $0.relativePath < $1.relativePath }
        }.joined()
        return all.sorted { $0.relativePath < $1.relativePath }
    }

    /// Calls `visit` with each file `regularFiles` lists: its path relative to `folder` as
    /// UTF-8 (valid only during the call), whether it is a link, its size and modification
    /// time in nanoseconds since 1970; in the order the folders give them. Folders whose
    /// relative path is in `skippedFolders` are not entered. Nothing is allocated per file.
    /// With `deferring`, the folders two levels down are not entered but passed to it (their
    /// relative path), for the caller to walk.
    static func forEachFile(
        under folder: String, flags: Int32 = 0, skipping skippedFolders: Set<String> = [], deferring: ((String) -> Void)? = nil,
        _ visit: (UnsafeRawBufferPointer, Bool, Int64, Int64) -> Void
    ) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC | flags)
        guard descriptor >= 0 else { return }
        var relative: [UInt8] = []
        relative.reserveCapacity(512)
        walk(descriptor, depth: 0, relative: &relative, skipping: skippedFolders, deferring: deferring, visit)
    }

    /// Walks the open folder `descriptor` (closed when done) at `depth` below the listed
    /// one; `relative` is its path.
    private static func walk(
        _ descriptor: Int32, depth: Int, relative: inout [UInt8], skipping skippedFolders: Set<String>,
        deferring: ((String) -> Void)?, _ visit: (UnsafeRawBufferPointer, Bool, Int64, Int64) -> Void
    ) {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(directory) }
        if !skippedFolders.isEmpty, skippedFolders.contains(String(decoding: relative, as: UTF8.self)) { return }
        while let entry = readdir(directory) {
            let isFolderEntry = entry.pointee.d_type == UInt8(DT_DIR)
            var name = entry.pointee.d_name
            withUnsafeBytes(of: &name) { raw in
                let length = raw.firstIndex(of: 0) ?? raw.count
                // Hidden names (`.`, `..`, `.DS_Store`, editor swap files) are skipped.
                guard length > 0, raw[0] != UInt8(ascii: ".") else { return }
                let mark = relative.count
                defer { relative.removeSubrange(mark...) }
                if mark > 0 { relative.append(UInt8(ascii: "/")) }
                relative.append(contentsOf: raw[..<length])
                let cName = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                // Folders are known from the entry itself on most file systems; files need
                // their size and time, read relative to the open folder.
                var isFolder = isFolderEntry
                var info = stat()
                if !isFolder {
                    guard fstatat(dirfd(directory), cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return }
                    let kind = info.st_mode & S_IFMT
                    isFolder = kind == S_IFDIR
                    guard isFolder || kind == S_IFREG || kind == S_IFLNK else { return }
                }
                if isFolder, let deferring, depth == 1 {
                    deferring(String(decoding: relative, as: UTF8.self))
                } else if isFolder {
                    let child = openat(dirfd(directory), cName, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                    if child >= 0 {
                        walk(child, depth: depth + 1, relative: &relative, skipping: skippedFolders, deferring: deferring, visit)
                    }
                } else {
                    relative.withUnsafeBytes { path in
                        visit(
                            path, info.st_mode & S_IFMT == S_IFLNK, Int64(info.st_size),
                            Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
                    }
                }
            }
        }
    }

    /// `url` relative to `root` for display (`Content/articles/a.md`), or its full path.
    public static func relativePath(of url: URL, to root: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = root.standardizedFileURL.path
        guard path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }
}
