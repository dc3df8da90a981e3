// A whole file's bytes, memory-mapped read-only (or read into memory when it cannot be mapped).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a file, read-only, for the life of the object.
///
/// Regular files are mapped with `mmap(PROT_READ, MAP_PRIVATE)` and unmapped in `deinit`; other
/// files (pipes, `/dev/stdin`) are read into memory. A mapped file that another process truncates
/// while it is mapped raises SIGBUS on access — the usual contract of memory-mapped readers
/// (gensim's `mmap='r'`, numpy's `memmap`).
final class MappedFile: @unchecked Sendable {
    /// The path the file was opened with.
    let path: String
    /// The file's bytes (empty for an empty file).
    let bytes: UnsafeRawBufferPointer
    private let isMapped: Bool

    /// Maps (or reads) the file at `path`.
    /// - Parameter populate: prefault the whole mapping (`MAP_POPULATE`), for files that are about
    ///   to be read end to end.
    /// - Throws: ``VectorFileError/cannotOpen(path:reason:)``.
    init(path: String, populate: Bool = false) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw VectorFileError.cannotOpen(path: path, reason: systemError()) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw VectorFileError.cannotOpen(path: path, reason: systemError())
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw VectorFileError.cannotOpen(path: path, reason: "it is a directory")
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            bytes = try MappedFile.readAll(descriptor, path: path)
            isMapped = false
            return
        }
        let size = Int(info.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            isMapped = false
            return
        }
        #if os(Linux)
            let flags = MAP_PRIVATE | (populate ? MAP_POPULATE : 0)
        #else
            let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else {
            throw VectorFileError.cannotOpen(path: path, reason: "mmap of \(size) bytes failed: \(systemError())")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        isMapped = true
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    /// Everything `descriptor` yields until end of file, in memory that `deinit` deallocates.
    private static func readAll(_ descriptor: Int32, path: String) throws -> UnsafeRawBufferPointer {
        var capacity = 1 << 20
        var memory = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        var count = 0
        while true {
            if count == capacity {
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 64)
                bigger.copyMemory(from: memory, byteCount: count)
                memory.deallocate()
                memory = bigger
                capacity *= 2
            }
            let got = read(descriptor, memory + count, capacity - count)
            if got < 0 {
                if errno == EINTR { continue }
                let reason = systemError()
                memory.deallocate()
                throw VectorFileError.cannotOpen(path: path, reason: reason)
            }
            if got == 0 { break }
            count += got
        }
        return UnsafeRawBufferPointer(start: memory, count: count)
    }
}

/// The message of the current `errno`.
func systemError() -> String { String(cString: strerror(errno)) }
