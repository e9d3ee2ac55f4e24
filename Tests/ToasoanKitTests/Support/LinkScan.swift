import Foundation
import ToasoanKit

/// Every root-relative `href`/`src` in the HTML of an output folder that points at no file
/// of it: a small link checker for tests (`make verify` runs the real one).
func brokenInternalLinks(in output: URL, basePath: String = "/") -> [String] {
    var broken: [String] = []
    for entry in FileTree.regularFiles(under: output) where entry.relativePath.hasSuffix(".html") {
        guard let html = try? String(contentsOf: entry.url, encoding: .utf8) else { continue }
        for attribute in ["href=\"", "src=\""] {
            for range in html.ranges(of: attribute) {
                let value = html[range.upperBound...].prefix { $0 != "\"" }
                guard value.hasPrefix(basePath), !value.hasPrefix("//") else { continue }
                var path = String(value.dropFirst(basePath.count).prefix { $0 != "#" && $0 != "?" })
                path = path.removingPercentEncoding ?? path
                if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
                if !FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path) {
                    broken.append("\(entry.relativePath): \(value)")
                }
            }
        }
    }
    return broken
}
