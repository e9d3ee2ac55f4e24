public import Foundation

/// The files under the site's source folders, `Content/` and `Templates/`, listed once per
/// build: the check for changes stamps them (`SourceStamps`) and the loader reads them.
public struct SourceListing: Sendable {
    /// Folder name (`Content`) → its files, with paths relative to it, sorted.
    private let folders: [String: [FileTree.Entry]]

    public static let sourceFolders = ["Content", "Templates"]

    public init(siteRoot: URL) {
        var folders: [String: [FileTree.Entry]] = [:]
        for folder in Self.sourceFolders {
            folders[folder] = FileTree.regularFiles(under: siteRoot.appendingPathComponent(folder))
        }
        self.folders = folders
    }

    /// The site's settings, print issues, pages and templates, and the articles `articles`
    /// (`Content/articles/…`; those that exist): what a preview reads when the other
    /// articles are known.
    init(siteRoot: URL, settingsAndArticles articles: [String]) {
        let content = siteRoot.appendingPathComponent("Content")
        var contentFiles = FileTree.regularFiles(under: content, skipping: ["articles", "media"])
        for article in articles {
            let relative = String(article.dropFirst("Content/".count))
            guard let status = POSIXFiles.status(linkAt: content.path + "/" + relative) else { continue }
            contentFiles.append(
                FileTree.Entry(
                    path: content.path + "/" + relative, relativePath: relative, isSymbolicLink: status.isSymbolicLink,
                    size: status.size, modified: status.modified))
        }
        contentFiles.sort { $0.relativePath < $1.relativePath }
        folders = [
            "Content": contentFiles,
            "Templates": FileTree.regularFiles(under: siteRoot.appendingPathComponent("Templates"), skipping: ["assets"]),
        ]
    }

    /// How many files are listed.
    var fileCount: Int { folders.values.reduce(0) { $0 + $1.count } }

    /// Every listed file, by its path from the site root (`Content/articles/a.md`).
    func forEachFile(_ body: (String, FileTree.Entry) -> Void) {
        for folder in Self.sourceFolders {
            for entry in folders[folder] ?? [] { body(folder + "/" + entry.relativePath, entry) }
        }
    }

    /// The files under `path` (`Content/articles`), with paths relative to it, sorted.
    func files(under path: String) -> [FileTree.Entry] {
        let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
        guard let entries = folders[parts[0]] else { return [] }
        guard parts.count == 2 else { return entries }
        let prefix = parts[1] + "/"
        // Sorted by path, so the folder's files stand together.
        var result: [FileTree.Entry] = []
        for entry in entries where entry.relativePath.hasPrefix(prefix) {
            var inner = entry
            inner.relativePath = String(entry.relativePath.dropFirst(prefix.count))
            result.append(inner)
        }
        return result
    }
}
