// Correlation of word-vector similarities with human judgements (gensim evaluate_word_pairs).

/// How well the cosine similarities of word vectors follow human similarity scores.
public struct WordPairEvaluation: Sendable, CustomStringConvertible {
    /// Pearson's correlation of the human scores with the cosine similarities.
    public var pearson: Double
    /// Its two-sided p-value (scipy `pearsonr`).
    public var pearsonPValue: Double
    /// Spearman's rank correlation (average ranks for ties, scipy `spearmanr`).
    public var spearman: Double
    /// Its two-sided p-value.
    public var spearmanPValue: Double
    /// Pairs that entered the correlations (with `unknownAsZero`, including the unknown ones).
    public var pairsUsed: Int
    /// Pairs with a word outside the searched vocabulary.
    public var unknownPairs: Int
    /// gensim's "OOV ratio" in percent: unknown / (used + unknown), or unknown / used with
    /// `unknownAsZero` (where unknown pairs are part of the used ones).
    public var unknownPercent: Double

    /// One line: `Pearson 0.5123 (p 1.2e-20)  Spearman 0.5012 (p 3.4e-19)  pairs 340  unknown 13 (3.68%)`.
    public var description: String {
        "Pearson \(Self.fixed(pearson)) (p \(pearsonPValue))  Spearman \(Self.fixed(spearman)) (p \(spearmanPValue))"
            + "  pairs \(pairsUsed)  unknown \(unknownPairs) (\(AnalogyEvaluation.percent(unknownPercent / 100)))"
    }

    /// `x` with 4 decimals.
    static func fixed(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        let scaled = Int((abs(x) * 10_000).rounded())
        let decimals = String(scaled % 10_000)
        return (x < 0 ? "-" : "") + "\(scaled / 10_000)." + String(repeating: "0", count: 4 - decimals.count) + decimals
    }
}

extension WordVectors {
    /// Correlates the cosine similarity of each pair's vectors with its human score, matching gensim's
    /// `evaluate_word_pairs(restrict_vocab=300000, case_insensitive=True, dummy4unknown=False)`.
    ///
    /// Only the first `restrictTo` rows are known. With `caseInsensitive`, pair words and known
    /// words are upper-cased and a word stands for its first row (its most frequent case variant),
    /// as in gensim. A pair with an unknown word is skipped, or, with `unknownAsZero` (gensim's
    /// `dummy4unknown`), scored with similarity 0.
    ///
    /// - Parameters:
    ///   - pairs: the data set, e.g. `WordPairs(contentsOf: "wordsim353.tsv")`.
    ///   - restrictTo: how many of the first rows are known (default 300,000, gensim's).
    ///   - caseInsensitive: match words case-insensitively (default `true`).
    ///   - unknownAsZero: score pairs with unknown words as similarity 0 instead of skipping them.
    /// - Returns: Pearson and Spearman correlations with p-values, pair counts and the unknown share.
    /// - Throws: ``EvaluationFileError/nothingToEvaluate(source:reason:)`` when fewer than two
    ///   pairs can be scored (gensim raises on none).
    public func evaluateWordPairs(
        _ pairs: WordPairs, restrictTo: Int = 300_000, caseInsensitive: Bool = true, unknownAsZero: Bool = false
    ) throws -> WordPairEvaluation {
        let rows = searchedRowCount(restrictTo: restrictTo)
        let fold: (String) -> String = caseInsensitive ? { $0.uppercased() } : { $0 }
        var rowOfFolded = [String: Int](minimumCapacity: rows)
        for row in 0 ..< rows {
            let key = fold(words[row])
            if rowOfFolded[key] == nil { rowOfFolded[key] = row }
        }
        var human: [Double] = []
        var model: [Double] = []
        var unknown = 0
        for pair in pairs.pairs {
            guard let first = rowOfFolded[fold(pair.first)], let second = rowOfFolded[fold(pair.second)] else {
                unknown += 1
                if unknownAsZero {
                    human.append(pair.score)
                    model.append(0)
                }
                continue
            }
            human.append(pair.score)
            model.append(Double(rowCosine(first, second)))
        }
        guard human.count >= 2 else {
            throw EvaluationFileError.nothingToEvaluate(
                source: pairs.source,
                reason: "\(human.count) of \(pairs.pairs.count) pairs have both words among the first \(rows) words")
        }
        let pearson = Correlation.pearson(human, model)
        let spearman = Correlation.spearman(human, model)
        let denominator = unknownAsZero ? human.count : human.count + unknown
        return WordPairEvaluation(
            pearson: pearson, pearsonPValue: Correlation.pValue(correlation: pearson, count: human.count),
            spearman: spearman, spearmanPValue: Correlation.pValue(correlation: spearman, count: human.count),
            pairsUsed: human.count, unknownPairs: unknown, unknownPercent: 100 * Double(unknown) / Double(denominator))
    }

    /// The cosine of rows `first` and `second` as gensim computes `similarity`: the dot product of
    /// the two unit vectors.
    func rowCosine(_ first: Int, _ second: Int) -> Float {
        let a = unitRow(first)
        let b = unitRow(second)
        var dot: Float = 0
        for k in 0 ..< dimension { dot += a[k] * b[k] }
        return dot
    }
}
