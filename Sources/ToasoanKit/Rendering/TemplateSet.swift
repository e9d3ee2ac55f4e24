public import Foundation
import Mustache

/// The theme's Mustache templates (`Templates/**/*.mustache`), parsed once per build.
///
/// Each file is registered under its path without the extension (`article`,
/// `site/sidebar`), which is also its partial name. A template that does not parse is a
/// diagnostic at its line and column, like content errors.
///
/// Two things make rendering fast:
/// - templates under `site/` (masthead, sidebar, footer) show only site-wide values, so they
///   are rendered once per build (`prerenderingSitePartials`) and pasted into every page;
/// - values are escaped by `FastHTMLEscaping`, which returns a text without `& < > " '` as it is.
public struct TemplateSet: Sendable {
    /// Templates a theme must provide: one per page kind, plus the layout they inherit.
    public static let required = ["base", "home", "article", "list", "terms", "issue", "archive", "search", "page", "404"]

    let library: MustacheLibrary
    /// Names of the templates under `site/`.
    let sitePartials: [String]
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
        let sitePartials = names.filter { $0.hasPrefix("site/") }.sorted()
        return diagnostics.hasErrors
            ? (nil, diagnostics)
            : (TemplateSet(library: library, sitePartials: sitePartials, sourceHash: hasher.value), diagnostics)
    }

    /// Renders each `site/` template once with `view` and returns a set in which each of them
    /// is replaced by a template that pastes that text (from `view`'s key `prerenderKey(name)`).
    func prerenderingSitePartials(with view: Any) -> (TemplateSet, [String: String]) {
        var library = self.library
        var rendered: [String: String] = [:]
        for name in sitePartials {
            rendered[Self.prerenderKey(name)] = render(view, template: name)
            // The key holds only letters and underscores, so this always parses.
            library.register((try? MustacheTemplate(string: "{{{\(Self.prerenderKey(name))}}}"))!, named: name)
        }
        return (TemplateSet(library: library, sitePartials: [], sourceHash: sourceHash), rendered)
    }

    static func prerenderKey(_ name: String) -> String {
        "prerendered_" + name.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// Renders `view` (a view model conforming to `MustacheParent`) with the named template.
    public func render(_ view: Any, template name: String) -> String {
        library.render(view, withTemplate: name) ?? ""
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
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        return HTMLEscaping.text(text)
    }
}
