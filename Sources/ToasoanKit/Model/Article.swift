/// An article after loading and linking: its front matter resolved against the site
/// (category, print issue, URL), its body rendered to HTML.
///
/// A class, and immutable: a site's articles are shared by every list, page and worker that
/// shows them, so passing one around costs one reference, not a copy of twenty fields.
public final class Article: Sendable {
    public let sourceFile: String
    public let title: String
    public let date: JournalDate
    public let category: Category
    public let issue: IssueKey?
    public let authors: [String]
    /// The editor's `summary:`; nil when none was written.
    public let summary: String?
    /// The first paragraph of the body as plain text, the summary when none is written.
    public var leadText: String { lead.text }
    private let lead: DeferredText
    public let image: String?
    public let imageCaption: String?
    public let tags: [String]
    public let slug: String
    /// Old URLs that redirect here.
    public let aliases: [SitePath]
    public let video: Video?
    public let order: Int?
    public let isDraft: Bool
    /// The body as HTML, in UTF-8; empty for an article taken from the cache (see `Site.bodyHTML(of:)`).
    public let bodyHTML: [UInt8]
    /// Hash of the Markdown body.
    public let bodyHash: UInt64
    /// The distinct search words of the body, separated by spaces, as UTF-8; nil for an
    /// article taken from the last build's snapshot, which does not keep them
    /// (`BodySource.words(of:)` finds them again).
    public let bodyTerms: ArraySlice<UInt8>?
    /// Line of the file where the body starts (to render it again from the file).
    public let bodyFirstLine: Int
    /// What the article links to, at file positions: its body's links and images, its cover
    /// and its video file (for `toasoan check`; the body's are known only when it was rendered).
    public let links: [MarkdownRenderer.LinkTarget]
    /// Where it is published: `/{category}/{slug}/`.
    public let path: SitePath

    init(
        sourceFile: String, title: String, date: JournalDate, category: Category, issue: IssueKey?, authors: [String],
        summary: String?, leadText: DeferredText, image: String?, imageCaption: String?, tags: [String], slug: String,
        aliases: [SitePath], video: Video?, order: Int?, isDraft: Bool, bodyHTML: [UInt8], bodyHash: UInt64,
        bodyTerms: ArraySlice<UInt8>?, bodyFirstLine: Int, links: [MarkdownRenderer.LinkTarget] = []
    ) {
        self.sourceFile = sourceFile
        self.title = title
        self.date = date
        self.category = category
        self.issue = issue
        self.authors = authors
        self.summary = summary
        lead = leadText
        self.image = image
        self.imageCaption = imageCaption
        self.tags = tags
        self.slug = slug
        self.aliases = aliases
        self.video = video
        self.order = order
        self.isDraft = isDraft
        self.bodyHTML = bodyHTML
        self.bodyHash = bodyHash
        self.bodyTerms = bodyTerms
        self.bodyFirstLine = bodyFirstLine
        self.links = links
        path = .folder(category.slug, slug)
    }

    /// The summary lists and meta tags show.
    public var displaySummary: String { summary ?? leadText }

    /// Folds `displaySummary` into `hasher`, without making the lead a String.
    func combineDisplaySummary(into hasher: inout StableHasher) {
        if let summary { hasher.combine(summary) } else { lead.combine(into: &hasher) }
    }
}

/// A video an article embeds and the sidebar's "VIDEO CLIPS" lists.
public enum Video: Sendable, Hashable {
    /// A YouTube video by its 11-character id.
    case youtube(id: String)
    /// A file of the site (`/media/video/a.mp4`), played by the browser.
    case file(path: String)

    /// Reads `video:`: a YouTube id, a YouTube address, or a media path. Nil when it is none.
    public static func parse(_ text: String) -> Video? {
        let text = text.trimmingWhitespace()
        if text.hasPrefix("/") {
            return MediaReference.problem(with: text) == nil ? .file(path: text) : nil
        }
        var id = text
        for marker in ["youtu.be/", "watch?v=", "/embed/", "/shorts/"] {
            if let range = text.range(of: marker) {
                id = String(text[range.upperBound...].prefix { $0 != "&" && $0 != "?" && $0 != "#" && $0 != "/" })
            }
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        guard id.count == 11, id.allSatisfy(allowed.contains) else { return nil }
        return .youtube(id: id)
    }
}

/// A standalone page (`Content/pages/gioi-thieu.md` → `/gioi-thieu/`).
public struct StandalonePage: Sendable {
    public var sourceFile: String
    public var title: String
    public var slug: String
    public var summary: String?
    public var bodyHTML: String
    /// The body's links and images, at file positions (for `toasoan check`).
    public var links: [MarkdownRenderer.LinkTarget] = []

    public var path: SitePath { .folder(slug) }
}

/// A file copied verbatim into the output (`Content/media/**`, `Templates/assets/**`).
public struct StaticFile: Sendable, Hashable {
    /// Absolute path of the source.
    public var source: String
    /// Path relative to the output folder (`media/2019/07/a.jpg`).
    public var destination: String
    public var size: Int64
    /// Modification time of the source, nanoseconds since 1970.
    public var modified: Int64
}
