// Nearest-neighbour and similarity queries over word vectors (gensim KeyedVectors' meaning).

/// Why a similarity query could not run (unknown words throw ``WordVectorsError`` instead).
public enum WordQueryError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A query that needs words got none; `query` names it (e.g. `"mostSimilar"`).
    case noWords(query: String)

    /// A message for users.
    public var description: String {
        switch self {
        case .noWords(let query): return "\(query) needs at least one word"
        }
    }
}

extension WordVectors {
    /// One neighbour in a query result: the word and its score (a cosine similarity, or the
    /// 3CosMul score for ``AnalogyMethod/cosMul``).
    public typealias Neighbour = (word: String, similarity: Float)

    /// The unit-length vector of `word` (`v / ‖v‖`; all zeros for a zero vector).
    /// - Throws: ``WordVectorsError/unknownWord(_:suggestions:)`` with close spellings.
    public func normalizedVector(for word: String) throws -> [Float] {
        unitRow(try row(of: word))
    }

    /// The cosine similarity of two words' vectors (gensim `similarity`).
    ///
    /// ```swift
    /// cos(a, b) = (a / ‖a‖) · (b / ‖b‖)
    /// ```
    /// A zero vector gives 0.
    /// - Throws: ``WordVectorsError/unknownWord(_:suggestions:)``.
    public func similarity(_ first: String, _ second: String) throws -> Float {
        rowCosine(try row(of: first), try row(of: second))
    }

    /// The cosine similarity of the means of two word lists' raw (not normalized) vectors
    /// (gensim `n_similarity`).
    ///
    /// Unlike gensim, which silently skips unknown words here, an unknown word throws.
    /// - Throws: ``WordQueryError/noWords(query:)`` when a list is empty,
    ///   ``WordVectorsError/unknownWord(_:suggestions:)`` for an unknown word.
    public func nSimilarity(_ first: [String], _ second: [String]) throws -> Float {
        guard !first.isEmpty, !second.isEmpty else { throw WordQueryError.noWords(query: "nSimilarity") }
        let a = Self.unitLength(try rawMean(of: first))
        let b = Self.unitLength(try rawMean(of: second))
        var dot: Float = 0
        for k in 0 ..< dimension { dot += a[k] * b[k] }
        return dot
    }

    /// The words closest to the mean of `positive` minus `negative` (gensim `most_similar`).
    ///
    /// Each input word's vector is made unit length and weighted +1 (positive) or −1 (negative);
    /// the weighted sum divided by the number of words is made unit length again, and every
    /// searched row is ranked by its cosine with it:
    /// ```swift
    /// q = normalize((Σ₊ unit(v) − Σ₋ unit(v)) / (|positive| + |negative|))
    /// score(row) = q · row / ‖row‖
    /// ```
    /// The input words themselves are left out. `mostSimilar(positive: ["king", "woman"],
    /// negative: ["man"])` is the classic analogy, see ``analogy(_:isTo:as:method:topN:restrictTo:)``.
    ///
    /// - Parameters:
    ///   - positive: words pulling towards the result.
    ///   - negative: words pushing away from it.
    ///   - topN: how many words to return (none when `topN < 1`).
    ///   - restrictTo: search only the first rows (the most frequent words in word2vec files);
    ///     `nil` or a value above ``count`` searches all, 0 searches nothing (gensim treats
    ///     `restrict_vocab=0` as "all").
    /// - Returns: up to `topN` words with their cosine similarity, best first (ties: lower row).
    ///   Rows holding a zero vector have no cosine and are never returned.
    /// - Throws: ``WordQueryError/noWords(query:)`` when both lists are empty,
    ///   ``WordVectorsError/unknownWord(_:suggestions:)`` for an unknown word.
    public func mostSimilar(
        positive: [String], negative: [String] = [], topN: Int = 10, restrictTo: Int? = nil
    ) throws -> [Neighbour] {
        guard !positive.isEmpty || !negative.isEmpty else { throw WordQueryError.noWords(query: "mostSimilar") }
        let terms =
            try positive.map { (row: try row(of: $0), weight: Float(1)) }
            + negative.map { (row: try row(of: $0), weight: Float(-1)) }
        guard topN >= 1 else { return [] }
        return nearest(
            toUnit: unitMean(of: terms), topN: topN, rows: searchedRowCount(restrictTo: restrictTo),
            excludingRows: terms.map(\.row))
    }

    /// The words closest to `vector` by cosine similarity (gensim `similar_by_vector`).
    ///
    /// - Parameters:
    ///   - vector: any vector of ``dimension`` values (it need not be unit length).
    ///   - topN: how many words to return.
    ///   - restrictTo: search only the first rows; `nil` searches all.
    ///   - excluding: words left out of the result (unknown ones are ignored); gensim excludes
    ///     nothing here.
    /// - Returns: up to `topN` words with their cosine similarity, best first.
    /// - Precondition: `vector.count == dimension`.
    public func mostSimilar(
        toVector vector: [Float], topN: Int = 10, restrictTo: Int? = nil, excluding: [String] = []
    ) -> [Neighbour] {
        precondition(vector.count == dimension, "the vector has \(vector.count) values, the words have \(dimension)")
        guard topN >= 1 else { return [] }
        return nearest(
            toUnit: Self.unitLength(vector), topN: topN, rows: searchedRowCount(restrictTo: restrictTo),
            excludingRows: excluding.compactMap { index(of: $0) })
    }

    /// The word of `words` that fits least with the others (gensim `doesnt_match`): each vector is
    /// made unit length, and the word whose unit vector has the lowest cosine with their
    /// normalized mean is returned.
    ///
    /// gensim logs and skips unknown words here; this method throws instead, so a typo is not
    /// silently dropped (filter with ``contains(_:)`` first to get gensim's behaviour).
    /// - Throws: ``WordQueryError/noWords(query:)`` for an empty list,
    ///   ``WordVectorsError/unknownWord(_:suggestions:)`` for an unknown word.
    public func doesntMatch(_ words: [String]) throws -> String {
        guard !words.isEmpty else { throw WordQueryError.noWords(query: "doesntMatch") }
        let units = try words.map { unitRow(try row(of: $0)) }
        var mean = [Float](repeating: 0, count: dimension)
        for unit in units { for k in 0 ..< dimension { mean[k] += unit[k] } }
        for k in 0 ..< dimension { mean[k] /= Float(units.count) }
        mean = Self.unitLength(mean)
        var oddOne = 0
        var lowest = Float.infinity
        for (position, unit) in units.enumerated() {
            var dot: Float = 0
            for k in 0 ..< dimension { dot += unit[k] * mean[k] }
            if dot < lowest {
                lowest = dot
                oddOne = position
            }
        }
        return words[oddOne]
    }

    // MARK: - Helpers

    /// The top `topN` rows of `0..<rows` by cosine with the unit vector `query`, minus `excludingRows`.
    func nearest(toUnit query: [Float], topN: Int, rows: Int, excludingRows: [Int]) -> [Neighbour] {
        var scores = [Float](repeating: 0, count: rows)
        scores.withUnsafeMutableBufferPointer { scores in
            query.withUnsafeBufferPointer { cosineScores(unitQuery: $0, rows: rows, into: scores) }
        }
        return scores.withUnsafeBufferPointer { scores in
            TopScores.best(topN, of: scores, excluding: excludingRows).map {
                (word: words[$0.row], similarity: $0.score)
            }
        }
    }

    /// The plain mean of the words' stored vectors.
    private func rawMean(of list: [String]) throws -> [Float] {
        var mean = [Float](repeating: 0, count: dimension)
        for word in list {
            let values = storage.row(try row(of: word))
            for k in 0 ..< dimension { mean[k] += values[k] }
        }
        for k in 0 ..< dimension { mean[k] /= Float(list.count) }
        return mean
    }
}
