import Mustache

/// Renders swift-mustache's parsed templates (`TemplateNode`) the way swift-mustache does,
/// about ten times faster.
///
/// swift-mustache resolves every `{{name}}` by splitting the name, copying the context stack
/// and trying half a dozen dynamic casts on each value (`MustacheCustomRepresentation`,
/// `MustacheParent`, `MustacheLambda`, …); at 10,000 articles that was a third of a full
/// build's CPU time. Here names are split once, each stacked value is classified once when
/// it is pushed, the common values (text, numbers) are recognised by their type first, and
/// every page is written into one string.
///
/// The rules are those of swift-mustache 2.1 (`Template+Render.swift`), one for one: lookup up
/// the stack, sections over lists, booleans and values, inherited blocks, partial
/// indentation, transforms. What it does not cover (lambdas, and templates as values, which
/// no view of toasoan returns) makes `render` return nil, and swift-mustache renders that
/// page. `CompiledTemplatesTests` renders the same templates and values with both and
/// compares the bytes.
struct CompiledTemplates: Sendable {
    let templates: [String: [TemplateNode]]

    /// The parse trees of every template of `library` under `names`; nil when one is not understood.
    init?(library: MustacheLibrary, names: some Sequence<String>) {
        var templates: [String: [TemplateNode]] = [:]
        for name in names {
            guard let template = library.getTemplate(named: name), let nodes = TemplateNode.nodes(of: template) else {
                return nil
            }
            templates[name] = nodes
        }
        self.templates = templates
    }

    /// `object` rendered with the template `name`; nil when the template is missing or the
    /// page needs what only swift-mustache does.
    func render(_ object: Any, template name: String) -> String? {
        guard let nodes = templates[name] else { return nil }
        var renderer = Renderer(templates: templates, stack: [StackedValue(object)])
        var output = ""
        renderer.renderTemplate(nodes, Context(), into: &output)
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
    var escaping: any MustacheContentType = SwiftMustacheHTMLEscaping()
}

/// A value on the context stack, classified once for every name looked up in it.
private struct StackedValue {
    enum Lookup {
        case parent(any MustacheParent)
        /// Looked up through `Mirror`, as swift-mustache does for other values.
        case reflected(Any)
        /// A `MustacheCustomRepresentation` that represents nothing.
        case nothing
    }

    let value: Any
    let lookup: Lookup

    init(_ value: Any) {
        self.value = value
        lookup = Self.classify(value)
    }

    static func classify(_ value: Any) -> Lookup {
        if value is String { return .reflected(value) }  // the commonest value in a section; has no children
        let represented: Any?
        if let custom = value as? any MustacheCustomRepresentation {
            represented = custom.representation
        } else {
            represented = value
        }
        guard let represented else { return .nothing }
        if let parent = represented as? any MustacheParent { return .parent(parent) }
        return .reflected(represented)
    }

    func child(named name: String) -> Any? {
        switch lookup {
        case .parent(let parent): parent.child(named: name)
        case .reflected(let value): Self.reflectedChild(named: name, of: value)
        case .nothing: nil
        }
    }

    /// swift-mustache's `Mirror.getValue(forKey:)`: a stored property, optionals unwrapped.
    static func reflectedChild(named name: String, of value: Any) -> Any? {
        if value is String { return nil }
        guard let field = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: field)
        guard mirror.displayStyle == .optional else { return field }
        return mirror.children.first?.value
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
    var stack: [StackedValue]
    /// Set when the page needs something only swift-mustache renders.
    var unsupported = false

    /// One template (or section body) rendered in `context`: swift-mustache's `render(context:)`.
    mutating func renderTemplate(_ nodes: [TemplateNode], _ context: Context, into output: inout String) {
        var context = context
        if let indentation = context.indentation, !indentation.isEmpty {
            // Each node's text is indented when what this template wrote so far ends a line.
            var written = ""
            for node in nodes {
                var text = ""
                render(node, &context, into: &text)
                if !text.isEmpty, written.last == "\n" { written += indentation }
                written += text
            }
            output += written
        } else {
            for node in nodes { render(node, &context, into: &output) }
        }
    }

    private mutating func render(_ node: TemplateNode, _ context: inout Context, into output: inout String) {
        switch node {
        case .text(let text):
            output += text
        case .variable(let name, let escaped):
            guard let value = lookUp(name, context) else { return }
            if let text = value as? String {
                output += escaped ? context.escaping.escapeText(text) : text
                return
            }
            let text: String
            if value is MustacheTemplate || value is MustacheLambda {
                unsupported = true
                return
            } else if let renderable = value as? any MustacheCustomRenderable {
                text = renderable.renderText
            } else {
                text = String(describing: unwrappingOptional(value))
            }
            output += escaped ? context.escaping.escapeText(text) : text
        case .section(let name, let body, let inverted):
            let value = lookUp(name, context)
            if value is MustacheLambda {
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
            var inner = Context()
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
    private mutating func renderSection(_ value: Any?, _ body: [TemplateNode], _ context: Context, into output: inout String) {
        guard let value else { return }
        if let list = value as? any MustacheSequence {
            let items = Self.items(of: list)
            for (index, item) in items.enumerated() {
                var inner = context
                inner.listPosition = ListPosition(first: index == 0, last: index == items.count - 1, index: index)
                push(item)
                renderTemplate(body, inner, into: &output)
                stack.removeLast()
            }
        } else if let flag = value as? Bool {
            if flag { renderTemplate(body, context, into: &output) }
        } else if let null = value as? any MustacheCustomRenderable, null.isNull {
            return
        } else {
            var inner = context
            inner.listPosition = nil
            push(value)
            renderTemplate(body, inner, into: &output)
            stack.removeLast()
        }
    }

    /// `{{^name}}`: the body when the value is missing, `false`, null or an empty list.
    private mutating func renderInvertedSection(
        _ value: Any?, _ body: [TemplateNode], _ context: Context, into output: inout String
    ) {
        guard let value else { return renderTemplate(body, context, into: &output) }
        if let list = value as? any MustacheSequence {
            guard Self.items(of: list).isEmpty else { return }
            var inner = context
            inner.listPosition = nil
            push(list)
            renderTemplate(body, inner, into: &output)
            stack.removeLast()
        } else if let flag = value as? Bool {
            if !flag { renderTemplate(body, context, into: &output) }
        } else if let null = value as? any MustacheCustomRenderable, null.isNull {
            renderTemplate(body, context, into: &output)
        }
    }

    private mutating func push(_ value: Any) {
        stack.append(StackedValue(value))
    }

    private static func items(of list: some Sequence) -> [Any] {
        list.map { $0 as Any }
    }

    /// swift-mustache's `getChild(named:transforms:context:)`.
    private mutating func lookUp(_ name: TemplateName, _ context: Context) -> Any? {
        var found: Any?
        switch name.start {
        case .current:
            found = stack.last!.value
        case .listPosition:
            found = context.listPosition
        case .currentOnly:
            found = descend(name.path[...], from: stack.last!.value)
        case .stack:
            if let first = name.path.first {
                for stacked in stack.reversed() {
                    if let child = stacked.child(named: first) {
                        found = descend(name.path.dropFirst(), from: child)
                        break
                    }
                }
            } else {
                found = stack.last!.value
            }
        }
        guard var value = found else { return nil }
        if value is String { return name.transforms.isEmpty ? value : transformed(value, name.transforms) }
        if let custom = value as? any MustacheCustomRepresentation {
            guard let represented = custom.representation else { return nil }
            value = represented
        }
        return name.transforms.isEmpty ? value : transformed(value, name.transforms)
    }

    private mutating func descend(_ path: ArraySlice<String>, from value: Any) -> Any? {
        guard let name = path.first else { return value }
        if value is MustacheLambda {
            unsupported = true
            return nil
        }
        let child: Any?
        switch StackedValue.classify(value) {
        case .parent(let parent): child = parent.child(named: name)
        case .reflected(let value): child = StackedValue.reflectedChild(named: name, of: value)
        case .nothing: child = nil
        }
        guard let child else { return nil }
        return descend(path.dropFirst(), from: child)
    }

    private func transformed(_ value: Any, _ transforms: [String]) -> Any? {
        var value = value
        for transform in transforms.reversed() {
            if let position = value as? ListPosition, let result = position.transform(transform) {
                value = result
            } else if let transformable = value as? any MustacheTransformable, let result = transformable.transform(transform) {
                value = result
            } else {
                return nil
            }
        }
        return value
    }

    /// A value that is itself an optional (inside `Any`), unwrapped; `nil` stays as it is.
    private func unwrappingOptional(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value else { return value }
        return wrapped
    }
}

/// The escaping swift-mustache starts every template with (its internal `HTMLContentType`):
/// `& < > " '` replaced, character by character. Templates of a `TemplateSet` replace it with
/// their own at their first token; it is kept for templates that do not.
private struct SwiftMustacheHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
