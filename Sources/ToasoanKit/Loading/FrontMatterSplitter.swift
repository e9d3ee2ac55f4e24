/// Splits an article into its YAML front matter and its Markdown body by scanning lines for
/// `---` (no regular expressions: this runs on every file of a twenty-year archive).
public enum FrontMatterSplitter {
    public struct Parts: Sendable, Equatable {
        /// The YAML between the fences.
        public var yaml: Substring
        /// File line on which the YAML's first line stands (2 when the file starts with `---`).
        public var yamlFirstLine: Int
        public var body: Substring
        /// File line on which the body's first line stands.
        public var bodyFirstLine: Int
    }

    public enum Failure: Error, Equatable {
        case emptyFile
        case missingOpeningFence
        case missingClosingFence
    }

    public static func split(_ text: String) -> Result<Parts, Failure> {
        if text.allSatisfy(\.isWhitespace) { return .failure(.emptyFile) }
        // Lines are found in the UTF-8 view: "\n" is one byte, and Characters would be
        // segmented one by one.
        let newline = UInt8(ascii: "\n")
        var lineStart = text.startIndex
        guard let firstLineEnd = text.utf8[lineStart...].firstIndex(of: newline),
            isFence(text[lineStart..<firstLineEnd])
        else { return .failure(.missingOpeningFence) }

        let yamlStart = text.index(after: firstLineEnd)
        lineStart = yamlStart
        var line = 2
        while lineStart < text.endIndex {
            let lineEnd = text.utf8[lineStart...].firstIndex(of: newline) ?? text.endIndex
            if isFence(text[lineStart..<lineEnd]) || isDocumentEnd(text[lineStart..<lineEnd]) {
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
                return .success(
                    Parts(
                        yaml: text[yamlStart..<lineStart], yamlFirstLine: 2,
                        body: text[bodyStart...], bodyFirstLine: line + 1))
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
            line += 1
        }
        return .failure(.missingClosingFence)
    }

    private static func isFence(_ line: Substring) -> Bool {
        line.utf8.starts(with: "---".utf8) && line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }

    private static func isDocumentEnd(_ line: Substring) -> Bool {
        line.utf8.starts(with: "...".utf8) && line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
