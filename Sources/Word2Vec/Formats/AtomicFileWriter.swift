// Writes a file through a temporary sibling, fsync and rename, in large buffered writes.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered writer whose output appears at `destination` only when ``commit()`` succeeds.
///
/// Bytes go to a temporary file next to the destination (`.<name>.tmp-XXXXXX`, made by
/// `mkstemp`) through a 4 MiB buffer; `commit()` flushes, `fsync`s, renames the temporary file over
/// the destination (atomic on POSIX file systems) and syncs the directory. When the writer is
/// dropped without a commit — an error, an interrupted run — the temporary file is removed and the
/// destination is untouched.
final class AtomicFileWriter {
    /// The file that `commit()` creates or replaces.
    let destination: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: UnsafeMutableRawPointer
    private let bufferCapacity = 4 << 20
    private var buffered = 0
    private var committed = false

    /// Creates the temporary file.
    /// - Throws: ``VectorFileError/cannotWrite(path:reason:)`` (for example a missing directory).
    init(destination: String) throws {
        self.destination = destination
        let slash = destination.lastIndex(of: "/")
        let directory = slash.map { String(destination[...$0]) } ?? ""
        let name = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        guard !name.isEmpty else { throw VectorFileError.cannotWrite(path: destination, reason: "no file name") }
        var template = Array("\(directory).\(name).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw VectorFileError.cannotWrite(path: destination, reason: systemError())
        }
        self.descriptor = descriptor
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // mkstemp makes the file 0600; give it the existing file's mode or the usual 0644.
        var info = stat()
        let mode = stat(destination, &info) == 0 ? info.st_mode & 0o7777 : 0o644
        fchmod(descriptor, mode)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferCapacity, alignment: 64)
    }

    deinit {
        buffer.deallocate()
        if !committed {
            if descriptor >= 0 { close(descriptor) }
            unlink(temporaryPath)
        }
    }

    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if buffered + bytes.count > bufferCapacity { try flush() }
        if bytes.count >= bufferCapacity {
            try writeThrough(base, count: bytes.count)
        } else {
            (buffer + buffered).copyMemory(from: base, byteCount: bytes.count)
            buffered += bytes.count
        }
    }

    /// Appends the UTF-8 of `text`.
    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `count` zero bytes.
    func writeZeros(_ count: Int) throws {
        precondition(count >= 0, "negative padding \(count)")
        let zeros = [UInt8](repeating: 0, count: count)
        try zeros.withUnsafeBytes { try write($0) }
    }

    /// Appends one byte.
    func write(byte: UInt8) throws {
        if buffered == bufferCapacity { try flush() }
        buffer.storeBytes(of: byte, toByteOffset: buffered, as: UInt8.self)
        buffered += 1
    }

    /// Flushes, syncs and renames the temporary file over the destination.
    func commit() throws {
        try flush()
        guard fsync(descriptor) == 0 else { throw failure() }
        guard close(descriptor) == 0 else {
            descriptor = -1
            throw failure()
        }
        descriptor = -1
        guard rename(temporaryPath, destination) == 0 else { throw failure() }
        committed = true
        let slash = destination.lastIndex(of: "/")
        let directory = slash.map { String(destination[...$0]) } ?? "."
        let directoryDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Writes the buffered bytes to the file.
    private func flush() throws {
        try writeThrough(UnsafeRawPointer(buffer), count: buffered)
        buffered = 0
    }

    private func writeThrough(_ start: UnsafeRawPointer, count: Int) throws {
        var done = 0
        while done < count {
            let wrote = Glibc.write(descriptor, start + done, count - done)
            if wrote < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            done += wrote
        }
    }

    private func failure() -> VectorFileError {
        .cannotWrite(path: destination, reason: systemError())
    }
}
