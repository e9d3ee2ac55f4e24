/// What the open pages learn about builds while serving: a generation number that goes up
/// with every rebuild that changed something, and the diagnostics of the last build when it
/// failed (shown over the page until a build succeeds).
public actor BuildStatus {
    public struct Snapshot: Sendable, Equatable {
        public var generation: Int
        /// Diagnostic lines of the failed build; empty after a good one.
        public var errors: [String]
    }

    public private(set) var snapshot = Snapshot(generation: 0, errors: [])
    /// Builds finished so far, whether they changed anything or not.
    public private(set) var builds = 0

    public init() {}

    /// Records a finished build: a new generation when it changed files or its errors.
    func record(changedFiles: Bool, errors: [String]) {
        builds += 1
        guard changedFiles || errors != snapshot.errors else { return }
        snapshot = Snapshot(generation: snapshot.generation + 1, errors: errors)
    }

    /// Returns once more than `count` builds have finished, or after `timeout`.
    public func waitForBuild(after count: Int, timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while builds <= count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The snapshot as soon as its generation differs from `since`, or as it is after `timeout`.
    public func wait(since: Int, timeout: Duration) async -> Snapshot {
        let deadline = ContinuousClock.now + timeout
        while snapshot.generation == since, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            if Task.isCancelled { break }
        }
        return snapshot
    }
}
