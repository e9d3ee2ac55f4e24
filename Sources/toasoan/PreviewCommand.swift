import ArgumentParser
import Foundation
import ToasoanKit

/// `toasoan preview FILE.md [-o FILE.html]`
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Renders one article's page as the site will show it, without building the site.")

    @Argument(help: "The article file (Content/articles/….md).")
    var file: String

    @Option(name: [.customShort("o"), .customLong("to")], help: "Write the page to this file instead of standard output.")
    var pageFile: String?

    @OptionGroup var siteOptions: SiteOptions

    func run() async throws {
        let options = siteOptions.buildOptions
        let result = try await mappingUsageErrors {
            try await ArticlePreview.render(article: URL(fileURLWithPath: file), options: options)
        }
        Terminal.printDiagnostics(result.diagnostics)
        guard let html = result.html else {
            Terminal.error("no preview: \(DiagnosticPrinter.summary(for: result.diagnostics) ?? "errors")")
            throw ExitCode(1)
        }
        if let pageFile {
            do {
                try Data(html.utf8).write(to: URL(fileURLWithPath: pageFile))
            } catch {
                throw UsageFailure(message: "cannot write \(pageFile): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(html.utf8))
        }
        if result.diagnostics.hasErrors { throw ExitCode(1) }
        // Done: the process ends here, without first freeing the ten thousand articles of
        // the site one by one (a good part of a preview's time on a large site).
        withExtendedLifetime(result) { Foundation.exit(0) }
    }
}
