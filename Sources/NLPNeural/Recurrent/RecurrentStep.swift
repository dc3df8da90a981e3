// NLPNeural: the pointers one time step of a recurrent layer reads and writes.
import NLPCore

/// The buffers of one time step, all row-major over the batch (`B` rows).
///
/// Shapes (`G` gates of `H` units: SimpleRNN 1, GRU 3, LSTM 4):
/// ```
/// z        [B, G·H]  pre-activations: x·W (+ h·U for SimpleRNN and LSTM); the cell adds b
/// hU       [B, 3H]   GRU only: h_prev·U, + b_hh by the cell (apart: the candidate needs r ⊙ it)
/// gates    [B, G·H]  activations of z (LSTM i f c o, GRU z r h̃); SimpleRNN writes h directly
/// hPrev, h [B, H]    states before/after the step;   cPrev, c, cActivated [B, H]  LSTM only
/// mask     [B]       1 = real step, 0 = padded (state carried over), or nil
/// ```
/// Backward adds:
/// ```
/// dh       [B, H]    ∂L/∂h of this step (output gradient + carry from the step after)
/// dz       [B, G·H]  ∂L/∂z (what the kernel and bias gradients and ∂x are made of)
/// dzU      [B, 3H]   GRU only: ∂L/∂(h_prev·U + b_hh)
/// dhCarry  [B, H]    out: the part of ∂L/∂h_prev not through U (GRU z ⊙ dh; all of dh when masked)
/// dcCarry  [B, H]    LSTM: in ∂L/∂c of this step from the step after, out ∂L/∂c_prev
/// scratch  [H]
/// ```
struct RecurrentStep {
    var batch: Int
    var units: Int
    var z: UnsafeMutablePointer<Float>
    var hU: UnsafeMutablePointer<Float>?
    var gates: UnsafeMutablePointer<Float>
    var hPrev: UnsafeMutablePointer<Float>
    var h: UnsafeMutablePointer<Float>
    var cPrev: UnsafeMutablePointer<Float>?
    var c: UnsafeMutablePointer<Float>?
    var cActivated: UnsafeMutablePointer<Float>?
    var mask: UnsafePointer<Float>?
    /// `[G·H]` bias added to `z` by the cell (GRU: the input bias), or nil.
    var bias: UnsafePointer<Float>? = nil
    /// GRU only: `[3H]` recurrent bias added to `hU` by the cell, or nil.
    var recurrentBias: UnsafePointer<Float>? = nil

    /// Adds `bias` to row `b` of `z` (and `recurrentBias` to row `b` of `hU`).
    @inline(__always)
    func addBiases(row b: Int, width: Int) {
        if let bias {
            let z = self.z + b * width
            RecurrentMath.map2(z, bias, z, count: width) { $0 + $1 }
        }
        if let recurrentBias, let hU {
            let u = hU + b * width
            RecurrentMath.map2(u, recurrentBias, u, count: width) { $0 + $1 }
        }
    }

    /// Whether row `b` is a real (unmasked) step.
    @inline(__always)
    func isReal(_ b: Int) -> Bool { mask.map { $0[b] != 0 } ?? true }
}

/// The backward buffers of one time step (see `RecurrentStep`).
struct RecurrentStepGradients {
    var dh: UnsafeMutablePointer<Float>
    var dz: UnsafeMutablePointer<Float>
    var dzU: UnsafeMutablePointer<Float>?
    var dhCarry: UnsafeMutablePointer<Float>
    var dcCarry: UnsafeMutablePointer<Float>?
    var scratch: UnsafeMutablePointer<Float>
}

/// The activations of a recurrent cell.
struct RecurrentActivations {
    /// The candidate/output activation (Keras `activation`, default tanh).
    var activation: Activation
    /// The gate activation (Keras `recurrent_activation`, default sigmoid).
    var recurrentActivation: Activation

    /// `gates[0 ..< count] = f(z[0 ..< count])` with `f` applied elementwise.
    @inline(__always)
    static func apply(
        _ f: Activation, _ z: UnsafeMutablePointer<Float>, into a: UnsafeMutablePointer<Float>, count: Int
    ) {
        switch f {
        // Sigmoid and tanh are inlined here (rational approximations, see `GateMath`); other
        // activations go through NLPCore's kernels.
        case .sigmoid: RecurrentMath.map1(z, a, count: count) { GateMath.sigmoid($0) }
        case .tanh: RecurrentMath.map1(z, a, count: count) { GateMath.tanh($0) }
        default: f.apply(z, into: a, count: count, rowLength: count)
        }
    }

    /// `g = g ⊙ f′` in place, from the pre-activation `z` and the activation `a`.
    @inline(__always)
    static func backward(
        _ f: Activation, z: UnsafePointer<Float>, a: UnsafePointer<Float>, gradient g: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        let one = FloatVector(repeating: 1)
        switch f {
        case .sigmoid: RecurrentMath.map2(a, g, g, count: count) { y, g in g * y * (one - y) }
        case .tanh: RecurrentMath.map2(a, g, g, count: count) { y, g in g * (one - y * y) }
        default: f.backward(input: z, output: a, outputGradient: g, into: g, count: count, rowLength: count)
        }
    }
}
