/// Reads one `Content/issues/*.yml` file into a `PrintIssue`.
public enum PrintIssueLoader {
    public static let knownKeys = ["number", "year", "date", "label", "cover", "pdf"]

    public static func load(_ file: SourceFile, latestYear: Int) -> (PrintIssue?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLFields.parse(file.text, file: file.relativePath)
        guard var fields = parsed else { return (nil, parseDiagnostics) }
        fields.warnAboutUnknownKeys(known: knownKeys)

        let number = fields.string("number", required: true)
        let year = fields.integer("year")
        if year == nil, fields.node("year") == nil {
            fields.diagnostics.append(.error("missing required key \"year\"", at: fields.documentLocation))
        }
        let date = fields.date("date", required: true, latestYear: latestYear)
        var numbers: [Int] = []
        if let number {
            numbers = number.value.split(whereSeparator: { "+-, ".contains($0) }).compactMap { Int($0) }
            if numbers.isEmpty || numbers.contains(where: { !(1...99).contains($0) }) {
                fields.diagnostics.append(
                    .error("issue number \"\(number.value)\" should look like 3, or \"1+2\" for a combined issue",
                           at: number.location))
            }
        }
        let cover = fields.string("cover")
        let pdf = fields.string("pdf")
        for path in [cover, pdf].compactMap({ $0 }) {
            if let problem = MediaReference.problem(with: path.value) {
                fields.diagnostics.append(.error(problem, at: path.location))
            }
        }
        let label = fields.string("label")?.value
        let all = parseDiagnostics + fields.diagnostics
        guard let year, let date, !all.hasErrors else { return (nil, all) }
        let issue = PrintIssue(
            numbers: numbers, year: year.value, date: date.value, label: label,
            cover: cover?.value, pdf: pdf?.value, sourceFile: file.relativePath)
        return (issue, all)
    }
}

/// Rules for paths to images and files written in content (`image:`, `cover:`, `pdf:`).
public enum MediaReference {
    /// Why `reference` may not be used, or nil when it is fine. Accepted: a root-relative path
    /// inside the site (`/media/…`) or an http(s) address.
    public static func problem(with reference: String) -> String? {
        let lowered = reference.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return nil }
        guard reference.hasPrefix("/"), !reference.hasPrefix("//") else {
            return "\"\(reference)\" must be a path from the site root such as /media/2019/07/anh.jpg, or an https:// address"
        }
        let components = reference.split(separator: "/")
        if components.contains("..") || components.contains(".") || reference.contains("\\") {
            return "\"\(reference)\" would leave the output folder"
        }
        return nil
    }
}
