/// A fast 64-bit hash of file contents, to tell whether a page's bytes changed since the last
/// build. Eight bytes at a time with a multiply-and-fold mix (in the manner of wyhash), in
/// four independent lanes over long inputs so the multiplies overlap (a build hashes every
/// body and every written file, some 360 MB): stable across runs and machines, unlike
/// `Hasher`, and not meant to resist attacks.
enum ContentHash {
    static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    private static let prime1: UInt64 = 0xA076_1D64_78BD_642F
    private static let prime2: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state: UInt64 = seed ^ UInt64(bytes.count)
        var offset = 0
        if bytes.count >= 64 {
            var lanes = (state, state ^ prime2, state ^ prime1, ~state)
            while offset + 32 <= bytes.count {
                lanes.0 = mix(lanes.0 ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self), prime1)
                lanes.1 = mix(lanes.1 ^ bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self), prime1)
                lanes.2 = mix(lanes.2 ^ bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self), prime1)
                lanes.3 = mix(lanes.3 ^ bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self), prime1)
                offset += 32
            }
            state = mix(mix(lanes.0 ^ lanes.1, prime2) ^ mix(lanes.2 ^ lanes.3, prime1), prime2)
        }
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state = mix(state ^ word, prime1)
            offset += 8
        }
        // The last 0-7 bytes, little-endian. From 4 bytes on, two overlapping 4-byte loads
        // (most search words are that short, and hashed one by one).
        let remaining = bytes.count - offset
        var tail: UInt64 = 0
        if remaining >= 4 {
            let low = UInt64(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
            let high = UInt64(bytes.loadUnaligned(fromByteOffset: offset + remaining - 4, as: UInt32.self).littleEndian)
            tail = low | high << UInt64(8 * (remaining - 4))
        } else {
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
        }
        return mix(mix(state ^ tail, prime2), prime1)
    }

    /// `of(bytes)` for fewer than eight bytes given packed little-endian in `packed` (the
    /// search-word tokenizer packs most words in a register as it folds them).
    @inline(__always)
    static func ofShort(_ packed: UInt64, count: Int) -> UInt64 {
        mix(mix(seed ^ UInt64(count) ^ packed, prime2), prime1)
    }

    /// 128-bit product folded to 64 bits.
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
