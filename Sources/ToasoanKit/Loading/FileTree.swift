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
    public static func regularFiles(under folder: URL, skipping skippedFolders: Set<String> = []) -> [Entry] {
        var entries: [Entry] = []
        let root = folder.standardizedFileURL.path
        forEachFile(under: root, skipping: skippedFolders) { relativePath, isSymbolicLink, size, modified in
            entries.append(
                Entry(
                    path: root + "/" + relativePath, relativePath: relativePath, isSymbolicLink: isSymbolicLink,
                    size: size, modified: modified))
        }
        return entries.sorted { $0.relativePath < $1.relativePath }
    }

    /// Calls `visit` with each file `regularFiles` lists (its path relative to `folder`,
    /// whether it is a link, its size and modification time in nanoseconds since 1970), in
    /// the order the folders give them. Folders whose relative path is in `skippedFolders`
    /// are not entered.
    static func forEachFile(
        under folder: String, skipping skippedFolders: Set<String> = [], _ visit: (String, Bool, Int64, Int64) -> Void
    ) {
        walk(folder, relative: "", skipping: skippedFolders, visit)
    }

    private static func walk(
        _ path: String, relative: String, skipping skippedFolders: Set<String>, _ visit: (String, Bool, Int64, Int64) -> Void
    ) {
        if !skippedFolders.isEmpty, skippedFolders.contains(relative) { return }
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            // Folders are known from the entry itself on most file systems; files need their
            // size and time, read relative to the open folder (no path lookup from the root).
            if entry.pointee.d_type == UInt8(DT_DIR) {
                walk(path + "/" + name, relative: childRelative, skipping: skippedFolders, visit)
                continue
            }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                walk(path + "/" + name, relative: childRelative, skipping: skippedFolders, visit)
            } else if kind == S_IFREG || kind == S_IFLNK {
                visit(
                    childRelative, kind == S_IFLNK, Int64(info.st_size),
                    Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
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
