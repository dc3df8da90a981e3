// Analogies a : b :: c : ? by vector offset (3CosAdd) or by multiplied similarities (3CosMul).

/// How an analogy `a : b :: c : ?` ranks candidate words `d`.
///
/// [1]: Mikolov, Yih & Zweig, 2013, Linguistic Regularities in Continuous Space Word Representations.
/// [2]: Levy & Goldberg, 2014, Linguistic Regularities in Sparse and Explicit Word Representations.
public enum AnalogyMethod: String, Sendable, CaseIterable {
    /// 3CosAdd, the vector offset [1] (word2vec.c `word-analogy`, gensim `most_similar`):
    /// ```swift
    /// score(d) = cos(d, normalize(unit(b) − unit(a) + unit(c)))
    /// ```
    case cosAdd
    /// 3CosMul [2] (gensim `most_similar_cosmul`), cosines shifted to [0, 1]:
    /// ```swift
    /// score(d) = s(d, b) · s(d, c) / (s(d, a) + 1e-6),   s(x, y) = (1 + cos(x, y)) / 2
    /// ```
    case cosMul
}

extension WordVectors {
    /// Solves `a : b :: c : ?` ("a is to b as c is to ?"): the words `d` whose relation to `c` best
    /// matches the relation of `b` to `a`, i.e. closest to `b − a + c`.
    ///
    /// The argument order is that of the analogy question files (`Athens Greece Baghdad Iraq`) and
    /// of word2vec.c's `word-analogy` program, which reads `a b c` and searches `b − a + c`. So
    /// "king − man + woman" is `analogy("man", isTo: "king", as: "woman")`, which gives "queen".
    /// With ``AnalogyMethod/cosAdd`` this equals `mostSimilar(positive: [b, c], negative: [a])`.
    /// The three input words are left out of the result.
    ///
    /// - Parameters:
    ///   - a, b, c: the question words.
    ///   - method: ``AnalogyMethod/cosAdd`` (default) or ``AnalogyMethod/cosMul``.
    ///   - topN: how many answers to return.
    ///   - restrictTo: search only the first rows (the most frequent words); `nil` searches all.
    /// - Returns: up to `topN` words with their score, best first.
    /// - Throws: ``WordVectorsError/unknownWord(_:suggestions:)``.
    public func analogy(
        _ a: String, isTo b: String, as c: String, method: AnalogyMethod = .cosAdd, topN: Int = 10,
        restrictTo: Int? = nil
    ) throws -> [Neighbour] {
        switch method {
        case .cosAdd: return try mostSimilar(positive: [b, c], negative: [a], topN: topN, restrictTo: restrictTo)
        case .cosMul: return try mostSimilarCosMul(positive: [b, c], negative: [a], topN: topN, restrictTo: restrictTo)
        }
    }

    /// The words that maximize the 3CosMul objective of Levy & Goldberg (gensim `most_similar_cosmul`):
    /// ```swift
    /// s(d, x) = (1 + cos(d, x)) / 2
    /// score(d) = Π₊ s(d, p) / (Π₋ s(d, n) + 1e-6)
    /// ```
    /// With two positive words and one negative this is 3CosMul; with a single positive word it
    /// ranks like ``mostSimilar(positive:negative:topN:restrictTo:)``. The input words are left
    /// out. Unlike gensim 4.4, which ignores `restrict_vocab` here, `restrictTo` is honoured.
    ///
    /// - Returns: up to `topN` words with their 3CosMul score, best first.
    /// - Throws: ``WordQueryError/noWords(query:)`` when `positive` is empty (gensim's rule),
    ///   ``WordVectorsError/unknownWord(_:suggestions:)`` for an unknown word.
    public func mostSimilarCosMul(
        positive: [String], negative: [String] = [], topN: Int = 10, restrictTo: Int? = nil
    ) throws -> [Neighbour] {
        let positiveRows = try positive.map { try row(of: $0) }
        let negativeRows = try negative.map { try row(of: $0) }
        guard !positiveRows.isEmpty else { throw WordQueryError.noWords(query: "mostSimilarCosMul") }
        guard topN >= 1 else { return [] }
        let rows = searchedRowCount(restrictTo: restrictTo)
        // One sgemv per term: an sgemm with 2–3 query rows packs the whole matrix and is slower.
        let terms = positiveRows + negativeRows
        var cosines = [Float](repeating: 0, count: terms.count * rows)
        cosines.withUnsafeMutableBufferPointer { cosines in
            for (term, termRow) in terms.enumerated() {
                unitRow(termRow).withUnsafeBufferPointer {
                    cosineScores(
                        unitQuery: $0, rows: rows,
                        into: UnsafeMutableBufferPointer(rebasing: cosines[(term * rows) ..< (term + 1) * rows]))
                }
            }
        }
        // An empty product is 1, as numpy's `prod` over no arrays.
        var numerator = [Float](repeating: 1, count: rows)
        var denominator = [Float](repeating: 1, count: rows)
        for term in terms.indices {
            let offset = term * rows
            if term < positiveRows.count {
                for i in 0 ..< rows { numerator[i] *= (1 + cosines[offset + i]) / 2 }
            } else {
                for i in 0 ..< rows { denominator[i] *= (1 + cosines[offset + i]) / 2 }
            }
        }
        for i in 0 ..< rows { numerator[i] /= denominator[i] + 1e-6 }
        return numerator.withUnsafeBufferPointer { scores in
            TopScores.best(topN, of: scores, excluding: positiveRows + negativeRows).map {
                (word: words[$0.row], similarity: $0.score)
            }
        }
    }
}
