// A corpus: ordered text sources read as one stream, with its reading options.

/// Text from files, directories, standard input or file descriptors, read in order as one
/// stream in bounded memory.
///
/// Reading happens through a ``CorpusReader`` (``makeReader()``) or the iteration helpers
/// (``forEachChunk(_:)``, ``forEachLine(maxLineBytes:_:)``, ``forEachToken(marksSentenceEnds:_:)``,
/// ``forEachSentence(maxLength:_:)``). Every file is read anew on each pass; a `Corpus` value
/// only describes what to read.
///
/// What readers guarantee:
/// - Chunks hold at most ``bufferSize`` bytes and end at whitespace or at the end of a file,
///   so no word is split between chunks. Each file's text ends with a newline in the stream (one
///   is added when a file lacks it), so files never run together and a file's end ends a sentence.
/// - Invalid UTF-8 is replaced with U+FFFD and counted (``CorpusStatistics/invalidUTF8Sequences``).
/// - A word longer than ``maxWordBytes`` bytes is truncated to its longest prefix of whole
///   characters that fits (as ``WhitespaceTokenizer`` does). Words that do not even fit in the
///   buffer are truncated by the reader itself, which then skips the rest of the word: a 10 MB
///   line without spaces costs one buffer of memory, not 10 MB. Bytes skipped this way are not
///   checked for invalid UTF-8.
/// - A file with a NUL byte in its first 8 KiB (after decompression) is rejected as binary
///   (``CorpusError/binaryFile(path:byteOffset:)``). An empty file is not an error: it reads as
///   nothing.
public struct Corpus: Sendable {
    /// The sources, read in this order.
    public var sources: [CorpusSource]
    /// The reader's buffer size in bytes, and so the largest chunk. 1 MiB by default.
    public var bufferSize: Int
    /// The longest word kept, in bytes (word2vec.c's `MAX_STRING`, 100, by default).
    public var maxWordBytes: Int

    /// The default ``bufferSize``: 1 MiB.
    public static let defaultBufferSize = 1 << 20

    /// A corpus reading `sources` in order.
    /// - Precondition: `bufferSize >= 2 * (maxWordBytes + 4)` and `maxWordBytes >= 4`.
    public init(
        sources: [CorpusSource], bufferSize: Int = Corpus.defaultBufferSize,
        maxWordBytes: Int = WhitespaceTokenizer.defaultMaxWordBytes
    ) {
        precondition(maxWordBytes >= 4, "maxWordBytes must be at least 4, got \(maxWordBytes)")
        precondition(
            bufferSize >= 2 * (maxWordBytes + 4),
            "bufferSize \(bufferSize) is too small for maxWordBytes \(maxWordBytes): "
                + "it must be at least \(2 * (maxWordBytes + 4))")
        self.sources = sources
        self.bufferSize = bufferSize
        self.maxWordBytes = maxWordBytes
    }

    /// A corpus of command-line style paths: `-` is standard input, a directory stands for its
    /// regular files (sorted; into subdirectories when `recursive`), anything else is a file.
    /// - Throws: ``FileError/cannotOpen(path:reason:)`` naming a path that does not exist.
    public init(
        paths: [String], recursive: Bool = false, bufferSize: Int = Corpus.defaultBufferSize,
        maxWordBytes: Int = WhitespaceTokenizer.defaultMaxWordBytes
    ) throws {
        let sources = try paths.map { path -> CorpusSource in
            if path == "-" { return .standardInput }
            guard let kind = FileSystem.kind(of: path) else {
                throw FileError.cannotOpen(path: path, reason: FileSystem.lastError())
            }
            return kind == .directory ? .directory(path, recursive: recursive) : .file(path)
        }
        self.init(sources: sources, bufferSize: bufferSize, maxWordBytes: maxWordBytes)
    }

    /// A corpus of one file or directory (see ``init(paths:recursive:bufferSize:maxWordBytes:)``).
    /// - Throws: ``FileError/cannotOpen(path:reason:)`` when `path` does not exist.
    public init(path: String, recursive: Bool = false) throws {
        try self.init(paths: [path], recursive: recursive)
    }

    /// The names of the inputs that will be read, in order (directories expanded).
    /// - Throws: ``FileError`` or ``CorpusError`` for missing paths and empty directories.
    public func inputNames() throws -> [String] {
        try sources.flatMap { try $0.inputs() }.map(\.name)
    }

    /// A fresh reader positioned at the start of the first source. Directories are listed now.
    /// - Throws: ``FileError`` or ``CorpusError`` for missing paths and empty directories.
    public func makeReader() throws -> CorpusReader {
        CorpusReader(
            inputs: try sources.flatMap { try $0.inputs() }, bufferSize: bufferSize, maxWordBytes: maxWordBytes)
    }

    /// The tokenizer matching this corpus's ``maxWordBytes``.
    public func tokenizer(marksSentenceEnds: Bool) -> WhitespaceTokenizer {
        WhitespaceTokenizer(maxWordBytes: maxWordBytes, marksSentenceEnds: marksSentenceEnds)
    }
}

/// What reading a corpus saw so far.
public struct CorpusStatistics: Sendable, Equatable {
    /// Inputs opened.
    public var files = 0
    /// Bytes read (after decompression, before any replacement or truncation).
    public var bytes = 0
    /// Lines: newline bytes in the stream, which ends every non-empty file with one.
    public var lines = 0
    /// Invalid UTF-8 sequences replaced with U+FFFD.
    public var invalidUTF8Sequences = 0
    /// Words cut to ``Corpus/maxWordBytes``, by the reader or, when tokens were read, the tokenizer.
    public var truncatedWords = 0
    /// Words seen, when tokens were read (0 for chunk and line iteration).
    public var words = 0

    /// Zero counts.
    public init() {}
}
