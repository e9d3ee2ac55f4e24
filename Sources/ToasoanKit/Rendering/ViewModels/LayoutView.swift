import Mustache

/// What every page shows around its content: masthead, menus, the sidebar (latest print
/// issue, issue look-up, video clips), the footer. Built once per build; page views fall
/// back to it for any key they do not own, so templates can use `{{siteTitle}}` everywhere.
struct LayoutView: TemplateView, Sendable {
    let siteTitle: String
    let tagline: String?
    let language: String
    let homeURL: String
    let assetsURL: String
    let categories: [LinkView]
    let mainMenu: [LinkView]
    let footerLinks: [LinkView]
    let latestIssue: IssueCardView?
    let lookupYears: [Int]
    let archiveURL: String
    /// The main menu links to the print-issue archive itself, with or without the final
    /// slash (the masthead then adds no link of its own to it).
    let archiveInMainMenu: Bool
    let issueIndexURL: String
    let searchURL: String
    let feedURL: String
    let authorsURL: String
    let tagsURL: String
    let videoClips: [ArticleSummaryView]
    let copyrightYear: Int
    /// The `site/` partials rendered once (`TemplateSet.prerenderingPartials`).
    var prerendered: [String: String] = [:]

    init(site: Site, buildYear: Int) {
        let base = site.config.baseURL
        siteTitle = site.config.title
        tagline = site.config.tagline
        language = site.config.language
        homeURL = base.href(.home)
        assetsURL = base.path + "assets/"
        categories = site.config.categories.map { LinkView(title: $0.name, url: base.href($0.path)) }
        mainMenu = (site.config.menus["main"] ?? []).map { LinkView(title: $0.title, url: base.href(rootRelative: $0.url)) }
        footerLinks = site.pages.map { LinkView(title: $0.title, url: base.href($0.path)) }
        latestIssue = site.latestIssue.map { IssueCardView($0, base: base) }
        lookupYears = site.issuesByYear.map(\.year)
        let archiveURL = base.href(SitePaths.issueArchive)
        self.archiveURL = archiveURL
        archiveInMainMenu = mainMenu.contains { $0.url == archiveURL || $0.url + "/" == archiveURL }
        issueIndexURL = base.href(SitePaths.issueLookupIndex)
        searchURL = base.href(SitePaths.search)
        feedURL = base.href(SitePaths.feed)
        authorsURL = base.href(TaxonomyKind.author.indexPath)
        tagsURL = base.href(TaxonomyKind.tag.indexPath)
        videoClips = site.videoArticles.prefix(3).map { ArticleSummaryView(site.articles[$0], base: base) }
        copyrightYear = buildYear
    }

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .siteTitle: .text(siteTitle)
        case .tagline: .text(ifAny: tagline)
        case .language: .text(language)
        case .homeURL: .text(homeURL)
        case .assetsURL: .text(assetsURL)
        case .categories: .list(categories)
        case .mainMenu: .list(mainMenu)
        case .footerLinks: .list(footerLinks)
        case .latestIssue: .view(ifAny: latestIssue)
        case .lookupYears: .list(NumberList(numbers: lookupYears))
        case .hasIssues: .flag(!lookupYears.isEmpty)
        case .archiveURL: .text(archiveURL)
        case .archiveInMainMenu: .flag(archiveInMainMenu)
        case .issueIndexURL: .text(issueIndexURL)
        case .searchURL: .text(searchURL)
        case .feedURL: .text(feedURL)
        case .authorsURL: .text(authorsURL)
        case .tagsURL: .text(tagsURL)
        case .videoClips: .list(videoClips)
        case .hasVideoClips: .flag(!videoClips.isEmpty)
        case .copyrightYear: .number(copyrightYear)
        default: nil
        }
    }

    /// The `site/` partials, pasted.
    func value(named name: String) -> TemplateValue? {
        .text(ifAny: prerendered[name])
    }
}

/// A title and where it leads.
struct LinkView: TemplateView, Sendable {
    let title: String
    let url: String
    var count: Int? = nil

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .title: .text(title)
        case .url: .text(url)
        case .count: .number(ifAny: count)
        default: nil
        }
    }
}

/// A print issue as the sidebar, the archive and issue pages show it.
struct IssueCardView: TemplateView, Sendable {
    let name: String
    let numberText: String
    let year: Int
    let label: String?
    let coverURL: String?
    let pdfURL: String?
    let url: String
    let date: String

    init(_ issue: PrintIssue, base: BaseURL) {
        name = issue.name
        numberText = issue.numberText
        year = issue.year
        label = issue.label
        coverURL = issue.cover.map { base.href(rootRelative: $0) }
        pdfURL = issue.pdf.map { base.href(rootRelative: $0) }
        url = base.href(issue.path)
        date = issue.date.houseStyleDay
    }

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: .text(self.name)
        case .numberText: .text(numberText)
        case .year: .number(year)
        case .label: .text(ifAny: label)
        case .coverURL: .text(ifAny: coverURL)
        case .pdfURL: .text(ifAny: pdfURL)
        case .url: .text(url)
        case .date: .text(date)
        default: nil
        }
    }
}
