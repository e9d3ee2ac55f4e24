import Foundation

/// Size and modification time of every file under `Content/` and `Templates/`: when they
/// equal the last build's, the site it wrote is still the site the sources describe.
enum SourceStamps {
    static func current(siteRoot: URL) -> [String: BuildManifest.Stamp] {
        var stamps: [String: BuildManifest.Stamp] = [:]
        for folder in ["Content", "Templates"] {
            for entry in FileTree.regularFiles(under: siteRoot.appendingPathComponent(folder)) {
                stamps[folder + "/" + entry.relativePath] = BuildManifest.Stamp(size: entry.size, modified: entry.modified)
            }
        }
        return stamps
    }
}
