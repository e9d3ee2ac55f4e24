import Synchronization

/// How far a long stage of a build is, for a terminal's progress bar.
public struct BuildProgress: Sendable {
    /// "reading articles" or "writing pages".
    public var stage: String
    public var done: Int
    public var total: Int
}

/// Counts the finished items of one stage from any worker and reports every hundredth of it.
final class ProgressCounter: Sendable {
    private let stage: String
    private let total: Int
    private let report: @Sendable (BuildProgress) -> Void
    private let done = Atomic<Int>(0)

    init?(_ stage: String, total: Int, report: (@Sendable (BuildProgress) -> Void)?) {
        guard let report, total > 0 else { return nil }
        self.stage = stage
        self.total = total
        self.report = report
    }

    func step() {
        let now = done.add(1, ordering: .relaxed).newValue
        if now == total || now % max(1, total / 100) == 0 {
            report(BuildProgress(stage: stage, done: now, total: total))
        }
    }
}
