// What the word2vec and GloVe readers share: growing row storage, word decoding and duplicates.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Collects records as a reader parses them: decodes each word (lossy UTF-8), skips or rejects
/// repeated words, and appends the rows to malloc'd memory that grows as data is actually read
/// and is handed to ``VectorStorage`` without a copy.
///
/// Decoding follows gensim's `unicode_errors='replace'`: invalid UTF-8 becomes U+FFFD. Two raw
/// words can then decode to the same string (and Swift also equates canonically equivalent
/// spellings); the first one is kept and later ones are skipped and counted (or rejected, per
/// ``DuplicateWordPolicy``).
final class RecordCollector {
    let path: String
    let dimension: Int
    private let duplicates: DuplicateWordPolicy
    private var rows: UnsafeMutablePointer<Float>?
    private var rowCapacity = 0
    private(set) var words: [String] = []
    private var rowOfWord: [String: Int] = [:]
    private(set) var report: VectorFileLoadReport

    /// A collector for rows of `dimension` values; `expectedRows` (already checked against the
    /// file size) sizes the first allocation.
    init(path: String, dimension: Int, expectedRows: Int, format: VectorFileFormat, duplicates: DuplicateWordPolicy) {
        precondition(dimension > 0, "dimension \(dimension) must be positive")
        self.path = path
        self.dimension = dimension
        self.duplicates = duplicates
        report = VectorFileLoadReport(format: format)
        // The rows' bytes are bounded by the file size (the readers check the header first); the
        // per-word structures cost more per word than a tiny row, so they start smaller and grow.
        reserve(rows: max(expectedRows, 1))
        words.reserveCapacity(min(expectedRows, 1 << 20))
        rowOfWord.reserveCapacity(min(expectedRows, 1 << 20))
    }

    deinit { free(rows) }

    /// Starts record number `recordIndex` (0-based, counting skipped ones) for the word `bytes`.
    /// - Returns: where to write the row's `dimension` values, or `nil` when the word repeats and
    ///   the record is skipped.
    /// - Throws: ``VectorFileError/duplicateWord(path:word:wordIndex:)`` under ``DuplicateWordPolicy/fail``.
    func beginRecord(word bytes: UnsafeRawBufferPointer, recordIndex: Int) throws -> UnsafeMutablePointer<Float>? {
        report.recordsRead += 1
        let (word, isValid) = decodeUTF8(bytes)
        if !isValid { report.wordsWithInvalidUTF8 += 1 }
        if rowOfWord[word] != nil {
            if duplicates == .fail {
                throw VectorFileError.duplicateWord(path: path, word: word, wordIndex: recordIndex)
            }
            report.skippedDuplicates += 1
            if report.duplicateExamples.count < 10 { report.duplicateExamples.append(word) }
            return nil
        }
        let row = words.count
        rowOfWord[word] = row
        words.append(word)
        if row == rowCapacity { reserve(rows: rowCapacity * 2) }
        return rows! + row * dimension
    }

    /// The collected vectors (the rows move into the result's storage).
    func finish(counts: [Int]? = nil) -> WordVectors {
        let rowCount = words.count
        let memory = rows!
        rows = nil
        let address = UInt(bitPattern: memory)
        let storage = VectorStorage(
            adopting: UnsafePointer(memory), rowCount: rowCount, dimension: dimension,
            release: { free(UnsafeMutableRawPointer(bitPattern: address)) })
        return WordVectors(
            words: words, storage: storage, counts: counts, norms: nil,
            index: WordIndex(dictionary: rowOfWord, words: words))
    }

    private func reserve(rows wanted: Int) {
        let (bytes, overflow) = wanted.multipliedReportingOverflow(by: dimension * MemoryLayout<Float>.stride)
        precondition(!overflow, "row buffer of \(wanted) × \(dimension) overflows")
        guard let grown = realloc(rows, bytes) else { fatalError("out of memory growing rows to \(bytes) bytes") }
        rows = grown.assumingMemoryBound(to: Float.self)
        rowCapacity = wanted
    }
}

/// `bytes` decoded as UTF-8 with U+FFFD for invalid sequences, and whether there were none.
///
/// Repair always changes the bytes (it replaces an invalid sequence with a valid one), so the
/// input was valid exactly when the decoded string's UTF-8 equals it. This avoids the generic
/// `String(validating:as:)`, which is several times slower for short words.
func decodeUTF8(_ bytes: UnsafeRawBufferPointer) -> (String, isValid: Bool) {
    var word = String(decoding: bytes, as: UTF8.self)
    let isValid = word.withUTF8 { decoded in
        decoded.count == bytes.count
            && (bytes.isEmpty || memcmp(decoded.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
    }
    return (word, isValid)
}
