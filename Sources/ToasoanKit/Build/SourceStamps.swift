import Foundation

/// Size and modification time of every file under `Content/` and `Templates/`: when they
/// equal the last build's, the site it wrote is still the site the sources describe.
enum SourceStamps {
    static func current(_ listing: SourceListing) -> [String: BuildManifest.Stamp] {
        var stamps: [String: BuildManifest.Stamp] = [:]
        stamps.reserveCapacity(listing.fileCount)
        listing.forEachFile { path, entry in
            stamps[path] = BuildManifest.Stamp(size: entry.size, modified: entry.modified)
        }
        return stamps
    }

    /// All the stamps in one number: equal digests mean, but for a 2⁻⁶⁴ chance, equal stamps.
    /// The files' hashes are combined with XOR, so the order does not matter and one file's
    /// hash can be taken out again (`without(_:_:)`).
    struct Digest: Equatable, Sendable {
        private(set) var value: UInt64 = 0
        private(set) var count = 0

        init() {}

        init(_ stamps: [String: BuildManifest.Stamp]) {
            for (path, stamp) in stamps { add(path, stamp) }
        }

        mutating func add(_ path: String, _ stamp: BuildManifest.Stamp) {
            value ^= Self.hash(path, stamp)
            count += 1
        }

        /// The digest of the same files but `path` (which must be among them).
        func without(_ path: String, _ stamp: BuildManifest.Stamp) -> Digest {
            var digest = self
            digest.value ^= Self.hash(path, stamp)
            digest.count -= 1
            return digest
        }

        init(value: UInt64, count: Int) {
            self.value = value
            self.count = count
        }

        private static func hash(_ path: String, _ stamp: BuildManifest.Stamp) -> UInt64 {
            var path = path
            return path.withUTF8 { hash(pathBytes: UnsafeRawBufferPointer($0), stamp) }
        }

        private static func hash(pathBytes: UnsafeRawBufferPointer, _ stamp: BuildManifest.Stamp) -> UInt64 {
            var hasher = StableHasher()
            hasher.combine(ContentHash.of(pathBytes))
            hasher.combine(UInt64(bitPattern: stamp.size))
            hasher.combine(UInt64(bitPattern: stamp.modified))
            return hasher.value
        }
    }

    /// The digest of what linking an article depends on besides the article: `site.yml`
    /// (categories, base URL, options) and the print issues.
    static func linkingInputs(_ stamps: [String: BuildManifest.Stamp]) -> Digest {
        var digest = Digest()
        for (path, stamp) in stamps where path == "Content/site.yml" || path.hasPrefix("Content/issues/") {
            digest.add(path, stamp)
        }
        return digest
    }

    /// The stamps of the site's sources now, as `current(_:)` gives them from a listing: one
    /// walk of the folders, without sorting them.
    static func current(siteRoot: String) -> [String: BuildManifest.Stamp] {
        var stamps: [String: BuildManifest.Stamp] = [:]
        var path: [UInt8] = []
        for folder in SourceListing.sourceFolders {
            let prefix = Array((folder + "/").utf8)
            FileTree.forEachFile(under: siteRoot + "/" + folder) { relativePath, _, size, modified in
                path.removeAll(keepingCapacity: true)
                path += prefix
                path.append(contentsOf: relativePath)
                stamps[String(decoding: path, as: UTF8.self)] = BuildManifest.Stamp(size: size, modified: modified)
            }
        }
        return stamps
    }
}
