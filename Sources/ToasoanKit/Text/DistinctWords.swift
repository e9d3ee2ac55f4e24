/// The distinct search words of texts, in the order they first occur, kept as the bytes of
/// one space-separated text: an article's thousand words make one allocation, not a
/// thousand Strings. Words are told apart by a 64-bit hash of their bytes.
struct DistinctWords {
    private var seen = HashNumbering()
    private(set) var bytes: [UInt8] = []

    mutating func add(wordsOf text: String) {
        var text = text
        text.withUTF8 { add(wordsOfUTF8: $0) }
    }

    /// `add(wordsOf:)` for text given as valid UTF-8.
    mutating func add(wordsOfUTF8 text: UnsafeBufferPointer<UInt8>) {
        SearchTerms.forEachTerm(inUTF8: text) { word in
            guard seen.insert(ContentHash.of(UnsafeRawBufferPointer(word))) else { return }
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            bytes.append(contentsOf: word)
        }
    }

    /// The words separated by single spaces.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Numbers 64-bit hashes densely, 0, 1, 2 … in the order they are first seen: open addressing
/// with linear probing, indexed by the hash's own low bits (the keys are hashes already, so
/// `Hasher` would only add work). A set of hashes, and the index of a table keyed by them.
struct HashNumbering {
    /// Key and number + 1 per slot; 0 marks an empty slot.
    private var keys = [UInt64](repeating: 0, count: 1024)
    private var numbers = [Int32](repeating: 0, count: 1024)
    private(set) var count = 0
    private var zeroNumber: Int32?  // the key 0 cannot be stored in a slot

    /// The number of `key`, given it now if it had none.
    mutating func number(for key: UInt64) -> (number: Int, isNew: Bool) {
        if key == 0 {
            if let zeroNumber { return (Int(zeroNumber), false) }
            zeroNumber = Int32(count)
            count += 1
            return (count - 1, true)
        }
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var index = Int(truncatingIfNeeded: key) & mask
        while numbers[index] != 0 {
            if keys[index] == key { return (Int(numbers[index]) - 1, false) }
            index = (index + 1) & mask
        }
        keys[index] = key
        count += 1
        numbers[index] = Int32(count)
        return (count - 1, true)
    }

    /// Adds `key`; false when it was there already.
    mutating func insert(_ key: UInt64) -> Bool {
        number(for: key).isNew
    }

    private mutating func grow() {
        let (oldKeys, oldNumbers) = (keys, numbers)
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        numbers = [Int32](repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for slot in oldKeys.indices where oldNumbers[slot] != 0 {
            var index = Int(truncatingIfNeeded: oldKeys[slot]) & mask
            while numbers[index] != 0 { index = (index + 1) & mask }
            keys[index] = oldKeys[slot]
            numbers[index] = oldNumbers[slot]
        }
    }
}
