import Mustache

/// A Mustache template as swift-mustache parsed it, in a form `TemplateProgram` compiles.
///
/// swift-mustache keeps its parse tree (`MustacheTemplate.tokens`) internal, so it is read
/// here through `Mirror`, once per template per build. Parsing, with every rule about
/// standalone lines, delimiters and partial indentation, stays swift-mustache's own; only
/// rendering is done again. A token of a shape this code does not know (a later version of
/// the library) makes `nodes(of:)` return nil, and swift-mustache renders everything as before.
indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, body: [TemplateNode], inverted: Bool)
    /// `{{$name}}…{{/name}}` in a template others inherit from: a block they may override.
    case block(name: String, defaultBody: [TemplateNode], indentation: String?)
    /// `{{>name}}`, or `{{<name}}` with the blocks it overrides.
    case partial(name: String, indentation: String?, overrides: [String: [TemplateNode]]?)
    /// `{{% CONTENT_TYPE: … }}`: how the following values are escaped.
    case contentType(any MustacheContentType)

    /// The nodes of `template`, or nil when one of its tokens is not understood.
    static func nodes(of template: MustacheTemplate) -> [TemplateNode]? {
        guard let tokens = field("tokens", of: template) as? [Any] else { return nil }
        var nodes: [TemplateNode] = []
        nodes.reserveCapacity(tokens.count)
        for token in tokens {
            guard let node = node(of: token) else { return nil }
            nodes.append(node)
        }
        return nodes
    }

    private static func node(of token: Any) -> TemplateNode? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { return nil }
        let fields = Mirror(reflecting: payload.value).children.map(\.value)
        switch kind {
        case "text":
            return (payload.value as? String).map { .text($0) }
        case "variable", "unescapedVariable":
            guard fields.count == 2, let name = fields[0] as? String, let transforms = fields[1] as? [String] else { return nil }
            return .variable(TemplateName(name, transforms: transforms), escaped: kind == "variable")
        case "section", "invertedSection":
            guard fields.count == 3, let name = fields[0] as? String, let transforms = fields[1] as? [String],
                let body = (fields[2] as? MustacheTemplate).flatMap(nodes(of:))
            else { return nil }
            return .section(TemplateName(name, transforms: transforms), body: body, inverted: kind == "invertedSection")
        case "blockExpansion":
            guard fields.count == 3, let name = fields[0] as? String,
                let body = (fields[1] as? MustacheTemplate).flatMap(nodes(of:)), let indentation = fields[2] as? String?
            else { return nil }
            return .block(name: name, defaultBody: body, indentation: indentation)
        case "partial":
            guard fields.count == 3, let name = fields[0] as? String, let indentation = fields[1] as? String?,
                let inherits = fields[2] as? [String: MustacheTemplate]?
            else { return nil }
            var overrides: [String: [TemplateNode]]?
            if let inherits {
                overrides = [:]
                for (block, template) in inherits {
                    guard let body = nodes(of: template) else { return nil }
                    overrides?[block] = body
                }
            }
            return .partial(name: name, indentation: indentation, overrides: overrides)
        case "contentType":
            return (payload.value as? any MustacheContentType).map { .contentType($0) }
        default:
            // `dynamicNamePartial` (`{{>*name}}`), and any token a later version adds.
            return nil
        }
    }

    private static func field(_ label: String, of value: Any) -> Any? {
        Mirror(reflecting: value).children.first { $0.label == label }?.value
    }
}

/// A name a tag looks up, split once (swift-mustache splits it on every lookup).
struct TemplateName: Sendable {
    enum Start: Sendable {
        /// `.`: the current value.
        case current
        /// `first()`, `last()`, … with no name: the position in the list being shown.
        case listPosition
        /// `.a.b`: looked up in the current value only.
        case currentOnly
        /// `a.b`: `a` looked up through the context stack, top first.
        case stack
    }

    let start: Start
    let path: [Component]
    /// Applied last to first, as swift-mustache does.
    let transforms: [String]

    init(_ name: String, transforms: [String]) {
        self.transforms = transforms
        if name == "." {
            start = .current
        } else if name.isEmpty, !transforms.isEmpty {
            start = .listPosition
        } else if name.first == "." {
            start = .currentOnly
        } else {
            start = .stack
        }
        path = name.split(separator: ".").map { Component(String($0)) }
    }

    /// One name of a dotted path, and its key when it is one (looked up without comparing names).
    struct Component: Sendable {
        let name: String
        let key: TemplateKey?

        init(_ name: String) {
            self.name = name
            key = TemplateKey(rawValue: name)
        }
    }
}
