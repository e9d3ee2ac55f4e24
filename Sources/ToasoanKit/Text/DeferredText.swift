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
