/// Vietnamese-aware URL slugs: `Cụm thi đua số 5 Ngành Tổ chức xây dựng Đảng` →
/// `cum-thi-dua-so-5-nganh-to-chuc-xay-dung-dang`.
///
/// Only `a-z`, `0-9` and single hyphens survive, so a slug can never hold `/` or `..`.
public enum Slug {
    public static func make(from text: String) -> String {
        var slug = String.UnicodeScalarView()
        var needsHyphen = false
        for scalar in TextFolding.fold(text).unicodeScalars {
            let isWordCharacter = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isWordCharacter {
                if needsHyphen && !slug.isEmpty { slug.append("-") }
                needsHyphen = false
                slug.append(scalar)
            } else {
                needsHyphen = true
            }
        }
        return String(slug)
    }

    /// True when `text` is already a slug as `make` would produce one.
    public static func isWellFormed(_ text: String) -> Bool {
        !text.isEmpty && make(from: text) == text
    }
}
