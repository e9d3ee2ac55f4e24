import Mustache

/// Renders swift-mustache's parsed templates (`TemplateNode`) the way swift-mustache does,
/// several times faster.
///
/// swift-mustache resolves every `{{name}}` by splitting the name, copying the context stack
/// and trying half a dozen dynamic casts on each value (`MustacheCustomRepresentation`,
/// `MustacheParent`, `MustacheLambda`, …); at 10,000 articles that was a third of a full
/// build's CPU time. Here names are split once, views answer with a typed `TemplateValue`
/// (no cast tells a text from a list), and every page is written into one string. Values of
/// other types (`.other`) take the slow path, cast for cast as swift-mustache does.
///
/// The rules are those of swift-mustache 2.1 (`Template+Render.swift`), one for one: lookup up
/// the stack, sections over lists, booleans and values, inherited blocks, partial
/// indentation, transforms. What it does not cover (lambdas, and templates as values, which
/// no view of toasoan returns) makes `render` return nil, and swift-mustache renders that
/// page. `CompiledTemplatesTests` renders the same templates and values with both and
/// compares the bytes.
struct CompiledTemplates: Sendable {
    let templates: [String: [TemplateNode]]
    /// The escaping swift-mustache starts every template and partial with (its internal
    /// `HTMLContentType`), taken from its own parse of a pragma naming it. Templates of a
    /// `TemplateSet` replace it with their own at their first token.
    private let defaultEscaping: any MustacheContentType

    /// The parse trees of every template of `library` under `names`; nil when one is not understood.
    init?(library: MustacheLibrary, names: some Sequence<String>) {
        guard let pragma = try? MustacheTemplate(string: "{{% CONTENT_TYPE: HTML}}"),
            case .contentType(let escaping)? = TemplateNode.nodes(of: pragma)?.first
        else { return nil }
        defaultEscaping = escaping
        var templates: [String: [TemplateNode]] = [:]
        for name in names {
            guard let template = library.getTemplate(named: name), let nodes = TemplateNode.nodes(of: template) else {
                return nil
            }
            templates[name] = nodes
        }
        self.templates = templates.mapValues { Self.inliningPastes($0, of: templates) }
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
        guard let nodes = templates[name] else { return nil }
        var renderer = Renderer(templates: templates, defaultEscaping: defaultEscaping, stack: [value])
        var output: [UInt8] = []
        output.reserveCapacity(capacity)
        renderer.renderTemplate(nodes, Context(escaping: defaultEscaping), into: &output)
        return renderer.unsupported ? nil : output
    }
}

/// What a template renders in, besides the stack of values (swift-mustache's `MustacheContext`).
private struct Context {
    /// Set while a list's items are shown: answers `first()`, `last()`, `index()`, …
    var listPosition: ListPosition?
    /// Put before every line of a standalone partial or block after its first.
    var indentation: String?
    /// The blocks the templates being rendered override, by name.
    var overrides: [String: [TemplateNode]]?
    var escaping: any MustacheContentType {
        didSet { escapesHTML = escaping is FastHTMLEscaping }
    }
    /// `escaping` is toasoan's HTML escaping, which values are escaped with straight into the page.
    private(set) var escapesHTML: Bool

    init(escaping: any MustacheContentType) {
        self.escaping = escaping
        escapesHTML = escaping is FastHTMLEscaping
    }
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
    let templates: [String: [TemplateNode]]
    /// What every partial starts with, as in swift-mustache.
    let defaultEscaping: any MustacheContentType
    /// The context stack, innermost last.
    var stack: [TemplateValue]
    /// Set when the page needs something only swift-mustache renders.
    var unsupported = false

    /// One template (or section body) rendered in `context`: swift-mustache's `render(context:)`.
    mutating func renderTemplate(_ nodes: [TemplateNode], _ context: Context, into output: inout [UInt8]) {
        var context = context
        if let indentation = context.indentation, !indentation.isEmpty {
            // Each node's text is indented when what this template wrote so far ends a line
            // (its last character is "\n": a "\r\n" is one character, and does not count).
            var written: [UInt8] = []
            for node in nodes {
                var text: [UInt8] = []
                render(node, &context, into: &text)
                if !text.isEmpty, written.last == UInt8(ascii: "\n"), written.dropLast().last != UInt8(ascii: "\r") {
                    written.append(contentsOf: indentation.utf8)
                }
                written.append(contentsOf: text)
            }
            output.append(contentsOf: written)
        } else {
            for node in nodes { render(node, &context, into: &output) }
        }
    }

    private mutating func render(_ node: TemplateNode, _ context: inout Context, into output: inout [UInt8]) {
        switch node {
        case .text(let text):
            output.append(contentsOf: text.utf8)
        case .variable(let name, let escaped):
            guard let value = lookUp(name, context) else { return }
            let text: String
            switch value {
            case .text(let value): text = value
            case .utf8(let bytes):
                if !escaped {
                    output.append(contentsOf: bytes)
                    return
                } else if context.escapesHTML {
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
            if escaped, context.escapesHTML {
                var text = text
                text.withUTF8 { HTMLEscaping.append(escaping: $0, to: &output) }
            } else {
                output.append(contentsOf: (escaped ? context.escaping.escapeText(text) : text).utf8)
            }
        case .section(let name, let body, let inverted):
            let value = lookUp(name, context)
            if case .other(let other) = value, other is MustacheLambda {
                unsupported = true
            } else if inverted {
                renderInvertedSection(value, body, context, into: &output)
            } else {
                renderSection(value, body, context, into: &output)
            }
        case .block(let name, let defaultBody, let indentation):
            var inner = context
            inner.listPosition = nil
            inner.indentation = indented(context.indentation, by: indentation)
            renderTemplate(context.overrides?[name] ?? defaultBody, inner, into: &output)
        case .partial(let name, let indentation, let overrides):
            guard let partial = templates[name] else { return }
            var inner = Context(escaping: defaultEscaping)
            inner.indentation = indented(context.indentation, by: indentation)
            if let overrides {
                // Blocks overridden further out win over those overridden here.
                inner.overrides = context.overrides?.merging(overrides) { outer, _ in outer } ?? overrides
            } else {
                inner.overrides = context.overrides
            }
            renderTemplate(partial, inner, into: &output)
        case .contentType(let escaping):
            context.escaping = escaping
        }
    }

    private func indented(_ indentation: String?, by more: String?) -> String? {
        guard let more else { return indentation }
        return (indentation ?? "") + more
    }

    /// `{{#name}}`: a list shows the body once per item, `true` once, `false` and nothing
    /// never; any other value once, on top of the stack.
    private mutating func renderSection(
        _ value: TemplateValue?, _ body: [TemplateNode], _ context: Context, into output: inout [UInt8]
    ) {
        switch value {
        case nil:
            return
        case .list(let list):
            if body.count == 1, case .variable(let name, escaped: false) = body[0], name.start == .stack,
                name.path.count == 1, name.path[0].key == nil, name.transforms.isEmpty
            {
                renderPastedItems(of: list, name.path[0].name, body, context, into: &output)
            } else {
                renderItems(count: list.count, item: list.item(at:), body, context, into: &output)
            }
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
        _ value: TemplateValue?, _ body: [TemplateNode], _ context: Context, into output: inout [UInt8]
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
    private mutating func renderItems(
        count: Int, item: (Int) -> TemplateValue, _ body: [TemplateNode], _ context: Context, into output: inout [UInt8]
    ) {
        var inner = context
        for index in 0..<count {
            inner.listPosition = ListPosition(first: index == 0, last: index == count - 1, index: index)
            stack.append(item(index))
            renderTemplate(body, inner, into: &output)
            stack.removeLast()
        }
    }

    /// A list whose body is one `{{{name}}}` of a name that is no key: a pasted partial
    /// (`inliningPastes`), the item of every list of articles. An item that has a text under
    /// that name is pasted at once, with nothing pushed, looked up or indented (the only text
    /// of a body is not indented); any other item is shown as `renderItems` shows it.
    private mutating func renderPastedItems(
        of list: any TemplateList, _ name: String, _ body: [TemplateNode], _ context: Context, into output: inout [UInt8]
    ) {
        let count = list.count
        for index in 0..<count {
            let item = list.item(at: index)
            if case .view(let view) = item {
                switch view.value(named: name) {
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
            var inner = context
            inner.listPosition = ListPosition(first: index == 0, last: index == count - 1, index: index)
            stack.append(item)
            renderTemplate(body, inner, into: &output)
            stack.removeLast()
        }
    }

    /// The body once, with `value` on top of the stack.
    private mutating func renderPushing(
        _ value: TemplateValue, _ body: [TemplateNode], _ context: Context, into output: inout [UInt8]
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
    private mutating func lookUp(_ name: TemplateName, _ context: Context) -> TemplateValue? {
        var found: TemplateValue?
        switch name.start {
        case .current:
            found = stack.last!
        case .listPosition:
            found = context.listPosition.map { .other($0) }
        case .currentOnly:
            found = descend(name.path[...], from: stack.last!)
        case .stack:
            if let first = name.path.first {
                for frame in stack.reversed() {
                    if let child = child(named: first, of: frame) {
                        found = descend(name.path.dropFirst(), from: child)
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
        return name.transforms.isEmpty ? value : transformed(value, name.transforms)
    }

    private mutating func descend(_ path: ArraySlice<TemplateName.Component>, from value: TemplateValue) -> TemplateValue? {
        guard let name = path.first else { return value }
        if case .other(let other) = value, other is MustacheLambda {
            unsupported = true
            return nil
        }
        guard let child = child(named: name, of: value) else { return nil }
        return descend(path.dropFirst(), from: child)
    }

    /// The value under `name` in `value` (swift-mustache's `_getImmediateChild`).
    private func child(named component: TemplateName.Component, of value: TemplateValue) -> TemplateValue? {
        let name = component.name
        switch value {
        case .view(let view):
            if let key = component.key { return view.value(for: key) }
            return view.value(named: name)
        case .text, .utf8, .number, .flag, .list:
            return nil  // no stored property of a String, an Int, a Bool or an Array has a label
        case .other(let other):
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
