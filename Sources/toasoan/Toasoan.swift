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
        subcommands: [BuildCommand.self, ServeCommand.self, PreviewCommand.self, CheckCommand.self, NewCommand.self],
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


/// The options every command that reads the site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder, holding Content/ and Templates/.")
    var site: String = "."

    @Option(name: .long, help: "Where the site is written (default: SITE/Output).")
    var output: String?

    @Option(name: .customLong("base-url"), help: "The public address, overriding site.yml's base_url.")
    var baseURL: String?

    @Flag(name: .long, help: "Also build articles marked draft: true.")
    var drafts = false

    var buildOptions: BuildOptions {
        BuildOptions(
            siteRoot: URL(fileURLWithPath: site), outputFolder: output.map { URL(fileURLWithPath: $0) },
            baseURLOverride: baseURL, includeDrafts: drafts)
    }
}

/// Runs `body`, turning the engine's usage errors into `UsageFailure` (exit status 2).
func mappingUsageErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as SiteLoader.UsageError {
        throw UsageFailure(message: error.description)
    } catch let error as SiteBuilder.UsageError {
        throw UsageFailure(message: error.description)
    } catch let error as ArticlePreview.UsageError {
        throw UsageFailure(message: error.description)
    }
}
