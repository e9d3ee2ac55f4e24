/// `/tap-chi-in/index.json`: every print issue by year, for the sidebar's "Tra cứu tạp chí
/// in" form, which fetches it only when a reader uses the form.
///
/// `{"2020": [["1", "Xuân Canh Tý", "/tap-chi-in/2020/so-1/"], …], …}`
enum IssueLookupIndex {
    static func render(site: Site) -> RenderedFile {
        let base = site.config.baseURL
        let years = site.issuesByYear.map { group in
            let issues = group.issues.sorted { $0.key < $1.key }.map { issue in
                "[\(JSONText.string(issue.numberText)),\(JSONText.string(issue.label ?? "")),\(JSONText.string(base.href(issue.path)))]"
            }
            return "\(JSONText.string(String(group.year))):[\(issues.joined(separator: ","))]"
        }
        return RenderedFile(path: SitePaths.issueLookupIndex.relative, contents: "{\(years.joined(separator: ",\n"))}\n")
    }
}
