/// The fixed addresses of the site's own pages and files.
public enum SitePaths {
    public static let issueArchive = SitePath.folder("tap-chi-in")
    /// Year → issues, read by the sidebar's look-up form.
    public static let issueLookupIndex = SitePath(relative: "tap-chi-in/index.json")
    public static let search = SitePath.folder("tim-kiem")
    public static let searchIndex = SitePath(relative: "tim-kiem/index.json")
    public static let feed = SitePath(relative: "feed.xml")
    public static let sitemap = SitePath(relative: "sitemap.xml")
    public static let robots = SitePath(relative: "robots.txt")
    public static let notFound = SitePath(relative: "404.html")

    public static func feed(of category: Category) -> SitePath { SitePath(relative: category.slug + "/feed.xml") }
}
