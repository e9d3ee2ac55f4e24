import Dispatch
import Synchronization
import Testing
import ToasoanKit

@Suite struct MarkdownRendererTests {
    @Test func imageAloneInItsParagraphBecomesFigureWithTitleCaption() {
        let rendered = MarkdownRenderer.render(#"![Hội nghị](/media/a.jpg "Toàn cảnh hội nghị.")"#)
        #expect(
            rendered.html == """
                <figure>
                <img src="/media/a.jpg" alt="Hội nghị" loading="lazy">
                <figcaption>Toàn cảnh hội nghị.</figcaption>
                </figure>

                """)
    }

    @Test func figureWithoutTitleTakesItsCaptionFromAltText() {
        let html = MarkdownRenderer.render("![Đồng chí *phát biểu*](/media/b.jpg)").html
        #expect(html.contains(#"alt="Đồng chí phát biểu""#))
        #expect(html.contains("<figcaption>Đồng chí phát biểu</figcaption>"))
    }

    @Test func imageInsideTextStaysInline() {
        let html = MarkdownRenderer.render("Xem ![ảnh](/media/c.jpg) tại đây.").html
        #expect(!html.contains("<figure>"))
        #expect(html.contains(#"<p>Xem <img src="/media/c.jpg" alt="ảnh" /> tại đây.</p>"#))
    }

    /// Spaces around the image, no-break ones too, leave it alone in its paragraph; text
    /// starting with a letter outside ASCII (`Đ`) or a no-break space does not.
    @Test func imageWithSpacesAroundIsAFigureAndWithTextIsNot() {
        for alone in ["\u{A0}![a](/m.jpg)\u{A0}", "![a](/m.jpg)\u{2003}\u{A0} ", "\u{3000}\n![a](/m.jpg)"] {
            #expect(MarkdownRenderer.render(alone).html.hasPrefix("<figure>"), "\(alone.unicodeScalars.map(\.value))")
        }
        for withText in ["![a](/m.jpg) Đảng", "Đảng ![a](/m.jpg)", "![a](/m.jpg)\u{A0}Đ", "ễ![a](/m.jpg)", "![a](/m.jpg)\u{A0}\u{301}x"] {
            let rendered = MarkdownRenderer.render(withText)
            #expect(!rendered.html.contains("<figure>"), "\(withText)")
            #expect(!rendered.leadText.isEmpty, "\(withText)")
        }
    }

    @Test func figureCaptionAndAltAreEscaped() {
        let html = MarkdownRenderer.render(#"![a"b<c](/x.jpg "<script>alert(1)</script>")"#).html
        #expect(html.contains(#"alt="a&quot;b&lt;c""#))
        #expect(html.contains("<figcaption>&lt;script&gt;alert(1)&lt;/script&gt;</figcaption>"))
        #expect(!html.contains("<script>"))
    }

    @Test func javascriptImageInFigureIsDropped() {
        let html = MarkdownRenderer.render("![x](javascript:alert(1))").html
        #expect(html.contains(#"<img src="""#))
        #expect(!html.contains("javascript"))
    }

    @Test func rawHTMLIsOmittedAndReportedAtItsFileLine() {
        let body = """
            Đoạn đầu.

            <div class="note">Ghi chú</div>

            Chữ <span>nội dòng</span> ở đây.
            """
        let rendered = MarkdownRenderer.render(body, options: .init(firstLine: 7))
        #expect(!rendered.html.contains("<div"))
        #expect(!rendered.html.contains("<span>"))
        #expect(rendered.html.contains("<p>Chữ nội dòng ở đây.</p>"))
        #expect(rendered.omittedHTML == [.init(line: 9, column: 1), .init(line: 11, column: 5), .init(line: 11, column: 19)])
    }

    @Test func rawHTMLPassesWhenAllowed() {
        let rendered = MarkdownRenderer.render("<div class=\"note\">Ghi chú</div>\n", options: .init(allowRawHTML: true))
        #expect(rendered.html == "<div class=\"note\">Ghi chú</div>\n")
        #expect(rendered.omittedHTML.isEmpty)
    }

    @Test func javascriptLinksAreNeutralisedInSafeMode() {
        let html = MarkdownRenderer.render("[bấm](javascript:alert(1))").html
        #expect(html == "<p><a href=\"\">bấm</a></p>\n")
    }

    @Test func rootRelativeLinksMoveUnderTheBasePath() {
        let html = MarkdownRenderer.render(
            "[Mục](/xay-dung-dang/) [ngoài](https://example.com/) [giao thức](//cdn.example/x)\n\n![a](/media/a.jpg)",
            options: .init(basePath: "/tapchi/")).html
        #expect(html.contains(#"href="/tapchi/xay-dung-dang/""#))
        #expect(html.contains(#"href="https://example.com/""#))
        #expect(html.contains(#"href="//cdn.example/x""#))
        #expect(html.contains(#"<img src="/tapchi/media/a.jpg""#))
    }

    @Test func leadTextIsTheFirstParagraphThatIsNotAFigure() {
        let rendered = MarkdownRenderer.render("![a](/a.jpg)\n\nNgày *26-7-2019*, tại\nTrà Vinh.\n\nĐoạn hai.")
        #expect(rendered.leadText == "Ngày 26-7-2019, tại Trà Vinh.")
    }

    @Test func linksAreListedWithTheirFileLines() {
        let rendered = MarkdownRenderer.render("Một.\n\nXem [mục](/khong-ton-tai/).", options: .init(firstLine: 5))
        #expect(rendered.links == [.init(kind: .link, url: "/khong-ton-tai/", line: 7, column: 5)])
    }

    /// Paragraph `number` of a test body: emphasis, a link, an image alone (a figure), code.
    private static func paragraph(_ number: Int) -> String {
        switch number % 4 {
        case 0: "Đoạn \(number): *Xây dựng Đảng* và [liên kết](/bai-\(number)/) \(String(repeating: "chữ ", count: number % 50))."
        case 1: "![Ảnh \(number)](/media/\(number).jpg \"Chú thích \(number)\")"
        case 2: "```\nmã \(number) <b>\n```"
        default: "Một **dòng** `mã` \(number)\\\ntiếp theo & <i>hết</i>."
        }
    }

    @Test func aBodyOfMegabytesRendersAsItsParagraphsOneByOne() {
        // Larger than the first block of the arena cmark allocates in, and its HTML too.
        let paragraphs = (0..<12_000).map(Self.paragraph)
        let whole = MarkdownRenderer.render(paragraphs.joined(separator: "\n\n"))
        #expect(whole.html.utf8.count > 1_200_000)
        #expect(whole.html == paragraphs.map { MarkdownRenderer.render($0).html }.joined())
        #expect(whole.links.count == 6_000)
    }

    @Test func bodiesRenderedSideBySideOnManyThreadsMatchThoseRenderedOneByOne() {
        let bodies = (0..<64).map { body in (0..<(body * 7 % 90 + 1)).map { Self.paragraph($0 + body) }.joined(separator: "\n\n") }
        let expected = bodies.map { MarkdownRenderer.render($0).html }
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: bodies.count * 4) { index in
            let body = index % bodies.count
            if MarkdownRenderer.render(bodies[body]).html != expected[body] { mismatches.withLock { $0 += 1 } }
        }
        #expect(mismatches.withLock { $0 } == 0)
        #expect(expected.allSatisfy { $0.contains("<figure>") || $0.contains("<p>") })
    }

    /// The HTML goes into pages as cmark's bytes, unchecked: it must be UTF-8 whatever the
    /// body, character references to surrogates, to nothing and beyond U+10FFFF included.
    @Test func htmlIsUTF8WhateverTheReferences() {
        let body = "&#xD800; &#0; &#x110000; &#xDFFF;&#55357;&#56832; [&#xD800;](/a?&#xDC00;) ![&#0;](&#xD800;.png)\n\n`&#xD800;`"
        for extra in ["", " &#xFFFE; &#xFFFF;&#65534;", "&#xFFFF;"] {
            let html = MarkdownRenderer.render(body + extra).htmlUTF8
            #expect(String(validating: html, as: UTF8.self) != nil, "\(extra)")
            #expect(String(decoding: html, as: UTF8.self).contains("<p>\u{FFFD} \u{FFFD} \u{FFFD} \u{FFFD}\u{FFFD}\u{FFFD}"))
        }
        #expect(MarkdownRenderer.render("a &#xFFFE;&#xFFFF; b").html == "<p>a \u{FFFD}\u{FFFD} b</p>\n")
    }

    @Test func nonBreakingSpacesAndLookAlikeEthSurvive() {
        let html = MarkdownRenderer.render("Xây dựng\u{00A0}Ðảng").html
        #expect(html == "<p>Xây dựng\u{00A0}Ðảng</p>\n")
    }
}
