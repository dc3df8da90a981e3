// Tests: mostly-zero (one-hot) recurrent inputs, whose nonzeros replace the dense x·W and ∂W.
import NLPCore
import Testing

@testable import NLPNeural

@Suite("Sparse (one-hot) recurrent input")
struct SparseRecurrentInputTests {
    static let (batch, steps, depth, units) = (40, 7, 48, 9)

    /// A one-hot `[B, T, D]` input with a few variations: all-zero rows, a scaled entry, a row with
    /// two entries (capacity is `D / 8` = 6), and with `denseRow` one row of batch row 33 (the last
    /// slice) with more nonzeros than the capacity.
    static func input(seed: UInt64, denseRow: Bool) -> Tensor {
        let (B, T, D) = (batch, steps, depth)
        var rng = SplitMix64(seed: seed)
        return Tensor(shape: [B, T, D]) { x in
            x.update(repeating: 0)
            for b in 0 ..< B {
                for t in 0 ..< T {
                    let row = x.baseAddress! + (b * T + t) * D
                    if (b + t) % 11 == 0 { continue }
                    row[rng.nextInt(below: D)] = (b + t) % 5 == 0 ? -2.5 : 1
                    if (b * t) % 13 == 1 { row[rng.nextInt(below: D)] += 0.75 }
                    if denseRow && b == 33 && t == 4 {
                        for j in 0 ..< D where j % 3 == 0 { row[j] = Float(rng.nextGaussian()) }
                    }
                }
            }
        }
    }

    /// Outputs of one training forward, an inference forward and a backward, plus whether the
    /// training pass gathered every row.
    static func run(
        _ kind: RecurrentCellKind, x: Tensor, sparse: Bool, slices: Int, masked: Bool, dropout: Bool
    ) -> (values: [[Float]], gathered: Bool) {
        let (B, T, D, H) = (batch, steps, depth, units)
        let G = kind.gateCount
        var rng = SplitMix64(seed: 5)
        let engine = RecurrentEngine(
            kind: kind, units: H, inputSize: D,
            activations: RecurrentActivations(activation: .tanh, recurrentActivation: .sigmoid), goBackwards: masked,
            returnSequences: true)
        engine.maximumSlices = slices
        engine.allowsSparseInput = sparse
        let w = Tensor.normal(shape: [D, G * H], using: &rng)
        let u = Tensor.normal(shape: [H, G * H], using: &rng)
        let bias = Tensor.normal(shape: [kind == .gru ? 2 * G * H : G * H], using: &rng)
        let mask: Tensor? =
            masked
            ? Tensor(shape: [B, T]) { m in
                for b in 0 ..< B {
                    for t in 0 ..< T { m[b * T + t] = t < T - b % 3 ? 1 : 0 }
                }
            } : nil
        let inputDropout: [Float]? = dropout ? (0 ..< B * D).map { _ in rng.nextUnitFloat() < 0.3 ? 0 : 1 / 0.7 } : nil
        let probe = Tensor.normal(shape: [B, T, H], using: &rng)
        var dW = [Float](repeating: 0.5, count: D * G * H)
        var dU = [Float](repeating: 0, count: H * G * H)
        var db = [Float](repeating: 0.25, count: bias.count)
        return w.withUnsafeBufferPointer { w in
            u.withUnsafeBufferPointer { u in
                bias.withUnsafeBufferPointer { bias in
                    let weights = RecurrentWeights(
                        kernel: w.baseAddress!, recurrentKernel: u.baseAddress!, bias: bias.baseAddress!)
                    let inference = engine.forward(
                        x, mask: mask, initialState: nil, weights: weights, inputDropout: nil, recurrentDropout: nil,
                        training: false
                    ).output
                    let (y, state) = engine.forward(
                        x, mask: mask, initialState: nil, weights: weights, inputDropout: inputDropout,
                        recurrentDropout: nil)
                    let gathered = engine.inputWasSparse
                    let (dx, dState) = engine.backward(
                        probe, weights: weights, kernelGradient: &dW, recurrentKernelGradient: &dU,
                        biasGradient: &db)
                    let values =
                        [y.scalars, inference.scalars, dx!.scalars, dW, dU, db] + state.map(\.scalars)
                        + dState.map(\.scalars)
                    return (values, gathered)
                }
            }
        }
    }

    static func worstError(_ a: [[Float]], _ b: [[Float]]) -> Float {
        var worst: Float = 0
        for (u, v) in zip(a, b) {
            #expect(u.count == v.count)
            for (p, q) in zip(u, v) { worst = max(worst, abs(p - q) / max(1, abs(q))) }
        }
        return worst
    }

    @Test(
        "gathered x·W and ∂W equal the dense products (outputs, inference, ∂x, ∂W, ∂U, ∂b, states)",
        arguments: [RecurrentCellKind.lstm, .gru, .simple], [false, true])
    func matchesDense(_ kind: RecurrentCellKind, _ masked: Bool) {
        for dropout in [false, true] {
            let x = Self.input(seed: 3, denseRow: false)
            let dense = Self.run(kind, x: x, sparse: false, slices: 2, masked: masked, dropout: dropout)
            let sparse = Self.run(kind, x: x, sparse: true, slices: 2, masked: masked, dropout: dropout)
            #expect(!dense.gathered)
            #expect(sparse.gathered, "\(kind): the one-hot input was not gathered")
            let worst = Self.worstError(sparse.values, dense.values)
            #expect(worst < 1e-5, "\(kind), masked \(masked), dropout \(dropout): worst relative error \(worst)")
            #expect(sparse.values.allSatisfy { $0.allSatisfy(\.isFinite) })
        }
    }

    @Test(
        "several slices give the same numbers as one with a gathered input", arguments: [RecurrentCellKind.lstm, .gru])
    func slicesMatchOneSlice(_ kind: RecurrentCellKind) {
        let x = Self.input(seed: 4, denseRow: false)
        let one = Self.run(kind, x: x, sparse: true, slices: 1, masked: true, dropout: false)
        for slices in [2, 3] {
            let many = Self.run(kind, x: x, sparse: true, slices: slices, masked: true, dropout: false)
            #expect(one.values == many.values, "\(kind), \(slices) slices")
            #expect(many.gathered)
        }
    }

    @Test("a row with too many nonzeros sends its slice (and ∂W) to the dense product", arguments: [1, 2])
    func denseRowFallsBack(_ slices: Int) {
        let x = Self.input(seed: 6, denseRow: true)
        let dense = Self.run(.lstm, x: x, sparse: false, slices: slices, masked: false, dropout: false)
        let mixed = Self.run(.lstm, x: x, sparse: true, slices: slices, masked: false, dropout: false)
        #expect(!mixed.gathered)
        let worst = Self.worstError(mixed.values, dense.values)
        #expect(worst < 1e-5, "\(slices) slices: worst relative error \(worst)")
    }

    @Test("record keeps each row's nonzeros and refuses rows past the capacity")
    func recordRows() {
        let depth = 40  // capacity 5
        let rows = SparseInputRows()
        rows.prepare(rows: 3, depth: depth, batch: 3)
        #expect(rows.capacity == 5)
        #expect(SparseInputRows.capacity(depth: 10_000) == 64 && SparseInputRows.capacity(depth: 16) == 2)
        var x = [Float](repeating: 0, count: 3 * depth)
        x[3] = 2
        x[39] = -1
        for j in [0, 8, 16, 17, 33] { x[depth + j] = Float(j + 1) }
        for j in 0 ..< 6 { x[2 * depth + 5 * j] = 1 }
        x.withUnsafeBufferPointer { x in
            let p = x.baseAddress!
            #expect(rows.record(row: 0, p, depth: depth))
            #expect(rows.record(row: 1, p + depth, depth: depth))
            #expect(!rows.record(row: 2, p + 2 * depth, depth: depth))
        }
        // Gathering rows 0 and 1 against W[i, j] = 100·i + j reproduces x·W.
        let width = 3
        let w = (0 ..< depth * width).map { Float(100 * ($0 / width) + $0 % width) }
        var z = [Float](repeating: .nan, count: 2 * width)
        w.withUnsafeBufferPointer { w in
            z.withUnsafeMutableBufferPointer { z in
                rows.gather(
                    firstRow: 0, count: 2, weights: w.baseAddress!, width: width, into: z.baseAddress!, ldz: width)
            }
        }
        for r in 0 ..< 2 {
            for j in 0 ..< width {
                let expected = (0 ..< depth).reduce(Float(0)) { $0 + x[r * depth + $1] * w[$1 * width + j] }
                #expect(z[r * width + j] == expected, "row \(r), column \(j)")
            }
        }
    }

    @Test("addTransposed adds the transpose across partial tiles", arguments: [(1, 1), (33, 7), (70, 100)])
    func addTransposed(_ shape: (Int, Int)) {
        let (rows, columns) = shape
        let t = (0 ..< rows * columns).map { Float($0) * 0.5 }
        var c = (0 ..< columns * rows).map { Float($0 % 7) }
        let before = c
        t.withUnsafeBufferPointer { t in
            c.withUnsafeMutableBufferPointer { c in
                RecurrentMath.addTransposed(t.baseAddress!, rows: rows, columns: columns, into: c.baseAddress!)
            }
        }
        for i in 0 ..< columns {
            for j in 0 ..< rows {
                #expect(c[i * rows + j] == before[i * rows + j] + t[j * columns + i], "[\(i), \(j)] of \(shape)")
            }
        }
    }
}
