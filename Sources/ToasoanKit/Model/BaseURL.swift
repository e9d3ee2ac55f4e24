/// The site's public address, from `base_url` or `--base-url`: every internal link is built
/// from it, so one `Output/` works at a host's root or under a sub-path.
public struct BaseURL: Sendable, Hashable {
    /// `https://www.example.org/tapchi/`: always ends in `/`.
    public let absolute: String
    /// `/tapchi/`: the path part, used for links inside pages.
    public let path: String

    /// Accepts `http(s)://host[/path]`; returns nil for anything else.
    public init?(_ text: String) {
        var text = text.trimmingWhitespace()
        guard let schemeEnd = text.range(of: "://"),
            ["http", "https"].contains(text[..<schemeEnd.lowerBound].lowercased())
        else { return nil }
        if !text.hasSuffix("/") { text += "/" }
        let afterScheme = text[schemeEnd.upperBound...]
        guard let pathStart = afterScheme.firstIndex(of: "/"), pathStart > afterScheme.startIndex else {
            return nil
        }
        let path = String(afterScheme[pathStart...])
        guard !path.contains("?"), !path.contains("#"), !path.split(separator: "/").contains("..") else {
            return nil
        }
        absolute = text
        self.path = path
    }

    /// Link inside a page: `/tapchi/thoi-su/`.
    public func href(_ sitePath: SitePath) -> String { path + sitePath.relative }

    /// Absolute address: `https://www.example.org/tapchi/thoi-su/`.
    public func absoluteURL(_ sitePath: SitePath) -> String { absolute + sitePath.relative }

    /// A root-relative link written by an editor (`/media/a.jpg`) moved under the base path.
    public func href(rootRelative link: String) -> String {
        guard link.hasPrefix("/"), !link.hasPrefix("//") else { return link }
        return path + link.dropFirst()
    }
}
