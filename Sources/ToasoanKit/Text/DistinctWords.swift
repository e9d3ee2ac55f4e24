/// The distinct search words of texts, in the order they first occur, kept as the bytes of
/// one space-separated text: an article's thousand words make one allocation, not a
/// thousand Strings. Words are told apart by a 64-bit hash of their bytes.
struct DistinctWords {
    private var seen = HashSet64()
    private(set) var bytes: [UInt8] = []

    mutating func add(wordsOf text: String) {
        SearchTerms.forEachTerm(in: text) { word in
            guard seen.insert(ContentHash.of(UnsafeRawBufferPointer(word))) else { return }
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            bytes.append(contentsOf: word)
        }
    }

    /// The words separated by single spaces.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A set of 64-bit hashes: open addressing with linear probing, indexed by the hash's own
/// low bits (the values are hashes already, so `Hasher` would only add work).
struct HashSet64 {
    private var slots = [UInt64](repeating: 0, count: 1024)
    private var count = 0
    private var hasZero = false  // 0 marks an empty slot, so it is kept aside

    /// Adds `value`; false when it was there already.
    mutating func insert(_ value: UInt64) -> Bool {
        if value == 0 {
            defer { hasZero = true }
            return !hasZero
        }
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: value) & mask
        while slots[index] != 0 {
            if slots[index] == value { return false }
            index = (index + 1) & mask
        }
        slots[index] = value
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for value in old where value != 0 {
            var index = Int(truncatingIfNeeded: value) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = value
        }
    }
}
