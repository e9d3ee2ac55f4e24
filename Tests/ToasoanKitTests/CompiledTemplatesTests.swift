import Foundation
import Mustache
import Testing
@testable import ToasoanKit

/// `CompiledTemplates` must render exactly what swift-mustache renders: every case here is
/// rendered by both, and the bytes compared.
@Suite struct CompiledTemplatesTests {
    /// Values as a theme's views hand them over, held in dictionaries (`MustacheParent`).
    static var data: [String: Any] {
        [
        "title": "Xây dựng <Đảng> & \"nhân dân\" 'ta'",
        "combining": "a&\u{301}b<c",
        "empty": "",
        "count": 3,
        "zero": 0,
        "yes": true,
        "no": false,
        "none": String?.none as Any,
        "some": String?.some("wrapped") as Any,
        "items": [
            ["name": "một", "n": 1, "html": "<i>một</i>"] as [String: Any],
            ["name": "hai", "title": "riêng"],
            ["name": "ba", "items": [["name": "bốn"]]],
        ],
        "emptyList": [Any](),
        "words": ["x", "y", "z"],
        "numbers": [3, 1, 2],
        "nested": ["inner": ["deep": "sâu"], "title": "lồng"] as [String: Any],
        "html": "<b>đậm</b>",
        ]
    }

    static let cases: [(name: String, templates: [String: String])] = [
        ("variables", ["main": "{{title}}|{{{title}}}|{{&title}}|{{empty}}|{{missing}}|{{count}} {{zero}} {{yes}} {{no}}|{{none}}|{{some}}|{{combining}}"]),
        ("lists", ["main": "{{#items}}{{name}}:{{title}}:{{n}}{{^last()}}, {{/last()}}{{#first()}}[đầu]{{/first()}}{{index()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{/items}}"]),
        ("nested lists", ["main": "{{#items}}<{{name}}{{#items}}({{name}} in {{title}}){{/items}}>{{/items}}"]),
        ("inverted", ["main": "{{^emptyList}}rỗng{{/emptyList}}|{{^items}}x{{/items}}|{{^no}}không{{/no}}|{{^yes}}có{{/yes}}|{{^missing}}thiếu{{/missing}}|{{^none}}n{{/none}}|{{^zero}}0{{/zero}}|{{^empty}}e{{/empty}}"]),
        ("values as sections", ["main": "{{#title}}[{{.}}]{{/title}}{{#count}}({{.}}){{/count}}{{#empty}}<{{.}}>{{/empty}}{{#zero}}z{{.}}{{/zero}}{{#none}}n{{/none}}{{#no}}no{{/no}}{{#yes}}{{title}}{{/yes}}"]),
        ("dotted names", ["main": "{{nested.inner.deep}} {{#nested}}{{title}} {{.title}} {{inner.deep}} {{count}}{{/nested}} {{nested.missing.x}} {{.title}} {{#nested.inner}}{{deep}}{{/nested.inner}}"]),
        ("implicit iterator", ["main": "{{#words}}({{.}}){{/words}} {{#numbers}}{{.}}{{/numbers}} {{.}}"]),
        ("transforms", ["main": "{{uppercased(title)}} {{lowercased(title)}} {{count(words)}} {{#reversed(words)}}{{.}}{{/reversed(words)}} {{#sorted(numbers)}}{{.}}{{/sorted(numbers)}} {{empty(emptyList)}} {{first(words)}} {{last(words)}} {{lowercased(missing)}} {{nosuch(title)}} {{#empty(empty)}}trống{{/empty(empty)}} {{plusone(count)}}"]),
        ("standalone lines", ["main": "Đầu\n  {{#items}}\n  - {{name}}\n  {{/items}}\n{{! chú thích }}\n  {{^emptyList}}\n  không có\n  {{/emptyList}}\nCuối\n"]),
        ("crlf", ["main": "{{#yes}}\r\ndòng\r\n{{/yes}}\r\n  {{#items}}\r\n{{name}}\r\n  {{/items}}\r\n"]),
        ("indented partials", [
            "main": "<ul>\n  {{>item}}\n</ul>\n{{#items}}\n    {{>item}}\n{{/items}}\nend {{>item}} inline\n",
            "item": "<li>{{name}}</li>\n<li>thứ hai {{title}}</li>\n  {{>leaf}}\n",
            "leaf": "lá\nlá {{count}}\n",
        ]),
        ("inheritance", [
            "base": "<head>{{$head}}mặc định{{/head}}</head>\n<body>\n  {{$body}}\n  thân mặc định\n  {{/body}}\n</body>\n",
            "page": "{{<base}}\n{{$body}}\n{{#items}}\n{{name}}\n{{/items}}\n{{/body}}\n{{/base}}\n",
            "special": "{{<page}}{{$head}}riêng {{title}}{{/head}}{{$body}}bị ghi đè?{{/body}}{{/page}}",
            "main": "{{>special}}|{{>page}}|{{<base}}{{/base}}",
        ]),
        ("set delimiters", ["main": "{{=<% %>=}}<% title %> <%#items%><%name%><%/items%>\n<%={{ }}=%>{{count}}"]),
        ("content types", [
            "main": "{{% CONTENT_TYPE: TEXT}}{{title}} {{>html}} {{title}}",
            "html": "{{title}}{{% CONTENT_TYPE: HTML}}{{html}}",
        ]),
        ("missing partial", ["main": "a{{>nope}}b\n  {{>nope}}\nc"]),
        // Partials of one unescaped value are pasted without entering a partial (as the
        // prerendered items of every list are): standalone, indented, in lists, on positions.
        ("pasting partials", [
            "main": "<ul>\n  {{>paste}}\n{{#items}}\n    {{>paste}}\n  {{>dot}}{{>position}}\n{{/items}}\n</ul>{{>paste}}{{#words}}{{>dot}}{{/words}}",
            "paste": "{{{html}}}", "dot": "{{{.}}}", "position": "{{{first()}}}",
        ]),
        // A list whose body is one pasted partial: items with a value of their own under its
        // name (as text or as UTF-8) and items without, which find the one further out.
        ("lists of pasted partials", [
            "main": "<ul>\n{{#items}}\n{{>paste}}\n{{/items}}\n</ul>\n  {{#items}}\n  {{>paste}}\n  {{/items}}\n{{#items}}{{{html}}}{{/items}}{{#nested}}{{#items}}{{>paste}}{{/items}}{{/nested}}",
            "paste": "{{{html}}}",
        ]),
    ]

    @Test(arguments: cases.map(\.name))
    func rendersAsSwiftMustacheDoes(name: String) throws {
        let templates = try #require(Self.cases.first { $0.name == name }).templates
        try expectSameRendering(templates, data: Self.data)
    }

    /// Templates put together at random from the pieces themes use, 400 of them.
    @Test func randomTemplatesRenderAsSwiftMustacheDoes() throws {
        var generator = TemplateGenerator(seed: 20_261_125)
        for _ in 0..<400 {
            let templates = ["main": generator.template(depth: 3), "part": generator.template(depth: 1, partials: false)]
            try expectSameRendering(templates, data: Self.data)
        }
    }

    @Test func aDynamicPartialLeavesRenderingToSwiftMustache() throws {
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: "{{>*which}}"), named: "main")
        #expect(CompiledTemplates(library: library, names: ["main"]) == nil)
    }

    @Test func aLambdaLeavesThePageToSwiftMustache() throws {
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: "{{#shout}}hi{{/shout}}"), named: "main")
        let compiled = try #require(CompiledTemplates(library: library, names: ["main"]))
        let data: [String: Any] = ["shout": MustacheLambda { (text: String) in text.uppercased() }]
        #expect(compiled.render(any: data, template: "main") == nil)
        #expect(compiled.render(any: ["shout": "no lambda"], template: "main") == Array("hi".utf8))
    }

    /// Every page of the bundled sample edition, with the bundled theme.
    @Test func everyPageOfTheSampleEditionIsAsSwiftMustacheRendersIt() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("toasoan-compiled-\(UUID().uuidString)")
        let options = BuildOptions(
            siteRoot: FixtureSite.repositoryRoot, outputFolder: output, now: JournalDate(year: 2026, month: 11, day: 25, hour: 9))
        var timer = StageTimer(enabled: false)
        let (linked, diagnostics, _) = try await SiteBuilder.loadAndLink(
            options, listing: nil, articleCache: nil, writingCache: false, timer: &timer)
        #expect(!diagnostics.hasErrors)
        let site = try #require(linked?.site)
        let templates = try #require(linked?.templates)
        #expect(templates.compiled != nil)
        let compiled = PageRenderer(site: site, templates: templates, buildYear: 2026)
        let reference = PageRenderer(site: site, templates: templates.swiftMustacheOnly(), buildYear: 2026)
        var compared = 0
        for index in site.articles.indices {
            let page = compiled.renderArticle(index)
            #expect(page.resolvedContents() == reference.renderArticle(index).resolvedContents(), "\(page.path)")
            compared += 1
        }
        for job in compiled.listJobs {
            for (page, expected) in zip(compiled.render(job), reference.render(job)) {
                #expect(page.path == expected.path)
                #expect(page.resolvedContents() == expected.resolvedContents(), "\(page.path)")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    /// Both as dictionaries (values of any type) and as view models hand them over (`TestView`).
    private func expectSameRendering(_ templates: [String: String], data: [String: Any]) throws {
        var library = MustacheLibrary()
        for (name, text) in templates { library.register(try MustacheTemplate(string: text), named: name) }
        let compiled = try #require(CompiledTemplates(library: library, names: templates.keys), "\(templates)")
        #expect(compiled.render(any: data, template: "main") == library.render(data, withTemplate: "main").map { Array($0.utf8) }, "\(templates)")
        let view = TestView(fields: data)
        #expect(compiled.render(view, template: "main") == library.render(view, withTemplate: "main").map { Array($0.utf8) }, "\(templates)")
    }
}

/// The test values as a view model gives them: texts, numbers, flags, views and lists of views.
private struct TestView: TemplateView {
    let fields: [String: Any]

    /// Names that are keys (`title`, `count`) and names that are not (`items`, `words`) alike.
    func value(for key: TemplateKey) -> TemplateValue? {
        value(named: key.rawValue)
    }

    func value(named name: String) -> TemplateValue? {
        fields[name].map(Self.typed)
    }

    /// Strings of odd length come as UTF-8 bytes (`.utf8`, as an article's body does), the
    /// others as `.text`: both must render as swift-mustache renders the String.
    static func typed(_ value: Any) -> TemplateValue {
        switch value {
        case let text as String where text.utf8.count % 2 == 1: .utf8(Array(text.utf8))
        case let fields as [String: Any]: .view(TestView(fields: fields))
        case let list as [[String: Any]]: .list(list.map { TestView(fields: $0) })
        case let numbers as [Int]: .list(NumberList(numbers: numbers))
        default: TemplateValue(any: value)
        }
    }
}

/// Random Mustache from the pieces of the cases above, reproducible from its seed.
private struct TemplateGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    private mutating func pick(_ choices: [String]) -> String { choices[next(choices.count)] }

    /// Without `partials`, no `{{>part}}`: the partial itself must not include itself.
    mutating func template(depth: Int, partials: Bool = true) -> String {
        (0..<(1 + next(6))).map { _ in piece(depth: depth, partials: partials) }.joined()
    }

    private mutating func piece(depth: Int, partials: Bool) -> String {
        let names = ["title", "name", "count", "zero", "yes", "no", "none", "empty", "missing", "items", "words", "nested", "nested.title", "nested.inner.deep", ".", ".title", "html", "combining"]
        let sectionNames = ["items", "words", "yes", "no", "none", "nested", "emptyList", "title", "missing", "zero", "nested.inner", "first()", "last()", "even()"]
        switch next(depth > 0 ? 12 : 8) {
        case 0: return pick(["chữ ", "\n", "  ", " \n", "\t", "<p>", "\r\n", "a & b"])
        case 1: return "{{\(pick(names))}}"
        case 2: return "{{{\(pick(names))}}}"
        case 3: return "{{! ghi chú }}"
        case 4 where partials: return pick(["\n  ", "\n", ""]) + "{{>part}}" + pick(["\n", " ", ""])
        case 4: return "{{count}}"
        case 5: return "{{\(pick(["uppercased", "count", "first", "last", "empty", "reversed"]))(\(pick(names)))}}"
        case 6: return "{{index()}}"
        case 7: return pick(["\n", "  ", ""]) + "{{> absent}}"
        default:
            let name = pick(sectionNames)
            let open = pick(["", "\n", "  "]) + "{{\(pick(["#", "^"]))\(name)}}" + pick(["", "\n"])
            let close = pick(["", "\n", "  "]) + "{{/\(name)}}" + pick(["", "\n"])
            return open + template(depth: depth - 1, partials: partials) + close
        }
    }
}
