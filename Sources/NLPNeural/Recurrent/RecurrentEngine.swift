// NLPNeural: the time loop shared by SimpleRNN, GRU and LSTM, forward and backward through time.
import NLPCore

/// The kind of recurrent cell.
enum RecurrentCellKind: Sendable {
    case simple, gru, lstm

    /// The number of fused gates `G` (the kernel is `[D, G·H]`).
    var gateCount: Int {
        switch self {
        case .simple: 1
        case .gru: 3
        case .lstm: 4
        }
    }

    /// The number of state tensors (`[h]` or `[h, c]`).
    var stateCount: Int { self == .lstm ? 2 : 1 }
}

/// The raw weights of one pass (`bias` is `[G·H]`, or `[2, 3H]` for the GRU).
struct RecurrentWeights {
    var kernel: UnsafePointer<Float>
    var recurrentKernel: UnsafePointer<Float>
    var bias: UnsafePointer<Float>?
}

/// Runs a recurrent cell over a batch of sequences and back through time, with every buffer laid
/// out time-major and kept between calls (no allocation inside the time loop, none at all once the
/// shapes repeat).
///
/// Forward, with `s` the processing step (`t = s`, or `T−1−s` going backwards), `W` and `U` packed
/// once per pass into panels (`PackedPanels`):
/// ```
/// xT[s]  = x[:, t] ⊙ inputDropout                     [T, B, D] (training; inference reads x)
/// Z[s]   = xT[s] · W + (h[s] ⊙ recurrentDropout) · U   two packed products per step, [B, G·H]
///                                                      (GRU: h·U into hU[s]); the cell adds b
/// h[s+1], c[s+1] = cell(Z[s], h[s], c[s])              SIMD elementwise, rational tanh/σ
/// ```
/// Backward: per step the cell gives δZ[s], `dh[s] = carry + δZ[s]·Uᵀ` and (when asked for)
/// `∂x[:, t] = δZ[s]·Wᵀ`, both on packed transposes; then `∂W += xTᵀ·δZ` and `∂U += Hᵀ·δZ` as one
/// BLAS GEMM each over all steps (`∂W` from the input's nonzeros when it is mostly zeros,
/// `SparseInputRows`).
///
/// Threads: batch rows never interact, so both time loops run on `BLAS.threads` slices of the
/// batch at once (`RecurrentSlices`), each slice from the first step to the last with no
/// synchronization inside the loop. Inference (`training: false`) keeps one `[B, G·H]` block of
/// gates per slice instead of all `T`, so the loop stays in cache.
final class RecurrentEngine {
    let kind: RecurrentCellKind
    let units: Int
    let inputSize: Int
    let activations: RecurrentActivations
    let goBackwards: Bool
    let returnSequences: Bool

    // Buffers and the latest pass's settings are internal (not private) for the backward pass in
    // RecurrentEngine+Backward.swift; nothing outside the engine touches them.
    // Forward caches, time-major.
    let xT = RecurrentBuffer()  // [T, B, D]
    let z = RecurrentBuffer()  // [T, B, G·H]
    let hU = RecurrentBuffer()  // [T, B, 3H] (GRU)
    let gates = RecurrentBuffer()  // [T, B, G·H]
    let h = RecurrentBuffer()  // [T+1, B, H]
    let c = RecurrentBuffer()  // [T+1, B, H] (LSTM)
    let cActivated = RecurrentBuffer()  // [T, B, H] (LSTM)
    let hDropped = RecurrentBuffer()  // [T, B, H] with recurrent dropout
    let stepMask = RecurrentBuffer()  // [T, B]
    // Backward scratch.
    let dz = RecurrentBuffer()
    let dzU = RecurrentBuffer()
    let dh = RecurrentBuffer()
    let dhCarry = RecurrentBuffer()
    let dcCarry = RecurrentBuffer()
    let scratch = RecurrentBuffer()
    let transposedGradient = RecurrentBuffer()  // (∂W)ᵀ [G·H, D]
    let packedKernel = PackedPanels()  // W (forward) or Wᵀ (backward), packed
    let packedRecurrent = PackedPanels()  // U (forward) or Uᵀ (backward), packed
    let sparseInput = SparseInputRows()  // the input's nonzeros, when it is mostly zeros

    // The latest forward pass.
    private(set) var batch = 0
    private(set) var steps = 0
    var hasMask = false
    /// Whether the latest forward pass kept what backward needs (training mode).
    var keptForBackward = false
    var inputDropout: [Float]?
    var recurrentDropout: [Float]?
    /// Whether every row of the latest forward pass's input was recorded in `sparseInput`.
    var inputWasSparse = false

    init(
        kind: RecurrentCellKind, units: Int, inputSize: Int, activations: RecurrentActivations, goBackwards: Bool,
        returnSequences: Bool
    ) {
        self.kind = kind
        self.units = units
        self.inputSize = inputSize
        self.activations = activations
        self.goBackwards = goBackwards
        self.returnSequences = returnSequences
    }

    var width: Int { kind.gateCount * units }

    /// The number of batch slices the time loops run on concurrently: `BLAS.threads` (the thread
    /// budget the caller set), at most one per 8 rows.
    func sliceCount(batch: Int) -> Int {
        min(maximumSlices ?? max(BLAS.threads, 1), max(batch / PackedPanels.rowBlock, 1))
    }

    /// Overrides the thread budget of the time loops (tests compare 1 slice with several).
    var maximumSlices: Int?

    /// Whether inputs that are mostly zeros (one-hot) use their nonzeros for `x·W` and `∂W`
    /// (`SparseInputRows`); tests turn it off to compare with the dense products.
    var allowsSparseInput = true

    /// The input step processed at step `s`.
    @inline(__always)
    func time(_ s: Int) -> Int { goBackwards ? steps - 1 - s : s }

    // MARK: - Forward

    /// Runs the sequence and returns the output (`[B, T, H]` in processing order, or `[B, H]`) and
    /// the final states.
    ///
    /// - Parameters:
    ///   - input: `[B, T, D]`.
    ///   - mask: `[B, T]` of 1/0, or `nil`.
    ///   - initialState: `[B, H]` tensors (`h`, and `c` for the LSTM), or `nil` for zeros.
    ///   - inputDropout, recurrentDropout: `[B·D]` / `[B·H]` scaled keep masks, or `nil`.
    func forward(
        _ input: Tensor, mask: Tensor?, initialState: [Tensor]?, weights: RecurrentWeights, inputDropout: [Float]?,
        recurrentDropout: [Float]?, training: Bool = true
    ) -> (output: Tensor, finalState: [Tensor]) {
        let (B, T, D, H, GH) = (input.shape[0], input.shape[1], inputSize, units, width)
        batch = B
        steps = T
        hasMask = mask != nil
        keptForBackward = training
        self.inputDropout = inputDropout
        self.recurrentDropout = recurrentDropout
        // Training keeps every step's pre-activations and gates for backward; inference reuses one
        // `[B, G·H]` block (each slice its own rows of it), so the loop stays in cache.
        let kept = training ? T : 1
        let z = self.z.reserve(kept * B * GH)
        let gates = self.gates.reserve(kept * B * GH)
        let hU = kind == .gru ? self.hU.reserve(kept * B * GH) : nil
        let cActivated = kind == .lstm ? self.cActivated.reserve(kept * B * H) : nil
        let h = self.h.reserve((T + 1) * B * H)
        let c = kind == .lstm ? self.c.reserve((T + 1) * B * H) : nil
        let hDropped = recurrentDropout != nil ? self.hDropped.reserve(T * B * H) : nil
        let stepMask = mask != nil ? self.stepMask.reserve(T * B) : nil
        // Training: a time-major copy of the input (reversed when going backwards, with the dropout
        // mask), which backward's ∂W GEMM reads; each slice copies its own rows. Inference reads the
        // input rows in place.
        let xT = training || inputDropout != nil ? self.xT.reserve(T * B * D) : nil
        if let mask, let stepMask {
            precondition(mask.shape == [B, T], "\(kind) mask has shape \(mask.shape), expected [\(B), \(T)]")
            mask.withUnsafeBufferPointer { m in
                for s in 0 ..< T {
                    for b in 0 ..< B { stepMask[s * B + b] = m[b * T + time(s)] }
                }
            }
        }
        // Initial states.
        if let initialState {
            precondition(
                initialState.count == kind.stateCount && initialState.allSatisfy { $0.shape == [B, H] },
                "\(kind) initial state has shapes \(initialState.map(\.shape)), expected \(kind.stateCount) × [\(B), \(H)]"
            )
            initialState[0].withUnsafeBufferPointer { h.update(from: $0.baseAddress!, count: B * H) }
            if let c { initialState[1].withUnsafeBufferPointer { c.update(from: $0.baseAddress!, count: B * H) } }
        } else {
            h.update(repeating: 0, count: B * H)
            c?.update(repeating: 0, count: B * H)
        }
        // The time loop. Batch rows are independent, so each slice of rows runs the whole loop on its
        // own thread. Each step computes its block of pre-activations in cache, from W and U packed
        // once: z = x_t·W (+ h·U), GRU hU = h·U; no BLAS call inside the loop.
        if T > 0 {
            packedKernel.pack(weights.kernel, depth: D, columns: GH, rowStride: GH, columnStride: 1)
            packedRecurrent.pack(weights.recurrentKernel, depth: H, columns: GH, rowStride: GH, columnStride: 1)
        }
        let (packedKernel, packedRecurrent) = (self.packedKernel, self.packedRecurrent)
        let activations = self.activations
        let kind = self.kind
        let goBackwards = self.goBackwards
        let inputDropout = self.inputDropout
        let sparseInput = allowsSparseInput && D >= SparseInputRows.minimumDepth && T > 0 ? self.sparseInput : nil
        sparseInput?.prepare(rows: T * B, depth: D, batch: B)
        inputWasSparse = false
        func timeLoop(_ sequence: UnsafeMutablePointer<Float>?) {
            input.withUnsafeBufferPointer { x in
                let x = x.baseAddress!
                RecurrentSlices.run(batch: B, slices: sliceCount(batch: B)) { rows in
                    let (r0, n) = (rows.lowerBound, rows.count)
                    // Each slice records its input's nonzeros while they are in cache, until a row
                    // has too many; a slice whose every row qualified gathers rows of W for x·W.
                    var scanning = sparseInput != nil
                    if let xT {
                        for b in rows {
                            for s in 0 ..< T {
                                let source = x + (b * T + (goBackwards ? T - 1 - s : s)) * D
                                let target = xT + (s * B + b) * D
                                if let inputDropout {
                                    inputDropout.withUnsafeBufferPointer { m in
                                        RecurrentMath.map2(source, m.baseAddress! + b * D, target, count: D) { $0 * $1 }
                                    }
                                } else {
                                    target.update(from: source, count: D)
                                }
                                if scanning, let sparseInput {
                                    scanning = sparseInput.record(row: s * B + b, target, depth: D)
                                }
                            }
                        }
                    } else if let sparseInput {
                        scan: for b in rows {
                            for s in 0 ..< T {
                                let source = x + (b * T + (goBackwards ? T - 1 - s : s)) * D
                                scanning = sparseInput.record(row: s * B + b, source, depth: D)
                                if !scanning { break scan }
                            }
                        }
                    }
                    let gathered = scanning
                    sparseInput?.setSlice(rows, sparse: gathered)
                    for s in 0 ..< T {
                        // Step s's input rows: the time-major copy, or the batch-major input in place.
                        let (stepInput, inputStride) =
                            xT.map { (UnsafePointer($0 + (s * B + r0) * D), D) }
                            ?? (x + (r0 * T + (goBackwards ? T - 1 - s : s)) * D, T * D)
                        let hPrev = h + s * B * H + r0 * H
                        var recurrentInput = UnsafePointer(hPrev)
                        if let recurrentDropout, let hDropped {
                            let target = hDropped + s * B * H + r0 * H
                            recurrentDropout.withUnsafeBufferPointer { m in
                                RecurrentMath.map2(hPrev, m.baseAddress! + r0 * H, target, count: n * H) { $0 * $1 }
                            }
                            recurrentInput = UnsafePointer(target)
                        }
                        let block = ((training ? s : 0) * B + r0) * GH
                        if gathered, let sparseInput {
                            sparseInput.gather(
                                firstRow: s * B + r0, count: n, weights: weights.kernel, width: GH, into: z + block,
                                ldz: GH)
                        } else {
                            packedKernel.multiply(
                                stepInput, lda: inputStride, rows: n, into: z + block, ldc: GH, accumulate: false)
                        }
                        packedRecurrent.multiply(
                            recurrentInput, lda: H, rows: n, into: (hU ?? z) + block, ldc: GH, accumulate: hU == nil)
                        let state = (s * B + r0) * H
                        let next = ((s + 1) * B + r0) * H
                        let activated = ((training ? s : 0) * B + r0) * H
                        var step = RecurrentStep(
                            batch: n, units: H, z: z + block, hU: hU.map { $0 + block }, gates: gates + block,
                            hPrev: hPrev, h: h + next, cPrev: c.map { $0 + state }, c: c.map { $0 + next },
                            cActivated: cActivated.map { $0 + activated },
                            mask: stepMask.map { UnsafePointer($0 + s * B + r0) })
                        step.bias = weights.bias
                        step.recurrentBias = kind == .gru ? weights.bias.map { $0 + GH } : nil
                        switch kind {
                        case .simple: SimpleRNNCellKernel.forward(step, activations)
                        case .gru: GRUCellKernel.forward(step, activations)
                        case .lstm: LSTMCellKernel.forward(step, activations)
                        }
                        // The sequence output, straight into the batch-major result.
                        if let sequence {
                            for b in 0 ..< n {
                                (sequence + ((r0 + b) * T + s) * H).update(from: h + next + b * H, count: H)
                            }
                        }
                    }
                }
            }
        }
        // Outputs.
        let output: Tensor
        if returnSequences {
            output = Tensor(shape: [B, T, H]) { timeLoop($0.baseAddress!) }
        } else {
            timeLoop(nil)
            output = Tensor(shape: [B, H]) { $0.baseAddress!.update(from: h + T * B * H, count: B * H) }
        }
        inputWasSparse = sparseInput?.coversAllRows ?? false
        var finalState = [Tensor(shape: [B, H]) { $0.baseAddress!.update(from: h + T * B * H, count: B * H) }]
        if let c {
            finalState.append(Tensor(shape: [B, H]) { $0.baseAddress!.update(from: c + T * B * H, count: B * H) })
        }
        return (output, finalState)
    }
}
