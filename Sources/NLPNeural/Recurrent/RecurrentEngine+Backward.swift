// NLPNeural: the recurrent engine's backward pass through time.
import NLPCore

extension RecurrentEngine {
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
