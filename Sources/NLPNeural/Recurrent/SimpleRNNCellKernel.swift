// NLPNeural: the elementwise part of one SimpleRNN step, forward and backward.
import NLPCore

/// The Elman cell after the GEMMs: `h = tanh(x·W + b + h_prev·U)` (`activation`, default tanh).
/// A masked row keeps `h = h_prev`. `gates` is unused: `h` is the activation.
enum SimpleRNNCellKernel {
    static func forward(_ s: RecurrentStep, _ f: RecurrentActivations) {
        let units = s.units
        for b in 0 ..< s.batch {
            let h = s.h + b * units
            guard s.isReal(b) else {
                h.update(from: s.hPrev + b * units, count: units)
                continue
            }
            s.addBiases(row: b, width: units)
            RecurrentActivations.apply(f.activation, s.z + b * units, into: h, count: units)
        }
    }

    /// `δz = dh ⊙ tanh′`; the carry to `h_prev` is `δz · Uᵀ`, added by the engine.
    static func backward(_ s: RecurrentStep, _ d: RecurrentStepGradients, _ f: RecurrentActivations) {
        let units = s.units
        for b in 0 ..< s.batch {
            let dh = d.dh + b * units
            let dz = d.dz + b * units
            let dhCarry = d.dhCarry + b * units
            guard s.isReal(b) else {
                dz.update(repeating: 0, count: units)
                dhCarry.update(from: dh, count: units)
                continue
            }
            dz.update(from: dh, count: units)
            RecurrentActivations.backward(
                f.activation, z: s.z + b * units, a: s.h + b * units, gradient: dz, count: units)
            dhCarry.update(repeating: 0, count: units)
        }
    }
}
