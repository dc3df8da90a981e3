// Words ↔ ids, most frequent first, with counts and named special tokens.

/// A fixed vocabulary: ids `0 ..< count` in both directions, each word's corpus count, and
/// named special tokens at the front.
///
/// Built by ``VocabularyCounter/makeVocabulary(minCount:maxSize:specialTokens:)``, from a list
/// (``init(words:specialTokens:)``) or from a word2vec.c vocabulary file
/// (``load(from:specialTokens:)``). Lookups by bytes (``id(forBytes:)``) allocate nothing.
///
/// ```swift
/// let counter = VocabularyCounter()
/// try counter.count(Corpus(path: "text8"))
/// let vocabulary = counter.makeVocabulary(minCount: 5, specialTokens: [.sentenceEnd])
/// vocabulary.id(for: "the")   // 1 (0 is "</s>")
/// vocabulary[1]                // "the"
/// ```
public struct Vocabulary: Sendable {
    let table: WordTable
    /// The special tokens, at ids `0 ..< specialTokens.count` in this order.
    public let specialTokens: [SpecialToken]
    /// The sum of all counts, special tokens included: the number of training words word2vec.c
    /// calls `train_words` (its `</s>` count is part of it, as here).
    public let totalCount: Int

    init(table: WordTable, specialTokens: [SpecialToken]) {
        self.table = table
        self.specialTokens = specialTokens
        totalCount = table.counts.reduce(0, +)
    }

    /// A vocabulary of `words` (with their counts) in the given order, after `specialTokens`
    /// (which get count 0 unless `words` lists them too — then they must come first, in order).
    /// - Throws: ``VocabularyError/duplicateWord(_:)`` when a word appears twice, and
    ///   ``VocabularyError/invalidWord(_:reason:)`` for an empty word or one containing whitespace.
    public init(words: [(word: String, count: Int)], specialTokens: [SpecialToken] = []) throws {
        let table = WordTable(capacity: words.count + specialTokens.count)
        var rest = words[...]
        for token in specialTokens {
            var count = 0
            if let first = rest.first, first.word == token.text {
                count = first.count
                rest = rest.dropFirst()
            }
            try Vocabulary.insert(token.text, count: count, into: table)
        }
        for (word, count) in rest { try Vocabulary.insert(word, count: count, into: table) }
        self.init(table: table, specialTokens: specialTokens)
    }

    private static func insert(_ word: String, count: Int, into table: WordTable) throws {
        if word.isEmpty { throw VocabularyError.invalidWord(word, reason: "it is empty") }
        if word.utf8.contains(where: WhitespaceTokenizer.isWhitespace) {
            throw VocabularyError.invalidWord(word, reason: "it contains whitespace")
        }
        precondition(count >= 0, "count of '\(word)' must not be negative, got \(count)")
        var word = word
        let isNew = word.withUTF8 { bytes in
            let before = table.count
            table.add(UnsafeRawBufferPointer(bytes), amount: count)
            return table.count > before
        }
        if !isNew { throw VocabularyError.duplicateWord(word) }
    }

    // MARK: - Size and lookups

    /// The number of entries, special tokens included.
    public var count: Int { table.count }

    /// The word with id `id`.
    /// - Precondition: `0 <= id < count`.
    public subscript(id: Int) -> String { word(at: id) }

    /// The word with id `id`.
    /// - Precondition: `0 <= id < count`.
    public func word(at id: Int) -> String {
        precondition(id >= 0 && id < count, "id \(id) is out of range 0..<\(count)")
        return table.string(of: id)
    }

    /// The corpus count of the word with id `id`.
    /// - Precondition: `0 <= id < count`.
    public func frequency(at id: Int) -> Int {
        precondition(id >= 0 && id < count, "id \(id) is out of range 0..<\(count)")
        return table.count(at: id)
    }

    /// The id of `word`, or `nil` when it is not in the vocabulary.
    public func id(for word: String) -> Int? {
        var word = word
        return word.withUTF8 { table.find(UnsafeRawBufferPointer($0)) }
    }

    /// The id of the word made of `bytes` (UTF-8), or `nil`; allocates nothing.
    public func id(forBytes bytes: UnsafeRawBufferPointer) -> Int? { table.find(bytes) }

    /// `true` when `word` is in the vocabulary.
    public func contains(_ word: String) -> Bool { id(for: word) != nil }

    /// All words in id order.
    public var words: [String] { (0 ..< count).map(table.string(of:)) }

    /// All counts in id order.
    public var frequencies: [Int] { table.counts }

    // MARK: - Special tokens

    /// The id of the special token with `role`, if the vocabulary has one.
    public func id(of role: SpecialToken.Role) -> Int? {
        specialTokens.firstIndex { $0.role == role }
    }

    /// The id of the padding token, if any.
    public var paddingID: Int? { id(of: .padding) }
    /// The id of the unknown-word token, if any.
    public var unknownID: Int? { id(of: .unknown) }
    /// The id of word2vec.c's `</s>`, if any.
    public var sentenceEndID: Int? { id(of: .sentenceEnd) }
}
