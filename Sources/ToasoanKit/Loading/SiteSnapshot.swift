/// What the last successful build linked, kept beside the output folder as
/// `.{Output}.toasoan-site` (binary, see `BinaryWriter`): every published article as linked,
/// without its body, and the size and modification time of every source it was built from.
///
/// `toasoan preview` takes the other articles from here when nothing but the previewed file
/// changed since (same sources, same settings), so it reads one file instead of ten
/// thousand and links one article instead of all. The articles' search words are not kept
/// (they were 12.7 of its 22.7 MB at 10,000 articles): the search index's own state holds
/// what it needs (see `SearchIndexState`).
///
/// A build takes from here every article whose file did not change, as long as the settings,
/// `site.yml` and the print issues (what linking an article depends on) did not change
/// either: those articles are neither read nor linked again (see `reuse(_:)`).
struct SiteSnapshot: Sendable {
    static let magic = "toasoan-site 6"

    /// `SiteBuilder.buildSettings` of the build that wrote it.
    let settings: String
    /// Every file under `Content/` and `Templates/` as that build found it.
    let sources: SourceStamps.Digest
    /// `site.yml` and the print issues as that build found them.
    let linkingInputs: SourceStamps.Digest
    /// The published articles, in file order; without their bodies' HTML and links.
    let articles: [Article]
    /// The size and time of each article's file, as `articles`.
    let articleStamps: [BuildManifest.Stamp]
    /// The warnings the build reported on each article's file, as `articles`.
    let articleWarnings: [[Diagnostic]]
    /// Each article's record as written (stamp, article, warnings), as `articles`.
    let articleRecords: [ArraySlice<UInt8>]
    /// The authors' and tags' names the records number.
    let names: [String]
    /// Article files that are not published (drafts), with their stamps.
    let unpublished: [(path: String, stamp: BuildManifest.Stamp)]

    /// True when the sources are now as they were, except perhaps the file `previewed`
    /// (which may be new, too); `current` is their digest without that file.
    func describes(current: SourceStamps.Digest, previewed: String) -> Bool {
        var expected = sources
        if let index = articles.firstIndex(where: { $0.sourceFile == previewed }) {
            expected = expected.without(previewed, articleStamps[index])
        } else if let draft = unpublished.first(where: { $0.path == previewed }) {
            expected = expected.without(previewed, draft.stamp)
        }
        return expected == current
    }

    /// What a build can take from here: the articles whose files are listed with the stamps
    /// they had (and their warnings); nil when the settings, `site.yml` or the print issues
    /// changed since.
    func reuse(_ sources: [String: BuildManifest.Stamp], settings: String) -> Reuse? {
        guard settings == self.settings, SourceStamps.linkingInputs(sources) == linkingInputs else { return nil }
        var reuse = Reuse(names: names)
        for (index, article) in articles.enumerated() where sources[article.sourceFile] == articleStamps[index] {
            reuse.articles.append(article)
            reuse.warnings += articleWarnings[index]
            reuse.files.insert(article.sourceFile)
            reuse.records[ObjectIdentifier(article)] = articleRecords[index]
        }
        return reuse
    }

    /// The files under `Content/articles/` of `sources` that `reuse` (from `reuse(_:settings:)`
    /// with the same `sources`) does not hold and that were not there, unpublished, with the
    /// same stamp (a draft or a file with errors then): the article files a preview must read.
    func articleFilesToRead(_ sources: [String: BuildManifest.Stamp], besides reuse: Reuse) -> [String] {
        let unchangedUnpublished = Dictionary(unpublished.map { ($0.path, $0.stamp) }, uniquingKeysWith: { first, _ in first })
        return sources.compactMap { path, stamp in
            path.hasPrefix("Content/articles/") && !reuse.files.contains(path) && unchangedUnpublished[path] != stamp
                ? path : nil
        }
    }

    /// Articles a build takes as the last one linked them.
    struct Reuse: Sendable {
        /// In file order.
        var articles: [Article] = []
        var warnings: [Diagnostic] = []
        /// Their files (`Content/articles/…`): not to be read.
        var files: Set<String> = []
        /// Their records, copied as they are into the next snapshot (with `names`, whose
        /// numbers they use).
        var records: [ObjectIdentifier: ArraySlice<UInt8>] = [:]
        var names: [String] = []

        /// The same but the article of `file`, which is then read (a preview renders its body).
        func without(_ file: String) -> Reuse {
            guard files.contains(file) else { return self }
            var reuse = self
            reuse.files.remove(file)
            reuse.warnings.removeAll { $0.file == file }
            if let index = reuse.articles.firstIndex(where: { $0.sourceFile == file }) {
                reuse.records[ObjectIdentifier(reuse.articles[index])] = nil
                reuse.articles.remove(at: index)
            }
            return reuse
        }
    }

    // MARK: - Reading and writing

    /// Writes the snapshot of `site`, built from `sources` with `settings`; `diagnostics` are
    /// the build's (its warnings on each article are kept with it).
    /// Articles taken from the last snapshot (`reused`) are copied from it as they are.
    static func write(
        site: Site, settings: String, sources: [String: BuildManifest.Stamp], diagnostics: [Diagnostic],
        reused: Reuse? = nil, to path: String
    ) {
        var warningsByFile: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics where diagnostic.severity == .warning && diagnostic.file.hasPrefix("Content/articles/") {
            warningsByFile[diagnostic.file, default: []].append(diagnostic)
        }
        guard var file = StreamedFile(replacing: path) else { return }
        var writer = BinaryWriter(capacity: 2 * streamedPiece)
        writer.write(magic)
        writer.write(settings)
        for digest in [SourceStamps.Digest(sources), SourceStamps.linkingInputs(sources)] {
            writer.write(digest.value)
            writer.write(digest.count)
        }
        let published = Set(site.articles.map(\.sourceFile))
        let unpublished = sources.filter { $0.key.hasPrefix("Content/articles/") && !published.contains($0.key) }
        writer.write(unpublished.count)
        for (path, stamp) in unpublished.sorted(by: { $0.key < $1.key }) {
            writer.write(path)
            writeStamp(stamp, to: &writer)
        }
        writer.write(site.config.categories.count)
        for category in site.config.categories {
            writer.write(category.name)
            writer.write(category.slug)
            writer.write(category.description)
        }
        // Authors and tags recur: each name is written once, articles give its number.
        // The last snapshot's names keep their numbers, so its records can be copied.
        var names = NameTable()
        for name in reused?.names ?? [] { names.number(of: name) }
        for article in site.articles { for name in article.authors + article.tags { names.number(of: name) } }
        writer.write(names.names)
        let articles = site.articles.sorted { $0.sourceFile < $1.sourceFile }
        writer.write(articles.count)
        for article in articles {
            if writer.bytes.count >= streamedPiece { file.append(&writer) }
            if let record = reused?.records[ObjectIdentifier(article)] {
                writer.append(raw: record)
                continue
            }
            writeStamp(sources[article.sourceFile] ?? BuildManifest.Stamp(size: -1, modified: -1), to: &writer)
            writeArticle(article, names: &names, to: &writer)
            writeWarnings(warningsByFile[article.sourceFile] ?? [], to: &writer)
        }
        file.append(&writer)
        _ = file.commit()
    }

    /// About how much of the snapshot is held before it is written out.
    static let streamedPiece = 1 << 20

    /// The snapshot at `path` when it was written with `settings`; nil when missing, foreign,
    /// truncated or made otherwise. Its articles' `bodyTerms` are nil: not known.
    static func read(path: String, settings: String) -> SiteSnapshot? {
        guard let bytes = try? POSIXFiles.read(path) else { return nil }
        var reader = BinaryReader(bytes)
        guard reader.string() == magic, reader.string() == settings, let digestValue = reader.uint64(),
            let digestCount = reader.int(), let linkingValue = reader.uint64(), let linkingCount = reader.int(),
            let unpublishedCount = reader.int(), (0...bytes.count).contains(unpublishedCount)
        else { return nil }
        var unpublished: [(path: String, stamp: BuildManifest.Stamp)] = []
        for _ in 0..<unpublishedCount {
            guard let path = reader.string(), let stamp = readStamp(&reader) else { return nil }
            unpublished.append((path, stamp))
        }
        guard let categoryCount = reader.int(), (0...10_000).contains(categoryCount) else { return nil }
        var categoriesBySlug: [String: Category] = [:]
        for _ in 0..<categoryCount {
            guard let name = reader.string(), let slug = reader.string(), let description = reader.optionalString() else {
                return nil
            }
            categoriesBySlug[slug] = Category(name: name, slug: slug, description: description)
        }
        guard let names = reader.strings(), let articleCount = reader.int(), (0...bytes.count).contains(articleCount) else {
            return nil
        }
        var articles: [Article] = []
        var articleStamps: [BuildManifest.Stamp] = []
        var articleWarnings: [[Diagnostic]] = []
        var articleRecords: [ArraySlice<UInt8>] = []
        articles.reserveCapacity(articleCount)
        articleStamps.reserveCapacity(articleCount)
        articleWarnings.reserveCapacity(articleCount)
        articleRecords.reserveCapacity(articleCount)
        for _ in 0..<articleCount {
            let start = reader.offset
            guard let stamp = readStamp(&reader),
                let article = readArticle(&reader, categories: categoriesBySlug, names: names),
                let warnings = readWarnings(&reader, file: article.sourceFile)
            else { return nil }
            articles.append(article)
            articleStamps.append(stamp)
            articleWarnings.append(warnings)
            articleRecords.append(reader.bytesRead(since: start))
        }
        guard reader.isAtEnd else { return nil }
        return SiteSnapshot(
            settings: settings, sources: SourceStamps.Digest(value: digestValue, count: digestCount),
            linkingInputs: SourceStamps.Digest(value: linkingValue, count: linkingCount), articles: articles,
            articleStamps: articleStamps, articleWarnings: articleWarnings, articleRecords: articleRecords, names: names,
            unpublished: unpublished)
    }

    private static func writeStamp(_ stamp: BuildManifest.Stamp, to writer: inout BinaryWriter) {
        writer.write(stamp.size)
        writer.write(stamp.modified)
    }

    private static func readStamp(_ reader: inout BinaryReader) -> BuildManifest.Stamp? {
        guard let size = reader.int64(), let modified = reader.int64() else { return nil }
        return BuildManifest.Stamp(size: size, modified: modified)
    }

    private static func writeArticle(_ article: Article, names: inout NameTable, to writer: inout BinaryWriter) {
        writer.write(article.sourceFile)
        writer.write(article.title)
        writer.write(article.date.secondsSinceEpoch)
        writer.write(article.category.slug)
        writer.write(article.issue != nil)
        if let issue = article.issue {
            writer.write(issue.year)
            writer.write(issue.numbers.count)
            for number in issue.numbers { writer.write(number) }
        }
        writeNames(article.authors, names: &names, to: &writer)
        writer.write(article.summary)
        writer.write(article.leadText)
        writer.write(article.image)
        writer.write(article.imageCaption)
        writeNames(article.tags, names: &names, to: &writer)
        writer.write(article.slug)
        writer.write(article.aliases.map(\.relative))
        switch article.video {
        case nil: writer.write(0)
        case .youtube(let id)?:
            writer.write(1)
            writer.write(id)
        case .file(let path)?:
            writer.write(2)
            writer.write(path)
        }
        writer.write(article.order)
        writer.write(article.isDraft)
        writer.write(article.bodyHash)
        writer.write(article.bodyFirstLine)
    }

    private static func readArticle(
        _ reader: inout BinaryReader, categories: [String: Category], names: [String]
    ) -> Article? {
        guard let sourceFile = reader.string(), let title = reader.string(), let seconds = reader.int64(),
            let categorySlug = reader.string(), let category = categories[categorySlug], let hasIssue = reader.bool()
        else { return nil }
        var issue: IssueKey?
        if hasIssue {
            guard let year = reader.int(), let count = reader.int(), (0...64).contains(count) else { return nil }
            var numbers: [Int] = []
            for _ in 0..<count {
                guard let number = reader.int() else { return nil }
                numbers.append(number)
            }
            issue = IssueKey(numbers: numbers, year: year)
        }
        guard let authors = readNames(&reader, names), let summary = reader.optionalString(), let leadText = reader.utf8Slice(),
            let image = reader.optionalString(), let caption = reader.optionalString(), let tags = readNames(&reader, names),
            let slug = reader.string(), let aliases = reader.strings(), let videoKind = reader.int()
        else { return nil }
        var video: Video?
        switch videoKind {
        case 0: video = nil
        case 1, 2:
            guard let value = reader.string() else { return nil }
            video = videoKind == 1 ? .youtube(id: value) : .file(path: value)
        default: return nil
        }
        guard let order = reader.optionalInt(), let isDraft = reader.bool(), let bodyHash = reader.uint64(),
            let bodyFirstLine = reader.int()
        else { return nil }
        return Article(
            sourceFile: sourceFile, title: title, date: JournalDate(secondsSinceEpoch: seconds), category: category,
            issue: issue, authors: authors, summary: summary, leadText: DeferredText(utf8: leadText), image: image, imageCaption: caption,
            tags: tags, slug: slug, aliases: aliases.map(SitePath.init(relative:)), video: video, order: order,
            isDraft: isDraft, bodyHTML: [], bodyHash: bodyHash, bodyTerms: nil, bodyFirstLine: bodyFirstLine)
    }

    /// Warnings on an article's own file: their place, message and suggestion.
    private static func writeWarnings(_ warnings: [Diagnostic], to writer: inout BinaryWriter) {
        writer.write(warnings.count)
        for warning in warnings {
            writer.write(warning.line)
            writer.write(warning.column)
            writer.write(warning.message)
            writer.write(warning.suggestion)
        }
    }

    private static func readWarnings(_ reader: inout BinaryReader, file: String) -> [Diagnostic]? {
        guard let count = reader.int(), (0...100_000).contains(count) else { return nil }
        var warnings: [Diagnostic] = []
        for _ in 0..<count {
            guard let line = reader.optionalInt(), let column = reader.optionalInt(), let message = reader.string(),
                let suggestion = reader.optionalString()
            else { return nil }
            warnings.append(
                Diagnostic(file: file, line: line, column: column, severity: .warning, message: message, suggestion: suggestion))
        }
        return warnings
    }

    private static func writeNames(_ list: [String], names: inout NameTable, to writer: inout BinaryWriter) {
        writer.write(list.count)
        for name in list { writer.write(names.number(of: name)) }
    }

    private static func readNames(_ reader: inout BinaryReader, _ names: [String]) -> [String]? {
        guard let count = reader.int(), (0...1_000).contains(count) else { return nil }
        var list: [String] = []
        list.reserveCapacity(count)
        for _ in 0..<count {
            guard let number = reader.int(), names.indices.contains(number) else { return nil }
            list.append(names[number])
        }
        return list
    }

    /// Names numbered in the order they are first seen.
    private struct NameTable {
        private(set) var names: [String] = []
        private var numbers: [ExactText: Int] = [:]

        @discardableResult
        mutating func number(of name: String) -> Int {
            if let number = numbers[ExactText(name)] { return number }
            numbers[ExactText(name)] = names.count
            names.append(name)
            return names.count - 1
        }
    }
}
