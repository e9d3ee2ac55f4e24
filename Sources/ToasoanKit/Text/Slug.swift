/// Vietnamese-aware URL slugs: `Cụm thi đua số 5 Ngành Tổ chức xây dựng Đảng` →
/// `cum-thi-dua-so-5-nganh-to-chuc-xay-dung-dang`.
///
/// Only `a-z`, `0-9` and single hyphens survive, so a slug can never hold `/` or `..`.
public enum Slug {
    public static func make(from text: String) -> String {
        var slug: [UInt8] = []
        var needsHyphen = false
        for byte in TextFolding.foldedBytes(text) {
            // Bytes of other scripts' letters (kept by folding) are not word characters here.
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if needsHyphen && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                needsHyphen = false
                slug.append(byte)
            } else {
                needsHyphen = true
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// True when `text` is already a slug as `make` would produce one.
    public static func isWellFormed(_ text: String) -> Bool {
        !text.isEmpty && make(from: text) == text
    }
}
