import Synchronization

/// A text that may still be the UTF-8 bytes it was read from, made a `String` (checked and
/// repaired as `String(decoding:)` does) the first time it is asked for. A preview reads the
/// leads of ten thousand articles from the last build's snapshot and shows a dozen.
final class DeferredText: Sendable {
    private enum State {
        case text(String)
        case utf8(ArraySlice<UInt8>)
    }

    private let state: Mutex<State>

    init(_ text: String) { state = Mutex(.text(text)) }

    /// `bytes` are kept as they are (a slice shares its array's storage) until first read.
    init(utf8 bytes: ArraySlice<UInt8>) { state = Mutex(.utf8(bytes)) }

    /// Folds the text into `hasher` as its UTF-8, without making the String (the bytes as
    /// read stand for the text they decode to).
    func combine(into hasher: inout StableHasher) {
        state.withLock { state in
            switch state {
            case .text(var text): text.withUTF8 { hasher.combine(utf8: UnsafeRawBufferPointer($0)) }
            case .utf8(let bytes): bytes.withUnsafeBytes { hasher.combine(utf8: $0) }
            }
        }
    }

    var text: String {
        state.withLock { state in
            switch state {
            case .text(let text): return text
            case .utf8(let bytes):
                let text = String(decoding: bytes, as: UTF8.self)
                state = .text(text)
                return text
            }
        }
    }
}
