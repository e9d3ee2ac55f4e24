import Foundation
import Testing

@testable import ToasoanKit

/// Caches written piece by piece (`StreamedFile`): the file appears whole or not at all, and
/// what is written in pieces reads back as written.
@Suite struct StreamedFileTests {
    @Test func piecesAndPatchesMakeTheFileOnlyWhenCommitted() throws {
        let folder = try makeTemporaryFolder("streamed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cache").path
        try Data("cũ".utf8).write(to: URL(fileURLWithPath: path))

        guard var file = StreamedFile(replacing: path) else {
            Issue.record("cannot start \(path)")
            return
        }
        var writer = BinaryWriter()
        writer.write(0)  // patched below
        file.append(&writer)
        #expect(writer.bytes.isEmpty)
        writer.write("Xây dựng Đảng")
        file.append(&writer)
        let offset = file.offset
        #expect(offset == 8 + 8 + "Xây dựng Đảng".utf8.count)
        file.patch(UInt64(offset), at: 0)
        // Not committed yet: the old file is still there, whole.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "cũ")
        let committed = file.commit()
        #expect(committed)

        var reader = BinaryReader(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(reader.int() == 8 + 8 + "Xây dựng Đảng".utf8.count)
        #expect(reader.string() == "Xây dựng Đảng")
        #expect(reader.isAtEnd)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["cache"])
    }

    /// Pieces larger than one `write` takes (`POSIXFiles.largestWrite`) are written whole, in
    /// order, by both writers of files: a patch inside the second megabyte lands where it should.
    @Test func piecesLargerThanOneWriteReadBackWhole() throws {
        let folder = try makeTemporaryFolder("streamed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = POSIXFiles.largestWrite * 5 / 2 + 3
        // No period that divides a megabyte: a piece written from the wrong offset shows.
        let bytes = (0..<count).map { UInt8($0 % 251) ^ UInt8(truncatingIfNeeded: $0 / 1_000_003) }

        let whole = folder.appendingPathComponent("whole").path
        try POSIXFiles.replace(whole, with: bytes)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: whole))) == bytes)

        let streamed = folder.appendingPathComponent("streamed").path
        guard var file = StreamedFile(replacing: streamed) else {
            Issue.record("cannot start \(streamed)")
            return
        }
        var writer = BinaryWriter()
        writer.write(bytes: bytes)
        file.append(&writer)
        writer.write(bytes: bytes)
        file.append(&writer)
        let patchedAt = POSIXFiles.largestWrite + 5
        file.patch(0x0102_0304_0506_0708, at: patchedAt)
        let committed = file.commit()
        #expect(committed)
        let record = withUnsafeBytes(of: UInt64(count).littleEndian, Array.init) + bytes
        var expected = record + record
        expected.replaceSubrange(patchedAt..<patchedAt + 8, with: [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: streamed))) == expected)
    }

    @Test func aFileNotCommittedLeavesTheOldOneAndNoTemporary() throws {
        let folder = try makeTemporaryFolder("streamed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cache").path
        try Data("cũ".utf8).write(to: URL(fileURLWithPath: path))
        do {
            guard var file = StreamedFile(replacing: path) else {
                Issue.record("cannot start \(path)")
                return
            }
            var writer = BinaryWriter()
            writer.write("bỏ dở")
            file.append(&writer)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "cũ")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["cache"])
    }

    /// More records than one chunk holds: the chunk ends, filled in after the chunks were
    /// written, lead the reader to every record.
    @Test func theArticleCacheReadsBackWhatWasWrittenInChunks() throws {
        let folder = try makeTemporaryFolder("streamed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("articles").path
        let count = ArticleCache.chunkSize * 2 + 37
        let articles = (0..<count).map { number in
            let text = "---\ntitle: Bài \(number)\ndate: 2020-01-01 08:00\ncategory: Xây dựng Đảng\ntags: [thi đua]\n---\nThân.\n"
            let source = ArticleSource.read(SourceFile(relativePath: "Content/articles/\(number).md", text: text), latestYear: 2027).0!
            return PreparedArticle(
                source: source, bodyHTML: Array("<p>Thân.</p>".utf8), leadText: "Thân.", diagnostics: [],
                bodyHash: UInt64(number), bodyTerms: Array("than bai \(number)".utf8), size: Int64(number), modified: Int64(number * 7))
        }
        ArticleCache.write(articles, settings: "thử", to: path)
        let cache = try #require(ArticleCache.read(path: path, settings: "thử"))
        #expect(cache.records.count == count)
        for number in [0, ArticleCache.chunkSize - 1, ArticleCache.chunkSize, count - 1] {
            let record = try #require(cache.records["Content/articles/\(number).md"])
            #expect(record.source.title.value == "Bài \(number)")
            #expect(record.source.tags == ["thi đua"])
            #expect(record.bodyTerms == Array("than bai \(number)".utf8))
            #expect(record.modified == Int64(number * 7))
            #expect(record.isFromCache)
        }
        #expect(ArticleCache.read(path: path, settings: "khác") == nil)
    }
}
