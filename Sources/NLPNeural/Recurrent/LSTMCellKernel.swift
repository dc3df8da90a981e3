// NLPNeural: the elementwise part of one LSTM step, forward and backward.
import NLPCore

/// The LSTM cell after the gate GEMMs (Keras/PyTorch gate order i, f, c, o):
/// ```swift
/// i = σ(z_i)   f = σ(z_f)   g = tanh(z_c)   o = σ(z_o)
/// c = f ⊙ c_prev + i ⊙ g
/// h = o ⊙ tanh(c)
/// ```
/// (σ is `recurrentActivation`, tanh is `activation`.) A masked row keeps `h = h_prev`, `c = c_prev`.
enum LSTMCellKernel {
    /// One forward step: the fused kernel for the default activations, else the general one.
    static func forward(_ s: RecurrentStep, _ f: RecurrentActivations) {
        if isFusable(f) { forwardFused(s) } else { forwardGeneral(s, f) }
    }

    /// One backward step (see `backwardGeneral` for the derivation).
    static func backward(_ s: RecurrentStep, _ d: RecurrentStepGradients, _ f: RecurrentActivations) {
        if isFusable(f) { backwardFused(s, d) } else { backwardGeneral(s, d, f) }
    }

    /// The forward step for any activations, one elementwise loop per operation.
    static func forwardGeneral(_ s: RecurrentStep, _ f: RecurrentActivations) {
        let units = s.units
        let width = 4 * units
        let cPrevAll = s.cPrev!
        let cAll = s.c!
        let cActAll = s.cActivated!
        for b in 0 ..< s.batch {
            let z = s.z + b * width
            let a = s.gates + b * width
            let cPrev = cPrevAll + b * units
            let c = cAll + b * units
            let hPrev = s.hPrev + b * units
            let h = s.h + b * units
            guard s.isReal(b) else {
                c.update(from: cPrev, count: units)
                h.update(from: hPrev, count: units)
                continue
            }
            s.addBiases(row: b, width: width)
            let cAct = cActAll + b * units
            RecurrentActivations.apply(f.recurrentActivation, z, into: a, count: 2 * units)
            RecurrentActivations.apply(f.activation, z + 2 * units, into: a + 2 * units, count: units)
            RecurrentActivations.apply(f.recurrentActivation, z + 3 * units, into: a + 3 * units, count: units)
            RecurrentMath.map4(a, a + units, a + 2 * units, cPrev, c, count: units) { i, f, g, cp in
                (f * cp).addingProduct(i, g)
            }
            RecurrentActivations.apply(f.activation, c, into: cAct, count: units)
            RecurrentMath.map2(a + 3 * units, cAct, h, count: units) { $0 * $1 }
        }
    }

    /// Derivation (δ = ∂L/∂·, dh includes the carry from the step after):
    /// ```swift
    /// δo = dh ⊙ tanh(c)
    /// δc = dc_next + dh ⊙ o ⊙ tanh′(c)
    /// δi = δc ⊙ g,  δg = δc ⊙ i,  δf = δc ⊙ c_prev,  dc_prev = δc ⊙ f
    /// δz = δ(gate) ⊙ σ′ or tanh′
    /// ```
    /// The carry to `h_prev` is `δz · Uᵀ`, added by the engine; masked rows pass dh and dc through.
    static func backwardGeneral(_ s: RecurrentStep, _ d: RecurrentStepGradients, _ f: RecurrentActivations) {
        let units = s.units
        let width = 4 * units
        let dcAll = d.dcCarry!
        for b in 0 ..< s.batch {
            let dh = d.dh + b * units
            let dz = d.dz + b * width
            let dhCarry = d.dhCarry + b * units
            guard s.isReal(b) else {
                dz.update(repeating: 0, count: width)
                dhCarry.update(from: dh, count: units)
                continue
            }
            let z = s.z + b * width
            let a = s.gates + b * width
            let cPrev = s.cPrev! + b * units
            let c = s.c! + b * units
            let cAct = s.cActivated! + b * units
            let dc = dcAll + b * units
            let scratch = d.scratch
            // scratch = dh ⊙ o, then ⊙ tanh′(c); δc = dc_next + scratch
            RecurrentMath.map2(dh, a + 3 * units, scratch, count: units) { $0 * $1 }
            RecurrentActivations.backward(f.activation, z: c, a: cAct, gradient: scratch, count: units)
            RecurrentMath.map2(dc, scratch, scratch, count: units) { $0 + $1 }
            RecurrentMath.map2(scratch, a + 2 * units, dz, count: units) { $0 * $1 }  // δi
            RecurrentMath.map2(scratch, cPrev, dz + units, count: units) { $0 * $1 }  // δf
            RecurrentMath.map2(scratch, a, dz + 2 * units, count: units) { $0 * $1 }  // δg
            RecurrentMath.map2(dh, cAct, dz + 3 * units, count: units) { $0 * $1 }  // δo
            RecurrentMath.map2(scratch, a + units, dc, count: units) { $0 * $1 }  // dc_prev
            RecurrentActivations.backward(f.recurrentActivation, z: z, a: a, gradient: dz, count: 2 * units)
            RecurrentActivations.backward(
                f.activation, z: z + 2 * units, a: a + 2 * units, gradient: dz + 2 * units, count: units)
            RecurrentActivations.backward(
                f.recurrentActivation, z: z + 3 * units, a: a + 3 * units, gradient: dz + 3 * units, count: units)
            dhCarry.update(repeating: 0, count: units)
        }
    }
}
