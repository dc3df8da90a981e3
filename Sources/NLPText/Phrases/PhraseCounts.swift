// Unigram and bigram counts for phrase detection, with word2phrase's bounded-memory pruning.

/// Counts words and adjacent word pairs over sentences, then scores the pairs to make a
/// ``PhraseTable`` (word2vec.c's word2phrase, gensim's `Phrases`).
///
/// Feed it in batches: ``learn(sentences:)`` can be called any number of times (for example once
/// per chunk of a streamed corpus), then ``makeTable()`` freezes the phrases found so far.
/// ```swift
/// var counts = PhraseCounts(options: PhraseOptions(minCount: 5, threshold: 100))
/// counts.learn(sentences: [["new", "york", "is", "big"], ["i", "love", "new", "york"]])
/// let table = counts.makeTable()
/// table.apply(to: ["new", "york", "city"])   // ["new_york", "city"] if the score passes
/// ```
/// Pairs are counted inside a sentence only, as gensim does. word2phrase's counting also pairs the
/// last word of a line with the first word of the next (its sentence-start check, `if (start)
/// continue;`, is unreachable), although it never joins such pairs.
///
/// Memory is bounded by ``PhraseOptions/maxTableSize``: when distinct unigrams + bigrams exceed
/// it, entries with count ≤ f are removed and f grows by one (word2phrase `ReduceVocab`), so
/// counts of rare items are approximate after a prune, exactly as in word2phrase and gensim.
public struct PhraseCounts: Sendable {
    /// Settings; `minCount`, `threshold`, `scoring` and `delimiter` are read by ``makeTable()``
    /// and may be changed between counting and making the table.
    public var options: PhraseOptions
    /// Words (tokens) counted so far, including those whose entries were pruned.
    public var totalWords: Int { wordsCounted }
    /// How many times the table was pruned.
    public private(set) var pruneCount: Int = 0

    @usableFromInline var wordsCounted: Int = 0
    /// Word → id (index into `words` and `wordCounts`).
    @usableFromInline var wordIDs: [String: Int32] = [:]
    @usableFromInline var words: [String] = []
    @usableFromInline var wordCounts: [Int] = []
    /// Bigram counts keyed by `firstID << 32 | secondID`.
    @usableFromInline var bigramCounts: [UInt64: Int] = [:]
    /// Entries with a count at or below this are removed by the next prune (word2phrase
    /// `min_reduce`).
    @usableFromInline var pruneFloor: Int = 1

    /// Creates empty counts.
    /// - Precondition: the options are valid (see ``PhraseOptions``).
    public init(options: PhraseOptions = PhraseOptions()) {
        options.validate()
        self.options = options
    }

    /// Distinct words in the table.
    public var distinctWords: Int { words.count }
    /// Distinct bigrams in the table.
    public var distinctBigrams: Int { bigramCounts.count }
    /// Entries in the table (distinct words + distinct bigrams; gensim's `len(vocab)`).
    public var tableSize: Int { words.count + bigramCounts.count }

    /// The count of `word`, 0 when unseen (or pruned).
    public func count(of word: String) -> Int {
        guard let id = wordIDs[word] else { return 0 }
        return wordCounts[Int(id)]
    }

    /// The count of the bigram `first second`, 0 when unseen (or pruned).
    public func count(of first: String, _ second: String) -> Int {
        guard let a = wordIDs[first], let b = wordIDs[second] else { return 0 }
        return bigramCounts[Self.key(a, b)] ?? 0
    }

    /// The score of the bigram `first second` under the current options, `nil` when it is not a
    /// candidate (unseen, or below the scorer's minimum counts).
    public func score(of first: String, _ second: String) -> Double? {
        options.scoring.score(
            countA: count(of: first), countB: count(of: second), countAB: count(of: first, second),
            minCount: options.minCount, totalWords: totalWords, tableSize: tableSize)
    }

    // MARK: - Counting

    /// Adds the words and adjacent pairs of every sentence. Call it repeatedly to stream a corpus.
    @inlinable
    public mutating func learn<Sentences: Sequence>(sentences: Sentences)
    where Sentences.Element: Sequence, Sentences.Element.Element: StringProtocol {
        for sentence in sentences { learn(sentence: sentence) }
    }

    /// Adds the words and adjacent pairs of one sentence.
    @inlinable
    public mutating func learn<Sentence: Sequence>(sentence: Sentence) where Sentence.Element: StringProtocol {
        var previous: Int32 = -1
        for word in sentence {
            let id = intern(word)
            wordCounts[Int(id)] += 1
            wordsCounted += 1
            if previous >= 0 { bigramCounts[Self.key(previous, id), default: 0] += 1 }
            previous = id
            if words.count + bigramCounts.count > options.maxTableSize {
                let newIDs = prune()
                // The current word may have been pruned; its next pair is then not counted.
                previous = newIDs[Int(id)]
            }
        }
    }

    @inlinable
    static func key(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    /// The id of `word`, added with count 0 when new.
    @inlinable
    mutating func intern<Word: StringProtocol>(_ word: Word) -> Int32 {
        let text = String(decoding: word.utf8, as: UTF8.self)
        if let id = wordIDs[text] { return id }
        let id = Int32(words.count)
        precondition(words.count < Int(Int32.max), "more than \(Int32.max) distinct words")
        wordIDs[text] = id
        words.append(text)
        wordCounts.append(0)
        return id
    }

    /// Removes every entry with count ≤ `pruneFloor`, raises the floor and renumbers the words.
    /// Returns old id → new id (−1 for removed words).
    ///
    /// A bigram's count never exceeds its words' counts, so no surviving bigram refers to a
    /// removed word.
    @usableFromInline
    mutating func prune() -> [Int32] {
        var newIDs = [Int32](repeating: -1, count: words.count)
        var keptWords: [String] = []
        var keptCounts: [Int] = []
        var keptIDs: [String: Int32] = [:]
        for (old, word) in words.enumerated() where wordCounts[old] > pruneFloor {
            newIDs[old] = Int32(keptWords.count)
            keptIDs[word] = Int32(keptWords.count)
            keptWords.append(word)
            keptCounts.append(wordCounts[old])
        }
        var keptBigrams: [UInt64: Int] = [:]
        for (key, count) in bigramCounts where count > pruneFloor {
            let a = newIDs[Int(key >> 32)]
            let b = newIDs[Int(key & 0xFFFF_FFFF)]
            if a >= 0 && b >= 0 { keptBigrams[Self.key(a, b)] = count }
        }
        words = keptWords
        wordCounts = keptCounts
        wordIDs = keptIDs
        bigramCounts = keptBigrams
        pruneFloor += 1
        pruneCount += 1
        return newIDs
    }

    // MARK: - Scoring

    /// Scores every counted bigram and keeps those whose score is greater than the threshold.
    /// - Precondition: the options are valid (an npmi threshold lies in `[-1, 1]`).
    public func makeTable() -> PhraseTable {
        options.validate()
        let scoring = options.scoring
        let minCount = options.minCount
        let threshold = options.threshold
        let tableSize = self.tableSize
        var best: [String: Double] = [:]
        for (key, countAB) in bigramCounts {
            let a = Int(key >> 32)
            let b = Int(key & 0xFFFF_FFFF)
            guard
                let score = scoring.score(
                    countA: wordCounts[a], countB: wordCounts[b], countAB: countAB, minCount: minCount,
                    totalWords: totalWords, tableSize: tableSize),
                score > threshold
            else { continue }
            // Two pairs can join to the same text in later passes ("new_york times" and
            // "new york_times"); the phrase keeps the higher score.
            let text = words[a] + options.delimiter + words[b]
            if let existing = best[text], existing >= score { continue }
            best[text] = score
        }
        return PhraseTable(
            uncheckedPhrases: best.map { Phrase(text: $0.key, score: $0.value) }, delimiter: options.delimiter)
    }
}
