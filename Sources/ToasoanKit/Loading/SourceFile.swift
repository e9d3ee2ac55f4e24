public import Foundation

/// A text file of the site, read and cleaned the same way for every kind of source:
/// UTF-8 checked, byte-order mark dropped, CRLF and CR turned into LF, normalised to NFC.
public struct SourceFile: Sendable {
    /// Path relative to the site folder, as diagnostics show it.
    public let relativePath: String
    public let text: String

    public init(relativePath: String, text: String) {
        self.relativePath = relativePath
        self.text = text
    }

    /// Reads and cleans a file; returns a diagnostic instead when it cannot be read as text.
    public static func read(at url: URL, relativePath: String) -> Result<SourceFile, Diagnostic> {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return .failure(
                .error("cannot read the file: \(error.localizedDescription)", at: .init(file: relativePath)))
        }
        return decode(data, relativePath: relativePath)
    }

    /// The decoding half of `read`, separate so tests can feed it bytes.
    public static func decode(_ data: Data, relativePath: String) -> Result<SourceFile, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let (line, column, byte) = firstInvalidUTF8(bytes) {
            let hex = String(byte, radix: 16, uppercase: true)
            return .failure(
                .error(
                    "the file is not UTF-8 text (byte 0x\(hex.count == 1 ? "0" : "")\(hex)); "
                        + "save it as UTF-8 in your editor",
                    at: .init(file: relativePath, line: line, column: column)))
        }
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = lineAndColumn(of: nul, in: bytes)
            return .failure(
                .error("the file contains a NUL byte; it is not a text file",
                       at: .init(file: relativePath, line: line, column: column)))
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(SourceFile(relativePath: relativePath, text: TextFolding.nfc(text)))
    }

    /// Position (1-based line and column in characters) of the first byte that breaks UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0  // start of the scalar being decoded
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                break loop
            case .error:
                let (line, column) = lineAndColumn(of: offset, in: bytes)
                return (line, column, bytes[offset])
            }
        }
        return nil
    }

    /// 1-based line and column (counting UTF-8 lead bytes as characters) of a byte offset.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
