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
    public static func regularFiles(under folder: URL) -> [Entry] {
        var entries: [Entry] = []
        walk(folder.standardizedFileURL.path, relative: "", into: &entries)
        return entries.sorted { $0.relativePath < $1.relativePath }
    }

    private static func walk(_ path: String, relative: String, into entries: inout [Entry]) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let childPath = path + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            // Folders are known from the entry itself on most file systems; files need their
            // size and time, read relative to the open folder (no path lookup from the root).
            if entry.pointee.d_type == UInt8(DT_DIR) {
                walk(childPath, relative: childRelative, into: &entries)
                continue
            }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                walk(childPath, relative: childRelative, into: &entries)
            } else if kind == S_IFREG || kind == S_IFLNK {
                entries.append(
                    Entry(
                        path: childPath, relativePath: childRelative, isSymbolicLink: kind == S_IFLNK,
                        size: Int64(info.st_size),
                        modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)))
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
