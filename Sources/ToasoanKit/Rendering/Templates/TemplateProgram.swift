import Mustache

/// The templates as `CompiledTemplates` runs them: one flat list of instructions that hold
/// no references, with texts, names and the like in tables beside it.
///
/// The tree of `TemplateNode`s is shared by every page on every core; walking it retained
/// and released each node, and two cores doing that to the same nodes made each count a
/// cache miss (about 3% of a build's CPU, five times what it cost on one core). Walking
/// plain numbers retains nothing. A section, block or partial is followed by the
/// instructions of its body, and says where the instruction after them is.
struct TemplateProgram: Sendable {
    enum Instruction: Sendable {
        /// Bytes `start..<end` of `text`.
        case text(start: Int32, end: Int32)
        /// `names[name]`.
        case variable(name: Int32, escaped: Bool)
        /// The body runs from the next instruction to `end`.
        case section(name: Int32, inverted: Bool, end: Int32)
        /// `{{$name}}`: `strings[name]`; its default body runs to `end`.
        case block(name: Int32, indentation: Int32, end: Int32)
        /// `{{>name}}` of `templates[template]` (-1: no such template), with the blocks of
        /// `overrides[overrides]` (-1: none), whose bodies come next; `next` follows them.
        case partial(template: Int32, indentation: Int32, overrides: Int32, next: Int32)
        /// `contentTypes[index]` escapes what follows.
        case contentType(Int32)
    }

    /// A `TemplateName` whose parts are ranges of `components` and `transforms`.
    struct Name: Sendable {
        let start: TemplateName.Start
        let path: Range<Int32>
        let transforms: Range<Int32>
    }

    private(set) var instructions: [Instruction] = []
    private(set) var text: [UInt8] = []
    private(set) var names: [Name] = []
    private(set) var components: [TemplateName.Component] = []
    private(set) var transforms: [String] = []
    /// Block names and indentations.
    private(set) var strings: [String] = []
    /// The blocks a partial overrides: their bodies' instructions, by block name.
    private(set) var overrides: [[String: Range<Int32>]] = []
    /// Escapings, the default (swift-mustache's HTML) first; an escaping that is toasoan's
    /// own is marked in `escapesHTML` (values are then escaped straight into the page).
    private(set) var contentTypes: [any MustacheContentType] = []
    private(set) var escapesHTML: [Bool] = []
    /// Each template's instructions, by number and by name.
    private(set) var templates: [Range<Int32>] = []
    let templateNumbers: [String: Int32]

    static let noIndex: Int32 = -1

    /// `nodes` by template name; `defaultEscaping` becomes `contentTypes[0]`.
    init(_ nodes: [String: [TemplateNode]], defaultEscaping: any MustacheContentType) {
        let names = nodes.keys.sorted()
        templateNumbers = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        add(contentType: defaultEscaping)
        for name in names {
            let start = Int32(instructions.count)
            emit(nodes[name]!)
            templates.append(start..<Int32(instructions.count))
        }
    }

    private mutating func emit(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let string):
                let start = Int32(text.count)
                text.append(contentsOf: string.utf8)
                instructions.append(.text(start: start, end: Int32(text.count)))
            case .variable(let name, let escaped):
                instructions.append(.variable(name: add(name), escaped: escaped))
            case .section(let name, let body, let inverted):
                let name = add(name)
                let at = instructions.count
                instructions.append(.contentType(0))  // replaced once the body's end is known
                emit(body)
                instructions[at] = .section(name: name, inverted: inverted, end: Int32(instructions.count))
            case .block(let name, let defaultBody, let indentation):
                let name = add(string: name)
                let indentation = indentation.map { add(string: $0) } ?? Self.noIndex
                let at = instructions.count
                instructions.append(.contentType(0))
                emit(defaultBody)
                instructions[at] = .block(name: name, indentation: indentation, end: Int32(instructions.count))
            case .partial(let name, let indentation, let blocks):
                let template = templateNumbers[name] ?? Self.noIndex
                let indentation = indentation.map { add(string: $0) } ?? Self.noIndex
                let at = instructions.count
                instructions.append(.contentType(0))
                var overrideNumber = Self.noIndex
                if let blocks {
                    var bodies: [String: Range<Int32>] = [:]
                    for (block, body) in blocks.sorted(by: { $0.key < $1.key }) {
                        let start = Int32(instructions.count)
                        emit(body)
                        bodies[block] = start..<Int32(instructions.count)
                    }
                    overrideNumber = Int32(overrides.count)
                    overrides.append(bodies)
                }
                instructions[at] = .partial(
                    template: template, indentation: indentation, overrides: overrideNumber, next: Int32(instructions.count))
            case .contentType(let escaping):
                instructions.append(.contentType(add(contentType: escaping)))
            }
        }
    }

    private mutating func add(_ name: TemplateName) -> Int32 {
        let path = Int32(components.count)..<Int32(components.count + name.path.count)
        components += name.path
        let transforms = Int32(self.transforms.count)..<Int32(self.transforms.count + name.transforms.count)
        self.transforms += name.transforms
        names.append(Name(start: name.start, path: path, transforms: transforms))
        return Int32(names.count - 1)
    }

    private mutating func add(string: String) -> Int32 {
        strings.append(string)
        return Int32(strings.count - 1)
    }

    @discardableResult
    private mutating func add(contentType: any MustacheContentType) -> Int32 {
        contentTypes.append(contentType)
        escapesHTML.append(contentType is FastHTMLEscaping)
        return Int32(contentTypes.count - 1)
    }
}
