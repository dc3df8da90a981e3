// Trained word vectors apart from the trainer (gensim's KeyedVectors): words, index, matrix, norms.
import NLPCore

/// A fixed set of word vectors: word ↔ row lookups, the row-major matrix, each row's L2 norm and,
/// when known, each word's corpus count.
///
/// This is what training produces and what the query and evaluation APIs read — the trainer's
/// output weights live elsewhere (gensim's argument for `KeyedVectors`). Rows are in the order of
/// the file or the vocabulary (most frequent first for word2vec output), which is what "restrict to
/// the N most frequent words" relies on. Files are read and written by ``load(from:format:duplicates:limit:)``
/// and ``save(to:format:)``.
public struct WordVectors: Sendable {
    /// The words, row order.
    public let words: [String]
    /// Each word's corpus count (word2vec vocabulary order), when the source had them.
    public let counts: [Int]?
    /// The rows.
    public let storage: VectorStorage
    /// Each row's Euclidean norm.
    public let norms: [Float]
    let wordIndex: WordIndex

    /// Every word with its row. For vectors mapped from a native model file this dictionary is
    /// built on first use; ``index(of:)`` does not need it.
    var rowOfWord: [String: Int] { wordIndex.dictionary }

    /// The number of values per vector.
    public var dimension: Int { storage.dimension }
    /// The number of words.
    public var count: Int { storage.rowCount }

    /// Word vectors over `storage`, one row per entry of `words`.
    /// - Throws: ``WordVectorsError/duplicateWord(_:)`` when a word appears twice.
    /// - Precondition: `words.count == storage.rowCount`, and `counts` (if given) has one entry
    ///   per word.
    public init(words: [String], storage: VectorStorage, counts: [Int]? = nil) throws {
        precondition(
            words.count == storage.rowCount, "\(words.count) words for \(storage.rowCount) rows")
        var rowOfWord = [String: Int](minimumCapacity: words.count)
        for (row, word) in words.enumerated() {
            if rowOfWord.updateValue(row, forKey: word) != nil { throw WordVectorsError.duplicateWord(word) }
        }
        self.init(
            words: words, storage: storage, counts: counts, norms: nil,
            index: WordIndex(dictionary: rowOfWord, words: words))
    }

    /// Word vectors holding a copy of `values` (`words.count × dimension`, row-major).
    public init(words: [String], values: [Float], dimension: Int, counts: [Int]? = nil) throws {
        try self.init(
            words: words, storage: VectorStorage(copying: values, rowCount: words.count, dimension: dimension),
            counts: counts)
    }

    /// Word vectors from parts a reader has already checked: unique words, a matching index and,
    /// when known, the row norms.
    init(words: [String], storage: VectorStorage, counts: [Int]?, norms: [Float]?, index: WordIndex) {
        precondition(
            words.count == storage.rowCount, "\(words.count) words for \(storage.rowCount) rows")
        precondition(
            counts == nil || counts?.count == words.count,
            "\(counts?.count ?? 0) counts for \(words.count) words")
        precondition(
            norms == nil || norms?.count == words.count, "\(norms?.count ?? 0) norms for \(words.count) words")
        self.words = words
        self.counts = counts
        self.storage = storage
        self.norms = norms ?? WordVectors.rowNorms(of: storage)
        wordIndex = index
    }

    /// The row of `word`, or `nil` when it has no vector.
    public func index(of word: String) -> Int? { wordIndex.row(of: word) }

    /// Whether `word` has a vector.
    public func contains(_ word: String) -> Bool { wordIndex.row(of: word) != nil }

    /// A copy of `word`'s vector.
    /// - Throws: ``WordVectorsError/unknownWord(_:suggestions:)`` with close spellings.
    public func vector(for word: String) throws -> [Float] {
        Array(storage.row(try row(of: word)))
    }

    /// Each row's Euclidean norm (SIMD dot products).
    static func rowNorms(of storage: VectorStorage) -> [Float] {
        let dimension = storage.dimension
        return [Float](unsafeUninitializedCapacity: storage.rowCount) { norms, initialized in
            for row in 0 ..< storage.rowCount {
                let start = storage.base + row * dimension
                norms[row] = VectorKernels.dot(start, start, count: dimension).squareRoot()
            }
            initialized = storage.rowCount
        }
    }
}

/// Why a word-vector lookup or query failed.
public enum WordVectorsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The same word appears twice in a vector set.
    case duplicateWord(String)
    /// The word has no vector; `suggestions` lists known words spelled closely.
    case unknownWord(String, suggestions: [String])

    /// A message for users.
    public var description: String {
        switch self {
        case .duplicateWord(let word): return "the word '\(word)' appears twice"
        case .unknownWord(let word, let suggestions):
            let hint =
                suggestions.isEmpty ? "" : " (did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?)"
            return "'\(word)' is not in the vocabulary\(hint)"
        }
    }
}
