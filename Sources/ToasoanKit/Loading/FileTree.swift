public import Foundation

/// Lists the files under a folder in one pass, sorted by path, so builds are repeatable.
public enum FileTree {
    public struct Entry: Sendable, Hashable {
        public var url: URL
        /// Path relative to the listed folder, with `/` separators.
        public var relativePath: String
        public var isSymbolicLink: Bool
    }

    /// Regular files under `folder` (following no symbolic links out of it); hidden files
    /// (`.DS_Store`, editor swap files) are skipped. A missing folder lists nothing.
    public static func regularFiles(under folder: URL) -> [Entry] {
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey]
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return [] }
        let base = folder.standardizedFileURL.path
        var entries: [Entry] = []
        for case let url as URL in enumerator {
            guard let values = try? url.resourceValues(forKeys: Set(keys)) else { continue }
            let isLink = values.isSymbolicLink ?? false
            guard values.isRegularFile ?? false || isLink else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base) else { continue }
            var relative = String(path.dropFirst(base.count))
            if relative.hasPrefix("/") { relative.removeFirst() }
            entries.append(Entry(url: url, relativePath: relative, isSymbolicLink: isLink))
        }
        return entries.sorted { $0.relativePath < $1.relativePath }
    }

    /// `url` relative to `root` for display (`Content/articles/a.md`), or its full path.
    public static func relativePath(of url: URL, to root: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = root.standardizedFileURL.path
        guard path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }
}
