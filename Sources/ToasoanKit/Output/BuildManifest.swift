/// What the last build read and wrote, kept beside the output folder (never inside it, so it
/// is not published) as `.{Output}.toasoan-manifest`.
///
/// - `sources`: size and modification time of every file under `Content/` and `Templates/`,
///   and the build settings: when none changed, a build has nothing to do;
/// - `outputs`: hash, size, modification time and inode of every file written: a page whose
///   new bytes hash the same is hard-linked from the last output instead of written, so it
///   keeps its inode and modification time.
///
/// A manifest that is missing, unreadable or from another format version is ignored: the
/// build then writes every file, which is always right.
struct BuildManifest: Equatable {
    static let formatVersion = 1

    struct Stamp: Equatable {
        var size: Int64
        var modified: Int64
    }

    struct Output: Equatable {
        var hash: UInt64
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    /// Options and tool version that change every page when they change.
    var settings: String
    var sources: [String: Stamp]
    var outputs: [String: Output]

    // MARK: - Text form: one record a line, tab-separated

    func serialized() -> String {
        var text = "toasoan-manifest\t\(Self.formatVersion)\t\(settings.replacingTabsAndNewlines)\n"
        for (path, stamp) in sources.sorted(by: { $0.key < $1.key }) {
            text += "S\t\(stamp.size)\t\(stamp.modified)\t\(path)\n"
        }
        for (path, output) in outputs.sorted(by: { $0.key < $1.key }) {
            text += "O\t\(output.hash)\t\(output.size)\t\(output.modified)\t\(output.inode)\t\(path)\n"
        }
        return text
    }

    /// Reads the text form; nil when it is not a manifest of this version.
    static func parse(_ text: String) -> BuildManifest? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard let header = lines.popFirst() else { return nil }
        let headerFields = header.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard headerFields.count == 3, headerFields[0] == "toasoan-manifest", headerFields[1] == "\(formatVersion)"
        else { return nil }
        var manifest = BuildManifest(settings: String(headerFields[2]), sources: [:], outputs: [:])
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch fields.first {
            case "S":
                guard fields.count == 4, let size = Int64(fields[1]), let modified = Int64(fields[2]) else { return nil }
                manifest.sources[String(fields[3])] = Stamp(size: size, modified: modified)
            case "O":
                guard fields.count == 6, let hash = UInt64(fields[1]), let size = Int64(fields[2]),
                    let modified = Int64(fields[3]), let inode = UInt64(fields[4])
                else { return nil }
                manifest.outputs[String(fields[5])] = Output(hash: hash, size: size, modified: modified, inode: inode)
            default:
                return nil
            }
        }
        return manifest
    }
}

extension String {
    fileprivate var replacingTabsAndNewlines: String {
        String(map { $0 == "\t" || $0 == "\n" ? " " : $0 })
    }
}
