import Foundation
import Glibc
import Synchronization
import ToasoanKit

/// What toasoan prints: diagnostics and messages on standard error, results on standard
/// output, and a progress bar only when standard error is a terminal (never control
/// characters into a file or a pipe).
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) == 1

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("toasoan: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        let lines = DiagnosticPrinter.lines(for: diagnostics)
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// A one-line progress bar on standard error, redrawn at most every 50 ms.
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw = ContinuousClock.now - .seconds(1)
        var shown = false
    }
    private let state = Mutex(State())

    /// A bar when standard error is a terminal and output is wanted; else nil.
    static func make(quiet: Bool) -> ProgressBar? {
        quiet || !Terminal.isInteractive ? nil : ProgressBar()
    }

    func update(_ progress: BuildProgress) {
        state.withLock { state in
            let now = ContinuousClock.now
            guard progress.done == progress.total || now - state.lastDraw >= .milliseconds(50) else { return }
            state.lastDraw = now
            state.shown = true
            let width = 30
            let filled = progress.total == 0 ? width : width * progress.done / progress.total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let percent = progress.total == 0 ? 100 : 100 * progress.done / progress.total
            FileHandle.standardError.write(
                Data("\r\u{1B}[2K\(bar) \(percent)% \(progress.stage) \(progress.done)/\(progress.total)".utf8))
        }
    }

    /// Erases the bar, so the summary stands alone.
    func clear() {
        state.withLock { state in
            if state.shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            state.shown = false
        }
    }
}
