import Foundation

/// `toasoan check`: every diagnostic a build would give, and every internal link and media
/// reference resolved against the site that would be built. Nothing is written.
///
/// Links are checked where they are written: an article's or page's Markdown (at its line
/// and column), an article's cover and video file, an issue's cover and PDF. The pages are
/// then rendered in memory and every `href` and `src` in them is checked too, which covers
/// what the templates add; a broken one is reported at the template line that writes it
/// when the template holds it literally.
public enum SiteChecker {
    public static func check(_ options: BuildOptions) async throws -> [Diagnostic] {
        let (site, files, buildDiagnostics) = try await SiteBuilder.renderSite(options)
        guard let site, !files.isEmpty else { return buildDiagnostics }
        var diagnostics = buildDiagnostics
        let targets = SiteTargets(files: files, staticFiles: site.staticFiles)

        for article in site.articles {
            for link in article.links {
                diagnostics += targets.problem(with: link, on: article.path, in: article.sourceFile).map { [$0] } ?? []
            }
        }
        for page in site.pages {
            for link in page.links {
                diagnostics += targets.problem(with: link, on: page.path, in: page.sourceFile).map { [$0] } ?? []
            }
        }
        for issue in site.issues {
            for reference in [issue.cover, issue.pdf].compactMap({ $0 }) {
                let link = MarkdownRenderer.LinkTarget(kind: .image, url: reference, line: 0, column: 0)
                if var problem = targets.problem(with: link, on: .home, in: issue.sourceFile) {
                    problem.line = nil
                    problem.column = nil
                    diagnostics.append(problem)
                }
            }
        }
        diagnostics += RenderedLinkScan.problems(in: files, targets: targets, site: site, siteRoot: options.siteRoot)
        return diagnostics
    }
}

/// What the site would hold: every output file, by its path in the output folder.
struct SiteTargets {
    private let paths: Set<String>
    let pagePaths: [String]
    let mediaPaths: [String]

    init(files: [RenderedFile], staticFiles: [StaticFile]) {
        var paths = Set(files.map(\.path))
        for file in staticFiles { paths.insert(file.destination) }
        self.paths = paths
        pagePaths = files.map(\.path).filter { $0.hasSuffix("index.html") }.map { "/" + $0.dropLast("index.html".count) }
        mediaPaths = staticFiles.map { "/" + $0.destination }
    }

    /// Whether `path` (in the output folder) is served: a file, or a folder with an index.
    func contains(_ path: String) -> Bool {
        if path.isEmpty || path.hasSuffix("/") { return paths.contains(path + "index.html") }
        return paths.contains(path) || paths.contains(path + "/index.html")
    }

    /// The diagnostic for a link written in `file` on the page at `page`, when it leads to
    /// nothing the site has; nil for a good or an external link.
    func problem(with link: MarkdownRenderer.LinkTarget, on page: SitePath, in file: String) -> Diagnostic? {
        guard let target = Self.resolve(link.url, from: page) else { return nil }
        let location = SourceLocation(file: file, line: link.line, column: link.column)
        guard let path = target else {
            return .error("\(link.kind == .image ? "image" : "link") \(link.url) leads outside the site", at: location)
        }
        if contains(path) { return nil }
        switch link.kind {
        case .image:
            return .error(
                "image \(link.url) is not among the site's files (Content/media/, Templates/assets/)", at: location,
                suggestion: Suggestion.nearest(to: "/" + path, among: mediaPaths))
        case .link:
            return .error(
                "link to \(link.url), which the site does not have", at: location,
                suggestion: Suggestion.nearest(to: "/" + path, among: pagePaths + mediaPaths))
        }
    }

    /// The output-folder path `url` leads to from the page at `page`: nil for an external
    /// link (a scheme, `//`, or only a `#fragment`), `.some(nil)` for one leaving the site.
    static func resolve(_ url: String, from page: SitePath) -> String?? {
        let trimmed = url.trimmingWhitespace()
        if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") || hasScheme(trimmed) { return nil }
        var path = String(trimmed.prefix { $0 != "?" && $0 != "#" })
        path = path.removingPercentEncoding ?? path
        let joined = path.hasPrefix("/") ? String(path.dropFirst()) : page.relative + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return .some(nil) }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        // Empty parts come from "//" inside or a trailing "/": keep only the trailing one.
        let kept = parts.enumerated().filter { !$0.element.isEmpty || $0.offset == parts.count - 1 }.map(\.element)
        return .some(kept.joined(separator: "/"))
    }

    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), let first = url.first, first.isASCII, first.isLetter else { return false }
        return url[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}
