import Testing

@testable import ToasoanKit

@Suite struct StringTrimmingTests {
    /// Values that start and end with visible ASCII take a short way; the rest are scanned
    /// scalar by scalar. Both must give what trimming every Unicode white space gives.
    @Test(arguments: [
        ("Xây dựng Đảng", "Xây dựng Đảng"),
        ("x", "x"),
        ("  x  ", "x"),
        ("\tx\n", "x"),
        ("\u{00A0}Đảng\u{00A0}", "Đảng"),
        ("a\u{00A0}", "a"),
        ("\u{2003}b", "b"),
        ("Đảng", "Đảng"),
        ("a b", "a b"),
        ("", ""),
        (" ", ""),
        ("\u{00A0}\u{3000}", ""),
        ("~x!", "~x!"),
    ])
    func trimsEveryWhiteSpaceAtBothEnds(text: String, trimmed: String) {
        #expect(text.trimmingWhitespace() == trimmed)
        #expect(text[...].trimmingWhitespace() == trimmed)
        let reference = String(
            String.UnicodeScalarView(
                text.unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed()))
        #expect(text.trimmingWhitespace() == reference)
    }
}
