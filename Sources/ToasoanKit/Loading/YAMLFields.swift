import Foundation

/// A value read from YAML with the place it was written.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// The top-level mapping of a YAML document (front matter, `site.yml`, an issue file), read
/// key by key with every problem recorded as a diagnostic at its file line and column.
///
/// Values are read from the node tree (`YAMLReader`) as text, never decoded into Swift types
/// by a YAML library: that keeps positions for diagnostics and keeps dates as the strings the
/// editor wrote.
struct YAMLFields {
    let file: String
    /// Added to a YAML line to get the file line (the YAML of front matter starts on line 2).
    let lineOffset: Int
    /// The keys, and their values in the same order: kept apart so looking a key up compares
    /// strings only, without copying every `YAMLNode` it passes (each copy retains its parts).
    private(set) var keys: [Located<String>] = []
    private var values: [YAMLNode] = []
    var diagnostics: [Diagnostic] = []

    /// Parses `yaml`; on malformed YAML returns nil and the diagnostic at the problem's place.
    static func parse(_ yaml: String, file: String, firstLine: Int = 1) -> (YAMLFields?, [Diagnostic]) {
        var fields = YAMLFields(file: file, lineOffset: firstLine - 1)
        let root: YAMLNode?
        switch YAMLReader.parse(yaml) {
        case .success(let node): root = node
        case .failure(let error): return (nil, [fields.diagnostic(for: error)])
        }
        guard let root else { return (fields, []) }  // an empty document has no keys
        guard case .mapping(let mapping) = root.content else {
            return (
                nil,
                [.error("expected \"key: value\" lines here", at: fields.location(of: root))]
            )
        }
        fields.keys.reserveCapacity(mapping.count)
        fields.values.reserveCapacity(mapping.count)
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                fields.diagnostics.append(.error("a key must be a plain word", at: fields.location(of: keyNode)))
                continue
            }
            fields.keys.append(Located(key, at: fields.location(of: keyNode)))
            fields.values.append(value)
        }
        return (fields, fields.diagnostics)
    }

    private init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line + lineOffset, column: node.column)
    }

    /// Where the document starts: the place for "missing key" errors.
    var documentLocation: SourceLocation { SourceLocation(file: file, line: max(1, lineOffset), column: 1) }

    func node(_ key: String) -> YAMLNode? {
        keys.firstIndex { $0.value == key }.map { values[$0] }
    }

    /// Warns about every key that is not in `known`, suggesting the nearest known one.
    mutating func warnAboutUnknownKeys(known: [String]) {
        for key in keys where !known.contains(key.value) {
            let suggestion = Suggestion.nearest(to: key.value, among: known)
            diagnostics.append(.warning("unknown key \"\(key.value)\" is ignored", at: key.location, suggestion: suggestion))
        }
    }

    // MARK: - Typed readers

    /// A scalar as text; nil when the key is absent or null. Mappings and lists are errors.
    mutating func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let node = node(key), let scalar = scalarText(node, key: key) else {
            if required, node(key) == nil || isNull(node(key)!) {
                diagnostics.append(.error("missing required key \"\(key)\"", at: documentLocation))
            }
            return nil
        }
        let text = scalar.trimmingWhitespace()
        if text.isEmpty {
            if required { diagnostics.append(.error("\"\(key)\" is empty", at: location(of: node))) }
            return nil
        }
        return Located(text, at: location(of: node))
    }

    /// A scalar or a list of scalars (`author: A` or `author: [A, B]`).
    mutating func stringList(_ key: String) -> [Located<String>] {
        guard let node = node(key), !isNull(node) else { return [] }
        switch node.content {
        case .sequence(let sequence):
            var values: [Located<String>] = []
            for item in sequence {
                guard let scalar = item.string else {
                    // Once per key: a list of lists (or a YAML alias bomb) is one mistake.
                    diagnostics.append(.error("\"\(key)\" must be a list of plain values", at: location(of: item)))
                    return []
                }
                let text = scalar.trimmingWhitespace()
                if !text.isEmpty { values.append(Located(text, at: location(of: item))) }
            }
            return values
        default:
            return string(key).map { [$0] } ?? []
        }
    }

    mutating func integer(_ key: String) -> Located<Int>? {
        guard let text = string(key) else { return nil }
        guard let value = Int(text.value) else {
            diagnostics.append(.error("\"\(key)\" must be a whole number, not \"\(text.value)\"", at: text.location))
            return nil
        }
        return Located(value, at: text.location)
    }

    mutating func boolean(_ key: String) -> Bool? {
        guard let text = string(key) else { return nil }
        switch text.value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.append(.error("\"\(key)\" must be true or false, not \"\(text.value)\"", at: text.location))
            return nil
        }
    }

    /// A date string parsed by `JournalDate`, checked to lie between 1900 and next year.
    mutating func date(_ key: String, required: Bool = false, latestYear: Int) -> Located<JournalDate>? {
        guard let text = string(key, required: required) else { return nil }
        do {
            let date = try JournalDate.parse(text.value)
            let year = date.fields.year
            if year < 1900 {
                diagnostics.append(.error("date \"\(text.value)\" is before 1900", at: text.location))
                return nil
            }
            if year > latestYear {
                diagnostics.append(.error("date \"\(text.value)\" is too far in the future (after \(latestYear))", at: text.location))
                return nil
            }
            return Located(date, at: text.location)
        } catch {
            diagnostics.append(.error("\"\(key)\" \"\(text.value)\" is not a date: \(error.description)", at: text.location))
            return nil
        }
    }

    /// Entries of a nested mapping or list, for structured keys such as `categories:`.
    func sequence(_ key: String) -> [YAMLNode]? {
        guard case .sequence(let sequence)? = node(key)?.content else { return nil }
        return sequence
    }

    private func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let text, isPlain: true) = node.content else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    private mutating func scalarText(_ node: YAMLNode, key: String) -> String? {
        switch node.content {
        case .scalar(let text, _):
            return isNull(node) ? nil : text
        case .mapping, .sequence:
            diagnostics.append(.error("\"\(key)\" must be a single value", at: location(of: node)))
        }
        return nil
    }

    private func diagnostic(for error: YAMLError) -> Diagnostic {
        switch error {
        case .malformed(let problem, let line, let column):
            let hint =
                problem.contains("mapping values are not allowed")
                ? " (a value containing \": \" must be in quotes)" : ""
            return .error(
                "malformed YAML: \(problem)\(hint)", at: SourceLocation(file: file, line: line + lineOffset, column: column))
        case .duplicateKey(let key, let line, let column, let firstLine):
            return .error(
                "the key \"\(key)\" appears twice (first on line \(firstLine + lineOffset))",
                at: SourceLocation(file: file, line: line + lineOffset, column: column))
        }
    }
}
