// NLPNeural: whole-file writes that either fully happen or leave the target untouched.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why an atomic write failed at the system level (wrapped by each domain's error type).
struct AtomicWriteFailure: Error, Sendable {
    /// The target path.
    var path: String
    /// What went wrong, with the system's message.
    var reason: String
}

/// Writes a file through a temporary sibling that is flushed (`fsync`) and renamed over the target,
/// so readers see the old file or the complete new one, never a partial file.
///
/// The temporary file lives in the target's directory (a rename is atomic only within one file
/// system) and is removed when anything fails, including the caller's `body`.
enum AtomicFileWriter {
    /// An open temporary file that `body` appends bytes to.
    struct Sink {
        fileprivate let descriptor: Int32
        fileprivate let path: String

        /// Appends `bytes`, retrying short writes and `EINTR`.
        func write(_ bytes: UnsafeRawBufferPointer) throws {
            guard var base = bytes.baseAddress else { return }
            var remaining = bytes.count
            while remaining > 0 {
                let written = posixWrite(descriptor, base, min(remaining, 1 << 30))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AtomicWriteFailure(path: path, reason: "write failed: \(systemMessage())")
                }
                remaining -= written
                base += written
            }
        }

        /// Appends `bytes`.
        func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try write($0) }
        }
    }

    /// Creates `path` atomically from what `body` writes into the sink.
    /// - Throws: `AtomicWriteFailure` for system errors, or whatever `body` throws; in both cases
    ///   the target is unchanged and no temporary file remains.
    static func write(to path: String, _ body: (Sink) throws -> Void) throws {
        let directory = directoryName(of: path)
        let base = String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        guard !base.isEmpty else {
            throw AtomicWriteFailure(path: path, reason: "the path names a directory, not a file")
        }
        let suffix = String(UInt64.random(in: 0 ... UInt64.max), radix: 16)
        let prefix = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let temporary = prefix + ".\(base).\(getpid()).\(suffix).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw AtomicWriteFailure(
                path: path, reason: "cannot create a temporary file in \(directory): \(systemMessage())")
        }
        do {
            try body(Sink(descriptor: descriptor, path: path))
            guard fsync(descriptor) == 0 else {
                throw AtomicWriteFailure(path: path, reason: "fsync failed: \(systemMessage())")
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0 else {
            let message = systemMessage()
            unlink(temporary)
            throw AtomicWriteFailure(path: path, reason: "close failed: \(message)")
        }
        guard rename(temporary, path) == 0 else {
            let message = systemMessage()
            unlink(temporary)
            throw AtomicWriteFailure(path: path, reason: "cannot rename the temporary file into place: \(message)")
        }
        // Make the rename itself durable. Some file systems refuse fsync on directories; the file's
        // contents are already safe then, so that failure is not reported.
        let directoryDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// The directory part of `path` (`"."` for a bare file name, `"/"` for files in the root).
    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}

/// `write(2)`, named apart from the sink's own `write` methods.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// The C library's message for the current `errno`.
func systemMessage() -> String {
    let code = errno
    return String(cString: strerror(code)) + " (errno \(code))"
}
