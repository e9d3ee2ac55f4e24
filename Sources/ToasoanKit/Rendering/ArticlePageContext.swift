/// One hash of everything an article page's fingerprint is made of but its own body: the
/// templates and site-wide values, and of every article, in site order, its file, its
/// summary as lists show it, the fields its own page shows and its print issue's card. The
/// related lists and the authors' and tags' paths are not hashed: they are made from these.
///
/// When it equals the last build's, an article page can only have changed with its own
/// body, so the page of an article whose file is as it was then has the fingerprint the
/// last build recorded for it (`EarlierArticlePages`), taken instead of made again. Making
/// it takes the related lists, most of an edited-body rebuild's page stage.
enum ArticlePageContext {
    static func digest(
        of site: Site, sharedFingerprint: UInt64, summaries: ArticleSummaries,
        issueCards: [IssueKey: (view: IssueCardView, fingerprint: UInt64)]
    ) -> UInt64 {
        var hasher = StableHasher(seed: sharedFingerprint)
        hasher.combine(site.config.relatedCount)
        hasher.combine(Site.relatedWindowPerTag)
        hasher.combine(site.articles.count)
        for (index, article) in site.articles.enumerated() {
            hasher.combine(article.sourceFile)
            hasher.combine(summaries.fingerprint(index))  // title, URL, date, summary, image, category, authors
            hasher.combine(article.category.slug)
            hasher.combine(article.authors)
            hasher.combine(article.tags)
            hasher.combine(article.summary)
            hasher.combine(article.imageCaption)
            hasher.combine(article.issue.flatMap { issueCards[$0]?.fingerprint })
            article.video.combine(into: &hasher)
        }
        return hasher.value
    }
}

/// What the last build recorded of its pages, for `PageRenderer.renderArticle` to take an
/// article page's fingerprint from when its `ArticlePageContext` is the same.
struct EarlierArticlePages: Sendable {
    /// The last build's `ArticlePageContext` digest.
    var context: UInt64
    /// The fingerprints it recorded, by output path (`BuildManifest.Output.fingerprint`).
    var fingerprints: [String: UInt64]
    /// The stamps of the sources it was built from, and of the sources now.
    var sources: [String: BuildManifest.Stamp]
    var currentSources: [String: BuildManifest.Stamp]

    /// The fingerprint recorded for the page at `path` of the article in `sourceFile`, when
    /// that file is as it was; nil when it is not, or none was recorded.
    func fingerprint(at path: String, sourceFile: String) -> UInt64? {
        guard let stamp = currentSources[sourceFile], sources[sourceFile] == stamp else { return nil }
        return fingerprints[path]
    }
}

extension Video? {
    /// Which video, if any: the same fields in the same way for a page's fingerprint and the context.
    func combine(into hasher: inout StableHasher) {
        switch self {
        case nil: hasher.combine(0)
        case .youtube(let id):
            hasher.combine(1)
            hasher.combine(id)
        case .file(let path):
            hasher.combine(2)
            hasher.combine(path)
        }
    }
}
