/// The one place diagnostics become text: one compiler-style line each, sorted by place,
/// then a count (`2 errors, 1 warning`).
public enum DiagnosticPrinter {
    public static func lines(for diagnostics: [Diagnostic]) -> [String] {
        diagnostics.sortedForDisplay().map(\.description)
    }

    public static func summary(for diagnostics: [Diagnostic]) -> String? {
        let errors = diagnostics.errors.count
        let warnings = diagnostics.warnings.count
        guard errors + warnings > 0 else { return nil }
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }
}
