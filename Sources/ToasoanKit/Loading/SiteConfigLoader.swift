
/// Reads `Content/site.yml` into a `SiteConfig`.
public enum SiteConfigLoader {
    public static let knownKeys = [
        "title", "tagline", "base_url", "language", "page_size", "related_count", "categories", "menus",
        "allow_raw_html",
    ]

    public static func load(_ file: SourceFile, baseURLOverride: String? = nil) -> (SiteConfig?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLFields.parse(file.text, file: file.relativePath)
        guard var fields = parsed else { return (nil, parseDiagnostics) }
        fields.warnAboutUnknownKeys(known: knownKeys)

        let title = fields.string("title", required: true)
        var baseURL: BaseURL?
        if let override = baseURLOverride {
            baseURL = BaseURL(override)
            if baseURL == nil {
                fields.diagnostics.append(
                    .error("--base-url \"\(override)\" is not an http(s) address such as https://example.org/tapchi/",
                           at: .init(file: "command line")))
            }
        } else if let text = fields.string("base_url") {
            baseURL = BaseURL(text.value)
            if baseURL == nil {
                fields.diagnostics.append(
                    .error("base_url \"\(text.value)\" is not an http(s) address such as https://example.org/", at: text.location))
            }
        } else {
            baseURL = BaseURL("http://localhost/")
        }
        let pageSize = fields.integer("page_size")
        if let pageSize, pageSize.value < 1 {
            fields.diagnostics.append(.error("page_size must be at least 1", at: pageSize.location))
        }
        let relatedCount = fields.integer("related_count")
        let categories = readCategories(&fields)
        let menus = readMenus(&fields)

        guard let title, let baseURL, !fields.diagnostics.hasErrors else {
            return (nil, parseDiagnostics + fields.diagnostics)
        }
        let config = SiteConfig(
            title: title.value, tagline: fields.string("tagline")?.value, baseURL: baseURL,
            language: fields.string("language")?.value ?? "vi",
            pageSize: max(1, pageSize?.value ?? 20), relatedCount: max(0, relatedCount?.value ?? 6),
            categories: categories, menus: menus, allowRawHTML: fields.boolean("allow_raw_html") ?? false)
        return (config, parseDiagnostics + fields.diagnostics)
    }

    private static func readCategories(_ fields: inout YAMLFields) -> [Category] {
        guard let nodes = fields.sequence("categories") else {
            fields.diagnostics.append(
                .error("site.yml needs a \"categories:\" list (each with a name and a slug)", at: fields.documentLocation))
            return []
        }
        var categories: [Category] = []
        var seenSlugs: Set<String> = []
        for node in nodes {
            let location = fields.location(of: node)
            guard case .mapping = node.content, let name = node["name"]?.string?.trimmingWhitespace(),
                !name.isEmpty
            else {
                fields.diagnostics.append(.error("a category needs a \"name:\"", at: location))
                continue
            }
            let written = node["slug"]?.string?.trimmingWhitespace() ?? ""
            let slug = written.isEmpty ? Slug.make(from: name) : Slug.make(from: written)
            if !written.isEmpty, written != slug {
                fields.diagnostics.append(
                    .warning("category slug \"\(written)\" is not a plain slug; using \"\(slug)\"", at: location))
            }
            if reservedSlugs.contains(slug) {
                fields.diagnostics.append(.error("category slug \"\(slug)\" is reserved for the site's own pages", at: location))
                continue
            }
            guard seenSlugs.insert(slug).inserted else {
                fields.diagnostics.append(.error("two categories have the slug \"\(slug)\"", at: location))
                continue
            }
            let description = node["description"]?.string?.trimmingWhitespace()
            categories.append(
                Category(name: TextFolding.nfc(name), slug: slug, description: description.flatMap { $0.isEmpty ? nil : $0 }))
        }
        return categories
    }

    private static func readMenus(_ fields: inout YAMLFields) -> [String: [MenuItem]] {
        guard case .mapping(let mapping)? = fields.node("menus")?.content else { return [:] }
        var menus: [String: [MenuItem]] = [:]
        for (key, value) in mapping {
            guard let name = key.string, case .sequence(let items) = value.content else { continue }
            menus[name] = items.compactMap { item in
                guard case .mapping = item.content, let title = item["title"]?.string,
                    let url = item["url"]?.string
                else {
                    fields.diagnostics.append(.error("a menu entry needs \"title:\" and \"url:\"", at: fields.location(of: item)))
                    return nil
                }
                guard URLSafety.isSafe(url) else {
                    fields.diagnostics.append(.error("menu URL \"\(url)\" is not allowed", at: fields.location(of: item)))
                    return nil
                }
                return MenuItem(title: title, url: url)
            }
        }
        return menus
    }

    /// First path components the site itself uses.
    public static let reservedSlugs: Set<String> = ["tap-chi-in", "tac-gia", "chu-de", "tim-kiem", "media", "assets", "trang"]
}
