/// An old URL (`aliases:`) that must keep working: `/thoi-su/cum-thi-dua-so-5-12345` gets a
/// small redirect page at `thoi-su/cum-thi-dua-so-5-12345/index.html`.
public enum AliasPath {
    public struct Problem: Error {
        public var message: String
    }

    /// Accepts a root-relative path of plain URL words (`a-z A-Z 0-9 . _ ~ -`), ending in a
    /// folder or in `.html`/`.htm`; nothing that could climb out of the output folder.
    public static func parse(_ text: String) -> Result<SitePath, Problem> {
        guard text.hasPrefix("/"), !text.hasPrefix("//") else {
            return .failure(Problem(message: "alias \"\(text)\" must be a path from the site root, such as /thoi-su/bai-cu-12345"))
        }
        let components = text.split(separator: "/")
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~-")
        if components.contains(where: { $0 == ".." || $0 == "." }) {
            return .failure(Problem(message: "alias \"\(text)\" would leave the output folder"))
        }
        guard !components.isEmpty, components.allSatisfy({ $0.allSatisfy(allowed.contains) }) else {
            return .failure(
                Problem(message: "alias \"\(text)\" may hold only letters without marks, digits and . _ ~ - between its slashes"))
        }
        let last = components.last!.lowercased()
        if last.hasSuffix(".html") || last.hasSuffix(".htm") {
            return .success(SitePath(relative: components.joined(separator: "/")))
        }
        return .success(.folder(components.map(String.init)))
    }
}
