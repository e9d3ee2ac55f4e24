import Foundation

/// The second half of `toasoan check`: every `href` and `src` in the rendered pages, which
/// covers the links the templates add. Each broken target is reported once, at the template
/// line that writes it when a template holds it literally.
enum RenderedLinkScan {
    static func problems(in files: [RenderedFile], targets: SiteTargets, site: Site, siteRoot: URL) -> [Diagnostic] {
        let base = site.config.baseURL
        // target path → (the URL as written, the first page showing it, how many pages)
        var broken: [String: (url: String, page: String, count: Int)] = [:]
        let pages = files.filter { $0.path.hasSuffix(".html") }
        let found = pages.map { file -> [(path: String, url: String)] in
            var missing: [(String, String)] = []
            for url in attributeURLs(in: file.resolvedText()) {
                guard let path = outputPath(of: url, base: base, page: file.path) else { continue }
                if !targets.contains(path) { missing.append((path, url)) }
            }
            return missing
        }
        // Links written in Markdown were reported where they are written.
        let fromMarkdown = Set(
            site.articles.flatMap { article in article.links.compactMap { SiteTargets.resolve($0.url, from: article.path) ?? nil } }
                + site.pages.flatMap { page in page.links.compactMap { SiteTargets.resolve($0.url, from: page.path) ?? nil } })
        for (file, missing) in zip(pages, found) {
            for (path, url) in missing where !fromMarkdown.contains(path) {
                broken[path, default: (url, file.path, 0)].count += 1
            }
        }
        let templates = FileTree.regularFiles(under: siteRoot.appendingPathComponent("Templates"))
            .filter { $0.relativePath.hasSuffix(".mustache") }
            .compactMap { entry in (try? String(contentsOfFile: entry.path, encoding: .utf8)).map { ("Templates/" + entry.relativePath, $0) } }
        return broken.sorted { $0.key < $1.key }.map { path, found in
            let pageURL = "/" + found.page.replacingOccurrences(of: "index.html", with: "")
            let message = "link to \(found.url), which the site does not have (on \(found.count) page\(found.count == 1 ? "" : "s"), first \(pageURL))"
            return .error(message, at: literalLocation(of: found.url, in: templates) ?? .init(file: "Templates"))
        }
    }

    /// The values of `href="…"` and `src="…"` attributes, entities in them decoded.
    static func attributeURLs(in html: String) -> [String] {
        var urls: [String] = []
        var html = html
        html.withUTF8 { bytes in
            var index = 0
            while index + 6 < bytes.count {
                defer { index += 1 }
                guard bytes[index] == UInt8(ascii: "=") && bytes[index + 1] == UInt8(ascii: "\"") else { continue }
                let isHref = index >= 5 && bytes[index - 5] == UInt8(ascii: " ") && matches(bytes, at: index - 4, "href")
                let isSrc = index >= 4 && bytes[index - 4] == UInt8(ascii: " ") && matches(bytes, at: index - 3, "src")
                guard isHref || isSrc else { continue }
                let start = index + 2
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                urls.append(value.replacingOccurrences(of: "&amp;", with: "&"))
                index = end
            }
        }
        return urls
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ word: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return bytes[start..<(start + expected.count)].elementsEqual(expected)
    }

    /// The output-folder path a rendered URL leads to; nil for an external one.
    static func outputPath(of url: String, base: BaseURL, page: String) -> String? {
        var url = url
        if url.hasPrefix(base.absolute) { url = base.path + url.dropFirst(base.absolute.count) }
        let folder = SitePath(relative: page.hasSuffix("index.html") ? String(page.dropLast("index.html".count)) : "")
        guard url.hasPrefix("/"), !url.hasPrefix("//") else {
            return SiteTargets.resolve(url, from: folder).flatMap { $0 } 
        }
        // Root-relative links carry the base path; one without it leaves the site's folder.
        guard url.hasPrefix(base.path) else { return "../" + url.dropFirst() }
        return SiteTargets.resolve("/" + url.dropFirst(base.path.count), from: folder).flatMap { $0 }
    }

    /// Where a template writes `url` literally, as `href="url"` or `src="url"`.
    private static func literalLocation(of url: String, in templates: [(String, String)]) -> SourceLocation? {
        for (file, text) in templates {
            for attribute in ["href=\"\(url)\"", "src=\"\(url)\""] {
                guard let range = text.range(of: attribute) else { continue }
                let before = text[..<range.lowerBound]
                let line = before.count(where: { $0 == "\n" }) + 1
                let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1
                return SourceLocation(file: file, line: line, column: column)
            }
        }
        return nil
    }
}
