public import Foundation
import Mustache

/// The theme's Mustache templates (`Templates/**/*.mustache`), parsed once per build.
///
/// Each file is registered under its path without the extension (`article`,
/// `partials/sidebar`), which is also its partial name. A template that does not parse is a
/// diagnostic at its line and column, like content errors.
public struct TemplateSet: Sendable {
    /// Templates a theme must provide: one per page kind, plus the layout they inherit.
    public static let required = ["base", "home", "article", "list", "terms", "issue", "archive", "search", "page", "404"]

    let library: MustacheLibrary

    public static func load(folder: URL, siteRoot: URL) -> (TemplateSet?, [Diagnostic]) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var names: Set<String> = []
        let files = FileTree.regularFiles(under: folder).filter { $0.relativePath.hasSuffix(".mustache") }
        for file in files {
            let displayPath = FileTree.relativePath(of: file.url, to: siteRoot)
            let name = String(file.relativePath.dropLast(".mustache".count))
            names.insert(name)
            switch SourceFile.read(at: file.url, relativePath: displayPath) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let source):
                do {
                    library.register(try MustacheTemplate(string: source.text), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.append(
                        .error(
                            "template does not parse: \(describe(error.error))",
                            at: .init(file: displayPath, line: error.context.lineNumber, column: error.context.columnNumber + 1)))
                } catch {
                    diagnostics.append(.error("template does not parse: \(error)", at: .init(file: displayPath)))
                }
            }
        }
        let folderPath = FileTree.relativePath(of: folder, to: siteRoot)
        for name in required where !names.contains(name) {
            diagnostics.append(.error("the theme has no \(name).mustache", at: .init(file: folderPath)))
        }
        return diagnostics.hasErrors ? (nil, diagnostics) : (TemplateSet(library: library), diagnostics)
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
