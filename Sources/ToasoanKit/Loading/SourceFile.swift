public import Foundation
import Glibc

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
    public static func read(path: String, relativePath: String) -> Result<SourceFile, Diagnostic> {
        readBytes(path: path, relativePath: relativePath).flatMap { decode($0, relativePath: relativePath) }
    }

    /// The file's bytes as they are, or the diagnostic of a file that cannot be read.
    /// `whenFromDisk` as in `POSIXFiles.read`.
    static func readBytes(path: String, relativePath: String, whenFromDisk: (() -> Void)? = nil) -> Result<[UInt8], Diagnostic> {
        do {
            return .success(try POSIXFiles.read(path, whenFromDisk: whenFromDisk))
        } catch {
            return .failure(.error("cannot read the file: \(error)", at: .init(file: relativePath)))
        }
    }

    /// The text of `bytes` when cleaning would leave them as they are (UTF-8 already NFC, no
    /// CR, no NUL), without the byte-order mark; nil when they need `decode`.
    static func cleanText(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: bytes[3...]) : bytes
        guard let base = text.baseAddress else { return text }
        guard memchr(base, 0, text.count) == nil, memchr(base, Int32(UInt8(ascii: "\r")), text.count) == nil,
            UTF8Check.scan(text) == UTF8Check.Result(isValid: true, isCertainlyNFC: true)
        else { return nil }
        return text
    }

    public static func read(at url: URL, relativePath: String) -> Result<SourceFile, Diagnostic> {
        read(path: url.path, relativePath: relativePath)
    }

    public static func decode(_ data: Data, relativePath: String) -> Result<SourceFile, Diagnostic> {
        decode([UInt8](data), relativePath: relativePath)
    }

    /// The decoding half of `read`, separate so tests can feed it bytes.
    public static func decode(_ allBytes: [UInt8], relativePath: String) -> Result<SourceFile, Diagnostic> {
        let bytes = allBytes.starts(with: [0xEF, 0xBB, 0xBF]) ? allBytes[3...] : allBytes[...]
        guard var text = validUTF8Text(bytes) else {
            let (line, column, byte) = firstInvalidUTF8(Array(bytes)) ?? (1, 1, 0)
            let hex = String(byte, radix: 16, uppercase: true)
            return .failure(
                .error(
                    "the file is not UTF-8 text (byte 0x\(hex.count == 1 ? "0" : "")\(hex)); "
                        + "save it as UTF-8 in your editor",
                    at: .init(file: relativePath, line: line, column: column)))
        }
        if let nul = firstOffset(of: 0, in: bytes) {
            let (line, column) = lineAndColumn(of: nul, in: Array(bytes))
            return .failure(
                .error("the file contains a NUL byte; it is not a text file",
                       at: .init(file: relativePath, line: line, column: column)))
        }
        if firstOffset(of: UInt8(ascii: "\r"), in: bytes) != nil {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(SourceFile(relativePath: relativePath, text: TextFolding.nfc(text)))
    }

    /// The text of `bytes`, nil when they are not valid UTF-8. One pass decodes them (invalid
    /// sequences repaired) and a byte comparison tells whether anything was repaired:
    /// `String(validating:)` would validate, then copy checking again.
    static func validUTF8Text(_ bytes: ArraySlice<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        let unchanged = text.withUTF8 { decoded in
            bytes.withUnsafeBufferPointer { original in
                decoded.count == original.count
                    && (decoded.isEmpty || memcmp(decoded.baseAddress!, original.baseAddress!, decoded.count) == 0)
            }
        }
        return unchanged ? text : nil
    }

    /// Offset of the first `byte` in `bytes` (`memchr`: this runs over every byte of the archive).
    static func firstOffset(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
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
