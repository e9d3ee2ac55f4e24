import Mustache

/// A view model: the values its templates look up by name.
///
/// Views answer with a `TemplateValue`, so `CompiledTemplates` needs no dynamic cast to tell
/// a text from a list. They are `MustacheParent`s too, through `child(named:)` below, so
/// swift-mustache renders them the same when it has to.
protocol TemplateView: MustacheParent {
    /// The value under `key`; nil when this view has none (the template looks further out).
    func value(for key: TemplateKey) -> TemplateValue?
    /// The value under a name that is no `TemplateKey` (a pasted partial's); nil by default.
    func value(named name: String) -> TemplateValue?
}

extension TemplateView {
    func value(named name: String) -> TemplateValue? { nil }

    /// The value under any name: its key's, or the name's when it is no key.
    func value(anyName name: String) -> TemplateValue? {
        if let key = TemplateKey(rawValue: name) { value(for: key) } else { value(named: name) }
    }

    func child(named name: String) -> Any? { value(anyName: name)?.asAny }
}

/// What a view gives a template.
enum TemplateValue {
    case text(String)
    /// A text given as UTF-8 (an article's HTML body): the same as `.text` of it, but put
    /// into the page as its bytes.
    case utf8([UInt8])
    case number(Int)
    case flag(Bool)
    case view(any TemplateView)
    case list(any TemplateList)
    /// Anything else, rendered as swift-mustache renders an `Any` (dictionaries in tests,
    /// what transforms return).
    case other(Any)

    /// Optional values: nil stays nil (nothing under that name).
    static func text(ifAny text: String?) -> TemplateValue? { text.map { .text($0) } }
    static func number(ifAny number: Int?) -> TemplateValue? { number.map { .number($0) } }
    static func view(ifAny view: (any TemplateView)?) -> TemplateValue? { view.map { .view($0) } }
    static func list(_ views: [some TemplateView]) -> TemplateValue { .list(ViewList(views: views)) }

    /// The value as swift-mustache gets it from `MustacheParent.child(named:)`.
    var asAny: Any {
        switch self {
        case .text(let text): text
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        case .number(let number): number
        case .flag(let flag): flag
        case .view(let view): view
        case .list(let list): list.asAny
        case .other(let value): value
        }
    }

    /// A value of exactly one of the plain types as its case; anything else as `.other`.
    /// (Exact types only: a cast would also take an `Optional<String>` for a `String`, and
    /// swift-mustache shows those differently.)
    init(any value: Any) {
        let type = type(of: value)
        if type == String.self {
            self = .text(value as! String)
        } else if type == Int.self {
            self = .number(value as! Int)
        } else if type == Bool.self {
            self = .flag(value as! Bool)
        } else {
            self = .other(value)
        }
    }
}

/// A list a template shows item by item.
protocol TemplateList {
    var count: Int { get }
    func item(at index: Int) -> TemplateValue
    /// The list as swift-mustache gets it: the array itself.
    var asAny: Any { get }
}

/// A list of views.
struct ViewList<View: TemplateView>: TemplateList {
    let views: [View]
    var count: Int { views.count }
    func item(at index: Int) -> TemplateValue { .view(views[index]) }
    var asAny: Any { views }
}

/// A list of numbers.
struct NumberList: TemplateList {
    let numbers: [Int]
    var count: Int { numbers.count }
    func item(at index: Int) -> TemplateValue { .number(numbers[index]) }
    var asAny: Any { numbers }
}
