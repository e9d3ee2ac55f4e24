public import Foundation
public import ToasoanKit

/// `toasoan serve`: builds the site into its output folder, serves that folder on
/// 127.0.0.1, and builds again after every change under `Content/` and `Templates/`. Each
/// build is the same incremental `toasoan build`, so what is served is always what a fresh
/// build would write; a failed build leaves the last good pages served and shows its
/// diagnostics in the browser and through `log`.
public final class ServeSession: Sendable {
    public let options: BuildOptions
    public let status = BuildStatus()
    private let server: SiteServer
    private let watcher: SourceWatcher
    private let log: @Sendable (String) -> Void

    public init(options: BuildOptions, port: UInt16, basePath: String, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
        server = SiteServer(outputFolder: options.outputFolder, basePath: basePath, status: status, port: port)
        watcher = SourceWatcher(folders: SourceListing.sourceFolders.map { options.siteRoot.appendingPathComponent($0) })
    }

    /// The base path of the site's `base_url` (`/tapchi/`), which the server serves under.
    public static func basePath(siteRoot: URL, baseURLOverride: String?) -> String {
        let source = SourceFile.read(path: siteRoot.standardizedFileURL.path + "/Content/site.yml", relativePath: "Content/site.yml")
        guard case .success(let file) = source, let config = SiteConfigLoader.load(file, baseURLOverride: baseURLOverride).0
        else { return "/" }
        return config.baseURL.path
    }

    /// Builds once (a usage error, such as an unsafe output folder, is thrown), then serves
    /// and rebuilds until the task is cancelled.
    public func run(onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        // Watching starts first, so an edit made while the first build runs is not missed.
        let changes = watcher.changes()
        do {
            try await build(first: true)
        } catch {
            watcher.stop()
            throw error
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.server.run() }
            group.addTask {
                try await self.server.waitUntilListening()
                if let address = await self.server.address { onListening("http://\(address.host):\(address.port)") }
                for await _ in changes {
                    // Editors save several files at once: let the burst settle, then build once.
                    try? await Task.sleep(for: .milliseconds(80))
                    try await self.build(first: false)
                }
            }
            do {
                try await withTaskCancellationHandler {
                    try await group.next()
                } onCancel: {
                    self.watcher.stop()
                    Task { await self.server.stop() }
                }
            } catch {
                watcher.stop()
                await server.stop()
                throw error
            }
            watcher.stop()
            await server.stop()
            group.cancelAll()
        }
    }

    /// The address it listens on, once listening.
    public var address: (host: String, port: UInt16)? {
        get async { await server.address }
    }

    private func build(first: Bool) async throws {
        await status.buildStarts()
        let start = ContinuousClock.now
        do {
            let report = try await SiteBuilder.build(options)
            let lines = DiagnosticPrinter.lines(for: report.diagnostics)
            if !lines.isEmpty { log(lines.joined(separator: "\n")) }
            let seconds = (ContinuousClock.now - start).secondsText
            if report.succeeded {
                if !report.upToDate {
                    log("\(first ? "Built" : "Rebuilt") in \(seconds) s: \(report.filesWritten) files written, \(report.filesUnchanged) unchanged")
                }
                await status.record(changedFiles: report.filesWritten > 0, errors: [])
            } else {
                log("toasoan: build failed (\(DiagnosticPrinter.summary(for: report.diagnostics) ?? "errors")); still serving the last good build")
                await status.record(changedFiles: false, errors: DiagnosticPrinter.lines(for: report.diagnostics.errors))
            }
        } catch {
            if first { throw error }
            log("toasoan: error: \(error)")
            await status.record(changedFiles: false, errors: ["toasoan: error: \(error)"])
        }
    }
}
