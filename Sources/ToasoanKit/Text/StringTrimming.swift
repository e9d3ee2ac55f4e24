extension StringProtocol {
    /// Without leading and trailing white space (no-break spaces included), scanning Unicode
    /// scalars from both ends: cheap even on a long body.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
