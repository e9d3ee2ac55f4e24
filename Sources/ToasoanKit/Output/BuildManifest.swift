/// What the last build read and wrote, kept beside the output folder (never inside it, so it
/// is not published) as `.{Output}.toasoan-manifest`.
///
/// - `sources`: size and modification time of every file under `Content/` and `Templates/`,
///   and the build settings: when none changed, a build has nothing to do;
/// - `outputs`: hash, size, modification time, inode and fingerprint of every file written:
///   a page whose fingerprint or new bytes are the same is kept instead of written, so it
///   keeps its inode and modification time;
/// - `folders`: the modification time of every folder of the output (the output folder
///   itself as ""): a folder that gained or lost an entry since has another time, which is
///   how `OutputWriter.outputIsIntact` knows, without listing them, that folders hold only
///   the files recorded;
/// - `articleContext`: the `ArticlePageContext` the article pages' fingerprints were made in.
///
/// A manifest that is missing, unreadable or from another format version is ignored: the
/// build then writes every file, which is always right.
struct BuildManifest: Equatable {
    static let formatVersion = 4

    struct Stamp: Equatable {
        var size: Int64
        var modified: Int64
    }

    struct Output: Equatable {
        var hash: UInt64
        var size: Int64
        var modified: Int64
        var inode: UInt64
        /// What the page was rendered from (`StableHasher`), 0 for files always rendered.
        var fingerprint: UInt64 = 0
    }

    /// Options and tool version that change every page when they change.
    var settings: String
    var sources: [String: Stamp]
    var outputs: [String: Output]
    var folders: [String: Int64] = [:]
    var articleContext: UInt64 = 0

    // MARK: - Text form: one record a line, tab-separated

    /// The text form, as UTF-8. Written straight into bytes: tens of thousands of lines on
    /// every build, the sources' and the outputs' side by side, in no particular order
    /// (sorting the paths took a third of the time).
    func serialized() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes += "toasoan-manifest\t\(Self.formatVersion)\t\(articleContext)\t\(settings.replacingTabsAndNewlines)\n".utf8
        let parts = ParallelMap.perform(2) { part in
            part == 0
                ? Self.lines("S", sources, bytesPerLine: 80) { line, stamp in
                    line.appendField(stamp.size)
                    line.appendField(stamp.modified)
                }
                    + Self.lines("D", folders, bytesPerLine: 60) { line, modified in line.appendField(modified) }
                : Self.lines("O", outputs, bytesPerLine: 160) { line, output in
                    line.appendField(output.hash)
                    line.appendField(output.size)
                    line.appendField(output.modified)
                    line.appendField(output.inode)
                    line.appendField(output.fingerprint)
                }
        }
        bytes.reserveCapacity(bytes.count + parts[0].count + parts[1].count)
        for part in parts { bytes += part }
        return bytes
    }

    /// One line a record: `kind`, the record's tab-led fields (`writeFields`), a tab and the path.
    private static func lines<Record>(
        _ kind: Unicode.Scalar, _ records: [String: Record], bytesPerLine: Int, _ writeFields: (inout [UInt8], Record) -> Void
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * bytesPerLine)
        for (path, record) in records {
            bytes.append(UInt8(ascii: kind))
            writeFields(&bytes, record)
            bytes.append(UInt8(ascii: "\t"))
            bytes += path.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// Reads the text form; nil when it is not a manifest of this version. Works on the
    /// bytes: a 10,000-article site's manifest has 25,000 lines and a no-change build reads it.
    static func parse(_ bytes: [UInt8]) -> BuildManifest? {
        bytes.withUnsafeBufferPointer { buffer -> BuildManifest? in
            var lines = ByteLines(buffer)
            guard let header = lines.next() else { return nil }
            let headerFields = header.fields(limit: 4)
            guard headerFields.count == 4, headerFields[0].text == "toasoan-manifest",
                headerFields[1].text == "\(formatVersion)", let articleContext = headerFields[2].unsigned
            else { return nil }
            var manifest = BuildManifest(
                settings: headerFields[3].text, sources: [:], outputs: [:], articleContext: articleContext)
            while let line = lines.next() {
                if line.isEmpty { continue }
                switch line.first {
                case UInt8(ascii: "S"):
                    let fields = line.fields(limit: 4)
                    guard fields.count == 4, let size = fields[1].integer, let modified = fields[2].integer else { return nil }
                    manifest.sources[fields[3].text] = Stamp(size: size, modified: modified)
                case UInt8(ascii: "O"):
                    let fields = line.fields(limit: 7)
                    guard fields.count == 7, let hash = fields[1].unsigned, let size = fields[2].integer,
                        let modified = fields[3].integer, let inode = fields[4].unsigned, let fingerprint = fields[5].unsigned
                    else { return nil }
                    manifest.outputs[fields[6].text] = Output(
                        hash: hash, size: size, modified: modified, inode: inode, fingerprint: fingerprint)
                case UInt8(ascii: "D"):
                    let fields = line.fields(limit: 3)
                    guard fields.count == 3, let modified = fields[1].integer else { return nil }
                    manifest.folders[fields[2].text] = modified
                default:
                    return nil
                }
            }
            return manifest
        }
    }

    static func parse(_ text: String) -> BuildManifest? { parse(Array(text.utf8)) }
}

extension [UInt8] {
    /// A tab, then `number` in decimal.
    fileprivate mutating func appendField(_ number: some BinaryInteger) {
        append(UInt8(ascii: "\t"))
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = UInt64(number.magnitude)
        let start = count
        repeat {
            append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        self[start...].reverse()
    }
}

extension String {
    fileprivate var replacingTabsAndNewlines: String {
        String(map { $0 == "\t" || $0 == "\n" ? " " : $0 })
    }
}

/// The lines of a byte buffer, and their tab-separated fields, without building Strings
/// for anything but the fields kept.
private struct ByteLines {
    let buffer: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    mutating func next() -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard position < buffer.count else { return nil }
        let start = position
        while position < buffer.count, buffer[position] != UInt8(ascii: "\n") { position += 1 }
        let line = buffer[start..<position]
        position += 1
        return line
    }
}

extension Slice where Base == UnsafeBufferPointer<UInt8> {
    /// At most `limit` fields; the last one takes the rest of the line (paths may hold tabs).
    fileprivate func fields(limit: Int) -> [Slice<UnsafeBufferPointer<UInt8>>] {
        var fields: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var start = startIndex
        var index = startIndex
        while index < endIndex, fields.count < limit - 1 {
            if self[index] == UInt8(ascii: "\t") {
                fields.append(self[start..<index])
                start = index + 1
            }
            index += 1
        }
        fields.append(self[start..<endIndex])
        return fields
    }

    fileprivate var text: String { String(decoding: self, as: UTF8.self) }

    fileprivate var unsigned: UInt64? {
        guard !isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in self {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    fileprivate var integer: Int64? {
        if first == UInt8(ascii: "-") {
            return self.dropFirst().unsignedValue.flatMap { $0 <= UInt64(Int64.max) ? -Int64($0) : nil }
        }
        return unsigned.flatMap { $0 <= UInt64(Int64.max) ? Int64($0) : nil }
    }

    fileprivate var unsignedValue: UInt64? { unsigned }
}
