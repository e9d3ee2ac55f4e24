import ArgumentParser
import Foundation
import ToasoanKit

/// `toasoan new "Tiêu đề" --category X [--issue "Số 3 - 2024"]`
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Creates an article file with its front matter filled in (never replaces one).")

    @Argument(help: "The article's title.")
    var title: String

    @Option(name: .long, help: "Its category, by name (with or without diacritics) or slug.")
    var category: String

    @Option(name: .long, help: "The print issue it appears in, such as \"Số 3 - 2024\".")
    var issue: String?

    @Option(name: .long, help: "The site folder, holding Content/ and Templates/.")
    var site: String = "."

    func run() async throws {
        do {
            let path = try NewArticle.create(
                .init(siteRoot: URL(fileURLWithPath: site), title: title, category: category, issue: issue))
            print("Created \(path)")
        } catch {
            throw UsageFailure(message: error.description)
        }
    }
}
