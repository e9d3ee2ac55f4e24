public import Foundation

/// `toasoan new "Tiêu đề" --category X [--issue "Số 3 - 2024"]`: writes
/// `Content/articles/YYYY/MM/{slug}.md` with its front matter filled in (now, +07:00), the
/// category and issue spelled as the site names them. It never replaces a file.
public enum NewArticle {
    public struct Request: Sendable {
        public var siteRoot: URL
        public var title: String
        public var category: String
        public var issue: String?
        public var now: JournalDate

        public init(siteRoot: URL, title: String, category: String, issue: String? = nil, now: JournalDate = .now) {
            self.siteRoot = siteRoot.standardizedFileURL
            self.title = title
            self.category = category
            self.issue = issue
            self.now = now
        }
    }

    /// Why no file was written; each is a mistake in how `new` was called.
    public enum Failure: Error, CustomStringConvertible {
        case siteUnreadable([Diagnostic])
        case emptyTitle
        case unknownCategory(String, suggestion: String?)
        case unknownIssue(String, suggestion: String?)
        case exists(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .siteUnreadable(let diagnostics):
                "the site's settings have errors:\n" + DiagnosticPrinter.lines(for: diagnostics).joined(separator: "\n")
            case .emptyTitle: "the title has no letters or digits to make a URL from"
            case .unknownCategory(let name, let suggestion):
                "unknown category \"\(name)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
            case .unknownIssue(let name, let suggestion):
                "unknown print issue \"\(name)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
            case .exists(let path): "\(path) already exists; choose another title or edit that file"
            case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// Creates the article file; returns its path from the site folder (`Content/articles/…`).
    public static func create(_ request: Request) throws(Failure) -> String {
        let root = request.siteRoot.path
        let config = try readConfig(root: root)
        var diagnostics: [Diagnostic] = []
        let written = Located(request.category, at: .init(file: "--category"))
        guard let category = SiteLinker.CategoryResolver(config.categories).resolve(written, diagnostics: &diagnostics) else {
            throw .unknownCategory(request.category, suggestion: diagnostics.first?.suggestion)
        }
        let issue = try request.issue.map { text throws(Failure) in try resolveIssue(text, root: root, now: request.now) }
        let slug = Slug.make(from: request.title)
        guard !slug.isEmpty else { throw .emptyTitle }

        let fields = request.now.fields
        let folder = "Content/articles/\(fields.year)/\(twoDigits(fields.month))"
        let path = folder + "/" + slug + ".md"
        var text = "---\n"
        text += "title: \(yamlQuoted(request.title))\n"
        text += "date: \(fields.year)-\(twoDigits(fields.month))-\(twoDigits(fields.day)) \(twoDigits(fields.hour)):\(twoDigits(fields.minute))\n"
        text += "category: \(yamlQuoted(category.name))\n"
        if let issue { text += "issue: \(yamlQuoted(issue.name))\n" }
        text += "author: \"\"\nsummary: \"\"\ntags: []\n---\n\nNội dung bài viết.\n"
        do {
            try POSIXFiles.makeFolders(root + "/" + folder)
            try POSIXFiles.createNew(Array(text.utf8), at: root + "/" + path)
        } catch let error where error.code == EEXIST {
            throw .exists(path)
        } catch {
            throw .cannotWrite(path, error.description)
        }
        return path
    }

    private static func readConfig(root: String) throws(Failure) -> SiteConfig {
        switch SourceFile.read(path: root + "/Content/site.yml", relativePath: "Content/site.yml") {
        case .failure(let diagnostic): throw .siteUnreadable([diagnostic])
        case .success(let file):
            let (config, diagnostics) = SiteConfigLoader.load(file)
            guard let config, !diagnostics.hasErrors else { throw .siteUnreadable(diagnostics) }
            return config
        }
    }

    /// The print issue `text` names, among `Content/issues/*.yml`.
    private static func resolveIssue(_ text: String, root: String, now: JournalDate) throws(Failure) -> PrintIssue {
        var issues: [PrintIssue] = []
        for entry in FileTree.regularFiles(under: URL(fileURLWithPath: root + "/Content/issues")) {
            guard case .success(let file) = SourceFile.read(path: entry.path, relativePath: "Content/issues/" + entry.relativePath),
                let issue = PrintIssueLoader.load(file, latestYear: now.fields.year + 1).0
            else { continue }
            issues.append(issue)
        }
        if let key = IssueKey.parse(text), let issue = issues.first(where: { $0.key == key }) { return issue }
        throw .unknownIssue(text, suggestion: Suggestion.nearest(to: text, among: issues.map(\.name)))
    }

    /// A YAML double-quoted scalar: any title survives, quotes and backslashes included.
    static func yamlQuoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 { continue }
                quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
}
