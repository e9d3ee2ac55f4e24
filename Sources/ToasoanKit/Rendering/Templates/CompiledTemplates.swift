import Mustache

/// Renders swift-mustache's parsed templates (`TemplateNode`) the way swift-mustache does,
/// several times faster.
///
/// swift-mustache resolves every `{{name}}` by splitting the name, copying the context stack
/// and trying half a dozen dynamic casts on each value (`MustacheCustomRepresentation`,
/// `MustacheParent`, `MustacheLambda`, …); at 10,000 articles that was a third of a full
/// build's CPU time. Here the templates are compiled once into instructions
/// (`TemplateProgram`) with their names resolved to keys, views answer with a typed
/// `TemplateValue` (no cast tells a text from a list), and every page is written into one
/// byte buffer. Values of other types (`.other`) take the slow path, cast for cast as
/// swift-mustache does.
///
/// The rules are those of swift-mustache 2.1 (`Template+Render.swift`), one for one: lookup up
/// the stack, sections over lists, booleans and values, inherited blocks, partial
/// indentation, transforms. What it does not cover (lambdas, and templates as values, which
/// no view of toasoan returns) makes `render` return nil, and swift-mustache renders that
/// page. `CompiledTemplatesTests` renders the same templates and values with both and
/// compares the bytes.
struct CompiledTemplates: Sendable {
    /// The templates as instructions. Every template and partial starts with the escaping
    /// swift-mustache starts them with (its internal `HTMLContentType`, `contentTypes[0]`),
    /// taken from its own parse of a pragma naming it; templates of a `TemplateSet` replace
    /// it with their own at their first token.
    private let program: TemplateProgram

    /// Every template of `library` under `names`, compiled; nil when one is not understood.
    init?(library: MustacheLibrary, names: some Sequence<String>) {
        guard let pragma = try? MustacheTemplate(string: "{{% CONTENT_TYPE: HTML}}"),
            case .contentType(let escaping)? = TemplateNode.nodes(of: pragma)?.first
        else { return nil }
        var templates: [String: [TemplateNode]] = [:]
        for name in names {
            guard let template = library.getTemplate(named: name), let nodes = TemplateNode.nodes(of: template) else {
                return nil
            }
            templates[name] = nodes
        }
        program = TemplateProgram(templates.mapValues { Self.inliningPastes($0, of: templates) }, defaultEscaping: escaping)
    }

    /// `nodes` with each partial whose template is one unescaped value (`{{{name}}}`: the
    /// pasting templates of `TemplateSet.prerenderingPartials`, one per item of every list)
    /// replaced by that value, rendered the same without entering a partial: a partial of one
    /// node is not indented (only lines after its first are), and the value's lookup does not
    /// depend on the partial's context unless it names the list position, left as it is.
    private static func inliningPastes(_ nodes: [TemplateNode], of templates: [String: [TemplateNode]]) -> [TemplateNode] {
        nodes.map { node in
            switch node {
            case .partial(let name, _, nil):
                if let partial = templates[name], partial.count == 1, case .variable(let value, false) = partial[0],
                    value.start != .listPosition
                {
                    return partial[0]
                }
                return node
            case .section(let name, let body, let inverted):
                return .section(name, body: inliningPastes(body, of: templates), inverted: inverted)
            case .block(let name, let defaultBody, let indentation):
                return .block(name: name, defaultBody: inliningPastes(defaultBody, of: templates), indentation: indentation)
            case .partial(let name, let indentation, let overrides?):
                return .partial(name: name, indentation: indentation, overrides: overrides.mapValues { inliningPastes($0, of: templates) })
            case .text, .variable, .contentType:
                return node
            }
        }
    }

    /// `view` rendered with the template `name`; nil when the template is missing or the
    /// page needs what only swift-mustache does. `capacity`: bytes to make room for at once.
    func render(_ view: some TemplateView, template name: String, capacity: Int = 0) -> [UInt8]? {
        render(.view(view), template: name, capacity: capacity)
    }

    /// Any value rendered with the template `name`, as swift-mustache would render it.
    func render(any value: Any, template name: String) -> [UInt8]? {
        render(TemplateValue(any: value), template: name)
    }

    private func render(_ value: TemplateValue, template name: String, capacity: Int = 0) -> [UInt8]? {
        guard let number = program.templateNumbers[name] else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(capacity)
        let unsupported = program.run { code in
            var renderer = Renderer(code: code, stack: [value])
            renderer.renderTemplate(code.templates[Int(number)], Context(), into: &output)
            return renderer.unsupported
        }
        return unsupported ? nil : output
    }
}

extension TemplateProgram {
    /// The tables as a page reads them: through pointers, so that reading an instruction, a
    /// name or a text retains nothing (valid while `run`'s body runs).
    fileprivate struct Code {
        let program: TemplateProgram
        let instructions: UnsafeBufferPointer<Instruction>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<Name>
        let components: UnsafeBufferPointer<TemplateName.Component>
        let templates: UnsafeBufferPointer<Range<Int32>>
        let escapesHTML: UnsafeBufferPointer<Bool>
    }

    fileprivate func run<Result>(_ body: (Code) -> Result) -> Result {
        instructions.withUnsafeBufferPointer { instructions in
            text.withUnsafeBufferPointer { text in
                names.withUnsafeBufferPointer { names in
                    components.withUnsafeBufferPointer { components in
                        templates.withUnsafeBufferPointer { templates in
                            escapesHTML.withUnsafeBufferPointer { escapesHTML in
                                body(
                                    Code(
                                        program: self, instructions: instructions, text: text, names: names,
                                        components: components, templates: templates, escapesHTML: escapesHTML))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What a template renders in, besides the stack of values (swift-mustache's `MustacheContext`).
private struct Context {
    /// Set while a list's items are shown: answers `first()`, `last()`, `index()`, …
    var listPosition: ListPosition?
    /// Put before every line of a standalone partial or block after its first.
    var indentation: String?
    /// The blocks the templates being rendered override: `Renderer.overrides[overrides]`
    /// (`TemplateProgram.noIndex`: none).
    var overrides = TemplateProgram.noIndex
    /// `TemplateProgram.contentTypes[escaping]` escapes values; the default at first, as
    /// every template and partial starts.
    var escaping: Int32 = 0
}

/// The position of an item in the list a section shows (swift-mustache's `MustacheSequenceContext`).
private struct ListPosition {
    var first: Bool
    var last: Bool
    var index: Int

    func transform(_ name: String) -> Any? {
        switch name {
        case "first": first
        case "last": last
        case "index": index
        case "even": index & 1 == 0
        case "odd": index & 1 == 1
        default: nil
        }
    }
}

private struct Renderer {
    /// A template or a body of one: a range of `TemplateProgram.instructions`.
    typealias Body = Range<Int32>

    let code: TemplateProgram.Code
    /// The context stack, innermost last.
    var stack: [TemplateValue]
    /// The blocks overridden by the partials being rendered, merged (`Context.overrides`).
    var overrides: [[String: Body]] = []
    /// Set when the page needs something only swift-mustache renders.
    var unsupported = false

    init(code: TemplateProgram.Code, stack: [TemplateValue]) {
        self.code = code
        self.stack = stack
    }

    /// One template (or section body) rendered in `context`: swift-mustache's `render(context:)`.
    mutating func renderTemplate(_ body: Body, _ context: Context, into output: inout [UInt8]) {
        var context = context
        var index = body.lowerBound
        if let indentation = context.indentation, !indentation.isEmpty {
            // Each node's text is indented when what this template wrote so far ends a line
            // (its last character is "\n": a "\r\n" is one character, and does not count).
            var written: [UInt8] = []
            while index < body.upperBound {
                var text: [UInt8] = []
                index = render(at: index, &context, into: &text)
                if !text.isEmpty, written.last == UInt8(ascii: "\n"), written.dropLast().last != UInt8(ascii: "\r") {
                    written.append(contentsOf: indentation.utf8)
                }
                written.append(contentsOf: text)
            }
            output.append(contentsOf: written)
        } else {
            while index < body.upperBound { index = render(at: index, &context, into: &output) }
        }
    }

    /// The node at `index`, with its body; returns the index of the next node.
    private mutating func render(at index: Int32, _ context: inout Context, into output: inout [UInt8]) -> Int32 {
        switch code.instructions[Int(index)] {
        case .text(let start, let end):
            output.append(contentsOf: UnsafeBufferPointer(rebasing: code.text[Int(start)..<Int(end)]))
        case .variable(let name, let escaped):
            renderVariable(name, escaped: escaped, context, into: &output)
        case .section(let name, let inverted, let end):
            let value = lookUp(name, context)
            let body = index + 1..<end
            if case .other(let other) = value, other is MustacheLambda {
                unsupported = true
            } else if inverted {
                renderInvertedSection(value, body, context, into: &output)
            } else {
                renderSection(value, body, context, into: &output)
            }
            return end
        case .block(let name, let indentation, let end):
            var inner = context
            inner.listPosition = nil
            inner.indentation = indented(context.indentation, by: indentation)
            let overridden = context.overrides == TemplateProgram.noIndex
                ? nil : overrides[Int(context.overrides)][code.program.strings[Int(name)]]
            renderTemplate(overridden ?? index + 1..<end, inner, into: &output)
            return end
        case .partial(let template, let indentation, let blocks, let next):
            guard template != TemplateProgram.noIndex else { return next }
            var inner = Context()
            inner.indentation = indented(context.indentation, by: indentation)
            if blocks != TemplateProgram.noIndex {
                // Blocks overridden further out win over those overridden here.
                let here = code.program.overrides[Int(blocks)]
                overrides.append(
                    context.overrides == TemplateProgram.noIndex
                        ? here : overrides[Int(context.overrides)].merging(here) { outer, _ in outer })
                inner.overrides = Int32(overrides.count - 1)
            } else {
                inner.overrides = context.overrides
            }
            renderTemplate(code.templates[Int(template)], inner, into: &output)
            return next
        case .contentType(let escaping):
            context.escaping = escaping
        }
        return index + 1
    }

    /// `{{name}}` (`escaped`) or `{{{name}}}`.
    private mutating func renderVariable(_ name: Int32, escaped: Bool, _ context: Context, into output: inout [UInt8]) {
        guard let value = lookUp(name, context) else { return }
        let escapesHTML = code.escapesHTML[Int(context.escaping)]
        let text: String
        switch value {
        case .text(let value): text = value
        case .utf8(let bytes):
            if !escaped {
                output.append(contentsOf: bytes)
                return
            } else if escapesHTML {
                bytes.withUnsafeBufferPointer { HTMLEscaping.append(escaping: $0, to: &output) }
                return
            }
            text = String(decoding: bytes, as: UTF8.self)
        case .number(let number): text = String(number)
        case .flag(let flag): text = flag ? "true" : "false"
        case .view, .list, .other:
            let value = value.asAny
            if value is MustacheTemplate || value is MustacheLambda {
                unsupported = true
                return
            } else if let renderable = value as? any MustacheCustomRenderable {
                text = renderable.renderText
            } else {
                text = String(describing: unwrappingOptional(value))
            }
        }
        if escaped, escapesHTML {
            var text = text
            text.withUTF8 { HTMLEscaping.append(escaping: $0, to: &output) }
        } else {
            output.append(contentsOf: (escaped ? code.program.contentTypes[Int(context.escaping)].escapeText(text) : text).utf8)
        }
    }

    private func indented(_ indentation: String?, by more: Int32) -> String? {
        guard more != TemplateProgram.noIndex else { return indentation }
        return (indentation ?? "") + code.program.strings[Int(more)]
    }

    /// `{{#name}}`: a list shows the body once per item, `true` once, `false` and nothing
    /// never; any other value once, on top of the stack.
    private mutating func renderSection(
        _ value: TemplateValue?, _ body: Body, _ context: Context, into output: inout [UInt8]
    ) {
        switch value {
        case nil:
            return
        case .list(let list):
            renderItems(count: list.count, item: list.item(at:), pasting: pastedName(body), body, context, into: &output)
        case .flag(let flag):
            if flag { renderTemplate(body, context, into: &output) }
        case .text, .utf8, .number, .view:
            renderPushing(value!, body, context, into: &output)
        case .other(let other):
            if let list = other as? any MustacheSequence {
                let items = Self.items(of: list)
                renderItems(count: items.count, item: { TemplateValue(any: items[$0]) }, body, context, into: &output)
            } else if let flag = other as? Bool {
                if flag { renderTemplate(body, context, into: &output) }
            } else if let null = other as? any MustacheCustomRenderable, null.isNull {
                return
            } else {
                renderPushing(value!, body, context, into: &output)
            }
        }
    }

    /// `{{^name}}`: the body when the value is missing, `false`, null or an empty list.
    private mutating func renderInvertedSection(
        _ value: TemplateValue?, _ body: Body, _ context: Context, into output: inout [UInt8]
    ) {
        switch value {
        case nil:
            renderTemplate(body, context, into: &output)
        case .list(let list):
            if list.count == 0 { renderPushing(value!, body, context, into: &output) }
        case .flag(let flag):
            if !flag { renderTemplate(body, context, into: &output) }
        case .text, .utf8, .number, .view:
            return
        case .other(let other):
            if let list = other as? any MustacheSequence {
                if Self.items(of: list).isEmpty { renderPushing(value!, body, context, into: &output) }
            } else if let flag = other as? Bool {
                if !flag { renderTemplate(body, context, into: &output) }
            } else if let null = other as? any MustacheCustomRenderable, null.isNull {
                renderTemplate(body, context, into: &output)
            }
        }
    }

    /// The body once per item, each on top of the stack, with its position in the list.
    ///
    /// With `pasting`: the body is one `{{{name}}}` of a name that is no key, a pasted
    /// partial (`inliningPastes`), the item of every list of articles. An item that has a
    /// text under that name is pasted at once, with nothing pushed, looked up or indented
    /// (the only text of a body is not indented); any other item is shown as the others are.
    private mutating func renderItems(
        count: Int, item: (Int) -> TemplateValue, pasting pasted: String? = nil, _ body: Body, _ context: Context,
        into output: inout [UInt8]
    ) {
        var inner = context
        for index in 0..<count {
            let value = item(index)
            if let pasted, case .view(let view) = value {
                switch view.value(named: pasted) {
                case .utf8(let bytes)?:
                    output.append(contentsOf: bytes)
                    continue
                case .text(let text)?:
                    output.append(contentsOf: text.utf8)
                    continue
                default:
                    break
                }
            }
            inner.listPosition = ListPosition(first: index == 0, last: index == count - 1, index: index)
            stack.append(value)
            renderTemplate(body, inner, into: &output)
            stack.removeLast()
        }
    }

    /// The name when `body` is one `{{{name}}}` of a single name that is no key.
    private func pastedName(_ body: Body) -> String? {
        guard body.count == 1, case .variable(let number, escaped: false) = code.instructions[Int(body.lowerBound)] else {
            return nil
        }
        let name = code.names[Int(number)]
        guard name.start == .stack, name.path.count == 1, name.transforms.isEmpty,
            code.components[Int(name.path.lowerBound)].key == nil
        else { return nil }
        return code.components[Int(name.path.lowerBound)].name
    }

    /// The body once, with `value` on top of the stack.
    private mutating func renderPushing(
        _ value: TemplateValue, _ body: Body, _ context: Context, into output: inout [UInt8]
    ) {
        var inner = context
        inner.listPosition = nil
        stack.append(value)
        renderTemplate(body, inner, into: &output)
        stack.removeLast()
    }

    private static func items(of list: some Sequence) -> [Any] {
        list.map { $0 as Any }
    }

    /// swift-mustache's `getChild(named:transforms:context:)`.
    private mutating func lookUp(_ number: Int32, _ context: Context) -> TemplateValue? {
        let name = code.names[Int(number)]
        var found: TemplateValue?
        switch name.start {
        case .current:
            found = stack.last!
        case .listPosition:
            found = context.listPosition.map { .other($0) }
        case .currentOnly:
            found = descend(name.path, from: stack.last!)
        case .stack:
            if let first = name.path.first {
                for frame in stack.reversed() {
                    if let child = child(named: first, of: frame) {
                        found = descend(first + 1..<name.path.upperBound, from: child)
                        break
                    }
                }
            } else {
                found = stack.last!
            }
        }
        guard var value = found else { return nil }
        if case .other(let other) = value, let custom = other as? any MustacheCustomRepresentation {
            guard let represented = custom.representation else { return nil }
            value = TemplateValue(any: represented)
        }
        guard !name.transforms.isEmpty else { return value }
        return transformed(value, Array(code.program.transforms[Int(name.transforms.lowerBound)..<Int(name.transforms.upperBound)]))
    }

    /// `path`: components of `TemplateProgram.components`.
    private mutating func descend(_ path: Range<Int32>, from value: TemplateValue) -> TemplateValue? {
        guard let component = path.first else { return value }
        if case .other(let other) = value, other is MustacheLambda {
            unsupported = true
            return nil
        }
        guard let child = child(named: component, of: value) else { return nil }
        return descend(component + 1..<path.upperBound, from: child)
    }

    /// The value under `TemplateProgram.components[component]` in `value` (swift-mustache's
    /// `_getImmediateChild`).
    private func child(named component: Int32, of value: TemplateValue) -> TemplateValue? {
        switch value {
        case .view(let view):
            if let key = code.components[Int(component)].key { return view.value(for: key) }
            return view.value(named: code.components[Int(component)].name)
        case .text, .utf8, .number, .flag, .list:
            return nil  // no stored property of a String, an Int, a Bool or an Array has a label
        case .other(let other):
            let name = code.components[Int(component)].name
            let represented: Any?
            if let custom = other as? any MustacheCustomRepresentation {
                represented = custom.representation
            } else {
                represented = other
            }
            guard let represented else { return nil }
            if let parent = represented as? any MustacheParent {
                return parent.child(named: name).map(TemplateValue.init(any:))
            }
            return Self.reflectedChild(named: name, of: represented).map(TemplateValue.init(any:))
        }
    }

    /// swift-mustache's `Mirror.getValue(forKey:)`: a stored property, optionals unwrapped.
    private static func reflectedChild(named name: String, of value: Any) -> Any? {
        guard let field = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: field)
        guard mirror.displayStyle == .optional else { return field }
        return mirror.children.first?.value
    }

    private func transformed(_ value: TemplateValue, _ transforms: [String]) -> TemplateValue? {
        var value = value.asAny
        for transform in transforms.reversed() {
            if let position = value as? ListPosition, let result = position.transform(transform) {
                value = result
            } else if let transformable = value as? any MustacheTransformable, let result = transformable.transform(transform) {
                value = result
            } else {
                return nil
            }
        }
        return TemplateValue(any: value)
    }

    /// A value that is itself an optional (inside `Any`), unwrapped; `nil` stays as it is.
    private func unwrappingOptional(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value else { return value }
        return wrapped
    }
}
