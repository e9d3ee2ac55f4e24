/// The distinct search words of a text, in the order they first occur, kept as the bytes of
/// one space-separated text: an article's thousand words make one allocation, not a
/// thousand Strings. Words are told apart by a 64-bit hash of their bytes.
enum DistinctWords {
    static func of(utf8 text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var seen = HashSet(capacity: text.count / 16)
        var output = WordBuffer(capacity: text.count / 2 + 64)
        SearchTerms.forEachHashedTerm(inUTF8: text) { word, hash in
            guard seen.insert(hash) else { return }
            output.append(word)
        }
        return output.finish()
    }

    /// The words found so far, one space between two: growing an Array word by word checked
    /// its uniqueness and capacity for each word, 8% of the time `of` took.
    private struct WordBuffer: ~Copyable {
        private var base: UnsafeMutablePointer<UInt8>
        private var capacity: Int
        private var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        @inline(__always) mutating func append(_ word: UnsafeBufferPointer<UInt8>) {
            let needed = count + word.count + 1
            if needed > capacity { grow(needed) }
            if count > 0 {
                base[count] = UInt8(ascii: " ")
                count += 1
            }
            (base + count).initialize(from: word.baseAddress!, count: word.count)
            count += word.count
        }

        private mutating func grow(_ needed: Int) {
            let newCapacity = max(needed, capacity * 2)
            let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            new.initialize(from: base, count: count)
            base.deallocate()
            base = new
            capacity = newCapacity
        }

        consuming func finish() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

        deinit { base.deallocate() }
    }

    /// The words of `text` separated by single spaces.
    static func of(_ text: String) -> String {
        var text = text
        return String(decoding: text.withUTF8 { of(utf8: $0) }, as: UTF8.self)
    }

    /// A set of 64-bit hashes for one text: open addressing with linear probing, indexed by
    /// the hash's own low bits (the keys are hashes already), at most half full. Faster than
    /// `HashNumbering` where no numbers are needed, and freed with the text's words.
    private struct HashSet: ~Copyable {
        /// 0 marks an empty slot; the key 0 is kept aside.
        private var slots: UnsafeMutableBufferPointer<UInt64>
        private var count = 0
        private var hasZero = false

        init(capacity: Int) {
            var size = 256
            while size < capacity * 2 { size *= 2 }
            slots = .allocate(capacity: size)
            slots.initialize(repeating: 0)
        }

        deinit { slots.deallocate() }

        /// Adds `key`; false when it was there already. Inlined into the word loop: as a call
        /// it took 8% more time over the corpus's words.
        @inline(__always) mutating func insert(_ key: UInt64) -> Bool {
            if key == 0 {
                defer { hasZero = true }
                return !hasZero
            }
            guard Self.place(key, in: slots) else { return false }
            count += 1
            if count * 2 > slots.count {
                let old = slots
                slots = .allocate(capacity: old.count * 2)
                slots.initialize(repeating: 0)
                for key in old where key != 0 { _ = Self.place(key, in: slots) }
                old.deallocate()
            }
            return true
        }

        /// Puts `key` in its slot; false when it is there already.
        @inline(__always) private static func place(_ key: UInt64, in slots: UnsafeMutableBufferPointer<UInt64>) -> Bool {
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: key) & mask
            while slots[index] != 0 {
                if slots[index] == key { return false }
                index = (index + 1) & mask
            }
            slots[index] = key
            return true
        }
    }
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
