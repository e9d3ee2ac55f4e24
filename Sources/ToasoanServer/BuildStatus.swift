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
    /// Builds started so far; one is running when it is more than `builds`.
    public private(set) var started = 0

    func buildStarts() {
        started += 1
    }

    public init() {}

    /// Records a finished build: a new generation when it changed files or its errors.
    func record(changedFiles: Bool, errors: [String]) {
        builds += 1
        guard changedFiles || errors != snapshot.errors else { return }
        snapshot = Snapshot(generation: snapshot.generation + 1, errors: errors)
    }

    /// Returns once a build started after `count` builds had started has finished and no
    /// other has started for `quiet` (one save can make several file events), or after `timeout`.
    public func waitUntilSettled(afterStarted count: Int, quiet: Duration = .milliseconds(300), timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if started > count, builds == started {
                let seen = started
                try? await Task.sleep(for: quiet)
                if started == seen, builds == started { return }
            } else {
                try? await Task.sleep(for: .milliseconds(20))
            }
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
