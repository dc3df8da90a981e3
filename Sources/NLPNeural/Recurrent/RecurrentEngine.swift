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

    // Forward caches, time-major.
    private let xT = RecurrentBuffer()  // [T, B, D]
    private let z = RecurrentBuffer()  // [T, B, G·H]
    private let hU = RecurrentBuffer()  // [T, B, 3H] (GRU)
    private let gates = RecurrentBuffer()  // [T, B, G·H]
    private let h = RecurrentBuffer()  // [T+1, B, H]
    private let c = RecurrentBuffer()  // [T+1, B, H] (LSTM)
    private let cActivated = RecurrentBuffer()  // [T, B, H] (LSTM)
    private let hDropped = RecurrentBuffer()  // [T, B, H] with recurrent dropout
    private let stepMask = RecurrentBuffer()  // [T, B]
    // Backward scratch.
    private let dz = RecurrentBuffer()
    private let dzU = RecurrentBuffer()
    private let dh = RecurrentBuffer()
    private let dhCarry = RecurrentBuffer()
    private let dcCarry = RecurrentBuffer()
    private let scratch = RecurrentBuffer()
    private let transposedGradient = RecurrentBuffer()  // (∂W)ᵀ [G·H, D]
    private let packedKernel = PackedPanels()  // W (forward) or Wᵀ (backward), packed
    private let packedRecurrent = PackedPanels()  // U (forward) or Uᵀ (backward), packed
    private let sparseInput = SparseInputRows()  // the input's nonzeros, when it is mostly zeros

    // The latest forward pass.
    private(set) var batch = 0
    private(set) var steps = 0
    private var hasMask = false
    /// Whether the latest forward pass kept what backward needs (training mode).
    private var keptForBackward = false
    private var inputDropout: [Float]?
    private var recurrentDropout: [Float]?
    /// Whether every row of the latest forward pass's input was recorded in `sparseInput`.
    private(set) var inputWasSparse = false

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

    private var width: Int { kind.gateCount * units }

    /// The number of batch slices the time loops run on concurrently: `BLAS.threads` (the thread
    /// budget the caller set), at most one per 8 rows.
    private func sliceCount(batch: Int) -> Int {
        min(maximumSlices ?? max(BLAS.threads, 1), max(batch / PackedPanels.rowBlock, 1))
    }

    /// Overrides the thread budget of the time loops (tests compare 1 slice with several).
    var maximumSlices: Int?

    /// Whether inputs that are mostly zeros (one-hot) use their nonzeros for `x·W` and `∂W`
    /// (`SparseInputRows`); tests turn it off to compare with the dense products.
    var allowsSparseInput = true

    /// The input step processed at step `s`.
    @inline(__always)
    private func time(_ s: Int) -> Int { goBackwards ? steps - 1 - s : s }

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

    // MARK: - Backward

    /// Back-propagates `outputGradient` through the latest forward pass: adds `∂W`, `∂U`, `∂b` into
    /// the gradient buffers and returns `∂x` (`[B, T, D]`, or `nil` unless `computeInputGradient`)
    /// and `∂L/∂initialState`.
    func backward(
        _ outputGradient: Tensor, weights: RecurrentWeights, kernelGradient: UnsafeMutablePointer<Float>?,
        recurrentKernelGradient: UnsafeMutablePointer<Float>?, biasGradient: UnsafeMutablePointer<Float>?,
        computeInputGradient: Bool = true
    ) -> (inputGradient: Tensor?, initialStateGradient: [Tensor]) {
        precondition(keptForBackward, "\(kind): backward needs a forward pass with training: true before it")
        let (B, T, D, H, GH) = (batch, steps, inputSize, units, width)
        let expected = returnSequences ? [B, T, H] : [B, H]
        precondition(
            outputGradient.shape == expected,
            "\(kind) output gradient has shape \(outputGradient.shape), expected \(expected) from the last forward")
        let rows = T * B
        let dz = self.dz.reserve(rows * GH)
        let dzU = kind == .gru ? self.dzU.reserve(rows * GH) : nil
        let dh = self.dh.reserve(B * H)
        let dhCarry = self.dhCarry.reserveZeroed(B * H)
        let dcCarry = kind == .lstm ? self.dcCarry.reserveZeroed(B * H) : nil
        let scratch = self.scratch.reserve(max(H, B * H))
        let (z, gates, h) = (self.z.pointer, self.gates.pointer, self.h.pointer)
        let hU = kind == .gru ? self.hU.pointer : nil
        let c = kind == .lstm ? self.c.pointer : nil
        let cActivated = kind == .lstm ? self.cActivated.pointer : nil
        let stepMask = hasMask ? UnsafePointer(self.stepMask.pointer) : nil
        // Uᵀ packed once: the per-step product δZ·Uᵀ runs on it without a BLAS call; batch slices run
        // the whole loop concurrently, as in forward.
        packedRecurrent.pack(weights.recurrentKernel, depth: GH, columns: H, rowStride: 1, columnStride: GH)
        let packed = packedRecurrent
        let activations = self.activations
        let kind = self.kind
        let returnSequences = self.returnSequences
        let recurrentDropout = self.recurrentDropout
        // With ∂x asked for, Wᵀ is packed too and each step writes its rows of ∂x = δZ·Wᵀ.
        let packedInput = self.packedKernel
        let inputDropout = self.inputDropout
        func timeLoop(_ dx: UnsafeMutablePointer<Float>?) {
            outputGradient.withUnsafeBufferPointer { g in
                let g = g.baseAddress!
                if !returnSequences { dhCarry.update(from: g, count: B * H) }
                RecurrentSlices.run(batch: B, slices: sliceCount(batch: B)) { rows in
                    let (r0, n) = (rows.lowerBound, rows.count)
                    let dh = dh + r0 * H
                    let dhCarry = dhCarry + r0 * H
                    let dcCarry = dcCarry.map { $0 + r0 * H }
                    let scratch = scratch + r0 * H
                    for s in stride(from: T - 1, through: 0, by: -1) {
                        if returnSequences {
                            for b in 0 ..< n {
                                RecurrentMath.map2(dhCarry + b * H, g + ((r0 + b) * T + s) * H, dh + b * H, count: H) {
                                    $0 + $1
                                }
                            }
                        } else {
                            dh.update(from: dhCarry, count: n * H)
                        }
                        let block = (s * B + r0) * GH
                        let state = (s * B + r0) * H
                        let next = ((s + 1) * B + r0) * H
                        let step = RecurrentStep(
                            batch: n, units: H, z: z + block, hU: hU.map { $0 + block }, gates: gates + block,
                            hPrev: h + state, h: h + next, cPrev: c.map { $0 + state }, c: c.map { $0 + next },
                            cActivated: cActivated.map { $0 + state }, mask: stepMask.map { $0 + s * B + r0 })
                        let gradients = RecurrentStepGradients(
                            dh: dh, dz: dz + block, dzU: dzU.map { $0 + block }, dhCarry: dhCarry, dcCarry: dcCarry,
                            scratch: scratch)
                        switch kind {
                        case .simple: SimpleRNNCellKernel.backward(step, gradients, activations)
                        case .gru: GRUCellKernel.backward(step, gradients, activations)
                        case .lstm: LSTMCellKernel.backward(step, gradients, activations)
                        }
                        // dh_prev += δZ_U · Uᵀ (times the recurrent dropout mask).
                        let dRecurrent = UnsafePointer((dzU ?? dz) + block)
                        if let recurrentDropout {
                            packed.multiply(dRecurrent, lda: GH, rows: n, into: scratch, ldc: H, accumulate: false)
                            recurrentDropout.withUnsafeBufferPointer { m in
                                RecurrentMath.map3(dhCarry, scratch, m.baseAddress! + r0 * H, dhCarry, count: n * H) {
                                    $0.addingProduct($1, $2)
                                }
                            }
                        } else {
                            packed.multiply(dRecurrent, lda: GH, rows: n, into: dhCarry, ldc: H, accumulate: true)
                        }
                        // ∂x for this step, straight into the batch-major result.
                        if let dx {
                            let target = dx + (r0 * T + time(s)) * D
                            packedInput.multiply(
                                UnsafePointer(dz + block), lda: GH, rows: n, into: target, ldc: T * D,
                                accumulate: false)
                            if let inputDropout {
                                inputDropout.withUnsafeBufferPointer { m in
                                    for b in 0 ..< n {
                                        let row = target + b * T * D
                                        RecurrentMath.map2(row, m.baseAddress! + (r0 + b) * D, row, count: D) {
                                            $0 * $1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var inputGradient: Tensor? = nil
        if computeInputGradient {
            packedInput.pack(weights.kernel, depth: GH, columns: D, rowStride: 1, columnStride: GH)
            inputGradient = Tensor(shape: [B, T, D]) { dx in timeLoop(dx.baseAddress!) }
        } else {
            timeLoop(nil)
        }
        // Weight gradients: one GEMM each over all steps; with a gathered input, ∂W and ∂b in one
        // pass over δZ, column ranges on the slice threads.
        let sparseKernelGradient = inputWasSparse && rows > 0
        if sparseKernelGradient && (kernelGradient != nil || biasGradient != nil) {
            let (sparseInput, dz) = (self.sparseInput, UnsafePointer(dz))
            RecurrentSlices.run(batch: GH, slices: sliceCount(batch: GH)) { range in
                sparseInput.addKernelGradient(
                    dz, width: GH, columns: range, into: kernelGradient, biasGradient: biasGradient)
            }
        }
        if rows > 0 {
            if !sparseKernelGradient, let kernelGradient {
                // As (∂W)ᵀ = δZᵀ·xT, then added transposed: OpenBLAS runs the narrow input side
                // (D = 100 against G·H = 1024 for char-lstm) ≈ 25 % faster this way round.
                let transposed = self.transposedGradient.reserve(GH * D)
                BLAS.sgemm(
                    transposeA: true, transposeB: false, m: GH, n: D, k: rows, a: dz, lda: GH, b: xT.pointer, ldb: D,
                    beta: 0, c: transposed, ldc: D)
                RecurrentMath.addTransposed(transposed, rows: GH, columns: D, into: kernelGradient)
            }
            if let recurrentKernelGradient {
                let previous = recurrentDropout != nil ? hDropped.pointer : h
                BLAS.sgemm(
                    transposeA: true, transposeB: false, m: H, n: GH, k: rows, a: previous, lda: H, b: dzU ?? dz,
                    ldb: GH, beta: 1, c: recurrentKernelGradient, ldc: GH)
            }
            if let biasGradient, !sparseKernelGradient || dzU != nil {
                // Column ranges on the slice threads (each column still sums its rows in order).
                let dz = UnsafePointer(dz)
                let dzU = dzU.map { UnsafePointer($0) }
                RecurrentSlices.run(batch: GH, slices: sliceCount(batch: GH)) { range in
                    if !sparseKernelGradient {
                        RecurrentMath.addColumnSums(dz, rows: rows, columns: GH, range: range, into: biasGradient)
                    }
                    if let dzU {
                        RecurrentMath.addColumnSums(dzU, rows: rows, columns: GH, range: range, into: biasGradient + GH)
                    }
                }
            }
        }
        var stateGradient = [Tensor(shape: [B, H]) { $0.baseAddress!.update(from: dhCarry, count: B * H) }]
        if let dcCarry {
            stateGradient.append(Tensor(shape: [B, H]) { $0.baseAddress!.update(from: dcCarry, count: B * H) })
        }
        return (inputGradient, stateGradient)
    }
}
