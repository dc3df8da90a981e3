// Streaming a corpus as chunks cut at whitespace, in one bounded buffer.

/// Reads a ``Corpus``'s inputs in order and hands out chunks of valid UTF-8 text, each ending at
/// whitespace or at the end of a file (see ``Corpus`` for the guarantees).
///
/// Memory is bounded by the buffer (``Corpus/bufferSize`` bytes), plus three times that for a
/// repair buffer allocated the first time invalid UTF-8 shows up, plus zlib's own buffers.
///
/// Not thread safe: use one reader from one thread. Make a new reader for another pass.
public final class CorpusReader {
    /// Counts for everything read so far.
    public private(set) var statistics = CorpusStatistics()
    /// The input being read (`nil` before the first chunk and after the last).
    public var currentInputName: String? { file == nil ? nil : inputs[inputIndex - 1].name }

    /// A file with a NUL byte within this many leading bytes is treated as binary.
    static let binaryCheckBytes = 8192

    private let inputs: [CorpusInput]
    private let bufferSize: Int
    private let maxWordBytes: Int
    /// `bufferSize + 1` bytes: the extra byte holds a newline added at a file's end.
    private let buffer: UnsafeMutableRawPointer
    private var repairBuffer: UnsafeMutableRawPointer?
    /// Bytes held in `buffer`.
    private var filled = 0
    /// The end of the chunk handed out last; `buffer[chunkEnd ..< filled]` is the carried-over
    /// start of the next chunk (an incomplete word).
    private var chunkEnd = 0
    private var inputIndex = 0
    private var file: GzipFile?
    private var fileOffset = 0
    private var lastByteOfFile: UInt8?
    /// Whether the rest of an overlong, already truncated word is being skipped.
    private var skippingWord = false

    init(inputs: [CorpusInput], bufferSize: Int, maxWordBytes: Int) {
        precondition(
            bufferSize >= 2 * (maxWordBytes + 4), "bufferSize \(bufferSize) < 2 * (maxWordBytes \(maxWordBytes) + 4)")
        self.inputs = inputs
        self.bufferSize = bufferSize
        self.maxWordBytes = maxWordBytes
        buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize + 1, alignment: 64)
    }

    deinit {
        buffer.deallocate()
        repairBuffer?.deallocate()
    }

    /// The next chunk, or `nil` at the end of the last input. The bytes stay valid until the
    /// next call.
    /// - Throws: ``FileError`` when an input cannot be opened or read (corrupt gzip, I/O error)
    ///   and ``CorpusError/binaryFile(path:byteOffset:)``, each naming the input.
    public func nextChunk() throws -> UnsafeRawBufferPointer? {
        if chunkEnd > 0 {
            buffer.copyMemory(from: buffer + chunkEnd, byteCount: filled - chunkEnd)
            filled -= chunkEnd
            chunkEnd = 0
        }
        while true {
            if file == nil {
                guard inputIndex < inputs.count else { return nil }
                try open(inputs[inputIndex])
                inputIndex += 1
            }
            let got = try read(into: buffer + filled, count: bufferSize - filled)
            if got == 0 {
                // End of the file: it ends with a newline, and the carried-over word is complete.
                file?.close()
                file = nil
                skippingWord = false
                if let last = lastByteOfFile, last != 0x0A {
                    buffer.storeBytes(of: 0x0A, toByteOffset: filled, as: UInt8.self)
                    filled += 1
                }
                if filled == 0 { continue }
                chunkEnd = filled
                return emit(count: filled)
            }
            var added = got
            if skippingWord {
                let fresh = UnsafeRawBufferPointer(start: buffer + filled, count: got)
                guard let end = ByteScan.firstWhitespace(in: fresh) else { continue }
                (buffer + filled).copyMemory(from: buffer + filled + end, byteCount: got - end)
                added = got - end
                skippingWord = false
            }
            filled += added
            let content = UnsafeRawBufferPointer(start: buffer, count: filled)
            chunkEnd = ByteScan.lastWhitespace(in: content).map { $0 + 1 } ?? 0
            if filled - chunkEnd > maxWordBytes + 3 { truncateCarriedWord() }
            if chunkEnd > 0 { return emit(count: chunkEnd) }
        }
    }

    // MARK: - Steps

    private func open(_ input: CorpusInput) throws {
        do {
            file = try GzipFile(path: input.openPath)
        } catch let error as FileError {
            throw error.renamed(input.name)
        }
        fileOffset = 0
        lastByteOfFile = nil
        skippingWord = false
        statistics.files += 1
    }

    /// Reads from the current file, checks its first bytes for NULs and updates the counts.
    private func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        guard let file else { return 0 }
        let got: Int
        do {
            got = try file.read(into: UnsafeMutableRawBufferPointer(start: destination, count: count))
        } catch let error as FileError {
            throw error.renamed(inputs[inputIndex - 1].name)
        }
        guard got > 0 else { return 0 }
        if fileOffset < Self.binaryCheckBytes {
            let checked = UnsafeRawBufferPointer(
                start: destination, count: min(got, Self.binaryCheckBytes - fileOffset))
            if let nul = checked.firstIndex(of: 0) {
                throw CorpusError.binaryFile(path: inputs[inputIndex - 1].name, byteOffset: fileOffset + nul)
            }
        }
        fileOffset += got
        statistics.bytes += got
        lastByteOfFile = destination.load(fromByteOffset: got - 1, as: UInt8.self)
        return got
    }

    /// Cuts the word at `buffer[chunkEnd ..< filled]`, which is longer than `maxWordBytes + 3`,
    /// to the prefix ``WhitespaceTokenizer`` would keep, and skips the rest of it from now on.
    ///
    /// The first `maxWordBytes + 3` bytes decide that prefix: every character starting before
    /// byte `maxWordBytes` ends within them, and a repaired byte never shrinks.
    private func truncateCarriedWord() {
        let lookahead = maxWordBytes + 3
        let word = buffer + chunkEnd
        var repaired = [UInt8](repeating: 0, count: 3 * lookahead)
        let (count, invalid) = repaired.withUnsafeMutableBytes { out in
            UTF8Repair.repair(UnsafeRawBufferPointer(start: word, count: lookahead), into: out.baseAddress!)
        }
        var length = min(count, maxWordBytes)
        if count > maxWordBytes {
            length = repaired.withUnsafeBytes { WhitespaceTokenizer.truncatedLength($0.baseAddress!, maxWordBytes) }
        }
        repaired.withUnsafeBytes { word.copyMemory(from: $0.baseAddress!, byteCount: length) }
        statistics.invalidUTF8Sequences += invalid
        statistics.truncatedWords += 1
        filled = chunkEnd + length
        skippingWord = true
    }

    /// Counts lines in `buffer[0 ..< count]`, repairs invalid UTF-8 and returns the chunk.
    private func emit(count: Int) -> UnsafeRawBufferPointer {
        let chunk = UnsafeRawBufferPointer(start: buffer, count: count)
        statistics.lines += ByteScan.count(of: 0x0A, in: chunk)
        let invalid = UTF8Repair.invalidSequenceCount(in: chunk)
        guard invalid > 0 else { return chunk }
        if repairBuffer == nil {
            repairBuffer = UnsafeMutableRawPointer.allocate(byteCount: 3 * (bufferSize + 1), alignment: 64)
        }
        let (written, replaced) = UTF8Repair.repair(chunk, into: repairBuffer!)
        statistics.invalidUTF8Sequences += replaced
        return UnsafeRawBufferPointer(start: repairBuffer, count: written)
    }
}

extension FileError {
    /// The same error about `name` (e.g. `<stdin>` instead of `/dev/stdin`).
    func renamed(_ name: String) -> FileError {
        switch self {
        case .cannotOpen(_, let reason): .cannotOpen(path: name, reason: reason)
        case .readFailed(_, let reason): .readFailed(path: name, reason: reason)
        case .writeFailed(_, let reason): .writeFailed(path: name, reason: reason)
        case .closed: .closed(path: name)
        case .invalidArgument(_, let reason): .invalidArgument(path: name, reason: reason)
        }
    }
}
