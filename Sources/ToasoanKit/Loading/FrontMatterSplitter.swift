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
        var contiguous = text
        return contiguous.withUTF8 { split(utf8: $0) }.map { offsets in
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            return Parts(
                yaml: text[index(offsets.yaml.lowerBound)..<index(offsets.yaml.upperBound)], yamlFirstLine: 2,
                body: text[index(offsets.bodyStart)...], bodyFirstLine: offsets.bodyFirstLine)
        }
    }

    /// Where the parts of a file lie, in bytes of its UTF-8.
    struct Offsets: Equatable {
        var yaml: Range<Int>
        var bodyStart: Int
        var bodyFirstLine: Int
    }

    /// `split` over a text's UTF-8 (which does not tell an empty file from one without front matter).
    static func split(utf8 text: UnsafeBufferPointer<UInt8>) -> Result<Offsets, Failure> {
        // Lines are found byte by byte: "\n" is one byte, and Characters would be
        // segmented one by one.
        func lineEnd(from start: Int) -> Int {
            text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
        }
        func starts(_ marker: UInt8, _ line: Range<Int>) -> Bool {
            line.count >= 3 && text[line.lowerBound] == marker && text[line.lowerBound + 1] == marker
                && text[line.lowerBound + 2] == marker
                && text[(line.lowerBound + 3)..<line.upperBound].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        }
        let firstLineEnd = lineEnd(from: 0)
        guard firstLineEnd < text.count, starts(UInt8(ascii: "-"), 0..<firstLineEnd) else { return .failure(.missingOpeningFence) }

        let yamlStart = firstLineEnd + 1
        var lineStart = yamlStart
        var line = 2
        while lineStart < text.count {
            let end = lineEnd(from: lineStart)
            // The closing fence, or the end of a YAML document.
            if starts(UInt8(ascii: "-"), lineStart..<end) || starts(UInt8(ascii: "."), lineStart..<end) {
                return .success(Offsets(yaml: yamlStart..<lineStart, bodyStart: min(end + 1, text.count), bodyFirstLine: line + 1))
            }
            lineStart = min(end + 1, text.count)
            line += 1
        }
        return .failure(.missingClosingFence)
    }
}
