/// The order in which the writers of a new site take its files (`OutputWriter.publish`).
///
/// Making a folder locks the folder it is made in: two writers making articles' folders in
/// one category's folder at once spin on that lock (in `perf`, `rwsem_spin_on_owner` under
/// `mkdir`: 2% of a cold build's CPU). So the pages are grouped by their first folder, and
/// one writer takes them from the front, the other from the back: they share a folder only
/// where they meet. Files that are not pages (feeds, the sitemap, the search index, static
/// files), the longest to make and in folders made beforehand, come first, so that a writer
/// starts on them instead of one finishing them alone at the end.
enum WriteOrder {
    /// The indices of `paths` in writing order.
    static func of(_ paths: [String]) -> [Int] {
        var first: [Int] = []
        var groups: [Substring: [Int]] = [:]
        for (index, path) in paths.enumerated() {
            guard path.utf8.last == UInt8(ascii: "l"), path.hasSuffix(".html"), let slash = path.utf8.firstIndex(of: UInt8(ascii: "/"))
            else {
                first.append(index)
                continue
            }
            groups[path[..<slash], default: []].append(index)
        }
        return first + groups.keys.sorted().flatMap { groups[$0]! }
    }
}
