// The hot loop of every query: cosine of one or many query vectors against the first rows.
import NLPCore

extension WordVectors {
    /// The number of rows a query searches: all of them, or the first `restrictTo` (clamped to
    /// `0...count`; gensim's `restrict_vocab`).
    func searchedRowCount(restrictTo: Int?) -> Int {
        guard let restrictTo else { return count }
        return min(max(restrictTo, 0), count)
    }

    /// Writes `cos(query, row i)` for rows `0..<rows` into `scores`, given a unit-length `query`.
    ///
    /// One BLAS `sgemv` over the stored rows, then a division by each row's norm (gensim's
    /// `dot(vectors, mean) / norms`), so no normalized copy of the matrix is needed. Rows with a zero
    /// norm get NaN, which the top-N selection skips.
    ///
    /// - Precondition: `query.count == dimension`, `scores.count >= rows`, `rows <= count`.
    func cosineScores(
        unitQuery query: UnsafeBufferPointer<Float>, rows: Int, into scores: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(query.count == dimension, "query has \(query.count) values, vectors have \(dimension)")
        precondition(rows <= count && scores.count >= rows, "cannot score \(rows) rows into \(scores.count)")
        guard rows > 0, let out = scores.baseAddress else { return }
        guard dimension > 0, let x = query.baseAddress else {
            for row in 0 ..< rows { out[row] = .nan }
            return
        }
        BLAS.sgemv(transpose: false, m: rows, n: dimension, a: storage.base, lda: dimension, x: x, y: out)
        norms.withUnsafeBufferPointer { norms in
            for row in 0 ..< rows { out[row] /= norms[row] }
        }
    }

    /// Cosines of `queryCount` unit-length queries (row-major `queryCount × dimension` in `queries`)
    /// against rows `0..<rows`, into `scores` (row-major `queryCount × rows`): one BLAS `sgemm`.
    ///
    /// - Precondition: the buffers hold `queryCount × dimension` and `queryCount × rows` values.
    func cosineScores(
        unitQueries queries: UnsafeBufferPointer<Float>, queryCount: Int, rows: Int,
        into scores: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(queries.count >= queryCount * dimension, "\(queries.count) values for \(queryCount) queries")
        precondition(rows <= count && scores.count >= queryCount * rows, "cannot score \(queryCount)×\(rows)")
        guard rows > 0, queryCount > 0, let out = scores.baseAddress else { return }
        guard dimension > 0, let a = queries.baseAddress else {
            for i in 0 ..< queryCount * rows { out[i] = .nan }
            return
        }
        BLAS.sgemm(
            transposeA: false, transposeB: true, m: queryCount, n: rows, k: dimension, a: a, lda: dimension,
            b: storage.base, ldb: dimension, c: out, ldc: rows)
        norms.withUnsafeBufferPointer { norms in
            for query in 0 ..< queryCount {
                let line = out + query * rows
                for row in 0 ..< rows { line[row] /= norms[row] }
            }
        }
    }

    /// The unit vector of row `row` (all zeros when the row is zero), computed as gensim does:
    /// each value divided by the row's norm.
    func unitRow(_ row: Int) -> [Float] {
        let norm = norms[row]
        let values = storage.row(row)
        guard norm > 0 else { return [Float](repeating: 0, count: dimension) }
        return values.map { $0 / norm }
    }

    /// `Σ wᵢ·unit(rowᵢ) / Σ|wᵢ|`, made unit length: gensim's `get_mean_vector(pre_normalize=True,
    /// post_normalize=True)`, accumulated in Float32 in the order given, like numpy does.
    func unitMean(of terms: [(row: Int, weight: Float)]) -> [Float] {
        var mean = [Float](repeating: 0, count: dimension)
        var totalWeight: Float = 0
        for term in terms {
            let norm = norms[term.row]
            let values = storage.row(term.row)
            if norm > 0 {
                for k in 0 ..< dimension { mean[k] += term.weight * (values[k] / norm) }
            }
            totalWeight += abs(term.weight)
        }
        if totalWeight > 0 { for k in 0 ..< dimension { mean[k] /= totalWeight } }
        return Self.unitLength(mean)
    }

    /// `vector / ‖vector‖`, or `vector` itself when its norm is zero (gensim's `matutils.unitvec`).
    static func unitLength(_ vector: [Float]) -> [Float] {
        var sum: Float = 0
        for value in vector { sum += value * value }
        let norm = sum.squareRoot()
        guard norm > 0 else { return vector }
        return vector.map { $0 / norm }
    }
}
