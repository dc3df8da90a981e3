// Naive reference loops: the definition every fast kernel is tested against.

/// Straightforward loops that define what each fast tensor operation must compute.
///
/// They are slow on purpose: one scalar at a time, no SIMD, no BLAS. Tests compare the fast
/// kernels with them (llm.c's `matmul_forward_naive`, gensim's `our_dot_noblas`).
public enum ReferenceKernels {
    /// `op(a) · op(b)` with triple loops, accumulating in Double.
    public static func matmul(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
    ) -> Tensor {
        let (m, n, k) = Tensor.matmulDimensions(a, b, transposeA: transposeA, transposeB: transposeB)
        var c = [Float](repeating: 0, count: m * n)
        for i in 0 ..< m {
            for j in 0 ..< n {
                var sum: Double = 0
                for p in 0 ..< k {
                    let x = transposeA ? a[p, i] : a[i, p]
                    let y = transposeB ? b[j, p] : b[p, j]
                    sum += Double(x) * Double(y)
                }
                c[i * n + j] = Float(sum)
            }
        }
        return Tensor(shape: [m, n], scalars: c)
    }

    /// `op(matrix) · vector` with double loops.
    public static func gemv(_ matrix: Tensor, _ vector: Tensor, transpose: Bool = false) -> Tensor {
        let column = vector.reshaped([vector.count, 1])
        let product = matmul(matrix, column, transposeA: transpose)
        return product.reshaped([product.count])
    }

    /// The dot product, accumulated in Double.
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Double = 0
        for i in 0 ..< a.count { sum += Double(a[i]) * Double(b[i]) }
        return Float(sum)
    }

    /// The cosine similarity, in Double.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let na = dot(a, a).squareRoot()
        let nb = dot(b, b).squareRoot()
        return na * nb > 0 ? dot(a, b) / (na * nb) : 0
    }

    /// NumPy-style broadcasting of `op` over two tensors by explicit index arithmetic.
    public static func broadcast(
        _ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float
    ) -> Tensor {
        let shape = Tensor.broadcastShape(a.shape, b.shape)
        let count = shape.reduce(1, *)
        var out = [Float](repeating: 0, count: count)
        for flat in 0 ..< count {
            // Unravel the flat index over the result shape, then map it into each operand.
            var rest = flat
            var index = [Int](repeating: 0, count: shape.count)
            for axis in stride(from: shape.count - 1, through: 0, by: -1) {
                index[axis] = rest % shape[axis]
                rest /= shape[axis]
            }
            out[flat] = op(a.scalars[offset(index, in: a.shape)], b.scalars[offset(index, in: b.shape)])
        }
        return Tensor(shape: shape, scalars: out)
    }

    private static func offset(_ index: [Int], in shape: [Int]) -> Int {
        let lead = index.count - shape.count
        var offset = 0
        for axis in 0 ..< shape.count {
            offset = offset * shape[axis] + (shape[axis] == 1 ? 0 : index[lead + axis])
        }
        return offset
    }

    /// The transpose of a rank-2 tensor, element by element.
    public static func transpose(_ a: Tensor) -> Tensor {
        var out = [Float](repeating: 0, count: a.count)
        for i in 0 ..< a.shape[0] {
            for j in 0 ..< a.shape[1] { out[j * a.shape[0] + i] = a[i, j] }
        }
        return Tensor(shape: [a.shape[1], a.shape[0]], scalars: out)
    }

    /// Rows `indices` of a rank-2 tensor, one scalar at a time.
    public static func gatherRows(_ a: Tensor, _ indices: [Int]) -> Tensor {
        var out: [Float] = []
        for r in indices {
            for c in 0 ..< a.shape[1] { out.append(a[r, c]) }
        }
        return Tensor(shape: [indices.count, a.shape[1]], scalars: out)
    }

    /// Adds row `i` of `values` into row `indices[i]` of `a`, one scalar at a time.
    public static func scatterAddRows(_ a: Tensor, _ indices: [Int], _ values: Tensor) -> Tensor {
        var result = a
        for (i, r) in indices.enumerated() {
            for c in 0 ..< a.shape[1] { result[r, c] += values[i, c] }
        }
        return result
    }
}
