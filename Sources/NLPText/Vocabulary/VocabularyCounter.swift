// Streaming word counts in bounded memory, pruned like word2vec.c's ReduceVocab.

/// Counts words from a corpus or from byte slices, in a hash table keyed on the word bytes (no
/// `String` per word), and turns the counts into a ``Vocabulary``.
///
/// Memory stays bounded: when more than ``maxTypes`` distinct words are held, the rarest are
/// pruned as word2vec.c's `ReduceVocab` and gensim's `prune_vocab` do — every word counted at
/// most ``minReduce`` times is dropped, then ``minReduce`` grows by one. Counts of words that
/// were never dropped stay exact; a dropped word that shows up again starts from zero.
///
/// Not thread safe.
public final class VocabularyCounter {
    /// The number of distinct words that triggers pruning (word2vec.c: 0.7 × its 30M hash size).
    public let maxTypes: Int
    /// Words counted at most this often are dropped at the next pruning (starts at 1).
    public private(set) var minReduce = 1
    /// How many times pruning ran.
    public private(set) var pruneCount = 0
    /// Words counted, including words later pruned.
    @exclusivity(unchecked) public private(set) var wordCount = 0
    /// Sentence ends (newlines) counted; they become the count of ``SpecialToken/sentenceEnd``.
    @exclusivity(unchecked) public private(set) var sentenceEndCount = 0

    let table: WordTable

    /// A counter pruning when more than `maxTypes` distinct words are held.
    /// - Precondition: `maxTypes > 0`.
    public init(maxTypes: Int = 21_000_000) {
        precondition(maxTypes > 0, "maxTypes must be positive, got \(maxTypes)")
        self.maxTypes = maxTypes
        table = WordTable(capacity: min(maxTypes, 1 << 16))
    }

    /// The number of distinct words held now.
    public var typeCount: Int { table.count }

    /// Counts one occurrence of the word made of `bytes`.
    @inlinable
    public func add(_ bytes: UnsafeRawBufferPointer) { addWord(bytes) }

    /// Counts one occurrence of `word`.
    public func add(_ word: String) {
        var word = word
        word.withUTF8 { addWord(UnsafeRawBufferPointer($0)) }
    }

    /// Counts one sentence end.
    public func addSentenceEnd() { sentenceEndCount += 1 }

    /// The current count of `word` (0 when it is not held).
    public func count(of word: String) -> Int {
        var word = word
        return word.withUTF8 { table.find(UnsafeRawBufferPointer($0)).map(table.count(at:)) ?? 0 }
    }

    /// Counts every word of `corpus`, and a sentence end per newline.
    /// - Returns: the corpus's reading statistics.
    /// - Throws: the corpus's errors (``FileError``, ``CorpusError``).
    @discardableResult
    public func count(_ corpus: Corpus) throws -> CorpusStatistics {
        try corpus.forEachToken(marksSentenceEnds: true) { token in
            switch token {
            case .word(let bytes): addWord(bytes)
            case .sentenceEnd: sentenceEndCount += 1
            }
        }
    }

    @usableFromInline
    @inline(__always)
    func addWord(_ bytes: UnsafeRawBufferPointer) {
        wordCount += 1
        table.add(bytes)
        if table.count > maxTypes { prune() }
    }

    /// Drops every word counted at most `minReduce` times, then raises `minReduce`
    /// (word2vec.c `ReduceVocab`).
    public func prune() {
        let threshold = minReduce
        table.filter { $0 > threshold }
        minReduce += 1
        pruneCount += 1
    }

    /// The vocabulary of the counted words: `specialTokens` first (in order), then the words
    /// counted at least `minCount` times, most frequent first, at most `maxSize` of them. Ties
    /// keep the order of first occurrence (as gensim's stable sort does), so the ids are
    /// deterministic. ``SpecialToken/Role/sentenceEnd`` gets ``sentenceEndCount`` as its count,
    /// the other special tokens 0. A counted word equal to a special token's text is merged into
    /// it (its count is added).
    /// - Precondition: `minCount >= 1`, `maxSize >= 0`.
    public func makeVocabulary(
        minCount: Int = 1, maxSize: Int? = nil, specialTokens: [SpecialToken] = []
    ) -> Vocabulary {
        precondition(minCount >= 1, "minCount must be at least 1, got \(minCount)")
        precondition((maxSize ?? 0) >= 0, "maxSize must not be negative, got \(maxSize ?? 0)")
        let counts = table.counts
        var special: [String: Int] = [:]
        for token in specialTokens { special[token.text] = token.role == .sentenceEnd ? sentenceEndCount : 0 }
        var order: [Int] = []
        order.reserveCapacity(counts.count)
        for index in counts.indices where counts[index] >= minCount {
            if !special.isEmpty {
                let text = table.string(of: index)
                if special[text] != nil {
                    special[text]! += counts[index]
                    continue
                }
            }
            order.append(index)
        }
        order.sort { a, b in
            let (ca, cb) = (counts[a], counts[b])
            return ca != cb ? ca > cb : a < b
        }
        if let maxSize, order.count > maxSize { order.removeLast(order.count - maxSize) }
        let result = WordTable(capacity: order.count + specialTokens.count)
        for token in specialTokens {
            var text = token.text
            _ = text.withUTF8 { result.add(UnsafeRawBufferPointer($0), amount: special[token.text] ?? 0) }
        }
        for index in order { result.add(table.bytes(of: index), amount: counts[index]) }
        return Vocabulary(table: result, specialTokens: specialTokens)
    }
}
