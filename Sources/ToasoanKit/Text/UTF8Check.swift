/// One pass over a file's bytes that tells whether they are UTF-8 and whether the text is
/// certainly NFC already, so an article's body can go to cmark as the bytes read, with no
/// String made of it (which would check the bytes once more).
///
/// UTF-8 is checked as the standard defines it (and Swift's `String(validating:)` does): no
/// overlong forms, no surrogates, nothing above U+10FFFF. "Certainly NFC" is the quick rule
/// `TextFolding.needsNormalization` documents: only scalars below U+0300, the precomposed
/// letters U+1E00-U+1EFF and general punctuation U+2010-U+205E.
enum UTF8Check {
    struct Result: Equatable {
        var isValid: Bool
        /// Meaningful only when `isValid`.
        var isCertainlyNFC: Bool
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        guard let base = bytes.baseAddress else { return Result(isValid: true, isCertainlyNFC: true) }
        let end = bytes.count
        var isCertainlyNFC = true
        var index = 0
        @inline(__always) func isContinuation(_ offset: Int) -> Bool { base[offset] & 0xC0 == 0x80 }
        while index < end {
            // Runs of ASCII, eight bytes at a time.
            while index + 8 <= end,
                UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < end else { break }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
            } else if lead < 0xC2 {
                return Result(isValid: false, isCertainlyNFC: false)  // a continuation byte, or overlong
            } else if lead < 0xE0 {
                guard index + 1 < end, isContinuation(index + 1) else { return Result(isValid: false, isCertainlyNFC: false) }
                if lead >= 0xCC { isCertainlyNFC = false }  // U+0300 and above
                index += 2
            } else if lead < 0xF0 {
                guard index + 2 < end, isContinuation(index + 1), isContinuation(index + 2) else {
                    return Result(isValid: false, isCertainlyNFC: false)
                }
                let second = base[index + 1]
                if lead == 0xE0, second < 0xA0 { return Result(isValid: false, isCertainlyNFC: false) }  // overlong
                if lead == 0xED, second >= 0xA0 { return Result(isValid: false, isCertainlyNFC: false) }  // surrogate
                if !(lead == 0xE1 && (0xB8...0xBB).contains(second))
                    && !(lead == 0xE2 && TextFolding.isGeneralPunctuation(second, base[index + 2]))
                {
                    isCertainlyNFC = false
                }
                index += 3
            } else if lead < 0xF5 {
                guard index + 3 < end, isContinuation(index + 1), isContinuation(index + 2), isContinuation(index + 3) else {
                    return Result(isValid: false, isCertainlyNFC: false)
                }
                let second = base[index + 1]
                if lead == 0xF0, second < 0x90 { return Result(isValid: false, isCertainlyNFC: false) }  // overlong
                if lead == 0xF4, second >= 0x90 { return Result(isValid: false, isCertainlyNFC: false) }  // above U+10FFFF
                isCertainlyNFC = false
                index += 4
            } else {
                return Result(isValid: false, isCertainlyNFC: false)
            }
        }
        return Result(isValid: true, isCertainlyNFC: isCertainlyNFC)
    }
}
