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

@Suite struct LastSlashTests {
    /// The last `/` among the bytes, as the file system splits paths, also where a
    /// combining mark follows it (one Character with the slash, so `lastIndex(of: "/")`
    /// would not find it).
    @Test(arguments: [
        ("thoi-su/bai-viet/index.html", "thoi-su/bai-viet"),
        ("media/ảnh đẹp/bìa.png", "media/ảnh đẹp"),
        ("a/\u{301}b", "a"),
        ("/gốc", ""),
    ])
    func findsTheFolderOfAPath(path: String, folder: String) {
        #expect(path.lastSlash.map { String(path[..<$0]) } == folder)
        #expect(path[...].lastSlash.map { String(path[..<$0]) } == folder)
    }

    @Test func aNameWithoutSlashHasNone() {
        #expect("index.html".lastSlash == nil)
        #expect("".lastSlash == nil)
    }
}
