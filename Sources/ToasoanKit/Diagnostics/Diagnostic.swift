/// One problem found in a site's sources, with the place it was found.
///
/// Every stage returns its diagnostics as values; only `DiagnosticPrinter` turns them into text,
/// in the compiler style editors know: `file:line:col: error: message; did you mean "x"?`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// Path as the editor knows it: relative to the site folder (`Content/articles/a.md`).
    public var file: String
    /// 1-based line, or nil when the problem concerns the whole file.
    public var line: Int?
    /// 1-based column in Unicode scalars, or nil.
    public var column: Int?
    public var severity: Severity
    public var message: String
    /// A near value the editor probably meant (`did you mean "…"?`).
    public var suggestion: String?

    public init(
        file: String, line: Int? = nil, column: Int? = nil, severity: Severity,
        message: String, suggestion: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.suggestion = suggestion
    }

    public static func error(
        _ message: String, at location: SourceLocation, suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            file: location.file, line: location.line, column: location.column,
            severity: .error, message: message, suggestion: suggestion)
    }

    public static func warning(
        _ message: String, at location: SourceLocation, suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            file: location.file, line: location.line, column: location.column,
            severity: .warning, message: message, suggestion: suggestion)
    }

    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// The one-line compiler-style form.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": \(severity.rawValue): \(message)"
        if let suggestion { text += "; did you mean \"\(suggestion)\"?" }
        return text
    }
}

/// A place in a source file. Lines and columns are 1-based.
public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }

    /// Sorted by file, then line, then column: the order a reader scans them in.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted {
            ($0.file, $0.line ?? 0, $0.column ?? 0, $0.message)
                < ($1.file, $1.line ?? 0, $1.column ?? 0, $1.message)
        }
    }
}

extension Diagnostic {
    /// The warning for raw HTML that safe mode left out of a page.
    public static func rawHTMLOmitted(in file: String, at place: MarkdownRenderer.OmittedHTML) -> Diagnostic {
        .warning(
            "raw HTML is left out of the page (set allow_raw_html: true in site.yml to keep it)",
            at: SourceLocation(file: file, line: place.line, column: place.column))
    }
}
