// Nearest neighbours of many words at once: one sgemm per block of queries instead of one sgemv each.

extension WordVectors {
    /// The nearest neighbours of each word of `words`, the same as calling
    /// `mostSimilar(positive: [word], topN: topN, restrictTo: restrictTo)` for each, but computed
    /// with one BLAS `sgemm` per block of words, which reads the matrix once per block.
    ///
    /// - Parameters:
    ///   - words: the query words.
    ///   - topN: how many neighbours per word.
    ///   - restrictTo: search only the first rows; `nil` searches all.
    /// - Returns: one list per query word, in order, each best first without the word itself.
    /// - Throws: ``WordVectorsError/unknownWord(_:suggestions:)`` for the first unknown word.
    public func mostSimilar(eachOf words: [String], topN: Int = 10, restrictTo: Int? = nil) throws -> [[Neighbour]] {
        let queryRows = try words.map { try row(of: $0) }
        guard topN >= 1 else { return queryRows.map { _ in [] } }
        let rows = searchedRowCount(restrictTo: restrictTo)
        guard rows > 0 else { return queryRows.map { _ in [] } }
        // Blocks whose score matrix stays near 16 MB.
        let blockSize = max(1, min(queryRows.count, (4 << 20) / rows))
        var queries = [Float](repeating: 0, count: blockSize * dimension)
        var scores = [Float](repeating: 0, count: blockSize * rows)
        var results: [[Neighbour]] = []
        results.reserveCapacity(queryRows.count)
        for blockStart in stride(from: 0, to: queryRows.count, by: blockSize) {
            let block = queryRows[blockStart ..< min(blockStart + blockSize, queryRows.count)]
            for (offset, queryRow) in block.enumerated() {
                queries.replaceSubrange(offset * dimension ..< (offset + 1) * dimension, with: unitRow(queryRow))
            }
            queries.withUnsafeBufferPointer { queries in
                scores.withUnsafeMutableBufferPointer { scores in
                    cosineScores(unitQueries: queries, queryCount: block.count, rows: rows, into: scores)
                    for (offset, queryRow) in block.enumerated() {
                        let line = UnsafeBufferPointer(rebasing: scores[(offset * rows) ..< (offset + 1) * rows])
                        results.append(
                            TopScores.best(topN, of: line, excluding: [queryRow]).map {
                                (word: self.words[$0.row], similarity: $0.score)
                            })
                    }
                }
            }
        }
        return results
    }
}
