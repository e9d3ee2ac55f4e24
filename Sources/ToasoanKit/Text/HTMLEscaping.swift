/// Escaping for text we write into HTML and XML ourselves (outside templates, which escape
/// every `{{value}}` on their own).
///
/// The escapers here work on UTF-8 bytes: every character they replace or drop is ASCII or a
/// fixed byte sequence, and most texts hold none of them, so those come back as they are.
public enum HTMLEscaping {
    /// Escapes `& < > " '`: safe in element text and in quoted attributes.
    public static func text(_ text: some StringProtocol) -> String {
        EscapedBytes.rewrite(text, when: isSpecial) { bytes, index, output in
            output.append(contentsOf: entity(of: bytes[index]))
            return 1
        }
    }

    public static func attribute(_ text: some StringProtocol) -> String { Self.text(text) }

    /// Appends `bytes` escaped as `text(_:)` escapes them, runs without `& < > " '` whole:
    /// how pages get their values (no String is made of an escaped value).
    static func append(escaping bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var start = 0
        for index in bytes.indices where isSpecial(bytes[index]) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            output.append(contentsOf: entity(of: bytes[index]))
            start = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    private static func entity(of byte: UInt8) -> String.UTF8View {
        switch byte {
        case UInt8(ascii: "&"): "&amp;".utf8
        case UInt8(ascii: "<"): "&lt;".utf8
        case UInt8(ascii: ">"): "&gt;".utf8
        case UInt8(ascii: "\""): "&quot;".utf8
        default: "&#39;".utf8
        }
    }

    /// Whether `text` holds any character `text(_:)` escapes.
    static func needsEscaping(_ text: String) -> Bool {
        EscapedBytes.contains(text, where: isSpecial)
    }

    /// `" & ' < >` (0x22, 0x26, 0x27, 0x3C, 0x3E) as bits of a mask from 0x22: one test a byte.
    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        let offset = byte &- 0x22
        return offset < 32 && (UInt32(0x1400_0031) >> UInt32(offset)) & 1 != 0
    }
}

/// The byte loop the escapers share.
enum EscapedBytes {
    /// Copies `text`, letting `replace` write what stands for each byte `isSpecial` picks
    /// (given the bytes and the index; it returns how many bytes it consumed). A text with
    /// no such byte is returned as it is.
    @inline(__always)
    static func rewrite(
        _ text: some StringProtocol, when isSpecial: (UInt8) -> Bool,
        _ replace: (UnsafeBufferPointer<UInt8>, Int, inout [UInt8]) -> Int
    ) -> String {
        var string = String(text)
        return string.withUTF8 { bytes in
            guard var index = bytes.firstIndex(where: isSpecial) else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + bytes.count / 8 + 16)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<index]))
            while index < bytes.count {
                if isSpecial(bytes[index]) {
                    index += replace(bytes, index, &output)
                } else {
                    output.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        } ?? string
    }

    @inline(__always)
    static func contains(_ text: String, where isSpecial: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(where: isSpecial) }
    }
}

/// Which URLs may stand in `href`/`src`: the same schemes cmark's safe mode refuses are
/// refused here (`javascript:`, `vbscript:`, `file:`, and `data:` except images).
public enum URLSafety {
    public static func isSafe(_ url: String) -> Bool {
        let lowered = url.trimmingWhitespace().lowercased()
        for scheme in ["javascript:", "vbscript:", "file:"] where lowered.hasPrefix(scheme) { return false }
        if lowered.hasPrefix("data:") {
            return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains {
                lowered.hasPrefix($0)
            }
        }
        return true
    }

    /// The URL when safe, else an empty string (what cmark does for links).
    public static func safeImageSource(_ url: String) -> String { isSafe(url) ? url : "" }
}

/// Escaping for XML (feeds, sitemap): `& < > " '` as entities, and the characters XML 1.0
/// forbids (C0 controls other than tab and newlines, U+FFFE, U+FFFF) dropped.
public enum XMLEscaping {
    public static func text(_ text: some StringProtocol) -> String {
        EscapedBytes.rewrite(text, when: isSpecial) { bytes, index, output in
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): output.append(contentsOf: "&apos;".utf8)
            case 0x09, 0x0A, 0x0D: output.append(byte)
            case 0xEF:  // U+FFFE and U+FFFF are EF BF BE and EF BF BF
                if index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return 3 }
                output.append(byte)
            default: break  // another C0 control: dropped
            }
            return 1
        }
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 0xEF
    }
}

/// JSON string literals for the small JSON files toasoan writes (search and issue indexes).
public enum JSONText {
    public static func string(_ text: some StringProtocol) -> String {
        let escaped = EscapedBytes.rewrite(text, when: isSpecial) { bytes, index, output in
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "\\u003c".utf8)  // safe even inlined in a <script>
            case 0xE2:  // U+2028 and U+2029 (E2 80 A8, E2 80 A9) end a line in JavaScript
                if index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 {
                    output.append(contentsOf: (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    return 3
                }
                output.append(byte)
            default:  // another C0 control
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            }
            return 1
        }
        return "\"" + escaped + "\""
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<")
            || byte == 0xE2
    }
}
