import Dispatch
import Synchronization

/// Maps over an array with a task group, in contiguous chunks, and returns the results in
/// input order: the same output whatever the number of workers.
enum ParallelMap {
    /// Chunks per worker: many, so a worker that finishes early takes another chunk instead
    /// of waiting for the slowest (articles differ fivefold in length; with 8, the last chunk
    /// of a 10,000-article load left one core idle for about 40 ms).
    static let chunksPerWorker = 32

    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], workers: Int, _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        guard workers > 1, elements.count > 1 else { return elements.map(transform) }
        let chunks = min(elements.count, workers * chunksPerWorker)
        let chunkSize = (elements.count + chunks - 1) / chunks
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for (chunkIndex, start) in stride(from: 0, to: elements.count, by: chunkSize).enumerated() {
                let chunk = elements[start..<min(start + chunkSize, elements.count)]
                group.addTask { (chunkIndex, chunk.map(transform)) }
            }
            var chunks: [(Int, [Result])] = []
            for await chunk in group { chunks.append(chunk) }
            return chunks.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// `body(0)` … `body(count - 1)` side by side on the machine's cores, from synchronous
    /// code; the results in index order.
    static func perform<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        let results = Mutex<[Result?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = body(index)
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.map { $0! } }
    }
}
