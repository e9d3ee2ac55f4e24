import Foundation

/// Size and modification time of every file under `Content/` and `Templates/`: when they
/// equal the last build's, the site it wrote is still the site the sources describe.
enum SourceStamps {
    static func current(_ listing: SourceListing) -> [String: BuildManifest.Stamp] {
        var stamps: [String: BuildManifest.Stamp] = [:]
        listing.forEachFile { path, entry in
            stamps[path] = BuildManifest.Stamp(size: entry.size, modified: entry.modified)
        }
        return stamps
    }
}
