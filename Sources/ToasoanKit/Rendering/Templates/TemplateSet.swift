public import Foundation
import Mustache

/// The theme's Mustache templates (`Templates/**/*.mustache`), parsed once per build.
///
/// Each file is registered under its path without the extension (`article`,
/// `site/sidebar`), which is also its partial name. A template that does not parse is a
/// diagnostic at its line and column, like content errors.
///
/// Four things make rendering fast:
/// - pages are rendered by `CompiledTemplates` from swift-mustache's parse of the templates,
///   with swift-mustache's rules but without its per-value dynamic casts;
/// - templates under `site/` (masthead, sidebar, footer) show only site-wide values, so they
///   are rendered once per build and pasted into every page (`prerenderingPartials`);
/// - templates under `item/` (an article in a list) show only that article, so each is
///   rendered once per article and pasted into every list that shows it;
/// - values are escaped by `FastHTMLEscaping`, which returns a text without `& < > " '` as it is.
public struct TemplateSet: Sendable {
    /// Templates a theme must provide: one per page kind, plus the layout they inherit.
    public static let required = ["base", "home", "article", "list", "terms", "issue", "archive", "search", "page", "404"]

    let library: MustacheLibrary
    /// Every template's name (its partial name).
    let names: [String]
    /// The templates as `CompiledTemplates` renders them; nil when one of them uses what only
    /// swift-mustache renders (a dynamic partial name), or when `swiftMustacheOnly()` asked.
    private(set) var compiled: CompiledTemplates?
    /// Names of the templates under `site/`, which show only site-wide values.
    let sitePartials: [String]
    /// Names of the templates under `item/`, which show only one article.
    let itemPartials: [String]
    /// A hash of every template's name and text: part of every page's fingerprint.
    let sourceHash: UInt64

    /// Declares the escaping every template uses; put before each template's text.
    private static let contentTypePragma = "{{% CONTENT_TYPE: TOASOAN_HTML}}"
    private static let registerContentType: Void = MustacheContentTypes.register(FastHTMLEscaping(), named: "TOASOAN_HTML")

    public static func load(folder: URL, siteRoot: URL) -> (TemplateSet?, [Diagnostic]) {
        _ = registerContentType
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var names: Set<String> = []
        var hasher = StableHasher()
        let files = FileTree.regularFiles(under: folder).filter { $0.relativePath.hasSuffix(".mustache") }
        for file in files {
            let displayPath = FileTree.relativePath(of: file.url, to: siteRoot)  // `Templates/…`
            let name = String(file.relativePath.dropLast(".mustache".count))
            names.insert(name)
            switch SourceFile.read(at: file.url, relativePath: displayPath) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let source):
                hasher.combine(name)
                hasher.combine(source.text)
                do {
                    library.register(try MustacheTemplate(string: contentTypePragma + source.text), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.append(
                        .error(
                            "template does not parse: \(describe(error.error))",
                            at: .init(
                                file: displayPath, line: error.context.lineNumber,
                                column: error.context.columnNumber + 1
                                    - (error.context.lineNumber == 1 ? contentTypePragma.count : 0))))
                } catch {
                    diagnostics.append(.error("template does not parse: \(error)", at: .init(file: displayPath)))
                }
            }
        }
        let folderPath = FileTree.relativePath(of: folder, to: siteRoot)
        for name in required where !names.contains(name) {
            diagnostics.append(.error("the theme has no \(name).mustache", at: .init(file: folderPath)))
        }
        let set = TemplateSet(
            library: library, names: names.sorted(), sitePartials: names.filter { $0.hasPrefix("site/") }.sorted(),
            itemPartials: names.filter { $0.hasPrefix("item/") }.sorted(), sourceHash: hasher.value)
        return diagnostics.hasErrors ? (nil, diagnostics) : (set, diagnostics)
    }

    /// The set pages are rendered with, where partials that need no page are pasted, not rendered:
    /// - each `site/` template is rendered once with `siteView` (`prerenderedSite`);
    /// - each `item/` template shows one article: it is rendered once per article, on first
    ///   use, by that article's `ArticleSummaryView` (through `items`), however many lists show it.
    ///
    /// Either kind is replaced by a template that pastes the text found under
    /// `prerenderKey(name)` in the context.
    func prerenderingPartials(siteView: some TemplateView) -> (fast: TemplateSet, prerenderedSite: [String: String], items: ItemTemplates) {
        var library = self.library
        var prerenderedSite: [String: String] = [:]
        for name in sitePartials {
            prerenderedSite[Self.prerenderKey(name)] = String(decoding: render(siteView, template: name), as: UTF8.self)
            library.register(Self.pasting(name), named: name)
        }
        for name in itemPartials {
            library.register(Self.pasting(name), named: name)
        }
        var fast = TemplateSet(library: library, names: names, sitePartials: [], itemPartials: [], sourceHash: sourceHash)
        if compiled == nil { fast.compiled = nil }
        return (fast, prerenderedSite, ItemTemplates(templates: self, names: itemPartials, keys: itemPartials.map(Self.prerenderKey)))
    }

    /// A template that pastes the text under `prerenderKey(name)` unescaped.
    private static func pasting(_ name: String) -> MustacheTemplate {
        // The key holds only letters, digits and underscores, so this always parses.
        (try? MustacheTemplate(string: "{{{\(prerenderKey(name))}}}"))!
    }

    static func prerenderKey(_ name: String) -> String {
        "prerendered_" + name.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    init(library: MustacheLibrary, names: [String], sitePartials: [String], itemPartials: [String], sourceHash: UInt64) {
        self.library = library
        self.names = names
        self.sitePartials = sitePartials
        self.itemPartials = itemPartials
        self.sourceHash = sourceHash
        compiled = CompiledTemplates(library: library, names: names)
    }

    /// Renders `view` with the named template, into UTF-8; `capacity` bytes are made room
    /// for at once (a page's size, so it is not copied as it grows).
    func render(_ view: some TemplateView, template name: String, capacity: Int = 0) -> [UInt8] {
        compiled?.render(view, template: name, capacity: capacity) ?? Array(renderWithSwiftMustache(view, template: name).utf8)
    }

    private func renderWithSwiftMustache(_ view: some MustacheParent, template name: String) -> String {
        library.render(ViewReference(view), withTemplate: name) ?? ""
    }

    /// The same templates, rendered by swift-mustache alone (to compare with `CompiledTemplates`).
    func swiftMustacheOnly() -> TemplateSet {
        var set = self
        set.compiled = nil
        return set
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a closing {{/…}} does not match the section it closes"
        case .unfinishedName?: return "a tag is not closed with }}"
        case .expectedSectionEnd?: return "a section {{#…}} is never closed"
        default: return "\(error)"
        }
    }
}

/// HTML escaping for every `{{value}}`: `& < > " '` become entities. Most values (titles,
/// names, dates) hold none of them and are returned untouched, without copying.
struct FastHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        HTMLEscaping.text(text)
    }
}

/// The `item/` templates, for `ArticleSummaryView` to render itself with.
struct ItemTemplates: Sendable {
    /// The set before any partial was replaced.
    let templates: TemplateSet
    /// Template names by the key pages look them up under (`TemplateSet.prerenderKey`).
    /// Template names, and the keys pages look them up under (`TemplateSet.prerenderKey`),
    /// in the same order. A theme has one or two: a list is searched faster than a dictionary.
    let names: [String]
    let keys: [String]

    static let none = ItemTemplates(
        templates: TemplateSet(library: MustacheLibrary(), names: [], sitePartials: [], itemPartials: [], sourceHash: 0),
        names: [], keys: [])
}

/// A view model handed to Mustache by reference. Mustache casts the value it renders to
/// `MustacheParent` for every key it looks up; a large struct would be copied each time.
private final class ViewReference<View: MustacheParent>: MustacheParent {
    let view: View
    init(_ view: View) { self.view = view }
    func child(named name: String) -> Any? { view.child(named: name) }
}
