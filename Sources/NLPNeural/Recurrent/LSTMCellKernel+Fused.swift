// NLPNeural: the LSTM cell with Keras's default activations (σ gates, tanh), in one pass per row.
import NLPCore

/// The LSTM step with `recurrentActivation: .sigmoid` and `activation: .tanh` (the defaults) as a
/// single loop over 16 units at a time, instead of one loop per gate and operation: every value
/// is loaded once and every result stored once. The arithmetic is the general kernel's, operation
/// for operation and in the same order, so the results are bit-identical (tested).
extension LSTMCellKernel {
    /// Whether `f` is the pair the fused kernels handle.
    @inline(__always)
    static func isFusable(_ f: RecurrentActivations) -> Bool {
        f.activation == .tanh && f.recurrentActivation == .sigmoid
    }

    /// `forward` for the default activations. Unlike the general kernel, `z` is left without the
    /// bias (the fused backward never reads it).
    static func forwardFused(_ s: RecurrentStep) {
        let units = s.units
        let width = 4 * units
        for b in 0 ..< s.batch {
            let z = s.z + b * width
            let a = s.gates + b * width
            let cPrev = s.cPrev! + b * units
            let c = s.c! + b * units
            let hPrev = s.hPrev + b * units
            let h = s.h + b * units
            guard s.isReal(b) else {
                c.update(from: cPrev, count: units)
                h.update(from: hPrev, count: units)
                continue
            }
            let cAct = s.cActivated! + b * units
            // 16 units at a time; `n` is the constant 16 in the main loop once inlined.
            @inline(__always) func lanes(_ j: Int, _ n: Int) {
                @inline(__always) func get(_ p: UnsafePointer<Float>) -> FloatVector {
                    n == 16 ? RecurrentMath.load(p + j) : RecurrentMath.partial(p + j, n)
                }
                @inline(__always) func put(_ v: FloatVector, _ p: UnsafeMutablePointer<Float>) {
                    if n == 16 { RecurrentMath.store(v, p + j) } else { RecurrentMath.storePartial(v, p + j, n) }
                }
                var (zi, zf, zg, zo) = (get(z), get(z + units), get(z + 2 * units), get(z + 3 * units))
                if let bias = s.bias {
                    zi = zi + get(bias)
                    zf = zf + get(bias + units)
                    zg = zg + get(bias + 2 * units)
                    zo = zo + get(bias + 3 * units)
                }
                let (i, f, g, o) = (GateMath.sigmoid(zi), GateMath.sigmoid(zf), GateMath.tanh(zg), GateMath.sigmoid(zo))
                let cNew = (f * get(cPrev)).addingProduct(i, g)
                let ct = GateMath.tanh(cNew)
                put(i, a)
                put(f, a + units)
                put(g, a + 2 * units)
                put(o, a + 3 * units)
                put(cNew, c)
                put(ct, cAct)
                put(o * ct, h)
            }
            var j = 0
            while j + 16 <= units {
                lanes(j, 16)
                j += 16
            }
            if j < units { lanes(j, units - j) }
        }
    }

    /// `backward` for the default activations.
    static func backwardFused(_ s: RecurrentStep, _ d: RecurrentStepGradients) {
        let units = s.units
        let width = 4 * units
        let one = FloatVector(repeating: 1)
        for b in 0 ..< s.batch {
            let dh = d.dh + b * units
            let dz = d.dz + b * width
            let dhCarry = d.dhCarry + b * units
            guard s.isReal(b) else {
                dz.update(repeating: 0, count: width)
                dhCarry.update(from: dh, count: units)
                continue
            }
            let a = s.gates + b * width
            let cPrev = s.cPrev! + b * units
            let cAct = s.cActivated! + b * units
            let dc = d.dcCarry! + b * units
            // 16 units at a time; `n` is the constant 16 in the main loop once inlined.
            @inline(__always) func lanes(_ j: Int, _ n: Int) {
                @inline(__always) func get(_ p: UnsafePointer<Float>) -> FloatVector {
                    n == 16 ? RecurrentMath.load(p + j) : RecurrentMath.partial(p + j, n)
                }
                @inline(__always) func put(_ v: FloatVector, _ p: UnsafeMutablePointer<Float>) {
                    if n == 16 { RecurrentMath.store(v, p + j) } else { RecurrentMath.storePartial(v, p + j, n) }
                }
                let (i, f, g, o) = (get(a), get(a + units), get(a + 2 * units), get(a + 3 * units))
                let (ct, dhv) = (get(cAct), get(dh))
                // The general kernel's steps: δc = dc_next + (dh ⊙ o) ⊙ tanh′(c), then each gate's
                // δ times its derivative, computed as `gradient * y * (1 − y)` / `gradient * (1 − y²)`.
                let deltaC = get(dc) + dhv * o * (one - ct * ct)
                put(deltaC * g * i * (one - i), dz)
                put(deltaC * get(cPrev) * f * (one - f), dz + units)
                put(deltaC * i * (one - g * g), dz + 2 * units)
                put(dhv * ct * o * (one - o), dz + 3 * units)
                put(deltaC * f, dc)
                put(FloatVector(repeating: 0), dhCarry)
            }
            var j = 0
            while j + 16 <= units {
                lanes(j, 16)
                j += 16
            }
            if j < units { lanes(j, units - j) }
        }
    }
}
