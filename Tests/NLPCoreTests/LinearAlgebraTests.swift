import NLPCore
import Testing
import _TestSupport

@Suite("BLAS-backed products, norms and cosine similarity")
struct LinearAlgebraTests {
    static let shapes: [(m: Int, k: Int, n: Int)] = [
        (1, 1, 1), (3, 5, 2), (1, 17, 1), (16, 16, 16), (33, 7, 65), (64, 100, 3),
    ]

    @Test("matmul matches the naive loop for every transpose combination", arguments: shapes)
    func matmul(dims: (m: Int, k: Int, n: Int)) {
        for ta in [false, true] {
            for tb in [false, true] {
                let a = randomTensor(ta ? [dims.k, dims.m] : [dims.m, dims.k], seed: 1)
                let b = randomTensor(tb ? [dims.n, dims.k] : [dims.k, dims.n], seed: 2)
                expectClose(
                    Tensor.matmul(a, b, transposeA: ta, transposeB: tb),
                    ReferenceKernels.matmul(a, b, transposeA: ta, transposeB: tb), rtol: 1e-4, atol: 1e-5)
            }
        }
    }

    @Test("gemm accumulates with alpha and beta")
    func gemmAccumulates() {
        let a = randomTensor([4, 6], seed: 3)
        let b = randomTensor([6, 5], seed: 4)
        let c0 = randomTensor([4, 5], seed: 5)
        var c = c0
        Tensor.gemm(a, b, into: &c, alpha: 2, beta: 0.5)
        expectClose(c, ReferenceKernels.matmul(a, b) * 2 + c0 * 0.5, rtol: 1e-4, atol: 1e-5)
    }

    @Test("empty inner dimension gives zeros")
    func emptyInner() {
        let product = Tensor.matmul(Tensor(zeros: [3, 0]), Tensor(zeros: [0, 2]))
        #expect(product == Tensor(zeros: [3, 2]))
    }

    @Test("batched matmul equals per-item matmul, with a shared right operand too")
    func batched() {
        let a = randomTensor([3, 4, 5], seed: 6)
        let b = randomTensor([3, 5, 2], seed: 7)
        let shared = randomTensor([5, 6], seed: 8)
        let c = Tensor.batchedMatmul(a, b)
        let d = Tensor.batchedMatmul(a, shared)
        #expect(c.shape == [3, 4, 2] && d.shape == [3, 4, 6])
        for i in 0 ..< 3 {
            expectClose(c[row: i], ReferenceKernels.matmul(a[row: i], b[row: i]), rtol: 1e-4, atol: 1e-5)
            expectClose(d[row: i], ReferenceKernels.matmul(a[row: i], shared), rtol: 1e-4, atol: 1e-5)
        }
        let at = randomTensor([3, 5, 4], seed: 9)
        let f = Tensor.batchedMatmul(at, b, transposeA: true)
        for i in 0 ..< 3 {
            expectClose(
                f[row: i], ReferenceKernels.matmul(at[row: i], b[row: i], transposeA: true), rtol: 1e-4, atol: 1e-5)
        }
    }

    @Test("gemv matches the naive loop, plain and transposed", arguments: [(1, 1), (7, 3), (40, 33)])
    func gemv(m: Int, n: Int) {
        let a = randomTensor([m, n], seed: 10)
        let x = randomTensor([n], seed: 11)
        let y = randomTensor([m], seed: 12)
        expectClose(Tensor.gemv(a, x), ReferenceKernels.gemv(a, x), rtol: 1e-4, atol: 1e-5)
        expectClose(
            Tensor.gemv(a, y, transpose: true), ReferenceKernels.gemv(a, y, transpose: true), rtol: 1e-4, atol: 1e-5)
    }

    @Test("dot, norms and cosine similarity match Double loops", arguments: [1, 15, 16, 17, 100, 300, 1001])
    func normsAndCosine(count: Int) {
        let a = randomTensor([count], seed: 13)
        let b = randomTensor([count], seed: 14)
        expectClose(Tensor.dot(a, b), ReferenceKernels.dot(a.scalars, b.scalars), rtol: 1e-4, atol: 1e-5)
        expectClose(a.l2Norm, ReferenceKernels.dot(a.scalars, a.scalars).squareRoot(), rtol: 1e-5)
        expectClose(
            Tensor.cosineSimilarity(a, b), ReferenceKernels.cosine(a.scalars, b.scalars), rtol: 1e-4, atol: 1e-5)
        expectClose(Tensor.cosineSimilarity(a, a), 1, atol: 1e-6)
        expectClose(Tensor.cosineSimilarity(a, -a), -1, atol: 1e-6)
    }

    @Test("row norms, row normalization and row cosine similarities")
    func rowwise() {
        var m = randomTensor([6, 20], seed: 15)
        m[row: 2] = Tensor(zeros: [20])  // an all-zero row stays zero and has similarity 0
        let v = randomTensor([20], seed: 16)
        let norms = m.rowL2Norms
        let unit = m.rowNormalized
        let similarities = m.rowCosineSimilarities(with: v)
        for r in 0 ..< 6 {
            let row = m[row: r].scalars
            expectClose(norms.scalars[r], ReferenceKernels.dot(row, row).squareRoot(), rtol: 1e-5)
            expectClose(similarities.scalars[r], ReferenceKernels.cosine(row, v.scalars), rtol: 1e-4, atol: 1e-5)
            if r != 2 { expectClose(unit[row: r].l2Norm, 1, atol: 1e-5) }
        }
        #expect(unit[row: 2] == Tensor(zeros: [20]))
    }

    @Test("mismatched inner dimensions stop with both shapes in the message")
    func mismatch() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.matmul(Tensor(zeros: [2, 3]), Tensor(zeros: [4, 5]))
        }.map { result in
            let message = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(message.contains("matmul inner dimensions differ: [2, 3] · [4, 5] (3 vs 4)"))
        }
    }
}
