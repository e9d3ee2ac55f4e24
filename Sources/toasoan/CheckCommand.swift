import ArgumentParser
import Foundation
import ToasoanKit

/// `toasoan check`
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Reports every problem a build would, and every internal link or media file that leads nowhere; writes nothing.")

    @OptionGroup var siteOptions: SiteOptions

    func run() async throws {
        let diagnostics = try await mappingUsageErrors { try await SiteChecker.check(siteOptions.buildOptions) }
        Terminal.printDiagnostics(diagnostics)
        if diagnostics.hasErrors {
            Terminal.note("toasoan: check found \(DiagnosticPrinter.summary(for: diagnostics) ?? "errors")")
            throw ExitCode(1)
        }
        print("No problems found" + (DiagnosticPrinter.summary(for: diagnostics).map { " but \($0)" } ?? ""))
    }
}
