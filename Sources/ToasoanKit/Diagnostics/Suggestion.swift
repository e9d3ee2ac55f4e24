/// Finds the value an editor probably meant, for "did you mean" hints.
///
/// Candidates are compared in their folded form (no diacritics, lower case), so `Thoi su`
/// finds `Thời sự - Chính trị`: a folded prefix match wins, otherwise the smallest edit
/// distance within a third of the word's length.
public enum Suggestion {
    public static func nearest(to input: String, among candidates: [String]) -> String? {
        let folded = TextFolding.searchKey(input)
        guard !folded.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let foldedCandidate = TextFolding.searchKey(candidate)
            if foldedCandidate == folded { return candidate }
            if foldedCandidate.hasPrefix(folded) && folded.count >= 3 {
                let distance = 0
                if best == nil || distance < best!.distance { best = (candidate, distance) }
                continue
            }
            let distance = editDistance(Array(folded.unicodeScalars), Array(foldedCandidate.unicodeScalars))
            let limit = max(2, max(folded.count, foldedCandidate.count) / 3)
            if distance <= limit, best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
