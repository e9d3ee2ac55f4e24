public import Foundation

/// What `toasoan build` was asked to do.
public struct BuildOptions: Sendable {
    /// The folder holding `Content/` and `Templates/`.
    public var siteRoot: URL
    public var outputFolder: URL
    public var baseURLOverride: String?
    public var includeDrafts: Bool
    /// Parallel workers for Markdown and pages; the output is the same for any count.
    public var workers: Int
    /// The build's clock: dates after next year are errors, the footer shows this year.
    public var now: JournalDate
    /// Told how the long stages advance (from any thread); nil for none.
    public var progress: (@Sendable (BuildProgress) -> Void)?
    /// Print each stage's time to standard error (also with `TOASOAN_TIMINGS=1`).
    public var showsTimings = false

    public init(
        siteRoot: URL, outputFolder: URL? = nil, baseURLOverride: String? = nil, includeDrafts: Bool = false,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount, now: JournalDate = .now
    ) {
        self.siteRoot = siteRoot.standardizedFileURL
        self.outputFolder = (outputFolder ?? siteRoot.appendingPathComponent("Output")).standardizedFileURL
        self.baseURLOverride = baseURLOverride
        self.includeDrafts = includeDrafts
        self.workers = max(1, workers)
        self.now = now
    }
}

extension JournalDate {
    /// The current time.
    public static var now: JournalDate {
        JournalDate(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
    }
}

/// What a build did: its diagnostics and, when it succeeded, how much it wrote.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Files whose bytes were written.
    public var filesWritten: Int
    /// Files of the last output carried over as they were (same inode and modification time).
    public var filesUnchanged: Int = 0
    /// Pages and feeds not rendered at all: made from the same values as the last build's.
    public var pagesReused: Int = 0
    /// Article pages whose fingerprint was made, not taken from the last build's record
    /// (see `ArticlePageContext`).
    public var articleFingerprintsMade: Int = 0
    public var pageCount: Int
    public var site: Site?
    /// Nothing under `Content/` or `Templates/` changed since the last build: nothing was done.
    public var upToDate = false

    public var succeeded: Bool { !diagnostics.hasErrors }
}
