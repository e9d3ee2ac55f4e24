/// What the last build knew of each article file, kept beside the output folder as
/// `.{Output}.toasoan-articles` (binary, see `BinaryWriter`): an article file whose size and
/// modification time are unchanged is taken from here instead of being read, parsed and
/// rendered again. The cache is ignored as a whole when the settings that shape its
/// contents (toasoan itself, raw HTML, base path, the latest valid year) differ.
public struct ArticleCache: Sendable {
    static let magic = "toasoan-articles 5"

    let settings: String
    /// By display path (`Content/articles/2019/a.md`).
    let records: [String: PreparedArticle]

    /// The settings a cache must have been made with to be used.
    static func settings(binary: String, markdown: MarkdownRenderer.Options, latestYear: Int) -> String {
        "\(binary) raw=\(markdown.allowRawHTML) base=\(markdown.basePath) latest=\(latestYear)"
    }

    func cached(_ file: SiteLoader.ListedFile) -> PreparedArticle? {
        guard let record = records[file.displayPath], record.size == file.entry.size,
            record.modified == file.entry.modified
        else { return nil }
        return record
    }

    // MARK: - Reading and writing

    /// How many records the cache file at `path` holds (read from its head), or nil.
    static func recordCount(path: String) -> Int? {
        guard let bytes = try? POSIXFiles.readPrefix(path, count: 4096) else { return nil }
        var reader = BinaryReader(bytes)
        guard reader.string() == magic, reader.string() != nil else { return nil }
        return reader.int()
    }

    /// Records are written in chunks of this many, each chunk's end offset in the head, so
    /// that the chunks are read side by side.
    static let chunkSize = 512

    static func read(path: String, settings: String) -> ArticleCache? {
        guard let bytes = try? POSIXFiles.read(path) else { return nil }
        var reader = BinaryReader(bytes)
        guard reader.string() == magic, reader.string() == settings, let count = reader.int(), count >= 0,
            let chunkCount = reader.int(), chunkCount == (count + chunkSize - 1) / chunkSize
        else { return nil }
        var chunkEnds: [Int] = []
        for _ in 0..<chunkCount {
            guard let end = reader.int(), end >= reader.offset, end <= bytes.count else { return nil }
            chunkEnds.append(end)
        }
        let firstStart = reader.offset
        let ends = chunkEnds
        let decoded = ParallelMap.perform(chunkCount) { chunk -> [PreparedArticle]? in
            var reader = BinaryReader(bytes, at: chunk == 0 ? firstStart : ends[chunk - 1])
            var records: [PreparedArticle] = []
            let inChunk = min(chunkSize, count - chunk * chunkSize)
            records.reserveCapacity(inChunk)
            for _ in 0..<inChunk {
                guard let record = readRecord(&reader) else { return nil }
                records.append(record)
            }
            return reader.offset == ends[chunk] ? records : nil
        }
        guard decoded.allSatisfy({ $0 != nil }), chunkEnds.last ?? firstStart == bytes.count else { return nil }
        var records: [String: PreparedArticle] = [:]
        records.reserveCapacity(count)
        for chunk in decoded {
            for record in chunk ?? [] { records[record.source.file] = record }
        }
        return ArticleCache(settings: settings, records: records)
    }

    /// Writes the records chunk by chunk as they are made (see `StreamedFile`); the head's
    /// chunk ends, fixed-size numbers, are filled in once the chunks are written.
    static func write(_ articles: [PreparedArticle], settings: String, to path: String) {
        guard var file = StreamedFile(replacing: path) else { return }
        let chunkCount = (articles.count + chunkSize - 1) / chunkSize
        var writer = BinaryWriter(capacity: chunkSize * 4096)
        writer.write(magic)
        writer.write(settings)
        writer.write(articles.count)
        writer.write(chunkCount)
        // Each chunk's end, counted from the start of the file.
        let endsOffset = writer.bytes.count
        for _ in 0..<chunkCount { writer.write(0) }
        file.append(&writer)
        var ends: [Int] = []
        for start in stride(from: 0, to: articles.count, by: chunkSize) {
            for article in articles[start..<min(articles.count, start + chunkSize)] { writeRecord(article, to: &writer) }
            file.append(&writer)
            ends.append(file.offset)
        }
        for (chunk, end) in ends.enumerated() { file.patch(UInt64(end), at: endsOffset + 8 * chunk) }
        _ = file.commit()
    }

    private static func writeRecord(_ article: PreparedArticle, to writer: inout BinaryWriter) {
        let source = article.source
        writer.write(source.file)
        writer.write(article.size)
        writer.write(article.modified)
        writeLocated(source.title, to: &writer)
        writer.write(source.date.value.secondsSinceEpoch)
        writePosition(source.date.location, to: &writer)
        writeLocated(source.category, to: &writer)
        writeOptionalLocated(source.issue, to: &writer)
        writer.write(source.authors)
        writer.write(source.summary)
        writeOptionalLocated(source.image, to: &writer)
        writer.write(source.imageCaption)
        writer.write(source.tags)
        writeOptionalLocated(source.slug, to: &writer)
        writer.write(source.aliases.count)
        for alias in source.aliases { writeLocated(alias, to: &writer) }
        writeOptionalLocated(source.video, to: &writer)
        writer.write(source.order)
        writer.write(source.isDraft)
        writer.write(source.bodyFirstLine)
        writer.write(article.leadText)
        writer.write(article.bodyHash)
        writer.write(bytes: article.bodyTerms)
        writer.write(article.diagnostics.count)
        for diagnostic in article.diagnostics {
            writeLocation(diagnostic.location, to: &writer)
            writer.write(diagnostic.severity == .error)
            writer.write(diagnostic.message)
            writer.write(diagnostic.suggestion)
        }
    }

    private static func readRecord(_ reader: inout BinaryReader) -> PreparedArticle? {
        guard let file = reader.string(), let size = reader.int64(), let modified = reader.int64(),
            let title = readLocated(&reader, in: file), let seconds = reader.int64(),
            let dateLocation = readPosition(&reader, in: file), let category = readLocated(&reader, in: file),
            let issue = readOptionalLocated(&reader, in: file), let authors = reader.strings(),
            let summary = reader.optionalString(), let image = readOptionalLocated(&reader, in: file),
            let caption = reader.optionalString(), let tags = reader.strings(), let slug = readOptionalLocated(&reader, in: file),
            let aliasCount = reader.int(), aliasCount >= 0
        else { return nil }
        var aliases: [Located<String>] = []
        for _ in 0..<aliasCount {
            guard let alias = readLocated(&reader, in: file) else { return nil }
            aliases.append(alias)
        }
        guard let video = readOptionalLocated(&reader, in: file), let order = reader.optionalInt(), let isDraft = reader.bool(),
            let bodyFirstLine = reader.int(), let leadText = reader.string(), let bodyHash = reader.uint64(),
            let bodyTerms = reader.byteArray(), let diagnosticCount = reader.int(), diagnosticCount >= 0
        else { return nil }
        var diagnostics: [Diagnostic] = []
        for _ in 0..<diagnosticCount {
            guard let location = readLocation(&reader), let isError = reader.bool(), let message = reader.string(),
                let suggestion = reader.optionalString()
            else { return nil }
            diagnostics.append(
                Diagnostic(
                    file: location.file, line: location.line, column: location.column,
                    severity: isError ? .error : .warning, message: message, suggestion: suggestion))
        }
        let source = ArticleSource(
            file: file, title: title, date: Located(JournalDate(secondsSinceEpoch: seconds), at: dateLocation),
            category: category, issue: issue, authors: authors, summary: summary, image: image, imageCaption: caption,
            tags: tags, slug: slug, aliases: aliases, video: video, order: order, isDraft: isDraft, body: "",
            bodyFirstLine: bodyFirstLine)
        return PreparedArticle(
            source: source, bodyHTML: [], leadText: leadText, diagnostics: diagnostics, bodyHash: bodyHash,
            bodyTerms: bodyTerms, size: size, modified: modified,
            isFromCache: true)
    }

    private static func writeLocation(_ location: SourceLocation, to writer: inout BinaryWriter) {
        writer.write(location.file)
        writer.write(location.line)
        writer.write(location.column)
    }

    private static func readLocation(_ reader: inout BinaryReader) -> SourceLocation? {
        guard let file = reader.string(), let line = reader.optionalInt(), let column = reader.optionalInt() else {
            return nil
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// A place in the record's own file: its line and column only.
    private static func writePosition(_ location: SourceLocation, to writer: inout BinaryWriter) {
        writer.write(location.line)
        writer.write(location.column)
    }

    private static func readPosition(_ reader: inout BinaryReader, in file: String) -> SourceLocation? {
        guard let line = reader.optionalInt(), let column = reader.optionalInt() else { return nil }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// A front matter value, at its place in the record's own file.
    private static func writeLocated(_ value: Located<String>, to writer: inout BinaryWriter) {
        writer.write(value.value)
        writePosition(value.location, to: &writer)
    }

    private static func readLocated(_ reader: inout BinaryReader, in file: String) -> Located<String>? {
        guard let value = reader.string(), let location = readPosition(&reader, in: file) else { return nil }
        return Located(value, at: location)
    }

    private static func writeOptionalLocated(_ value: Located<String>?, to writer: inout BinaryWriter) {
        writer.write(value != nil)
        if let value { writeLocated(value, to: &writer) }
    }

    private static func readOptionalLocated(_ reader: inout BinaryReader, in file: String) -> Located<String>?? {
        guard let present = reader.bool() else { return nil }
        guard present else { return .some(nil) }
        return readLocated(&reader, in: file).map { .some($0) }
    }
}
