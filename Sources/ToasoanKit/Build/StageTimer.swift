import Foundation

/// Wall time of each build stage, printed to standard error when `TOASOAN_TIMINGS` is set:
/// the first thing to look at before optimising (see README, "Performance").
struct StageTimer {
    private let enabled: Bool
    private var last = ContinuousClock.now

    init(enabled: Bool = false) {
        self.enabled = enabled || ProcessInfo.processInfo.environment["TOASOAN_TIMINGS"] != nil
    }

    /// Records the time since the previous lap under `stage`.
    mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        FileHandle.standardError.write(Data("timing: \(stage): \((now - last).milliseconds) ms\n".utf8))
        last = now
    }

    /// Prints `text` among the stages' times.
    func note(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("timing: \(text)\n".utf8))
    }
}

extension Duration {
    /// Whole milliseconds.
    public var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Seconds with two decimals, as the command line prints times: `0.42`.
    public var secondsText: String {
        String(format: "%.2f", Double(components.seconds) + Double(components.attoseconds) / 1e18)
    }
}
