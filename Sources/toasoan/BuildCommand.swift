import ArgumentParser
import Foundation
import ToasoanKit

/// `toasoan build`
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Builds the whole site into the output folder, rewriting only the files that changed.")

    @OptionGroup var siteOptions: SiteOptions

    @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print the time of each stage.")
    var verbose = false

    func run() async throws {
        var options = siteOptions.buildOptions
        options.showsTimings = verbose
        let bar = ProgressBar.make(quiet: quiet)
        if let bar { options.progress = { bar.update($0) } }
        let start = ContinuousClock.now
        let report = try await mappingUsageErrors { try await SiteBuilder.build(options) }
        bar?.clear()
        Terminal.printDiagnostics(report.diagnostics)
        guard report.succeeded else {
            let summary = DiagnosticPrinter.summary(for: report.diagnostics) ?? "errors"
            Terminal.note("toasoan: build failed (\(summary)); \(options.outputFolder.path) was left as it was")
            throw ExitCode(1)
        }
        if !quiet { print(Self.summary(of: report, into: options.outputFolder.path, took: ContinuousClock.now - start)) }
        // Done: the process ends here, without first freeing the site article by article.
        withExtendedLifetime(report) { Foundation.exit(0) }
    }

    /// The one line a build ends with.
    static func summary(of report: BuildReport, into folder: String, took duration: Duration) -> String {
        let seconds = duration.secondsText
        if report.upToDate {
            return "\(folder) is up to date: nothing under Content/ or Templates/ changed (\(seconds) s)"
        }
        let warnings = report.diagnostics.warnings.count
        return "Built \(report.pageCount) pages into \(folder) in \(seconds) s: "
            + "\(report.filesWritten) files written, \(report.filesUnchanged) unchanged"
            + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")
    }
}
