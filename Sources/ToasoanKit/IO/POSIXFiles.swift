import CSystemShims
import Glibc

/// Thin wrappers over the POSIX calls the build's hot paths use: one system call per file
/// instead of Foundation's attribute look-ups, which are costly per file on Linux.
enum POSIXFiles {
    struct Error: Swift.Error, CustomStringConvertible {
        let operation: String
        let path: String
        let code: Int32

        var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// The whole file, or an error. With `whenFromDisk`, which is called when some of the
    /// file is not in memory and has to come from the disk (before it is read from there).
    static func read(_ path: String, whenFromDisk: (() -> Void)? = nil) throws(Error) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Error(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Error(operation: "stat", path: path, code: errno) }
        // One byte more than the file's size, so its end is seen without growing the array;
        // not zero-filled first. A file that grew while read is read on in chunks.
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size) + 1) { buffer, initialized in
            initialized = 0
            if let whenFromDisk {
                let count = toasoan_read_cached(descriptor, buffer.baseAddress!, buffer.count)
                if count >= 0 { initialized = count }
                // Unsupported (`EOPNOTSUPP`, another file system's `EINVAL`): read as usual.
                if count < 0 && errno == EAGAIN || count >= 0 && count < Int(info.st_size) { whenFromDisk() }
            }
            while initialized < buffer.count {
                let count = Glibc.read(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if count == 0 { return }
                initialized += count
            }
        }
        if let failure { throw Error(operation: "read", path: path, code: failure) }
        guard bytes.count > Int(info.st_size) else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Error(operation: "read", path: path, code: errno)
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    /// Creates or replaces `path` with `bytes`.
    /// Size, modification time (nanoseconds) and inode of a file.
    typealias Status = (size: Int64, modified: Int64, inode: UInt64)

    /// Writes `bytes` to `path`, replacing what was there; returns the written file's status
    /// (from the open file: no second look-up of the path).
    @discardableResult
    static func write(_ bytes: some Collection<UInt8>, to path: String) throws(Error) -> Status {
        try write(bytes, to: path, flags: O_TRUNC)
    }

    /// Creates `path` with `bytes`; fails with `EEXIST` when it exists (nothing is replaced).
    static func createNew(_ bytes: some Collection<UInt8>, at path: String) throws(Error) {
        try write(bytes, to: path, flags: O_EXCL)
    }

    /// Writes `bytes` to `path` inside the open folder `folder`, replacing what was there: a
    /// short path from a folder is resolved faster than a full one (see `OutputWriter.publish`).
    @discardableResult
    static func write(_ bytes: some Collection<UInt8>, to path: String, in folder: Int32) throws(Error) -> Status {
        try write(bytes, to: path, flags: O_TRUNC, in: folder)
    }

    @discardableResult
    private static func write(
        _ bytes: some Collection<UInt8>, to path: String, flags: Int32, in folder: Int32 = AT_FDCWD
    ) throws(Error) -> Status {
        let descriptor = openat(folder, path, O_WRONLY | O_CREAT | flags | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Error(operation: "create", path: path, code: errno) }
        defer { close(descriptor) }
        let result: Int32? = bytes.withContiguousStorageIfAvailable { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, min(buffer.count - offset, largestWrite))
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        if let result, result != 0 { throw Error(operation: "write", path: path, code: result) }
        if result == nil { return try write(Array(bytes), to: path, flags: flags, in: folder) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Error(operation: "stat", path: path, code: errno) }
        return status(of: info)
    }

    /// The most bytes given to one `write`. On the project's machine (Linux 6.18 in a
    /// Firecracker VM, ext4) a new file written with one `write` of 2 MB or more cost 7 to
    /// 10 ms a megabyte, and 0.27 ms in pieces of 1 MB (`Benchmarks/large-writes.c`, ten
    /// files of 5 MB; pieces of 2 MB less one byte are as quick). Most likely such a write is
    /// given 2 MB pages of the page cache, which this VM, handing free memory back to its
    /// host, is slow to find. The manifest (5 MB) and the search state (4 MB) are written on
    /// every build, the manifest alone at its end.
    static let largestWrite = 1 << 20

    /// `mkdir -p`: the folder and any missing parents.
    static func makeFolders(_ path: String) throws(Error) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeFolders(String(path[..<slash]))
        }
        try makeFolder(path)
    }

    /// `mkdir`, succeeding when the folder exists already; `path` inside the open folder
    /// `folder` when given.
    static func makeFolder(_ path: String, in folder: Int32 = AT_FDCWD) throws(Error) {
        if mkdirat(folder, path, 0o755) != 0, errno != EEXIST {
            throw Error(operation: "mkdir", path: path, code: errno)
        }
    }

    /// A hard link: the new name (inside the open folder `folder` when given) shares the
    /// file, its inode and its modification time.
    static func hardLink(from existing: String, to new: String, in folder: Int32 = AT_FDCWD) throws(Error) {
        if linkat(AT_FDCWD, existing, folder, new, 0) != 0 { throw Error(operation: "link", path: new, code: errno) }
    }

    /// Opens a folder for the `in folder:` calls; close it with `close`.
    static func openFolder(_ path: String) throws(Error) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Error(operation: "open", path: path, code: errno) }
        return descriptor
    }

    /// Size, modification time (nanoseconds) and inode of a file, or nil when it is missing.
    static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return status(of: info)
    }

    private static func status(of info: stat) -> Status {
        (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec), UInt64(info.st_ino))
    }

    /// What is at `path`, a link not followed (`lstat`): a regular file, a folder, or else.
    enum EntryKind {
        case file, folder, other
    }

    /// Kind, size and modification time (nanoseconds) of what is at `relativePath` inside the
    /// open folder `folder` (`fstatat`: the kernel looks up only the names below it), a link
    /// itself and not what it points to; nil when nothing is there.
    static func entry(in folder: Int32, at relativePath: String) -> (kind: EntryKind, size: Int64, modified: Int64)? {
        var info = stat()
        guard fstatat(folder, relativePath, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        let kind: EntryKind =
            switch info.st_mode & S_IFMT {
            case S_IFREG: .file
            case S_IFDIR: .folder
            default: .other
            }
        return (kind, Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// Size and modification time of a file or of the link itself (`lstat`), as a listing
    /// sees it; nil when it is missing.
    static func status(linkAt path: String) -> (size: Int64, modified: Int64, isSymbolicLink: Bool)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (
            Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            info.st_mode & S_IFMT == S_IFLNK
        )
    }
}

extension POSIXFiles {
    /// Deletes a folder and everything in it (links are removed, not followed). Used only on
    /// toasoan's own staging and previous-output folders.
    static func removeTree(_ path: String) {
        guard let directory = opendir(path) else {
            unlink(path)
            return
        }
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            if entry.pointee.d_type == UInt8(DT_DIR) {
                folders.append(child)
            } else if unlink(child) != 0, errno == EISDIR {
                folders.append(child)
            }
        }
        closedir(directory)
        for folder in folders { removeTree(folder) }
        rmdir(path)
    }
}

extension POSIXFiles {
    static func rename(_ from: String, to: String) throws(Error) {
        if Glibc.rename(from, to) != 0 { throw Error(operation: "rename", path: to, code: errno) }
    }

    static func remove(_ path: String) { unlink(path) }

    /// Replaces `path` with `bytes` through a temporary file renamed over it: a crash leaves
    /// the old file or the new one, never half of one.
    static func replace(_ path: String, with bytes: some Collection<UInt8>) throws(Error) {
        let temporary = path + ".\(getpid())"
        do {
            try write(bytes, to: temporary)
            try rename(temporary, to: path)
        } catch {
            remove(temporary)
            throw error
        }
    }
}


extension POSIXFiles {
    /// At most the first `count` bytes of a file.
    static func readPrefix(_ path: String, count: Int) throws(Error) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Error(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, count) }
        guard read >= 0 else { throw Error(operation: "read", path: path, code: errno) }
        bytes.removeSubrange(read...)
        return bytes
    }
}

extension POSIXFiles {
    /// Deletes every file under `folder` whose name ends with `suffix`, hidden ones included.
    static func removeFiles(under folder: String, withSuffix suffix: String) {
        guard let directory = opendir(folder) else { return }
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if entry.pointee.d_type == UInt8(DT_DIR) {
                folders.append(folder + "/" + name)
            } else if name.hasSuffix(suffix) {
                unlink(folder + "/" + name)
            }
        }
        closedir(directory)
        for child in folders { removeFiles(under: child, withSuffix: suffix) }
    }
}
