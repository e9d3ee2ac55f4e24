/// One pass over a file's bytes that tells whether they are UTF-8 and whether the text is
/// certainly NFC already, so an article's body can go to cmark as the bytes read, with no
/// String made of it (which would check the bytes once more).
///
/// UTF-8 is checked as the standard defines it (and Swift's `String(validating:)` does): no
/// overlong forms, no surrogates, nothing above U+10FFFF. "Certainly NFC" is the quick rule
/// `TextFolding.needsNormalization` documents: only scalars below U+0300, the precomposed
/// letters U+1E00-U+1EFF and general punctuation U+2010-U+205E.
///
/// Two small automata read the bytes side by side, one for each question, with no branch per
/// byte: Vietnamese text mixes one-, two- and three-byte letters at random, and a check that
/// branched on each lead byte spent most of its time on mispredictions (84 → 32 ms for the
/// 77 MB of the 10,000-article corpus). They are "shift" automata: a state is a bit offset,
/// and each byte has one 64-bit row holding, in six bits per state, the state it leads to, so
/// one step is `row[byte] >> state` (the shift uses only the low six bits, so the bits above
/// the next state need no masking).
enum UTF8Check {
    struct Result: Equatable {
        var isValid: Bool
        /// Meaningful only when `isValid`.
        var isCertainlyNFC: Bool
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        guard let base = bytes.baseAddress else { return Result(isValid: true, isCertainlyNFC: true) }
        var validity = Validity.accept.rawValue
        var normalForm = NormalForm.accept.rawValue
        rows.withUnsafeBufferPointer { rows in
            let validityRows = rows.baseAddress!
            let normalFormRows = validityRows + 256
            for index in 0..<bytes.count {
                let byte = Int(base[index])
                validity = validityRows[byte] &>> validity
                normalForm = normalFormRows[byte] &>> normalForm
            }
        }
        let isValid = validity & 63 == Validity.accept.rawValue
        return Result(isValid: isValid, isCertainlyNFC: isValid && normalForm & 63 == NormalForm.accept.rawValue)
    }

    /// Where a UTF-8 check stands between bytes.
    enum Validity: UInt64, CaseIterable {
        case accept = 0, invalid = 6
        /// Continuation bytes still expected.
        case needs1 = 12, needs2 = 18, needs3 = 24
        /// After E0 (A0-BF next: no overlong form), ED (80-9F: no surrogate), F0 (90-BF: no
        /// overlong form) and F4 (80-8F: nothing above U+10FFFF).
        case afterE0 = 30, afterED = 36, afterF0 = 42, afterF4 = 48

        func next(_ byte: UInt8) -> Validity {
            let isContinuation = (0x80...0xBF).contains(byte)
            switch self {
            case .accept:
                switch byte {
                case 0x00...0x7F: return .accept
                case 0xC2...0xDF: return .needs1
                case 0xE0: return .afterE0
                case 0xED: return .afterED
                case 0xE1...0xEF: return .needs2
                case 0xF0: return .afterF0
                case 0xF1...0xF3: return .needs3
                case 0xF4: return .afterF4
                default: return .invalid
                }
            case .invalid: return .invalid
            case .needs1: return isContinuation ? .accept : .invalid
            case .needs2: return isContinuation ? .needs1 : .invalid
            case .needs3: return isContinuation ? .needs2 : .invalid
            case .afterE0: return (0xA0...0xBF).contains(byte) ? .needs1 : .invalid
            case .afterED: return (0x80...0x9F).contains(byte) ? .needs1 : .invalid
            case .afterF0: return (0x90...0xBF).contains(byte) ? .needs2 : .invalid
            case .afterF4: return (0x80...0x8F).contains(byte) ? .needs2 : .invalid
            }
        }
    }

    /// Where the "certainly NFC" rule stands between bytes, on text known to be valid UTF-8.
    enum NormalForm: UInt64, CaseIterable {
        case accept = 0
        /// A scalar outside the rule was seen.
        case notCertain = 6
        /// Continuation bytes of an allowed scalar still to pass.
        case skip1 = 12
        /// After E1 (B8-BB next: U+1E00-U+1EFF), E2 (80 or 81: U+2000-U+207F), E2 80 (90-BF:
        /// U+2010-U+203F) and E2 81 (80-9E: U+2040-U+205E).
        case afterE1 = 18, afterE2 = 24, afterE280 = 30, afterE281 = 36

        func next(_ byte: UInt8) -> NormalForm {
            switch self {
            case .accept:
                switch byte {
                case 0x00...0x7F: return .accept
                case 0xC2...0xCB: return .skip1  // below U+0300
                case 0xE1: return .afterE1
                case 0xE2: return .afterE2
                default: return .notCertain
                }
            case .notCertain: return .notCertain
            case .skip1: return .accept
            case .afterE1: return (0xB8...0xBB).contains(byte) ? .skip1 : .notCertain
            case .afterE2: return byte == 0x80 ? .afterE280 : byte == 0x81 ? .afterE281 : .notCertain
            case .afterE280: return (0x90...0xBF).contains(byte) ? .accept : .notCertain
            case .afterE281: return (0x80...0x9E).contains(byte) ? .accept : .notCertain
            }
        }
    }

    /// 256 rows for `Validity`, then 256 for `NormalForm`.
    private static let rows: [UInt64] = {
        var rows = [UInt64](repeating: 0, count: 512)
        for byte in 0...255 {
            for state in Validity.allCases {
                rows[byte] |= state.next(UInt8(byte)).rawValue << state.rawValue
            }
            for state in NormalForm.allCases {
                rows[256 + byte] |= state.next(UInt8(byte)).rawValue << state.rawValue
            }
        }
        return rows
    }()
}
