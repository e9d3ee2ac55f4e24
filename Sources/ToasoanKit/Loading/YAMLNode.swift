import CYAML

/// A node of a YAML document with the place it starts: what `YAMLReader` makes of a file
/// and `YAMLFields` reads values from.
struct YAMLNode: Sendable {
    enum Content: Sendable {
        /// `isPlain`: written without quotes and not as a block (`|`, `>`); only a plain
        /// scalar can mean null (`~`, `null`, nothing).
        case scalar(String, isPlain: Bool)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    var content: Content
    /// 1-based; the column counts characters, as editors do.
    var line: Int
    var column: Int

    /// The text of a scalar; nil for any other node.
    var string: String? {
        if case .scalar(let text, _) = content { text } else { nil }
    }

    /// In a mapping, the value of the scalar key `key`.
    subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key.string == key }?.value
    }
}

/// Why a text is not a YAML document toasoan can read, and where (1-based, YAML lines).
enum YAMLError: Error {
    /// libyaml's description of the problem.
    case malformed(problem: String, line: Int, column: Int)
    /// A mapping holds `key` twice; `line`/`column` are the second time, `firstLine` the first.
    case duplicateKey(String, line: Int, column: Int, firstLine: Int)
}

/// Reads YAML with libyaml (Debian's libyaml-dev), the C parser Yams wraps too, straight
/// from its events into `YAMLNode`s.
///
/// Yams' own Swift layer (its `Node`s, tags and duplicate check through `Dictionary(grouping:)`)
/// took 2.5 times libyaml's time on front matter: 18 µs a file against 7 µs for this, 5% of
/// a full build's CPU time on the 10,000-article corpus. The rules are Yams' rules: one
/// document per file, no key twice in a mapping, an alias stands for the node its anchor
/// names (an unknown one is an error), libyaml's problems and places as they are.
enum YAMLReader {
    /// Collections nested deeper than this are refused: no file of a site needs more, and
    /// freeing a tree thousands of levels deep would exhaust the stack.
    static let maximumDepth = 64

    /// The document's root node; nil for a text without one (empty, or only comments).
    static func parse(_ text: String) -> Result<YAMLNode?, YAMLError> {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Result<YAMLNode?, YAMLError> {
        // libyaml asserts its input is not NULL, and keeps a pointer to the parser itself:
        // the parser lives at one address until it is deleted.
        guard let input = bytes.baseAddress else { return .success(nil) }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            return .failure(.malformed(problem: "out of memory", line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, input, bytes.count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)

        var builder = TreeBuilder()
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { return .failure(error(of: parser.pointee, in: bytes)) }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .success(builder.root)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return .failure(
                        .malformed(problem: "a second document starts here; a file holds one", line: line, column: column))
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                builder.add(
                    YAMLNode(content: .scalar(text, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE), line: line, column: column),
                    anchor: name(scalar.anchor))
            case YAML_ALIAS_EVENT:
                let anchor = name(event.data.alias.anchor) ?? ""
                guard var node = builder.anchored[anchor] else {
                    return .failure(.malformed(problem: "found undefined alias *\(anchor)", line: line, column: column))
                }
                // Shared, not copied (its arrays are), so an alias bomb costs nothing; placed
                // where the alias is written, for the diagnostics about it.
                (node.line, node.column) = (line, column)
                builder.add(node, anchor: nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard builder.depth < maximumDepth else {
                    return .failure(
                        .malformed(problem: "lists and mappings nested more than \(maximumDepth) deep", line: line, column: column))
                }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                builder.open(isMapping: isMapping, anchor: name(anchor), line: line, column: column)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let duplicate = builder.close() { return .failure(duplicate) }
            default:
                continue  // stream start, document end
            }
        }
    }

    /// An anchor's name, as libyaml gives it (a C string), or nil.
    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }

    /// Nodes are made bottom-up as their events come: the collections still open, innermost last.
    private struct TreeBuilder {
        private struct OpenCollection {
            var isMapping: Bool
            var anchor: String?
            var items: [YAMLNode] = []
            var line: Int
            var column: Int
        }

        private var open: [OpenCollection] = []
        private(set) var root: YAMLNode?
        /// Nodes by the anchor they were written with (`&name`), the last one for a name used twice.
        private(set) var anchored: [String: YAMLNode] = [:]

        var depth: Int { open.count }

        mutating func add(_ node: YAMLNode, anchor: String?) {
            if let anchor { anchored[anchor] = node }
            if open.isEmpty {
                root = node
            } else {
                open[open.count - 1].items.append(node)
            }
        }

        mutating func open(isMapping: Bool, anchor: String?, line: Int, column: Int) {
            var collection = OpenCollection(isMapping: isMapping, anchor: anchor, line: line, column: column)
            // Room for a front matter's keys and values at once (its array grew five times).
            collection.items.reserveCapacity(isMapping ? 32 : 8)
            open.append(collection)
        }

        /// Ends the innermost collection; the error of a mapping that holds a key twice.
        mutating func close() -> YAMLError? {
            let collection = open.removeLast()
            guard collection.isMapping else {
                add(
                    YAMLNode(content: .sequence(collection.items), line: collection.line, column: collection.column),
                    anchor: collection.anchor)
                return nil
            }
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            pairs.reserveCapacity(collection.items.count / 2)
            for index in stride(from: 0, to: collection.items.count - 1, by: 2) {
                pairs.append((collection.items[index], collection.items[index + 1]))
            }
            if let duplicate = Self.firstDuplicateKey(pairs) { return duplicate }
            add(YAMLNode(content: .mapping(pairs), line: collection.line, column: collection.column), anchor: collection.anchor)
            return nil
        }

        /// The first scalar key written a second time. A few keys are compared pairwise (front
        /// matter has about ten); many go through a dictionary.
        private static func firstDuplicateKey(_ pairs: [(key: YAMLNode, value: YAMLNode)]) -> YAMLError? {
            func duplicate(_ key: YAMLNode, _ text: String, first: YAMLNode) -> YAMLError {
                .duplicateKey(text, line: key.line, column: key.column, firstLine: first.line)
            }
            if pairs.count <= 16 {
                for index in pairs.indices {
                    guard let text = pairs[index].key.string else { continue }
                    if let first = pairs[..<index].first(where: { $0.key.string == text }) {
                        return duplicate(pairs[index].key, text, first: first.key)
                    }
                }
                return nil
            }
            var seen: [String: YAMLNode] = [:]
            for (key, _) in pairs {
                guard let text = key.string else { continue }
                if let first = seen[text] { return duplicate(key, text, first: first) }
                seen[text] = key
            }
            return nil
        }
    }

    /// libyaml's problem and its place. A reader error (a character YAML does not allow)
    /// comes with a byte offset, turned here into a line and column.
    private static func error(of parser: yaml_parser_t, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot be read"
        if parser.error == YAML_READER_ERROR {
            let before = bytes.prefix(min(Int(parser.problem_offset), bytes.count))
            let line = before.count { $0 == UInt8(ascii: "\n") } + 1
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            let column = before[lineStart...].count { $0 & 0xC0 != 0x80 } + 1
            return .malformed(problem: problem, line: line, column: column)
        }
        return .malformed(
            problem: problem, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
    }
}
