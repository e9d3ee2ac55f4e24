extension String {
    /// Where the last `/` is, found among the UTF-8 bytes: `lastIndex(of: "/")` compares
    /// Characters, looking for grapheme breaks all the way (the writer splits 27,000 paths).
    var lastSlash: Index? { utf8.lastIndex(of: UInt8(ascii: "/")) }
}

extension Substring {
    /// Where the last `/` is, found among the UTF-8 bytes (see `String.lastSlash`).
    var lastSlash: Index? { utf8.lastIndex(of: UInt8(ascii: "/")) }
}
