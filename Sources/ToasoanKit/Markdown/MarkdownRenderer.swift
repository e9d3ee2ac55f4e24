internal import CCmark
internal import CSystemShims
import Glibc

/// The only file that talks to cmark. It parses a body, walks the tree, applies the
/// journal's rules, renders HTML, copies every string out and frees every cmark object
/// before returning: no cmark pointer leaves this file.
///
/// Rules applied to the tree:
/// - a paragraph holding only an image becomes `<figure>` with a `<figcaption>` from the
///   image's title, or its alt text when it has no title;
/// - raw HTML (blocks and inlines) is removed and reported, unless `allowRawHTML`;
/// - root-relative links and images (`/media/a.jpg`) are moved under the site's base path.
public enum MarkdownRenderer {
    public struct Options: Sendable {
        public var allowRawHTML: Bool
        /// Base path root-relative links are moved under (`/tapchi/`); `/` leaves them as written.
        public var basePath: String
        /// File line of the body's first line, so reported lines are the file's.
        public var firstLine: Int

        public init(allowRawHTML: Bool = false, basePath: String = "/", firstLine: Int = 1) {
            self.allowRawHTML = allowRawHTML
            self.basePath = basePath
            self.firstLine = firstLine
        }
    }

    /// A place in the body where raw HTML was left out (safe mode); see `Diagnostic.rawHTMLOmitted`.
    public struct OmittedHTML: Sendable, Equatable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// A link or image target as the editor wrote it, with its file line (for `check`).
    public struct LinkTarget: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case link, image }
        public var kind: Kind
        public var url: String
        public var line: Int
        public var column: Int

        public init(kind: Kind, url: String, line: Int, column: Int) {
            self.kind = kind
            self.url = url
            self.line = line
            self.column = column
        }
    }

    public struct Rendered: Sendable {
        /// The HTML as UTF-8 (see `utf8(_:)`), not checked again on its way into the page.
        public var htmlUTF8: [UInt8]
        public var html: String { String(decoding: htmlUTF8, as: UTF8.self) }
        /// The first paragraph (not a figure) as plain text.
        public var leadText: String
        /// All the body's text, blocks separated by newlines (for search).
        /// The text of the whole body, blocks on lines of their own, as UTF-8.
        public var plainTextUTF8: [UInt8]
        public var plainText: String { String(decoding: plainTextUTF8, as: UTF8.self) }
        public var omittedHTML: [OmittedHTML]
        public var links: [LinkTarget]
    }

    public static func render(_ markdown: some StringProtocol, options: Options = Options()) -> Rendered {
        var text = String(markdown)
        return text.withUTF8 { render(utf8: $0, options: options) }
    }

    /// `render` of Markdown given as UTF-8 (an article's body as read from its file).
    static func render(utf8 bytes: UnsafeBufferPointer<UInt8>, options: Options = Options()) -> Rendered {
        let cmarkOptions = CMARK_OPT_DEFAULT | (options.allowRawHTML ? CMARK_OPT_UNSAFE : 0)
        // Every cmark object of this document (nodes, iterators, the HTML) lives in this
        // thread's arena and is released at once when the strings have been copied out.
        defer { toasoan_markdown_arena_reset() }
        guard let parser = cmark_parser_new_with_mem(cmarkOptions, arena) else {
            return Rendered(htmlUTF8: [], leadText: "", plainTextUTF8: [], omittedHTML: [], links: [])
        }
        if let start = bytes.baseAddress {
            start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { cmark_parser_feed(parser, $0, bytes.count) }
        }
        let parsed = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        guard let document = parsed else {
            return Rendered(htmlUTF8: [], leadText: "", plainTextUTF8: [], omittedHTML: [], links: [])
        }

        let walk = walkTree(document, options: options, columns: ColumnCounter(bytes))

        // Change the tree only now, after the iterator is freed (cmark's rule for edits).
        for node in walk.rawHTMLNodes where !options.allowRawHTML {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for (node, url) in walk.rewrittenURLs {
            _ = url.withCString { cmark_node_set_url(node, $0) }
        }
        for figure in walk.figures {
            guard let block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, arena) else { continue }
            _ = figure.html.withCString { cmark_node_set_on_enter(block, $0) }
            _ = cmark_node_set_on_exit(block, "")
            cmark_node_replace(figure.paragraph, block)
            cmark_node_free(figure.paragraph)
        }

        guard let rendered = cmark_render_html(document, cmarkOptions) else {
            return Rendered(
                htmlUTF8: [], leadText: walk.leadText, plainTextUTF8: walk.plainText, omittedHTML: walk.omitted, links: walk.links)
        }
        return Rendered(
            htmlUTF8: utf8(UnsafeRawBufferPointer(start: rendered, count: strlen(rendered))), leadText: walk.leadText, plainTextUTF8: walk.plainText,
            omittedHTML: options.allowRawHTML ? [] : walk.omitted, links: walk.links)
    }

    /// cmark's allocator for `render`: the per-thread arena of CSystemShims.
    /// Written once, then only read (by cmark).
    nonisolated(unsafe) private static let arena: UnsafeMutablePointer<cmark_mem> = {
        let allocator = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        allocator.initialize(
            to: cmark_mem(
                calloc: toasoan_markdown_arena.calloc, realloc: toasoan_markdown_arena.realloc,
                free: toasoan_markdown_arena.free))
        return allocator
    }()

    /// What `render` gives as `leadText`, from parsing alone: no HTML is made. For lists
    /// that show an article without its page being built (`toasoan preview`).
    public static func leadText(_ markdown: some StringProtocol) -> String {
        var bytes = Array(markdown.utf8)
        bytes.append(0)
        guard let document = bytes.withUnsafeBufferPointer({ cmark_parse_document($0.baseAddress, $0.count - 1, CMARK_OPT_DEFAULT) })
        else { return "" }
        defer { cmark_node_free(document) }
        return leadParagraph(of: document).map(plainText(of:)) ?? ""
    }

    /// The lead: the first paragraph at the top of the document that is not a lone image.
    private static func leadParagraph(of document: OpaquePointer) -> OpaquePointer? {
        var child = cmark_node_first_child(document)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH, loneImage(in: node) == nil { return node }
            child = cmark_node_next(node)
        }
        return nil
    }

    // MARK: - Walking the tree

    private struct Walk {
        var rawHTMLNodes: [OpaquePointer] = []
        var omitted: [OmittedHTML] = []
        var figures: [(paragraph: OpaquePointer, html: String)] = []
        var rewrittenURLs: [(node: OpaquePointer, url: String)] = []
        var links: [LinkTarget] = []
        var leadText = ""
        var plainText: [UInt8] = []
    }

    private static func walkTree(_ document: OpaquePointer, options: Options, columns: ColumnCounter) -> Walk {
        var walk = Walk()
        walk.plainText.reserveCapacity(columns.bytes.count)  // about the body's size: grown once, not doubled
        guard let iterator = cmark_iter_new(document) else { return walk }
        defer { cmark_iter_free(iterator) }

        walk.leadText = leadParagraph(of: document).map(plainText(of:)) ?? ""
        var lastBlockLine = 1
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let line = cmark_node_get_start_line(node)
            if line > 0, event == CMARK_EVENT_ENTER, isBlock(type) { lastBlockLine = Int(line) }

            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                    appendBytes(of: cmark_node_get_literal(node), to: &walk.plainText)
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    walk.plainText.append(UInt8(ascii: " "))
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                    walk.rawHTMLNodes.append(node)
                    let bodyLine = line > 0 ? Int(line) : lastBlockLine
                    walk.omitted.append(
                        OmittedHTML(
                            line: options.firstLine - 1 + bodyLine,
                            column: columns.characterColumn(line: bodyLine, byteColumn: Int(cmark_node_get_start_column(node)))))
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    let url = string(cmark_node_get_url(node))
                    let bodyLine = line > 0 ? Int(line) : lastBlockLine
                    walk.links.append(
                        LinkTarget(
                            kind: type == CMARK_NODE_LINK ? .link : .image, url: url,
                            line: options.firstLine - 1 + bodyLine,
                            column: columns.characterColumn(line: bodyLine, byteColumn: Int(cmark_node_get_start_column(node)))))
                    if options.basePath != "/", url.hasPrefix("/"), !url.hasPrefix("//") {
                        walk.rewrittenURLs.append((node, options.basePath + url.dropFirst()))
                    }
                case CMARK_NODE_PARAGRAPH:
                    if let image = loneImage(in: node) {
                        walk.figures.append((node, figureHTML(image, basePath: options.basePath)))
                    }
                default:
                    break
                }
            } else if event == CMARK_EVENT_EXIT, isBlock(type), walk.plainText.last != UInt8(ascii: "\n") {
                walk.plainText.append(UInt8(ascii: "\n"))
            }
        }
        return walk
    }

    private static func isBlock(_ type: cmark_node_type) -> Bool {
        type.rawValue >= CMARK_NODE_FIRST_BLOCK.rawValue && type.rawValue <= CMARK_NODE_LAST_BLOCK.rawValue
    }

    /// The image of a paragraph that holds nothing else (whitespace aside), or nil.
    private static func loneImage(in paragraph: OpaquePointer) -> OpaquePointer? {
        var image: OpaquePointer?
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_IMAGE:
                if image != nil { return nil }
                image = node
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                break
            case CMARK_NODE_TEXT:
                if !isWhitespace(cmark_node_get_literal(node)) { return nil }
            default:
                return nil
            }
            child = cmark_node_next(node)
        }
        return image
    }

    private static func figureHTML(_ image: OpaquePointer, basePath: String) -> String {
        var url = string(cmark_node_get_url(image))
        if basePath != "/", url.hasPrefix("/"), !url.hasPrefix("//") { url = basePath + url.dropFirst() }
        let alt = plainText(of: image)
        let title = string(cmark_node_get_title(image))
        let caption = title.isEmpty ? alt : title
        var html = "<figure>\n<img src=\"\(HTMLEscaping.attribute(URLSafety.safeImageSource(url)))\""
        html += " alt=\"\(HTMLEscaping.attribute(alt))\" loading=\"lazy\">\n"
        if !caption.isEmpty { html += "<figcaption>\(HTMLEscaping.text(caption))</figcaption>\n" }
        html += "</figure>\n"
        return html
    }

    /// Text of a node's inline descendants, breaks as spaces. Gathered as bytes, made into
    /// one String at the end (a String per piece of text was checked and copied twice).
    private static func plainText(of node: OpaquePointer) -> String {
        var text: [UInt8] = []
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                appendBytes(of: cmark_node_get_literal(child), to: &text)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text.append(UInt8(ascii: " "))
            default:
                break
            }
        }
        return String(decoding: text, as: UTF8.self).trimmingWhitespace()
    }

    /// cmark counts columns in bytes; diagnostics count characters (Unicode scalars), as libyaml does.
    private final class ColumnCounter {
        /// The body, valid while it is rendered.
        let bytes: UnsafeBufferPointer<UInt8>
        /// Offsets where each line starts, found on first use (most bodies need none).
        private var lineStarts: [Int]?

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func characterColumn(line: Int, byteColumn: Int) -> Int {
            guard byteColumn > 1 else { return 1 }
            if lineStarts == nil { lineStarts = Self.lineStarts(of: bytes) }
            let lineStart = lineStarts![min(max(line, 1), lineStarts!.count) - 1]
            let end = min(lineStart + byteColumn - 1, bytes.count)
            return 1 + bytes[lineStart..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        }

        /// Offsets where each line starts (`memchr`: a body with one link is scanned whole).
        private static func lineStarts(of bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
            var starts = [0]
            guard let base = bytes.baseAddress else { return starts }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
            return starts
        }
    }

    /// cmark's HTML as UTF-8. cmark writes UTF-8 from UTF-8 (it replaces invalid input and
    /// references to surrogates), except that a reference to U+FFFE or U+FFFF (`&#xFFFE;`)
    /// comes out as the single byte FE or FF; each of those becomes U+FFFD, as it would in a
    /// String. Two `memchr`s, instead of checking every byte of the archive's HTML.
    static func utf8(_ html: UnsafeRawBufferPointer) -> [UInt8] {
        guard let base = html.baseAddress,
            memchr(base, 0xFE, html.count) != nil || memchr(base, 0xFF, html.count) != nil
        else { return Array(html) }
        var repaired: [UInt8] = []
        repaired.reserveCapacity(html.count + 16)
        for byte in html {
            if byte >= 0xFE { repaired += [0xEF, 0xBF, 0xBD] } else { repaired.append(byte) }
        }
        return repaired
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// Appends the bytes of a C string, without making a String of it.
    private static func appendBytes(of pointer: UnsafePointer<CChar>?, to bytes: inout [UInt8]) {
        guard let pointer else { return }
        let length = strlen(pointer)
        pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// The scalar a NUL-terminated UTF-8 text starts with; nil when it does not start with one.
    private static func firstScalar(_ text: UnsafeRawPointer) -> Unicode.Scalar? {
        let lead = text.load(as: UInt8.self)
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        let bytes = UnsafeBufferPointer(start: text.assumingMemoryBound(to: UInt8.self), count: strnlen(text.assumingMemoryBound(to: CChar.self), width))
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// Whether a C string holds only white space; decided at its first byte for most text.
    private static func isWhitespace(_ pointer: UnsafePointer<CChar>?) -> Bool {
        guard let pointer else { return true }
        var byte = pointer
        while byte.pointee != 0 {
            switch UInt8(bitPattern: byte.pointee) {
            case 0x20, 0x09, 0x0A, 0x0D: byte += 1
            case 0x80...:
                // No-break spaces and others. A character is whitespace when its first scalar
                // is, so a paragraph's text (which starts with a letter) is not read to its end.
                guard let first = firstScalar(UnsafeRawPointer(byte)), first.properties.isWhitespace else { return false }
                return string(byte).allSatisfy(\.isWhitespace)
            default: return false
            }
        }
        return true
    }
}
