import ArgumentParser
import Dispatch
import Foundation
import ToasoanKit
import ToasoanServer

/// `toasoan serve [--port 8000]`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Builds the site, serves it on 127.0.0.1 and rebuilds it, reloading open pages, on every change.")

    @Option(name: .shortAndLong, help: "The port to listen on (127.0.0.1 only); 0 takes a free one.")
    var port: UInt16 = 8000

    @OptionGroup var siteOptions: SiteOptions

    func run() async throws {
        let options = siteOptions.buildOptions
        let basePath = ServeSession.basePath(siteRoot: options.siteRoot, baseURLOverride: options.baseURLOverride)
        let session = ServeSession(options: options, port: port, basePath: basePath) { Terminal.note($0) }
        // Ctrl-C (and SIGTERM) stop the server cleanly instead of killing the process; set up
        // before serving starts, so no signal can come first.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stopRequests = AsyncStream<Void>.makeStream()
        let stops = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopRequests.continuation.yield() }
            source.resume()
            return source
        }
        let serving = Task {
            try await session.run { address in
                Terminal.note("Serving \(options.outputFolder.path) at \(address)\(basePath) (Ctrl-C stops)")
            }
        }
        Task {
            for await _ in stopRequests.stream {
                serving.cancel()
                break
            }
        }
        defer { stops.forEach { $0.cancel() } }
        do {
            try await mappingUsageErrors { try await serving.value }
        } catch is CancellationError {}
        Terminal.note("Stopped.")
    }
}
