/// Escaping for text we write into HTML and XML ourselves (outside templates, which escape
/// every `{{value}}` on their own).
public enum HTMLEscaping {
    /// Escapes `& < > " '`: safe in element text and in quoted attributes.
    public static func text(_ text: some StringProtocol) -> String {
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    public static func attribute(_ text: some StringProtocol) -> String { Self.text(text) }
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
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

/// JSON string literals for the small JSON files toasoan writes (search and issue indexes).
public enum JSONText {
    public static func string(_ text: some StringProtocol) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "<": escaped += "\\u003c"  // safe even if a page inlines it in a <script>
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }
}
