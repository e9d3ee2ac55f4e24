/// Where a page lives in the site, relative to the site's root: `""` (home),
/// `thoi-su-chinh-tri/`, `thoi-su-chinh-tri/trang/2/`, `404.html`.
///
/// Folder paths end in `/` and are written as `…/index.html` (pretty URLs). Components are
/// slugs or fixed words, so a path can never climb out of the output folder.
public struct SitePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let relative: String

    public init(relative: String) {
        self.relative = relative
    }

    public static let home = SitePath(relative: "")

    /// A folder page from slug components: `.folder("thoi-su", "trang", "2")`.
    public static func folder(_ components: String...) -> SitePath {
        folder(components)
    }

    public static func folder(_ components: [String]) -> SitePath {
        var relative = ""
        relative.reserveCapacity(components.reduce(0) { $0 + $1.utf8.count + 1 })
        for component in components {
            relative += component
            relative += "/"
        }
        return SitePath(relative: relative)
    }

    /// The file written for this path, relative to the output folder.
    public var outputFile: String {
        relative.isEmpty || relative.hasSuffix("/") ? relative + "index.html" : relative
    }

    public var description: String { "/" + relative }

    public static func < (lhs: SitePath, rhs: SitePath) -> Bool { lhs.relative < rhs.relative }
}
