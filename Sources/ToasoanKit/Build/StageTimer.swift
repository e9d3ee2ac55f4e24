import Foundation

/// Wall time of each build stage, and the CPU time the process spent in it (all threads,
/// user and system), printed to standard error when `TOASOAN_TIMINGS` is set: the first thing
/// to look at before optimising (see README, "Performance"). A stage whose CPU time is near
/// its wall time ran on one core only.
struct StageTimer {
    private let enabled: Bool
    private var last = ContinuousClock.now
    private var lastCPU: Int64 = 0

    init(enabled: Bool = false) {
        self.enabled = enabled || ProcessInfo.processInfo.environment["TOASOAN_TIMINGS"] != nil
        if self.enabled { lastCPU = Self.processCPUTime() }
    }

    /// Records the time since the previous lap under `stage`.
    mutating func lap(_ stage: String) {
        guard enabled else { return }
        let (now, cpu) = (ContinuousClock.now, Self.processCPUTime())
        FileHandle.standardError.write(
            Data("timing: \(stage): \((now - last).milliseconds) ms (CPU \((cpu - lastCPU) / 1_000_000) ms)\n".utf8))
        (last, lastCPU) = (now, cpu)
    }

    /// User and system time of the whole process so far, in nanoseconds.
    private static func processCPUTime() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
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
