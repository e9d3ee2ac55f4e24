import Glibc

/// A file written piece by piece under a temporary name, then put in place of `path` in one
/// step (as `POSIXFiles.replace` does): a crash leaves the old file or the new one.
///
/// toasoan's caches are tens of megabytes at ten thousand articles. Made whole in memory
/// first, each was 23 MB of fresh pages (a quarter of a build's page faults) copied once more
/// into the file; written as they are made, through one reused buffer, they touch a megabyte.
/// Writing is best effort, as for every cache: any failure leaves the old file, and the
/// temporary one is removed.
struct StreamedFile: ~Copyable {
    private let path: String
    private let temporary: String
    private var descriptor: Int32
    /// Bytes written so far: the offset of the next piece.
    private(set) var offset = 0
    private var failed = false

    /// Starts the file that will replace `path`; nil when it cannot be created.
    init?(replacing path: String) {
        self.path = path
        temporary = path + ".\(getpid())"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
    }

    /// Writes out what `writer` holds and empties it (keeping its room for what comes next).
    mutating func append(_ writer: inout BinaryWriter) {
        writer.bytes.withUnsafeBytes { write($0, at: nil) }
        offset += writer.bytes.count
        writer.removeAll()
    }

    /// Writes `value` as `BinaryWriter.write(_: UInt64)` does, over bytes already written at `at`.
    mutating func patch(_ value: UInt64, at position: Int) {
        withUnsafeBytes(of: value.littleEndian) { write($0, at: position) }
    }

    /// Puts the file in place of `path`; false (and nothing replaced) when a write failed.
    consuming func commit() -> Bool {
        let succeeded = !failed && close(descriptor) == 0 && rename(temporary, path) == 0
        descriptor = -1
        if !succeeded { unlink(temporary) }
        return succeeded
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporary)
        }
    }

    private mutating func write(_ bytes: UnsafeRawBufferPointer, at position: Int?) {
        guard !failed, let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let count: Int
            if let position {
                count = pwrite(descriptor, base + done, min(bytes.count - done, POSIXFiles.largestWrite), off_t(position + done))
            } else {
                count = Glibc.write(descriptor, base + done, min(bytes.count - done, POSIXFiles.largestWrite))
            }
            if count < 0 {
                if errno == EINTR { continue }
                failed = true
                return
            }
            done += count
        }
    }
}
