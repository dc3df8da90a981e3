// Buffered output to a temporary file that is renamed into place only when complete.
import CommandLineSupport
import Foundation

/// Writes text to `<path>.tmp-<pid>` through a large buffer; ``commit()`` flushes, syncs and
/// renames it to `path`. A run that fails or is interrupted before `commit` leaves `path`
/// untouched (``discard()`` removes the temporary file).
final class AtomicTextWriter {
    let path: String
    private let temporaryPath: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private var isOpen = true

    init(path: String) throws {
        self.path = path
        temporaryPath = path + ".tmp-\(getpid())"
        guard let file = fopen(temporaryPath, "wb") else {
            throw RuntimeError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        self.file = file
        buffer.reserveCapacity(1 << 20)
    }

    deinit { if isOpen { discard() } }

    /// Appends `text`.
    func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else {
            throw RuntimeError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place.
    func commit() throws {
        do {
            try flush()
            guard fflush(file) == 0, fsync(fileno(file)) == 0 else {
                throw RuntimeError("cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
        } catch {
            discard()
            throw error
        }
        fclose(file)
        isOpen = false
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw RuntimeError("cannot write '\(path)': \(reason)")
        }
    }

    /// Closes and removes the temporary file.
    func discard() {
        guard isOpen else { return }
        fclose(file)
        unlink(temporaryPath)
        isOpen = false
    }
}
