/// Escaping for text we write into HTML and XML ourselves (outside templates, which escape
/// every `{{value}}` on their own).
public enum HTMLEscaping {
    /// Escapes `& < > " '`: safe in element text and in quoted attributes.
    public static func text(_ text: some StringProtocol) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
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
