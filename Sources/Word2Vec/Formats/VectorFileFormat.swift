// One entry point for every word-vector file format: detection, load and save.
import NLPText

/// The word-vector file formats this module reads and writes.
public enum VectorFileFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    /// word2vec.c's binary format (``Word2VecBinaryFormat``), usually `.bin`.
    case word2vecBinary
    /// word2vec.c's text format with a `<count> <dimension>` header (``Word2VecTextFormat``),
    /// usually `.txt` or `.vec` (fastText).
    case word2vecText
    /// GloVe's text format: word2vec text without the header.
    case gloveText
    /// This toolkit's memory-mappable model file (``NativeModelFile``), `.w2vmodel`.
    case native

    /// The format's name, e.g. `word2vecBinary`.
    public var description: String { rawValue }

    /// The extension the format is saved with by convention (without the dot).
    public var preferredExtension: String {
        switch self {
        case .word2vecBinary: return "bin"
        case .word2vecText, .gloveText: return "txt"
        case .native: return "w2vmodel"
        }
    }

    /// The format an extension implies for writing: `.bin` → binary, `.txt`/`.vec` → word2vec
    /// text, `.w2vmodel` → native; `nil` for anything else.
    public init?(extensionOf path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "bin": self = .word2vecBinary
        case "txt", "vec": self = .word2vecText
        case "w2vmodel": self = .native
        default: return nil
        }
    }

    /// The format of the file at `path`: native by its magic bytes whatever the name; `.bin` is
    /// binary; text (`.txt`, `.vec`) with a `<count> <dim>` first line is word2vec text, without
    /// it GloVe; for other names the content decides (a first record that reads as text after the
    /// header means text).
    /// - Throws: ``VectorFileError/cannotOpen(path:reason:)``, or
    ///   ``VectorFileError/unknownFormat(path:reason:)`` for an empty file.
    public static func detect(path: String) throws -> VectorFileFormat {
        try withFileBytes(path, populate: false) { try detect($0, path: path) }
    }

    static func detect(_ bytes: UnsafeRawBufferPointer, path: String) throws -> VectorFileFormat {
        if NativeModelLayout.hasMagic(bytes) { return .native }
        guard !bytes.isEmpty else { throw VectorFileError.unknownFormat(path: path, reason: "the file is empty") }
        let header = Word2VecHeader.firstLine(of: bytes).flatMap { line in
            Word2VecHeader.numbers(in: line.text).map { (dimension: $0.1, bodyOffset: line.end) }
        }
        switch VectorFileFormat(extensionOf: VectorFileFormat.removingGzipSuffix(path)) {
        case .word2vecBinary?: return .word2vecBinary
        case .word2vecText?: return header == nil ? .gloveText : .word2vecText
        default:
            guard let header else { return .gloveText }
            return firstRecordIsText(bytes, from: header.bodyOffset, dimension: header.dimension)
                ? .word2vecText : .word2vecBinary
        }
    }

    /// Calls `body` with the file's bytes: mapped (`populate`: prefaulted, cheaper for readers
    /// that go through the whole file once), or for a `.gz` name decompressed into memory first,
    /// as gensim does for `GoogleNews-vectors-negative300.bin.gz`.
    static func withFileBytes<T>(
        _ path: String, populate: Bool = true, _ body: (UnsafeRawBufferPointer) throws -> T
    ) throws -> T {
        if removingGzipSuffix(path) != path {
            let bytes: [UInt8]
            do { bytes = try GzipFile(path: path).readToEnd() } catch let error as FileError {
                throw VectorFileError.cannotOpen(path: path, reason: error.description)
            }
            return try bytes.withUnsafeBytes(body)
        }
        let file = try MappedFile(path: path, populate: populate)
        return try withExtendedLifetime(file) { try body(file.bytes) }
    }

    /// `path` without a final `.gz` (so `vectors.bin.gz` is detected as binary).
    static func removingGzipSuffix(_ path: String) -> String {
        path.lowercased().hasSuffix(".gz") ? String(path.dropLast(3)) : path
    }

    /// Whether the line after the header is `word` and `dimension` numbers.
    private static func firstRecordIsText(_ bytes: UnsafeRawBufferPointer, from offset: Int, dimension: Int) -> Bool {
        var lines = LineReader(bytes: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        guard let line = lines.next() else { return false }
        var fields = Fields(line)
        guard fields.next() != nil else { return false }
        var scratch = [CChar](repeating: 0, count: VectorFileLimits.maxNumberBytes + 1)
        var values = 0
        while let field = fields.next() {
            guard Word2VecTextFormat.parseFloat(field, scratch: &scratch) != nil else { return false }
            values += 1
        }
        return values == dimension
    }
}

extension WordVectors {
    /// Loads word vectors from a file in any supported format.
    ///
    /// Native model files are memory-mapped (see ``NativeModelFile/loadVectors(from:limit:)``); the
    /// other formats are parsed into memory, and a `.gz` name means gzip-compressed word2vec or
    /// GloVe data (the format is then detected from the name without `.gz` and the content). Words that are not valid UTF-8 are decoded with
    /// U+FFFD replacements; a word seen twice keeps its first vector (see
    /// ``loadWithReport(from:format:duplicates:limit:)`` for what was skipped).
    /// - Parameters:
    ///   - path: The file.
    ///   - format: The format, or `nil` to detect it (``VectorFileFormat/detect(path:)``).
    ///   - duplicates: What to do with a repeated word.
    ///   - limit: Read only the first `limit` records (gensim's `limit`: the most frequent words
    ///     of a word2vec file); `nil` reads all.
    /// - Throws: ``VectorFileError`` naming the file and the place for any malformed input.
    /// - Precondition: `limit` is not negative.
    public static func load(
        from path: String, format: VectorFileFormat? = nil, duplicates: DuplicateWordPolicy = .keepFirst,
        limit: Int? = nil
    ) throws -> WordVectors {
        try loadWithReport(from: path, format: format, duplicates: duplicates, limit: limit).vectors
    }

    /// Loads word vectors and reports the format read, duplicates skipped and words with invalid
    /// UTF-8. Parameters and errors as ``load(from:format:duplicates:limit:)``.
    public static func loadWithReport(
        from path: String, format: VectorFileFormat? = nil, duplicates: DuplicateWordPolicy = .keepFirst,
        limit: Int? = nil
    ) throws -> (vectors: WordVectors, report: VectorFileLoadReport) {
        precondition((limit ?? 0) >= 0, "negative limit \(limit ?? 0)")
        if format == .native || (format == nil && NativeModelLayout.fileHasMagic(path: path)) {
            let vectors = try NativeModelFile.loadVectors(from: path, limit: limit)
            return (vectors, VectorFileLoadReport(format: .native, recordsRead: vectors.count))
        }
        return try VectorFileFormat.withFileBytes(path) {
            try parse($0, path: path, format: format, duplicates: duplicates, limit: limit ?? .max)
        }
    }

    private static func parse(
        _ bytes: UnsafeRawBufferPointer, path: String, format: VectorFileFormat?, duplicates: DuplicateWordPolicy,
        limit: Int
    ) throws -> (vectors: WordVectors, report: VectorFileLoadReport) {
        switch try format ?? VectorFileFormat.detect(bytes, path: path) {
        case .word2vecBinary:
            return try Word2VecBinaryFormat.read(bytes, path: path, duplicates: duplicates, limit: limit)
        case .word2vecText:
            return try Word2VecTextFormat.read(
                bytes, path: path, hasHeader: true, duplicates: duplicates, limit: limit)
        case .gloveText:
            return try Word2VecTextFormat.read(
                bytes, path: path, hasHeader: false, duplicates: duplicates, limit: limit)
        case .native:
            guard VectorFileFormat.removingGzipSuffix(path) == path else {
                throw VectorFileError.unknownFormat(
                    path: path, reason: "a native model file is memory-mapped and cannot be read compressed; unpack it")
            }
            let vectors = try NativeModelFile.loadVectors(from: path, limit: limit == .max ? nil : limit)
            return (vectors, VectorFileLoadReport(format: .native, recordsRead: vectors.count))
        }
    }

    /// Saves the vectors atomically (temporary file, fsync, rename).
    /// - Parameters:
    ///   - path: The destination; replaced only when the whole file is written.
    ///   - format: The format, or `nil` for the one the extension names
    ///     (``VectorFileFormat/init(extensionOf:)``).
    /// - Throws: ``VectorFileError/cannotWrite(path:reason:)``, or
    ///   ``VectorFileError/unknownFormat(path:reason:)`` when no format is given and the extension
    ///   names none.
    public func save(to path: String, format: VectorFileFormat? = nil) throws {
        guard let format = format ?? VectorFileFormat(extensionOf: path) else {
            throw VectorFileError.unknownFormat(
                path: path, reason: "give a format or use the extension .bin, .txt, .vec or .w2vmodel")
        }
        switch format {
        case .word2vecBinary: try Word2VecBinaryFormat.write(self, to: path)
        case .word2vecText: try Word2VecTextFormat.write(self, to: path, header: true)
        case .gloveText: try Word2VecTextFormat.write(self, to: path, header: false)
        case .native: try NativeModelFile.write(self, trainingState: nil, to: path)
        }
    }
}
