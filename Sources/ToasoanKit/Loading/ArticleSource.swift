/// An article as read from its file, before it is linked to the rest of the site: its front
/// matter values, each with the place it was written, and its Markdown body.
public struct ArticleSource: Sendable {
    public var file: String
    public var title: Located<String>
    public var date: Located<JournalDate>
    public var category: Located<String>
    public var issue: Located<String>?
    public var authors: [String]
    public var summary: String?
    public var image: Located<String>?
    public var imageCaption: String?
    public var tags: [String]
    public var slug: Located<String>?
    public var aliases: [Located<String>]
    public var video: Located<String>?
    public var order: Int?
    public var isDraft: Bool
    public var body: String
    public var bodyFirstLine: Int

    /// Keys an article's front matter may use.
    public static let knownKeys = [
        "title", "date", "category", "issue", "author", "summary", "image", "caption", "tags", "slug",
        "aliases", "order", "draft", "video",
    ]

    /// Reads one article file. Returns nil (with errors) when a required value is missing or wrong.
    public static func read(_ file: SourceFile, latestYear: Int) -> (ArticleSource?, [Diagnostic]) {
        guard let (fields, body, bodyFirstLine, diagnostics) = FrontMatterReading.open(file) else {
            return (nil, FrontMatterReading.failure(file))
        }
        guard var fields else { return (nil, diagnostics) }
        fields.warnAboutUnknownKeys(known: knownKeys)
        let title = fields.string("title", required: true)
        let date = fields.date("date", required: true, latestYear: latestYear)
        let category = fields.string("category", required: true)
        let source = ArticleSource(
            file: file.relativePath,
            title: title ?? Located("", at: fields.documentLocation),
            date: date ?? Located(JournalDate(secondsSinceEpoch: 0), at: fields.documentLocation),
            category: category ?? Located("", at: fields.documentLocation),
            issue: fields.string("issue"),
            authors: fields.stringList("author").map(\.value),
            summary: fields.string("summary")?.value,
            image: fields.string("image"),
            imageCaption: fields.string("caption")?.value,
            tags: fields.stringList("tags").map(\.value),
            slug: fields.string("slug"),
            aliases: fields.stringList("aliases"),
            video: fields.string("video"),
            order: fields.integer("order")?.value,
            isDraft: fields.boolean("draft") ?? false,
            body: String(body), bodyFirstLine: bodyFirstLine)
        let all = diagnostics + fields.diagnostics
        guard title != nil, date != nil, category != nil else { return (nil, all) }
        return (source, all)
    }
}

/// A standalone page as read from `Content/pages/*.md`.
public struct PageSource: Sendable {
    public var file: String
    public var title: Located<String>
    public var slug: Located<String>?
    public var summary: String?
    public var isDraft: Bool
    public var body: String
    public var bodyFirstLine: Int

    public static let knownKeys = ["title", "slug", "summary", "draft"]

    public static func read(_ file: SourceFile) -> (PageSource?, [Diagnostic]) {
        guard let (fields, body, bodyFirstLine, diagnostics) = FrontMatterReading.open(file) else {
            return (nil, FrontMatterReading.failure(file))
        }
        guard var fields else { return (nil, diagnostics) }
        fields.warnAboutUnknownKeys(known: knownKeys)
        guard let title = fields.string("title", required: true) else { return (nil, diagnostics + fields.diagnostics) }
        let page = PageSource(
            file: file.relativePath, title: title, slug: fields.string("slug"),
            summary: fields.string("summary")?.value, isDraft: fields.boolean("draft") ?? false,
            body: String(body), bodyFirstLine: bodyFirstLine)
        return (page, diagnostics + fields.diagnostics)
    }
}

/// Shared first step of reading a Markdown file with front matter.
enum FrontMatterReading {
    /// Splits and parses the front matter; nil when the file has no front matter at all.
    static func open(_ file: SourceFile) -> (YAMLFields?, Substring, Int, [Diagnostic])? {
        guard case .success(let parts) = FrontMatterSplitter.split(file.text) else { return nil }
        let (fields, diagnostics) = YAMLFields.parse(
            String(parts.yaml), file: file.relativePath, firstLine: parts.yamlFirstLine)
        return (fields, parts.body, parts.bodyFirstLine, diagnostics)
    }

    /// The diagnostic for a file whose front matter cannot be found.
    static func failure(_ file: SourceFile) -> [Diagnostic] {
        let location = SourceLocation(file: file.relativePath, line: 1, column: 1)
        switch FrontMatterSplitter.split(file.text) {
        case .failure(.emptyFile):
            return [.error("the file is empty; an article starts with front matter between two --- lines", at: location)]
        case .failure(.missingOpeningFence):
            return [.error("no front matter found; did you forget to start the file with a --- line?", at: location)]
        case .failure(.missingClosingFence):
            return [.error("the front matter is not closed; add a --- line after the last key", at: location)]
        case .success:
            return []
        }
    }
}
