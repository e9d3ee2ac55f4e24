import Testing

@testable import ToasoanKit

@Suite struct ParallelMapTests {
    /// Results made in their slots by several workers come back in input order, each once,
    /// as a serial map gives them (results that hold references, so a copy or a double free
    /// would show).
    @Test(arguments: [1, 2, 3, 8])
    func resultsComeInInputOrder(workers: Int) async {
        let numbers = Array(0..<5_003)
        let results = await ParallelMap.map(numbers, workers: workers) { number in
            (text: "số \(number)", list: [number, number * 2])
        }
        #expect(results.count == numbers.count)
        #expect(results.map(\.text) == numbers.map { "số \($0)" })
        #expect(results.map(\.list) == numbers.map { [$0, $0 * 2] })
    }

    @Test func anEmptyOrSingleInputNeedsNoWorkers() async {
        #expect(await ParallelMap.map([Int](), workers: 4) { $0 }.isEmpty)
        #expect(await ParallelMap.map([7], workers: 4) { "\($0)" } == ["7"])
    }

    /// `perform` gathers its results the same way, from synchronous code.
    @Test func performGivesResultsInIndexOrder() {
        #expect(ParallelMap.perform(0) { "\($0)" }.isEmpty)
        #expect(ParallelMap.perform(1_001) { "số \($0)" } == (0..<1_001).map { "số \($0)" })
    }
}
