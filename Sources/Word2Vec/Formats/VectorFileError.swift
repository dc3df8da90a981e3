// Errors from reading and writing word-vector files.

/// Why a word-vector file could not be read or written. Every case names the file and, where
/// there is one, the line (1-based, the header is line 1) or the record (0-based word index).
public enum VectorFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be opened, inspected or mapped.
    case cannotOpen(path: String, reason: String)
    /// The file (or its temporary sibling) could not be written, synced or renamed.
    case cannotWrite(path: String, reason: String)
    /// The first line is not `<word count> <dimension>` with sane numbers.
    case badHeader(path: String, header: String, reason: String)
    /// The header claims more data than the file can possibly hold.
    case headerExceedsFile(path: String, wordCount: Int, dimension: Int, fileBytes: Int)
    /// The file ends before record `wordIndex` is complete.
    case truncated(path: String, wordIndex: Int, reason: String)
    /// A word in record `wordIndex` runs past ``VectorFileLimits/maxWordBytes`` bytes.
    case wordTooLong(path: String, wordIndex: Int, limit: Int)
    /// A binary record is malformed (for example an empty word).
    case malformedRecord(path: String, wordIndex: Int, reason: String)
    /// A text line is malformed: wrong number of values, a value that is not a number, …
    case malformedLine(path: String, line: Int, reason: String)
    /// The number of records differs from the header's word count.
    case wordCountMismatch(path: String, header: Int, found: Int)
    /// Record `wordIndex` repeats an earlier word (only with ``DuplicateWordPolicy/fail``).
    case duplicateWord(path: String, word: String, wordIndex: Int)
    /// A native model file has the wrong magic bytes.
    case notNativeModel(path: String)
    /// A native model file has a version this build does not read.
    case unsupportedVersion(path: String, version: Int, supported: Int)
    /// A native model file is inconsistent (sizes, offsets, counts or its word table).
    case corruptNativeModel(path: String, reason: String)
    /// The format could not be decided from the extension or the content.
    case unknownFormat(path: String, reason: String)

    /// A message for users.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open: \(reason)"
        case .cannotWrite(let path, let reason): return "\(path): cannot write: \(reason)"
        case .badHeader(let path, let header, let reason):
            return "\(path): line 1: bad header '\(header)': \(reason) (expected '<word count> <dimension>')"
        case .headerExceedsFile(let path, let wordCount, let dimension, let fileBytes):
            return
                "\(path): the header claims \(wordCount) words × \(dimension) values, more than the file's "
                + "\(fileBytes) bytes can hold (is the file truncated, or not in this format?)"
        case .truncated(let path, let wordIndex, let reason):
            return "\(path): word \(wordIndex): the file is truncated: \(reason)"
        case .wordTooLong(let path, let wordIndex, let limit):
            return "\(path): word \(wordIndex): no space within \(limit) bytes (is this really the binary format?)"
        case .malformedRecord(let path, let wordIndex, let reason):
            return "\(path): word \(wordIndex): \(reason)"
        case .malformedLine(let path, let line, let reason): return "\(path): line \(line): \(reason)"
        case .wordCountMismatch(let path, let header, let found):
            return "\(path): the header says \(header) words but the file holds \(found)"
        case .duplicateWord(let path, let word, let wordIndex):
            return "\(path): word \(wordIndex): '\(word)' appears twice"
        case .notNativeModel(let path): return "\(path): not a native model file (wrong magic bytes)"
        case .unsupportedVersion(let path, let version, let supported):
            return "\(path): native model version \(version) is not supported (this build reads \(supported))"
        case .corruptNativeModel(let path, let reason): return "\(path): corrupt native model file: \(reason)"
        case .unknownFormat(let path, let reason): return "\(path): unknown vector file format: \(reason)"
        }
    }
}

/// Sanity limits a reader applies before trusting a file.
public enum VectorFileLimits {
    /// The longest word (in UTF-8 bytes) a binary or text file may hold.
    public static let maxWordBytes = 100_000
    /// The longest header line of a word2vec file.
    public static let maxHeaderBytes = 256
    /// The longest number token in a text file.
    public static let maxNumberBytes = 64
}

/// What a reader does when a word repeats (also when two invalid UTF-8 words decode to the same
/// string).
public enum DuplicateWordPolicy: Sendable {
    /// Keep the first occurrence, skip the later record and count it in the load report.
    case keepFirst
    /// Throw ``VectorFileError/duplicateWord(path:word:wordIndex:)``.
    case fail
}

/// What a reader found besides the vectors.
public struct VectorFileLoadReport: Sendable, Equatable {
    /// The format that was read.
    public var format: VectorFileFormat
    /// Records in the file (before skipping duplicates).
    public var recordsRead: Int
    /// Records skipped because their word repeated an earlier one.
    public var skippedDuplicates: Int
    /// The first few skipped words (at most 10), as decoded.
    public var duplicateExamples: [String]
    /// Words whose bytes were not valid UTF-8 and were decoded with U+FFFD replacements.
    public var wordsWithInvalidUTF8: Int

    /// A report.
    public init(
        format: VectorFileFormat, recordsRead: Int = 0, skippedDuplicates: Int = 0, duplicateExamples: [String] = [],
        wordsWithInvalidUTF8: Int = 0
    ) {
        self.format = format
        self.recordsRead = recordsRead
        self.skippedDuplicates = skippedDuplicates
        self.duplicateExamples = duplicateExamples
        self.wordsWithInvalidUTF8 = wordsWithInvalidUTF8
    }
}
