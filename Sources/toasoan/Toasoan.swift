import ArgumentParser
import Foundation
import ToasoanKit

/// `toasoan`: the command line. Exit status: 0 success (warnings allowed), 1 content
/// errors, 2 usage errors.
@main
struct Toasoan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toasoan",
        abstract: "Builds the journal's static site from Markdown articles and Mustache templates.",
        subcommands: [Build.self],
        defaultSubcommand: nil)

    /// Parses and runs, mapping every usage error (ArgumentParser's included) to exit status 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let error as UsageFailure {
            FileHandle.standardError.write(Data("toasoan: error: \(error.message)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// A mistake in how toasoan was called (exit status 2).
struct UsageFailure: Error {
    let message: String
}

extension Toasoan {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds the whole site into the output folder, replacing it in one step.")

        @Option(name: .long, help: "The site folder, holding Content/ and Templates/.")
        var site: String = "."

        @Option(name: .long, help: "Where to write the site (default: SITE/Output).")
        var output: String?

        @Option(name: .customLong("base-url"), help: "The public address, overriding site.yml's base_url.")
        var baseURL: String?

        @Flag(name: .long, help: "Also build articles marked draft: true.")
        var drafts = false

        func run() async throws {
            let siteRoot = URL(fileURLWithPath: site)
            let options = BuildOptions(
                siteRoot: siteRoot, outputFolder: output.map { URL(fileURLWithPath: $0) },
                baseURLOverride: baseURL, includeDrafts: drafts)
            let start = Date()
            let report: BuildReport
            do {
                report = try await SiteBuilder.build(options)
            } catch let error as SiteLoader.UsageError {
                throw UsageFailure(message: error.description)
            } catch let error as SiteBuilder.UsageError {
                throw UsageFailure(message: error.description)
            }
            let messages = DiagnosticPrinter.lines(for: report.diagnostics)
            if !messages.isEmpty {
                FileHandle.standardError.write(Data((messages.joined(separator: "\n") + "\n").utf8))
            }
            if !report.succeeded {
                let summary = DiagnosticPrinter.summary(for: report.diagnostics) ?? "errors"
                FileHandle.standardError.write(
                    Data("toasoan: build failed (\(summary)); \(options.outputFolder.path) was left as it was\n".utf8))
                throw ExitCode(1)
            }
            let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
            if report.upToDate {
                print("\(options.outputFolder.path) is up to date: nothing under Content/ or Templates/ changed (\(seconds) s)")
                return
            }
            let warnings = report.diagnostics.warnings.count
            print(
                "Built \(report.pageCount) pages into \(options.outputFolder.path) in \(seconds) s: "
                    + "\(report.filesWritten) files written, \(report.filesUnchanged) unchanged"
                    + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
        }
    }
}
