/// A small length-prefixed binary form for toasoan's own caches: far faster to read than
/// JSON for the tens of thousands of records of a large site, and no dependency.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    /// A writer with room for `capacity` bytes, so a large file is not copied as it grows.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }
    mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }
    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }

    mutating func write(_ value: Int?) {
        write(value != nil)
        if let value { write(value) }
    }

    mutating func write(bytes: some Collection<UInt8>) {
        write(bytes.count)
        self.bytes += bytes
    }

    /// Appends bytes another writer wrote or a `BinaryReader` read, as they are.
    mutating func append(raw: some Collection<UInt8>) {
        bytes += raw
    }

    /// A count, then strictly ascending non-negative numbers as the gaps between them (the
    /// first from -1), seven bits a byte, the high bit set on all but a gap's last byte:
    /// the search index's millions of article numbers take about one byte each.
    mutating func write(ascending numbers: [Int32]) {
        write(numbers.count)
        var previous: Int64 = -1
        for number in numbers {
            var gap = UInt64(Int64(number) - previous)
            previous = Int64(number)
            while gap >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: gap) | 0x80)
                gap >>= 7
            }
            bytes.append(UInt8(gap))
        }
    }

    mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }

    /// Forgets what was written, keeping the room (see `StreamedFile.append`).
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Reads what `BinaryWriter` wrote; every read fails (nil) past the end, so a truncated or
/// foreign file is simply not used.
struct BinaryReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = min(max(0, position), bytes.count)
    }

    var isAtEnd: Bool { position == bytes.count }

    /// How many bytes have been read.
    var offset: Int { position }

    /// The bytes read since `start` (an earlier `offset`), as they are.
    func bytesRead(since start: Int) -> ArraySlice<UInt8> { bytes[start..<position] }

    mutating func uint64() -> UInt64? {
        guard position + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for offset in (0..<8).reversed() { value = value << 8 | UInt64(bytes[position + offset]) }
        position += 8
        return value
    }

    mutating func int() -> Int? { uint64().map { Int(Int64(bitPattern: $0)) } }
    mutating func int64() -> Int64? { uint64().map { Int64(bitPattern: $0) } }

    mutating func bool() -> Bool? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position] != 0
    }

    mutating func string() -> String? {
        guard let count = int(), count >= 0, position + count <= bytes.count else { return nil }
        defer { position += count }
        return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
    }

    /// The UTF-8 of a string written by `write(_: String)`, not yet checked nor copied: a
    /// slice of the bytes read.
    mutating func utf8Slice() -> ArraySlice<UInt8>? {
        guard let count = int(), count >= 0, position + count <= bytes.count else { return nil }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// Bytes written by `write(bytes:)`, copied as they are (a String would be validated).
    mutating func byteArray() -> [UInt8]? {
        guard let count = int(), count >= 0, position + count <= bytes.count else { return nil }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// Numbers written by `write(ascending:)`; nil unless each is below `limit` (and so
    /// each gap at least 1, below 2^32).
    mutating func ascending(below limit: Int) -> [Int32]? {
        guard let count = int(), count >= 0, count <= bytes.count - position, count <= limit else { return nil }
        var numbers: [Int32] = []
        numbers.reserveCapacity(count)
        let end = bytes.withUnsafeBufferPointer { buffer -> Int? in
            var offset = position
            var previous: Int64 = -1
            for _ in 0..<count {
                var gap: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    guard offset < buffer.count, shift < 35 else { return nil }
                    let byte = buffer[offset]
                    offset += 1
                    gap |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { break }
                    shift += 7
                }
                let number = previous + Int64(gap)
                guard gap >= 1, number < Int64(limit) else { return nil }
                numbers.append(Int32(number))
                previous = number
            }
            return offset
        }
        guard let end else { return nil }
        position = end
        return numbers
    }

    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        return present ? string().map { .some($0) } : .some(nil)
    }

    mutating func optionalInt() -> Int?? {
        guard let present = bool() else { return nil }
        return present ? int().map { .some($0) } : .some(nil)
    }

    mutating func strings() -> [String]? {
        guard let count = int(), count >= 0, count <= bytes.count else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count {
            guard let text = string() else { return nil }
            texts.append(text)
        }
        return texts
    }
}
