// Tests: the fused LSTM cell (default activations) against the general one, bit for bit.
import NLPCore
import Testing

@testable import NLPNeural

@Suite("Fused LSTM cell")
struct FusedLSTMCellTests {
    /// The buffers of one step with random contents (rows 1 and 4 masked when `masked`).
    final class StepBuffers {
        let batch: Int
        let units: Int
        var z, gates, hPrev, h, cPrev, c, cActivated, bias, mask: [Float]
        var dh, dz, dhCarry, dcCarry, scratch: [Float]

        init(batch: Int, units: Int, masked: Bool, seed: UInt64) {
            self.batch = batch
            self.units = units
            var rng = SplitMix64(seed: seed)
            func random(_ count: Int, _ scale: Float = 1) -> [Float] {
                (0 ..< count).map { _ in scale * Float(rng.nextGaussian()) }
            }
            let width = 4 * units
            z = random(batch * width, 3)
            gates = random(batch * width)
            hPrev = random(batch * units)
            h = random(batch * units)
            cPrev = random(batch * units, 2)
            c = random(batch * units)
            cActivated = random(batch * units)
            bias = random(width)
            mask = (0 ..< batch).map { masked && ($0 == 1 || $0 == 4) ? 0 : 1 }
            dh = random(batch * units)
            dz = random(batch * width)
            dhCarry = random(batch * units)
            dcCarry = random(batch * units)
            scratch = random(units)
        }

        /// Runs `body` with the step and gradient pointers.
        func withStep(bias useBias: Bool, _ body: (RecurrentStep, RecurrentStepGradients) -> Void) {
            z.withUnsafeMutableBufferPointer { z in
                gates.withUnsafeMutableBufferPointer { gates in
                    hPrev.withUnsafeMutableBufferPointer { hPrev in
                        h.withUnsafeMutableBufferPointer { h in
                            cPrev.withUnsafeMutableBufferPointer { cPrev in
                                c.withUnsafeMutableBufferPointer { c in
                                    cActivated.withUnsafeMutableBufferPointer { cActivated in
                                        withGradients { gradients in
                                            bias.withUnsafeBufferPointer { bias in
                                                mask.withUnsafeBufferPointer { mask in
                                                    var step = RecurrentStep(
                                                        batch: batch, units: units, z: z.baseAddress!, hU: nil,
                                                        gates: gates.baseAddress!, hPrev: hPrev.baseAddress!,
                                                        h: h.baseAddress!, cPrev: cPrev.baseAddress!, c: c.baseAddress!,
                                                        cActivated: cActivated.baseAddress!, mask: mask.baseAddress!)
                                                    step.bias = useBias ? bias.baseAddress! : nil
                                                    body(step, gradients)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        private func withGradients(_ body: (RecurrentStepGradients) -> Void) {
            dh.withUnsafeMutableBufferPointer { dh in
                dz.withUnsafeMutableBufferPointer { dz in
                    dhCarry.withUnsafeMutableBufferPointer { dhCarry in
                        dcCarry.withUnsafeMutableBufferPointer { dcCarry in
                            scratch.withUnsafeMutableBufferPointer { scratch in
                                body(
                                    RecurrentStepGradients(
                                        dh: dh.baseAddress!, dz: dz.baseAddress!, dzU: nil,
                                        dhCarry: dhCarry.baseAddress!, dcCarry: dcCarry.baseAddress!,
                                        scratch: scratch.baseAddress!))
                            }
                        }
                    }
                }
            }
        }
    }

    static let defaults = RecurrentActivations(activation: .tanh, recurrentActivation: .sigmoid)

    @Test("forward and backward equal the general kernel bit for bit", arguments: [1, 8, 16, 21, 40], [false, true])
    func matchesGeneral(_ units: Int, _ masked: Bool) {
        #expect(LSTMCellKernel.isFusable(Self.defaults))
        for useBias in [false, true] {
            let seed = UInt64(units * 4 + (masked ? 2 : 0) + (useBias ? 1 : 0))
            let general = StepBuffers(batch: 6, units: units, masked: masked, seed: seed)
            let fused = StepBuffers(batch: 6, units: units, masked: masked, seed: seed)
            general.withStep(bias: useBias) { step, _ in LSTMCellKernel.forwardGeneral(step, Self.defaults) }
            fused.withStep(bias: useBias) { step, _ in LSTMCellKernel.forwardFused(step) }
            let what = "units \(units), masked \(masked), bias \(useBias)"
            #expect(general.gates == fused.gates, "gates, \(what)")
            #expect(general.c == fused.c && general.cActivated == fused.cActivated, "c, \(what)")
            #expect(general.h == fused.h, "h, \(what)")
            general.withStep(bias: useBias) { step, d in LSTMCellKernel.backwardGeneral(step, d, Self.defaults) }
            fused.withStep(bias: useBias) { step, d in LSTMCellKernel.backwardFused(step, d) }
            #expect(general.dz == fused.dz, "dz, \(what)")
            #expect(general.dcCarry == fused.dcCarry && general.dhCarry == fused.dhCarry, "carries, \(what)")
            #expect(fused.h.allSatisfy(\.isFinite) && fused.dz.allSatisfy(\.isFinite))
        }
    }

    @Test("other activations are not fused")
    func otherActivations() {
        #expect(!LSTMCellKernel.isFusable(RecurrentActivations(activation: .relu, recurrentActivation: .sigmoid)))
        #expect(!LSTMCellKernel.isFusable(RecurrentActivations(activation: .tanh, recurrentActivation: .tanh)))
    }
}
