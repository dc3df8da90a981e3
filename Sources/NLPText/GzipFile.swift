// Reading and writing gzip files through zlib (via the CZlib system library target).
internal import CZlib

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

// MARK: - Errors

/// A failure to open, read or write a file; every message names the file.
public enum FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be opened (missing, unreadable, not creatable, …).
    case cannotOpen(path: String, reason: String)
    /// Reading failed, e.g. corrupt or truncated gzip data.
    case readFailed(path: String, reason: String)
    /// Writing or closing after writing failed, e.g. a full disk.
    case writeFailed(path: String, reason: String)
    /// The file was used after ``GzipFile/close()``.
    case closed(path: String)
    /// An argument was out of range, e.g. a compression level outside 0...9.
    case invalidArgument(path: String, reason: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .cannotOpen(let path, _), .readFailed(let path, _), .writeFailed(let path, _),
            .closed(let path), .invalidArgument(let path, _):
            return path
        }
    }

    /// A message naming the file and the reason.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open '\(path)': \(reason)"
        case .readFailed(let path, let reason): "cannot read '\(path)': \(reason)"
        case .writeFailed(let path, let reason): "cannot write '\(path)': \(reason)"
        case .closed(let path): "'\(path)' was already closed"
        case .invalidArgument(let path, let reason): "invalid argument for '\(path)': \(reason)"
        }
    }
}

// MARK: - GzipFile

/// A file read through zlib's `gzread`: gzip-compressed data is decompressed, and a file that is
/// not gzip (plain text) is read through unchanged. Concatenated gzip members read as one stream.
///
/// Not thread safe: use one instance from one thread at a time. The file is closed by ``close()``
/// or when the instance is deinitialized.
public final class GzipFile {
    /// The path the file was opened with.
    public let path: String
    private var file: gzFile?

    /// Opens `path` for reading.
    /// - Parameter bufferSize: zlib's internal buffer size in bytes (larger reads fewer times).
    /// - Throws: ``FileError/cannotOpen(path:reason:)`` naming the file and the system's reason.
    public init(path: String, bufferSize: Int = 128 * 1024) throws {
        self.path = path
        errno = 0
        guard let file = gzopen(path, "rb") else {
            throw FileError.cannotOpen(
                path: path, reason: GzipFile.systemError(default: "gzopen failed"))
        }
        gzbuffer(file, UInt32(clamping: max(bufferSize, 8 * 1024)))
        self.file = file
    }

    deinit {
        if let file { gzclose(file) }
    }

    /// `true` when the file holds gzip data; `false` when it is read through unchanged (plain
    /// text) or was closed. zlib peeks at the header to answer, so this works before any read.
    public var isCompressed: Bool {
        guard let file else { return false }
        return gzdirect(file) == 0
    }

    /// Reads up to `buffer.count` decompressed bytes into `buffer`, the allocation-free way to
    /// stream a file. Returns the number of bytes read; 0 means the end of the file.
    /// - Throws: ``FileError/readFailed(path:reason:)`` for corrupt or truncated data.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let file else { throw FileError.closed(path: path) }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var total = 0
        // gzread takes an unsigned int length; larger buffers are filled in chunks.
        while total < buffer.count {
            let chunk = min(buffer.count - total, 1 << 30)
            let got = gzread(file, base + total, UInt32(chunk))
            if got < 0 { throw readError(file) }
            if got == 0 {
                // zlib reports a truncated stream as end of file; gzerror tells them apart.
                var errnum: Int32 = 0
                _ = gzerror(file, &errnum)
                if errnum != Z_OK { throw readError(file) }
                break
            }
            total += Int(got)
            if Int(got) < chunk { break }
        }
        return total
    }

    /// Reads up to `maxBytes` decompressed bytes. Returns an empty array at the end of the file.
    /// - Throws: ``FileError/readFailed(path:reason:)`` for corrupt or truncated data.
    public func read(maxBytes: Int) throws -> [UInt8] {
        guard maxBytes > 0 else { return [] }
        var failure: Error?
        let bytes = [UInt8](unsafeUninitializedCapacity: maxBytes) { buffer, count in
            do {
                count = try read(into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Reads everything from the current position to the end of the file.
    /// - Throws: ``FileError/readFailed(path:reason:)`` for corrupt or truncated data.
    public func readToEnd() throws -> [UInt8] {
        var result: [UInt8] = []
        while true {
            let chunk = try read(maxBytes: 1 << 20)
            if chunk.isEmpty { return result }
            result.append(contentsOf: chunk)
        }
    }

    /// Closes the file; later reads throw ``FileError/closed(path:)``. Closing twice is harmless.
    public func close() {
        if let file { gzclose(file) }
        file = nil
    }

    // MARK: Writing

    /// Writes `bytes` gzip-compressed to `path`, replacing any existing file.
    /// - Parameter level: zlib compression level, 0 (store) through 9 (smallest); 6 by default.
    /// - Throws: ``FileError`` naming the file when it cannot be created or written.
    public static func write(_ bytes: [UInt8], to path: String, level: Int = 6) throws {
        guard (0 ... 9).contains(level) else {
            throw FileError.invalidArgument(
                path: path, reason: "compression level \(level) is not in 0...9")
        }
        errno = 0
        guard let file = gzopen(path, "wb\(level)") else {
            throw FileError.cannotOpen(path: path, reason: systemError(default: "gzopen failed"))
        }
        var written = 0
        var failure: FileError?
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let chunk = min(raw.count - written, 1 << 30)
                let result = gzwrite(file, raw.baseAddress! + written, UInt32(chunk))
                if result <= 0 {
                    var errnum: Int32 = 0
                    let message = zlibMessage(file, &errnum, path: path) ?? "gzwrite failed"
                    failure = .writeFailed(
                        path: path,
                        reason: errnum == Z_ERRNO ? systemError(default: message) : message)
                    return
                }
                written += Int(result)
            }
        }
        let closed = gzclose(file)
        if let failure { throw failure }
        if closed != Z_OK {
            throw FileError.writeFailed(
                path: path,
                reason: closed == Z_ERRNO
                    ? systemError(default: "close failed") : "gzclose error \(closed)")
        }
    }

    // MARK: Errors

    private func readError(_ file: gzFile) -> FileError {
        var errnum: Int32 = 0
        let message = GzipFile.zlibMessage(file, &errnum, path: path) ?? ""
        let reason: String
        switch errnum {
        case Z_ERRNO: reason = GzipFile.systemError(default: "I/O error")
        case Z_BUF_ERROR:
            reason = "truncated gzip data (\(message.isEmpty ? "unexpected end of file" : message))"
        case Z_DATA_ERROR:
            reason = "corrupt gzip data (\(message.isEmpty ? "data error" : message))"
        default: reason = message.isEmpty ? "zlib error \(errnum)" : message
        }
        return .readFailed(path: path, reason: reason)
    }

    /// zlib's message for the file's last error, without the "path: " prefix zlib adds.
    private static func zlibMessage(_ file: gzFile, _ errnum: inout Int32, path: String) -> String? {
        guard let raw = gzerror(file, &errnum) else { return nil }
        let message = String(cString: raw)
        let prefix = path + ": "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }

    private static func systemError(default fallback: String) -> String {
        let code = errno
        guard code != 0, let text = strerror(code) else { return fallback }
        return String(cString: text)
    }
}
