extension StringProtocol {
    /// Without leading and trailing white space (no-break spaces included), scanning Unicode
    /// scalars from both ends: cheap even on a long body.
    func trimmingWhitespace() -> String {
        // Most values start and end with a visible ASCII character: nothing to trim, and no
        // Unicode properties to look up.
        let scalars = unicodeScalars
        if let first = scalars.first, let last = scalars.last, (0x21...0x7E).contains(first.value),
            (0x21...0x7E).contains(last.value)
        {
            return String(self)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(self[first...last])  // one copy of the bytes, not scalar by scalar
    }
}

extension String {
    /// At most `limit` characters from the start. Counted in Unicode scalars, which for the
    /// NFC text toasoan reads are its characters, without looking for grapheme breaks.
    func prefix(scalars limit: Int) -> Substring {
        let scalars = unicodeScalars
        guard utf8.count > limit, let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex)
        else { return self[...] }
        return self[..<end]
    }
}
