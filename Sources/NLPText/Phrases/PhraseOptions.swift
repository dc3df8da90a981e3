// Options and scoring functions for phrase detection (word2phrase, gensim Phrases).

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// How a candidate bigram `a b` is scored; a bigram becomes a phrase when its score is greater
/// than ``PhraseOptions/threshold``.
///
/// Counts: `count(a)`, `count(b)` and `count(ab)` over all sentences; `δ` = ``PhraseOptions/minCount``.
public enum PhraseScoring: String, Sendable, Equatable, CaseIterable {
    /// word2vec.c's word2phrase (the default):
    /// ```swift
    /// score = (count(ab) − δ) / (count(a) · count(b)) · N     // N = total words seen
    /// ```
    /// The words and the bigram need `count ≥ δ`, as in word2phrase (its `SortVocab` drops rarer
    /// entries before scoring). `N` is the number of words (tokens) counted,
    /// word2phrase's `train_words`: it turns the ratio into "how many times more often than chance"
    /// (`count(ab)/N` against `count(a)/N · count(b)/N`), so one threshold (100) means the same on
    /// corpora of any size, and it does not move when the count table is pruned.
    case word2phrase
    /// gensim's `original_scorer`: the same formula with `N` = the number of entries in the count
    /// table (distinct unigrams plus distinct bigrams, gensim's `len(vocab)`), and no minimum on
    /// `count(a)`/`count(b)`. Provided to reproduce gensim's thresholds (default 10).
    case gensimOriginal
    /// gensim's `npmi_scorer`, normalized pointwise mutual information in `[-1, 1]`:
    /// ```swift
    /// npmi = ln(p(ab) / (p(a) · p(b))) / −ln(p(ab))      // p(x) = count(x) / N, N = total words
    /// ```
    /// Only bigrams with `count(ab) ≥ δ` are candidates. Thresholds must lie in `[-1, 1]`.
    case npmi

    /// The score of one candidate, or `nil` when the candidate is not eligible (a count is zero or
    /// below the minimum the scorer requires).
    /// - Parameters:
    ///   - countA: occurrences of the first word.
    ///   - countB: occurrences of the second word.
    ///   - countAB: occurrences of the bigram.
    ///   - minCount: `δ`, ``PhraseOptions/minCount``.
    ///   - totalWords: words counted (word2phrase's `train_words`, gensim's `corpus_word_count`).
    ///   - tableSize: distinct unigrams plus distinct bigrams (gensim's `len(vocab)`).
    public func score(
        countA: Int, countB: Int, countAB: Int, minCount: Int, totalWords: Int, tableSize: Int
    ) -> Double? {
        guard countA > 0, countB > 0, countAB > 0 else { return nil }
        switch self {
        case .word2phrase:
            guard countA >= minCount, countB >= minCount, countAB >= minCount else { return nil }
            return Double(countAB - minCount) / Double(countA) / Double(countB) * Double(totalWords)
        case .gensimOriginal:
            return Double(countAB - minCount) / Double(countA) / Double(countB) * Double(tableSize)
        case .npmi:
            guard countAB >= minCount, totalWords > 0 else { return nil }
            let n = Double(totalWords)
            let pA = Double(countA) / n
            let pB = Double(countB) / n
            let pAB = Double(countAB) / n
            // gensim returns 1 when the bigram is the whole corpus (−ln 1 = 0).
            guard pAB < 1 else { return 1 }
            return log(pAB / (pA * pB)) / -log(pAB)
        }
    }
}

/// Settings of phrase learning; the defaults are word2phrase's.
public struct PhraseOptions: Sendable, Equatable {
    /// `δ`: words and bigrams rarer than this are ignored, and it is subtracted from `count(ab)`
    /// (word2phrase `-min-count 5`, gensim `min_count=5`).
    public var minCount: Int
    /// A bigram is joined when its score is greater than this (word2phrase `-threshold 100`;
    /// gensim's default is 10 with ``PhraseScoring/gensimOriginal``; npmi needs a value in
    /// `[-1, 1]`, e.g. 0.5).
    public var threshold: Double
    /// The scoring function.
    public var scoring: PhraseScoring
    /// The count table's size limit in entries (distinct unigrams + distinct bigrams). When it is
    /// exceeded, entries with count ≤ f are dropped and f grows by one (word2phrase's
    /// `ReduceVocab`; f starts at 1). gensim's `max_vocab_size` default, 40 million, is about
    /// 2–3 GB here; lower it to bound memory further.
    public var maxTableSize: Int
    /// The string that joins the words of a phrase (`_`, as in `new_york`).
    public var delimiter: String

    /// Creates options; every argument defaults to word2phrase's value.
    public init(
        minCount: Int = 5, threshold: Double = 100, scoring: PhraseScoring = .word2phrase,
        maxTableSize: Int = 40_000_000, delimiter: String = "_"
    ) {
        self.minCount = minCount
        self.threshold = threshold
        self.scoring = scoring
        self.maxTableSize = maxTableSize
        self.delimiter = delimiter
    }

    /// Checks the options; violations are programmer errors.
    func validate() {
        precondition(minCount >= 0, "minCount \(minCount) must not be negative")
        precondition(maxTableSize >= 2, "maxTableSize \(maxTableSize) must be at least 2")
        precondition(!delimiter.isEmpty, "the phrase delimiter must not be empty")
        precondition(threshold.isFinite, "threshold \(threshold) must be finite")
        if scoring == .npmi {
            precondition(
                (-1.0 ... 1.0).contains(threshold), "an npmi threshold must lie in [-1, 1], not \(threshold)")
        }
    }
}
