/// Every name toasoan's views answer to in a template (`{{siteTitle}}`, `{{#related}}`), by
/// the view that answers it.
///
/// A template's names are turned into keys once, when it is compiled (`TemplateName`), so a
/// view finds a value with a jump on the key instead of comparing its name with every name
/// it knows, and then with those of the page head and the layout under it. A name that is no
/// key (the pasted partials, `TemplateSet.prerenderKey`) is looked up by name.
enum TemplateKey: String, Sendable {
    // LayoutView: every page.
    case siteTitle, tagline, language, homeURL, assetsURL, categories, mainMenu, footerLinks, latestIssue
    case lookupYears, hasIssues, archiveURL, archiveInMainMenu, issueIndexURL, searchURL, feedURL, authorsURL, tagsURL
    case videoClips, hasVideoClips, copyrightYear
    // PageHead: every page.
    case pageTitle, pageDescription, canonicalURL, openGraphType, openGraphImage, publishedTime, alternateFeedURL
    // ArticlePageView
    case article, articleLead, articleCoverURL, articleCoverAlt, imageCaption, body, articleAuthors
    case hasArticleAuthors, articleTags, hasArticleTags, articleIssue, articleVideo, related, hasRelated
    case relatedByTags, hasRelatedByTags
    // VideoView
    case youtubeEmbedURL, videoFileURL
    // ArticleSummaryView
    case title, url, date, day, dateISO, summary, imageURL, categoryName, categoryURL, authors
    // ListPageView, TermIndexView
    case listKind, listName, listDescription, articles, hasArticles, pagination, listFeedURL, terms
    // PaginationView, PageLinkView
    case pages, previousURL, nextURL, number, isCurrent, isGap
    // HomePageView, CategoryBlockView
    case lead, latest, hasLatest, categoryBlocks, blockName, blockURL, first, more, hasMore
    // IssuePageView, IssueSectionView, ArchivePageView, IssueYearView
    case issue, sections, hasSections, sectionName, sectionURL, sectionArticles
    case recentYears, earlyYears, hasEarlyYears, yearNumber, yearIssues
    // StandalonePageView
    case searchIndexURL
    // LinkView (also `title`, `url`), IssueCardView (also `url`, `date`)
    case count, name, numberText, year, label, coverURL, pdfURL
}
