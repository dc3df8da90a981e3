// NLPNeural: the elementwise part of one GRU step (Keras reset_after = true), forward and backward.
import NLPCore

/// The GRU cell after the gate GEMMs (Keras gate order z, r, h; `x·W + b_ih` in `z`,
/// `h_prev·U + b_hh` in `hU`):
/// ```swift
/// z  = σ(xz + uz)       r = σ(xr + ur)
/// h̃  = tanh(xh + r ⊙ uh)
/// h  = z ⊙ h_prev + (1 − z) ⊙ h̃
/// ```
/// After the step `z` holds the pre-activations of all three gates. A masked row keeps `h = h_prev`.
enum GRUCellKernel {
    static func forward(_ s: RecurrentStep, _ f: RecurrentActivations) {
        let units = s.units
        let width = 3 * units
        let hUAll = s.hU!
        let one = FloatVector(repeating: 1)
        for b in 0 ..< s.batch {
            let hPrev = s.hPrev + b * units
            let h = s.h + b * units
            guard s.isReal(b) else {
                h.update(from: hPrev, count: units)
                continue
            }
            s.addBiases(row: b, width: width)
            let z = s.z + b * width
            let hU = hUAll + b * width
            let a = s.gates + b * width
            RecurrentMath.map2(z, hU, z, count: 2 * units) { $0 + $1 }
            RecurrentActivations.apply(f.recurrentActivation, z, into: a, count: 2 * units)
            RecurrentMath.map3(z + 2 * units, a + units, hU + 2 * units, z + 2 * units, count: units) { x, r, u in
                x.addingProduct(r, u)
            }
            RecurrentActivations.apply(f.activation, z + 2 * units, into: a + 2 * units, count: units)
            RecurrentMath.map3(a, hPrev, a + 2 * units, h, count: units) { zg, hp, cand in
                (zg * hp).addingProduct(one - zg, cand)
            }
        }
    }

    /// Derivation (δ = ∂L/∂·):
    /// ```swift
    /// δh̃ = dh ⊙ (1 − z) ⊙ tanh′          δz = dh ⊙ (h_prev − h̃) ⊙ σ′
    /// δr = δh̃ ⊙ uh ⊙ σ′                   δuh = δh̃ ⊙ r
    /// ∂x-side: [δz, δr, δh̃]   ∂U-side: [δz, δr, δuh]   carry to h_prev: dh ⊙ z (+ U-side · Uᵀ)
    /// ```
    static func backward(_ s: RecurrentStep, _ d: RecurrentStepGradients, _ f: RecurrentActivations) {
        let units = s.units
        let width = 3 * units
        let one = FloatVector(repeating: 1)
        for b in 0 ..< s.batch {
            let dh = d.dh + b * units
            let dz = d.dz + b * width
            let dzU = d.dzU! + b * width
            let dhCarry = d.dhCarry + b * units
            guard s.isReal(b) else {
                dz.update(repeating: 0, count: width)
                dzU.update(repeating: 0, count: width)
                dhCarry.update(from: dh, count: units)
                continue
            }
            let z = s.z + b * width
            let a = s.gates + b * width
            let hU = s.hU! + b * width
            let hPrev = s.hPrev + b * units
            RecurrentMath.map2(dh, a, dz + 2 * units, count: units) { g, zg in g * (one - zg) }
            RecurrentActivations.backward(
                f.activation, z: z + 2 * units, a: a + 2 * units, gradient: dz + 2 * units, count: units)
            RecurrentMath.map3(dh, hPrev, a + 2 * units, dz, count: units) { g, hp, cand in g * (hp - cand) }
            RecurrentMath.map2(dz + 2 * units, hU + 2 * units, dz + units, count: units) { $0 * $1 }
            RecurrentActivations.backward(f.recurrentActivation, z: z, a: a, gradient: dz, count: 2 * units)
            dzU.update(from: dz, count: 2 * units)
            RecurrentMath.map2(dz + 2 * units, a + units, dzU + 2 * units, count: units) { $0 * $1 }
            RecurrentMath.map2(dh, a, dhCarry, count: units) { $0 * $1 }
        }
    }
}
