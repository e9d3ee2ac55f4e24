/// A string as a dictionary key by its UTF-8 bytes. `String`'s own hashing normalizes
/// every Vietnamese (non-ASCII) string to NFC first, for each lookup; for a cache keyed by
/// names as written, byte equality is what is wanted, and many times faster.
struct ExactText: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (left: ExactText, right: ExactText) -> Bool {
        var left = left.text
        var right = right.text
        return left.withUTF8 { left in right.withUTF8 { right in left.elementsEqual(right) } }
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
