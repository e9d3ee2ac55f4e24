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
        let milliseconds = (now - last).components.attoseconds / 1_000_000_000_000_000
            + (now - last).components.seconds * 1000
        FileHandle.standardError.write(Data("timing: \(stage): \(milliseconds) ms\n".utf8))
        last = now
    }
}
