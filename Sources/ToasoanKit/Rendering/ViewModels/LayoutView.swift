import Mustache

/// What every page shows around its content: masthead, menus, the sidebar with the latest
/// print issue, the footer. Built once per build; page views fall back to it for any key
/// they do not own, so templates can use `{{siteTitle}}` everywhere.
struct LayoutView: MustacheParent, Sendable {
    let siteTitle: String
    let tagline: String?
    let language: String
    let homeURL: String
    let assetsURL: String
    let categories: [LinkView]
    let mainMenu: [LinkView]
    let footerLinks: [LinkView]
    let latestIssue: IssueCardView?
    let copyrightYear: Int

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
        copyrightYear = buildYear
    }

    func child(named name: String) -> Any? {
        switch name {
        case "siteTitle": siteTitle
        case "tagline": tagline
        case "language": language
        case "homeURL": homeURL
        case "assetsURL": assetsURL
        case "categories": categories
        case "mainMenu": mainMenu.isEmpty ? nil : mainMenu
        case "footerLinks": footerLinks
        case "latestIssue": latestIssue
        case "copyrightYear": copyrightYear
        default: nil
        }
    }
}

/// A title and where it leads.
struct LinkView: MustacheParent, Sendable {
    let title: String
    let url: String
    var isCurrent = false

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "isCurrent": isCurrent
        default: nil
        }
    }
}

/// A print issue as the sidebar and lists show it: "Số 1+2 - 2019", label, cover.
struct IssueCardView: MustacheParent, Sendable {
    let name: String
    let label: String?
    let coverURL: String?
    let url: String
    let date: String

    init(_ issue: PrintIssue, base: BaseURL) {
        name = issue.name
        label = issue.label
        coverURL = issue.cover.map { base.href(rootRelative: $0) }
        url = base.href(issue.path)
        date = issue.date.houseStyleDay
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "label": label
        case "coverURL": coverURL
        case "url": url
        case "date": date
        default: nil
        }
    }
}
