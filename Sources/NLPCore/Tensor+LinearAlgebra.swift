// Matrix products (BLAS-backed), norms and cosine similarity.

extension Tensor {
    // MARK: - Matrix products

    /// The matrix product `op(a) · op(b)`, where `op` transposes when asked.
    ///
    /// Shapes: `op(a)` is `[m, k]`, `op(b)` is `[k, n]`, the result is `[m, n]`.
    /// - Precondition: both tensors are rank 2 and the inner dimensions agree.
    @inlinable
    public static func matmul(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
    ) -> Tensor {
        let (m, n, _) = matmulDimensions(a, b, transposeA: transposeA, transposeB: transposeB)
        var c = Tensor(zeros: [m, n])
        gemm(a, b, into: &c, transposeA: transposeA, transposeB: transposeB, alpha: 1, beta: 0)
        return c
    }

    /// `c = alpha · op(a) · op(b) + beta · c`, in place (no allocation when `c` is uniquely held).
    /// - Precondition: rank-2 operands with agreeing dimensions; `c` has shape `[m, n]`.
    @inlinable
    public static func gemm(
        _ a: Tensor, _ b: Tensor, into c: inout Tensor, transposeA: Bool = false,
        transposeB: Bool = false, alpha: Float = 1, beta: Float = 0
    ) {
        let (m, n, k) = matmulDimensions(a, b, transposeA: transposeA, transposeB: transposeB)
        precondition(
            c.shape == [m, n],
            "gemm output has shape \(c.shape), expected [\(m), \(n)] for \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")"
        )
        if m == 0 || n == 0 { return }
        if k == 0 {
            c.withUnsafeMutableBufferPointer { out in
                for i in 0 ..< out.count { out[i] = beta == 0 ? 0 : beta * out[i] }
            }
            return
        }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    BLAS.sgemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                        a: pa.baseAddress!, lda: a.shape[1], b: pb.baseAddress!, ldb: b.shape[1],
                        beta: beta, c: pc.baseAddress!, ldc: n)
                }
            }
        }
    }

    @inlinable
    static func matmulDimensions(
        _ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool
    ) -> (m: Int, n: Int, k: Int) {
        precondition(
            a.rank == 2 && b.rank == 2, "matmul needs rank-2 tensors, got \(a.shape) and \(b.shape)")
        let (m, ka) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        precondition(
            ka == kb,
            "matmul inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "") (\(ka) vs \(kb))"
        )
        return (m, n, ka)
    }

    /// The batched matrix product: for each `i`, `result[i] = op(a[i]) · op(b[i])`.
    ///
    /// Shapes: `a` is `[batch, …]`, `b` is `[batch, …]` (or rank 2, shared by every batch
    /// entry), and the result is `[batch, m, n]`.
    /// - Precondition: rank-3 `a`; `b` rank 3 with the same batch, or rank 2.
    public static func batchedMatmul(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
    ) -> Tensor {
        precondition(a.rank == 3, "batchedMatmul needs a rank-3 left operand, got \(a.shape)")
        precondition(
            (b.rank == 3 && b.shape[0] == a.shape[0]) || b.rank == 2,
            "batchedMatmul right operand \(b.shape) does not match batch \(a.shape[0]) of \(a.shape)")
        let batch = a.shape[0]
        let aRows = a.shape[1]
        let aCols = a.shape[2]
        let bRows = b.shape[b.rank - 2]
        let bCols = b.shape[b.rank - 1]
        let (m, ka) = transposeA ? (aCols, aRows) : (aRows, aCols)
        let (kb, n) = transposeB ? (bCols, bRows) : (bRows, bCols)
        precondition(
            ka == kb,
            "batchedMatmul inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "") (\(ka) vs \(kb))"
        )
        var c = Tensor(zeros: [batch, m, n])
        if batch == 0 || m == 0 || n == 0 || ka == 0 { return c }
        let bStride = b.rank == 3 ? bRows * bCols : 0
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    for i in 0 ..< batch {
                        BLAS.sgemm(
                            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: ka,
                            a: pa.baseAddress! + i * aRows * aCols, lda: aCols,
                            b: pb.baseAddress! + i * bStride, ldb: bCols, beta: 0,
                            c: pc.baseAddress! + i * m * n, ldc: n)
                    }
                }
            }
        }
        return c
    }

    /// The matrix–vector product `op(matrix) · vector`.
    ///
    /// Shapes: `matrix` is `[m, n]`; `vector` is `[n]` (or `[m]` when transposed); the result is
    /// `[m]` (or `[n]`).
    /// - Precondition: rank-2 matrix and rank-1 vector of the matching length.
    public static func gemv(_ matrix: Tensor, _ vector: Tensor, transpose: Bool = false) -> Tensor {
        precondition(
            matrix.rank == 2 && vector.rank == 1,
            "gemv needs a rank-2 matrix and a rank-1 vector, got \(matrix.shape) and \(vector.shape)")
        let m = matrix.shape[0]
        let n = matrix.shape[1]
        let (inputLength, outputLength) = transpose ? (m, n) : (n, m)
        precondition(
            vector.count == inputLength,
            "gemv: vector \(vector.shape) does not match matrix \(matrix.shape)\(transpose ? "ᵀ" : "")")
        var y = Tensor(zeros: [outputLength])
        if outputLength == 0 || inputLength == 0 { return y }
        matrix.withUnsafeBufferPointer { pa in
            vector.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    BLAS.sgemv(
                        transpose: transpose, m: m, n: n, a: pa.baseAddress!, lda: n, x: px.baseAddress!,
                        beta: 0, y: py.baseAddress!)
                }
            }
        }
        return y
    }

    /// The dot product of two tensors with the same number of scalars (summed in order with SIMD
    /// accumulators).
    /// - Precondition: equal scalar counts.
    @inlinable
    public static func dot(_ a: Tensor, _ b: Tensor) -> Float {
        precondition(a.count == b.count, "dot of \(a.shape) and \(b.shape): scalar counts differ")
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in VectorKernels.dot(pa.baseAddress!, pb.baseAddress!, count: a.count) }
        }
    }

    // MARK: - Norms and cosine similarity

    /// The Euclidean (L2) norm of all scalars.
    @inlinable
    public var l2Norm: Float { Tensor.dot(self, self).squareRoot() }

    /// The L2 norm of each row of a rank-2 tensor, as a `[rows]` tensor.
    /// - Precondition: rank 2.
    public var rowL2Norms: Tensor {
        precondition(rank == 2, "rowL2Norms needs a rank-2 tensor, got \(shape)")
        let rows = shape[0]
        let columns = shape[1]
        return withUnsafeBufferPointer { p in
            Tensor(shape: [rows]) { out in
                for r in 0 ..< rows {
                    let row = p.baseAddress! + r * columns
                    out[r] = VectorKernels.dot(row, row, count: columns).squareRoot()
                }
            }
        }
    }

    /// The rows of a rank-2 tensor scaled to unit L2 norm; all-zero rows stay zero.
    /// - Precondition: rank 2.
    public var rowNormalized: Tensor {
        let norms = rowL2Norms
        var result = self
        let columns = shape[1]
        result.withUnsafeMutableBufferPointer { p in
            for r in 0 ..< shape[0] where norms.storage[r] > 0 {
                VectorKernels.scale(p.baseAddress! + r * columns, by: 1 / norms.storage[r], count: columns)
            }
        }
        return result
    }

    /// The cosine similarity `a·b / (‖a‖‖b‖)` of two tensors with the same number of scalars;
    /// `0` when either is all zeros.
    /// - Precondition: equal scalar counts.
    public static func cosineSimilarity(_ a: Tensor, _ b: Tensor) -> Float {
        let denominator = a.l2Norm * b.l2Norm
        return denominator > 0 ? dot(a, b) / denominator : 0
    }

    /// The cosine similarity of every row of a rank-2 tensor with `vector`, as a `[rows]` tensor.
    /// - Precondition: rank-2 `self` whose row length equals `vector.count`.
    public func rowCosineSimilarities(with vector: Tensor) -> Tensor {
        precondition(
            rank == 2 && shape[1] == vector.count,
            "rowCosineSimilarities: rows of \(shape) vs vector \(vector.shape)")
        let products = Tensor.gemv(self, vector.reshaped([vector.count]))
        let norms = rowL2Norms
        let vectorNorm = vector.l2Norm
        return Tensor(shape: [shape[0]]) { out in
            for r in 0 ..< shape[0] {
                let denominator = norms.storage[r] * vectorNorm
                out[r] = denominator > 0 ? products.storage[r] / denominator : 0
            }
        }
    }
}
