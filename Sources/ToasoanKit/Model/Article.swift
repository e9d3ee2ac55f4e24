/// An article after loading and linking: its front matter resolved against the site
/// (category, print issue, URL), its body rendered to HTML.
public struct Article: Sendable {
    public var sourceFile: String
    public var title: String
    public var date: JournalDate
    public var category: Category
    public var issue: IssueKey?
    public var authors: [String]
    /// The editor's `summary:`; nil when none was written.
    public var summary: String?
    /// The first paragraph of the body as plain text, the summary when none is written.
    public var leadText: String
    public var image: String?
    public var imageCaption: String?
    public var tags: [String]
    public var slug: String
    public var aliases: [String]
    public var order: Int?
    public var isDraft: Bool
    public var bodyHTML: String

    public var path: SitePath { .folder(category.slug, slug) }

    /// The summary lists and meta tags show.
    public var displaySummary: String { summary ?? leadText }
}

/// A standalone page (`Content/pages/gioi-thieu.md` → `/gioi-thieu/`).
public struct StandalonePage: Sendable {
    public var sourceFile: String
    public var title: String
    public var slug: String
    public var summary: String?
    public var bodyHTML: String

    public var path: SitePath { .folder(slug) }
}

/// A file copied verbatim into the output (`Content/media/**`, `Templates/assets/**`).
public struct StaticFile: Sendable, Hashable {
    /// Absolute path of the source.
    public var source: String
    /// Path relative to the output folder (`media/2019/07/a.jpg`).
    public var destination: String
}
