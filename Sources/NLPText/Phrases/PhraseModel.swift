// Several phrase passes applied in order: bigrams, then phrases of phrases (trigrams, 4-grams).

/// A stack of ``PhraseTable``s, one per pass. Pass k is learned on the output of passes 1…k−1, so
/// two passes find `new_york_times` (`new_york` + `times`) and up to 4-grams
/// (`united_states` + `air_force`), as running word2phrase twice does.
public struct PhraseModel: Sendable, Equatable {
    /// The tables, in the order they are applied.
    public var tables: [PhraseTable]

    /// Creates a model from tables learned (or loaded) earlier.
    public init(tables: [PhraseTable]) { self.tables = tables }

    /// Learns `passes` tables over in-memory sentences.
    ///
    /// For a corpus that does not fit in memory, run ``PhraseCounts`` over the stream once per
    /// pass, feeding each pass the sentences transformed by the tables learned so far.
    /// - Parameters:
    ///   - sentences: tokenized sentences.
    ///   - passes: how many tables to learn (1 = bigrams; 2 = up to 4-grams).
    ///   - options: the options of every pass (word2vec's demo scripts lower the threshold for the
    ///     second pass; use ``learn(sentences:options:)`` for one options value per pass).
    /// - Precondition: `passes ≥ 1`.
    public static func learn(sentences: [[String]], passes: Int, options: PhraseOptions = PhraseOptions())
        -> PhraseModel
    {
        precondition(passes >= 1, "passes \(passes) must be at least 1")
        return learn(sentences: sentences, options: Array(repeating: options, count: passes))
    }

    /// Learns one table per element of `options`, in order.
    public static func learn(sentences: [[String]], options: [PhraseOptions]) -> PhraseModel {
        var current = sentences
        var tables: [PhraseTable] = []
        for (pass, passOptions) in options.enumerated() {
            var counts = PhraseCounts(options: passOptions)
            counts.learn(sentences: current)
            let table = counts.makeTable()
            tables.append(table)
            if pass + 1 < options.count { current = table.apply(toSentences: current) }
        }
        return PhraseModel(tables: tables)
    }

    /// Applies every table in order.
    public func apply<Sentence: Sequence>(to sentence: Sentence) -> [String] where Sentence.Element: StringProtocol {
        var words = sentence.map { String(decoding: $0.utf8, as: UTF8.self) }
        for table in tables { words = table.apply(to: words) }
        return words
    }
}
