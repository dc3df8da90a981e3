// Tests: the packed per-step product of the recurrent layers, and batch slices run concurrently.
import Foundation
import NLPCore
import Testing

@testable import NLPNeural

@Suite("Packed recurrent kernel and batch slices")
struct PackedRecurrentKernelTests {
    /// `c (+)= a · p` by plain loops (Double accumulation), `p[i, j] = source[i·rowStride + j·columnStride]`.
    static func reference(
        a: [Float], lda: Int, rows: Int, source: [Float], depth: Int, columns: Int, rowStride: Int,
        columnStride: Int, c: [Float], ldc: Int, accumulate: Bool
    ) -> [Float] {
        var out = c
        for r in 0 ..< rows {
            for j in 0 ..< columns {
                var sum: Double = accumulate ? Double(c[r * ldc + j]) : 0
                for i in 0 ..< depth {
                    sum += Double(a[r * lda + i]) * Double(source[i * rowStride + j * columnStride])
                }
                out[r * ldc + j] = Float(sum)
            }
        }
        return out
    }

    // (rows, depth, columns, transposed source, accumulate): partial panels (columns not a
    // multiple of 32), rows left over after 8-row blocks, depth past one 256 block, padded strides.
    static let shapes: [(Int, Int, Int, Bool, Bool)] = [
        (8, 4, 32, false, false), (13, 5, 3, false, true), (1, 1, 1, true, false), (17, 32, 128, false, true),
        (24, 300, 40, true, true), (9, 257, 96, false, false), (64, 64, 100, true, false),
    ]

    @Test("C (+)= A · P equals the reference loop", arguments: shapes.indices)
    func multiplyMatchesReference(_ index: Int) {
        let (rows, depth, columns, transposed, accumulate) = Self.shapes[index]
        var rng = SplitMix64(seed: UInt64(index + 1))
        let (lda, ldc) = (depth + 3, columns + 5)  // padded leading dimensions
        let a = (0 ..< rows * lda).map { _ in Float(rng.nextGaussian()) }
        let source = (0 ..< depth * columns).map { _ in Float(rng.nextGaussian()) }
        let c = (0 ..< rows * ldc).map { _ in Float(rng.nextGaussian()) }
        // Row-major [depth, columns], or the transpose of a row-major [columns, depth].
        let (rowStride, columnStride) = transposed ? (1, depth) : (columns, 1)
        let expected = Self.reference(
            a: a, lda: lda, rows: rows, source: source, depth: depth, columns: columns, rowStride: rowStride,
            columnStride: columnStride, c: c, ldc: ldc, accumulate: accumulate)
        let packed = PackedPanels()
        var out = c
        source.withUnsafeBufferPointer { s in
            packed.pack(
                s.baseAddress!, depth: depth, columns: columns, rowStride: rowStride, columnStride: columnStride)
        }
        a.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in
                packed.multiply(
                    a.baseAddress!, lda: lda, rows: rows, into: o.baseAddress!, ldc: ldc, accumulate: accumulate)
            }
        }
        var worst: Float = 0
        for r in 0 ..< rows {
            for j in 0 ..< ldc {
                let i = r * ldc + j
                if j >= columns {
                    #expect(out[i] == c[i], "padding column \(j) of row \(r) was written")
                } else {
                    worst = max(worst, abs(out[i] - expected[i]) / max(1, abs(expected[i])))
                }
            }
        }
        #expect(worst < 1e-5, "worst relative error \(worst) for \(Self.shapes[index])")
    }

    @Test("slices cover the batch in disjoint ranges starting at multiples of 8", arguments: [1, 7, 8, 40, 64, 129])
    func slicesCoverBatch(_ batch: Int) {
        for slices in 1 ... 4 {
            let seen = SeenRows(count: batch)
            RecurrentSlices.run(batch: batch, slices: slices) { rows in
                #expect(rows.lowerBound % PackedPanels.rowBlock == 0)
                seen.mark(rows)
            }
            #expect(seen.counts == Array(repeating: 1, count: batch), "batch \(batch), \(slices) slices")
        }
    }

    /// One forward and backward through a fresh engine; returns every output.
    static func run(_ kind: RecurrentCellKind, slices: Int, masked: Bool, dropout: Bool) -> [[Float]] {
        let (B, T, D, H) = (40, 6, 5, 7)
        let G = kind.gateCount
        var rng = SplitMix64(seed: 21)
        let engine = RecurrentEngine(
            kind: kind, units: H, inputSize: D,
            activations: RecurrentActivations(activation: .tanh, recurrentActivation: .sigmoid), goBackwards: true,
            returnSequences: true)
        engine.maximumSlices = slices
        let x = Tensor.normal(shape: [B, T, D], using: &rng)
        let w = Tensor.normal(shape: [D, G * H], using: &rng)
        let u = Tensor.normal(shape: [H, G * H], using: &rng)
        let bias = Tensor.normal(shape: [kind == .gru ? 2 * G * H : G * H], using: &rng)
        let mask: Tensor? =
            masked
            ? Tensor(shape: [B, T]) { m in
                for b in 0 ..< B {
                    for t in 0 ..< T { m[b * T + t] = t < T - b % 4 ? 1 : 0 }
                }
            } : nil
        let inputDropout: [Float]? = dropout ? (0 ..< B * D).map { _ in rng.nextUnitFloat() < 0.3 ? 0 : 1 / 0.7 } : nil
        let recurrentDropout: [Float]? =
            dropout ? (0 ..< B * H).map { _ in rng.nextUnitFloat() < 0.3 ? 0 : 1 / 0.7 } : nil
        let probe = Tensor.normal(shape: [B, T, H], using: &rng)
        var dW = [Float](repeating: 0, count: D * G * H)
        var dU = [Float](repeating: 0, count: H * G * H)
        var db = [Float](repeating: 0, count: bias.count)
        return w.withUnsafeBufferPointer { w in
            u.withUnsafeBufferPointer { u in
                bias.withUnsafeBufferPointer { bias in
                    let weights = RecurrentWeights(
                        kernel: w.baseAddress!, recurrentKernel: u.baseAddress!, bias: bias.baseAddress!)
                    let (y, state) = engine.forward(
                        x, mask: mask, initialState: nil, weights: weights, inputDropout: inputDropout,
                        recurrentDropout: recurrentDropout)
                    let inference = engine.forward(
                        x, mask: mask, initialState: nil, weights: weights, inputDropout: nil, recurrentDropout: nil,
                        training: false
                    ).output
                    _ = engine.forward(
                        x, mask: mask, initialState: nil, weights: weights, inputDropout: inputDropout,
                        recurrentDropout: recurrentDropout)
                    let (dx, dState) = engine.backward(
                        probe, weights: weights, kernelGradient: &dW, recurrentKernelGradient: &dU,
                        biasGradient: &db)
                    return [y.scalars, inference.scalars, dx!.scalars, dW, dU, db] + state.map(\.scalars)
                        + dState.map(\.scalars)
                }
            }
        }
    }

    @Test(
        "several slices give the same numbers as one (outputs, inference, ∂x, weight and state gradients)",
        arguments: [RecurrentCellKind.lstm, .gru, .simple], [false, true])
    func slicesMatchOneSlice(_ kind: RecurrentCellKind, _ masked: Bool) {
        for dropout in [false, true] {
            let one = Self.run(kind, slices: 1, masked: masked, dropout: dropout)
            for slices in [2, 3] {
                let many = Self.run(kind, slices: slices, masked: masked, dropout: dropout)
                #expect(one == many, "\(kind), \(slices) slices, masked \(masked), dropout \(dropout)")
            }
            #expect(one.allSatisfy { $0.allSatisfy(\.isFinite) })
        }
    }

    @Test("inference without kept gates equals the training forward pass", arguments: [RecurrentCellKind.lstm, .gru])
    func inferenceMatchesTraining(_ kind: RecurrentCellKind) {
        let outputs = Self.run(kind, slices: 2, masked: true, dropout: false)
        #expect(outputs[0] == outputs[1])
    }
}

/// Counts how often each row was handed out (rows are disjoint, so unsynchronized writes are fine).
private final class SeenRows: @unchecked Sendable {
    private(set) var counts: [Int]
    init(count: Int) { counts = Array(repeating: 0, count: count) }
    func mark(_ rows: Range<Int>) {
        counts.withUnsafeMutableBufferPointer { c in
            for r in rows { c[r] += 1 }
        }
    }
}

@Suite("Gate nonlinearities")
struct GateMathTests {
    @Test("tanh and sigmoid are within 1e-6 of the Double functions, saturate, and keep NaN")
    func accuracy() {
        var worstTanh: Double = 0
        var worstSigmoid: Double = 0
        var x: Float = -30
        while x <= 30 {
            let lanes = FloatVector((0 ..< 16).map { x + Float($0) * 0.000_37 })
            let t = GateMath.tanh(lanes)
            let s = GateMath.sigmoid(lanes)
            for i in 0 ..< 16 {
                let v = Double(lanes[i])
                worstTanh = max(worstTanh, abs(Double(t[i]) - Foundation.tanh(v)))
                worstSigmoid = max(worstSigmoid, abs(Double(s[i]) - 1 / (1 + Foundation.exp(-v))))
            }
            x += 0.001_3
        }
        #expect(worstTanh < 1e-6, "tanh worst absolute error \(worstTanh)")
        #expect(worstSigmoid < 1e-6, "sigmoid worst absolute error \(worstSigmoid)")
        let special = FloatVector([
            0, -0, 1e-30, -1e-30, 100, -100, .infinity, -.infinity, .nan, 8, -8, 0.5, 1, 2, 3, 4,
        ])
        let t = GateMath.tanh(special)
        let s = GateMath.sigmoid(special)
        func near(_ a: Float, _ b: Float) -> Bool { abs(a - b) <= 1e-6 }
        #expect(t[0] == 0 && abs(t[2] - 1e-30) < 1e-36 && s[0] == 0.5)
        #expect(near(t[4], 1) && near(t[5], -1) && near(t[6], 1) && near(t[7], -1))
        #expect(near(s[4], 1) && near(s[5], 0) && near(s[6], 1) && near(s[7], 0))
        #expect(t[8].isNaN && s[8].isNaN)
        #expect((0 ..< 16).allSatisfy { i in special[i].isNaN || (t[i] >= -1 && t[i] <= 1 && s[i] >= 0 && s[i] <= 1) })
    }
}
