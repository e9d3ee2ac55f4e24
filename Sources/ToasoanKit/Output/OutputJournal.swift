import Glibc

/// The write-ahead journal of an in-place update of the output folder, kept beside it as
/// `.{Output}.toasoan-journal`.
///
/// An update first writes every changed file under a temporary name next to its place
/// (`.index.html.toasoan-new`), with the journal saying `preparing`. Then
/// the journal is replaced, in one rename, by a `committed` one listing the renames and
/// deletions to make; only then are they made. So a build killed before the commit leaves
/// the last site untouched (its temporary files are removed next time), and one killed
/// after it is finished by the next build (`recover`), every file whole in both cases.
struct OutputJournal {
    enum State: String { case preparing, committed }

    var state: State
    /// Paths (relative to the output folder) written under their temporary name.
    var writes: [String]
    var deletions: [String]

    static func temporaryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." + path + ".toasoan-new" }
        return String(path[...slash]) + "." + path[path.index(after: slash)...] + ".toasoan-new"
    }

    func serialized() -> String {
        var text = "toasoan-journal\t\(state.rawValue)\n"
        for path in writes { text += "W\t\(path)\n" }
        for path in deletions { text += "D\t\(path)\n" }
        return text
    }

    static func parse(_ text: String) -> OutputJournal? {
        var lines = text.split(separator: "\n")[...]
        guard let header = lines.popFirst()?.split(separator: "\t"), header.count == 2,
            header[0] == "toasoan-journal", let state = State(rawValue: String(header[1]))
        else { return nil }
        var journal = OutputJournal(state: state, writes: [], deletions: [])
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { return nil }
            switch fields[0] {
            case "W": journal.writes.append(String(fields[1]))
            case "D": journal.deletions.append(String(fields[1]))
            default: return nil
            }
        }
        return journal
    }

    /// Saves the journal at `path` in one step (write aside, then rename over).
    func save(at path: String) throws(POSIXFiles.Error) {
        let temporary = path + ".\(getpid())"
        try POSIXFiles.write(serialized().utf8, to: temporary)
        guard rename(temporary, path) == 0 else {
            throw POSIXFiles.Error(operation: "rename", path: path, code: errno)
        }
    }

    /// Makes the committed renames and deletions; what is done already is skipped, so this
    /// can run again after a crash.
    func apply(in folder: String) {
        for path in writes {
            _ = rename(folder + "/" + Self.temporaryName(of: path), folder + "/" + path)
        }
        for path in deletions {
            unlink(folder + "/" + path)
            // Remove the folders the deletion emptied (rmdir fails on a folder still in use).
            var parent = Substring(path)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                if rmdir(folder + "/" + parent) != 0 { break }
            }
        }
    }

    /// Undoes a prepared, uncommitted update: its temporary files are removed. They are not
    /// listed while preparing (each is written as soon as its page is made), so the folder
    /// is searched for them.
    func rollBack(in folder: String) {
        POSIXFiles.removeFiles(under: folder, withSuffix: ".toasoan-new")
    }

    /// Finishes or undoes an update a previous build left half done; returns whether there was one.
    @discardableResult
    static func recover(journalPath: String, outputFolder: String) -> Bool {
        guard let bytes = try? POSIXFiles.read(journalPath) else { return false }
        if let journal = parse(String(decoding: bytes, as: UTF8.self)) {
            switch journal.state {
            case .committed: journal.apply(in: outputFolder)
            case .preparing: journal.rollBack(in: outputFolder)
            }
        }
        unlink(journalPath)
        return true
    }
}
