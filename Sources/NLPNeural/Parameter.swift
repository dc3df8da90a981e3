// NLPNeural: trainable parameters and weight regularizers.
import NLPCore

/// A trainable tensor, its accumulated gradient, and an optional regularizer.
///
/// Layers own their parameters; optimizers and save/load reach the same objects through
/// `Layer.parameters`, so a parameter is a class. Gradients accumulate with `+=` in `backward`
/// and are cleared by `zeroGradient()` (once per training step).
///
/// - Important: do not keep copies of `value` elsewhere (a cache, a snapshot): the next in-place
///   update would then copy the whole buffer.
public final class Parameter {
    /// The weight's name inside its layer, Keras style: `kernel`, `recurrent_kernel`, `bias`,
    /// `embeddings`, `gamma`, `beta`, `moving_mean`, `moving_variance`.
    public let name: String
    /// The current value.
    public var value: Tensor
    /// ∂L/∂value accumulated since the last `zeroGradient()`; same shape as `value`.
    public var gradient: Tensor
    /// Whether optimizers update this parameter (an Embedding can be frozen; BatchNormalization's
    /// moving statistics are never trainable).
    public var isTrainable: Bool
    /// A penalty added to the loss (Keras `kernel_regularizer` / `bias_regularizer`).
    public var regularizer: Regularizer?

    /// Creates a parameter with a zero gradient.
    public init(name: String, value: Tensor, isTrainable: Bool = true, regularizer: Regularizer? = nil) {
        self.name = name
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
        self.isTrainable = isTrainable
        self.regularizer = regularizer
    }

    /// The number of scalars.
    public var count: Int { value.count }

    /// Sets every gradient scalar to zero, in place.
    public func zeroGradient() {
        if gradient.shape != value.shape {
            gradient = Tensor(zeros: value.shape)
            return
        }
        gradient.withUnsafeMutableBufferPointer { g in
            g.update(repeating: 0)
        }
    }
}

/// An L1/L2 weight penalty, as in Keras: `l1 · Σ|w| + l2 · Σw²`.
///
/// ```swift
/// penalty(w)  = l1 · Σ|w| + l2 · Σ w²
/// gradient(w) = l1 · sign(w) + 2 · l2 · w
/// ```
public struct Regularizer: Codable, Equatable, Sendable {
    /// The L1 factor.
    public var l1: Float
    /// The L2 factor.
    public var l2: Float

    /// Creates a penalty `l1 · Σ|w| + l2 · Σw²`.
    /// - Precondition: both factors are finite and non-negative.
    public init(l1: Float = 0, l2: Float = 0) {
        precondition(
            l1 >= 0 && l2 >= 0 && l1.isFinite && l2.isFinite,
            "Regularizer: l1 \(l1) and l2 \(l2) must be finite and ≥ 0")
        self.l1 = l1
        self.l2 = l2
    }

    /// Keras `regularizers.l1(factor)`.
    public static func l1(_ factor: Float) -> Regularizer { Regularizer(l1: factor) }
    /// Keras `regularizers.l2(factor)`.
    public static func l2(_ factor: Float) -> Regularizer { Regularizer(l2: factor) }
    /// Keras `regularizers.l1_l2(l1, l2)`.
    public static func l1l2(l1: Float, l2: Float) -> Regularizer { Regularizer(l1: l1, l2: l2) }

    /// The penalty for `weights`.
    public func penalty(_ weights: Tensor) -> Float {
        weights.withUnsafeBufferPointer { w in
            var absoluteSum: Double = 0
            var squareSum: Double = 0
            for x in w {
                absoluteSum += Double(abs(x))
                squareSum += Double(x * x)
            }
            return Float(Double(l1) * absoluteSum + Double(l2) * squareSum)
        }
    }

    /// Adds ∂penalty/∂weights into `gradient`.
    /// - Precondition: same shapes.
    public func accumulateGradient(of weights: Tensor, into gradient: inout Tensor) {
        precondition(
            weights.shape == gradient.shape, "Regularizer: weights \(weights.shape) vs gradient \(gradient.shape)")
        let l1 = self.l1
        let twiceL2 = 2 * self.l2
        weights.withUnsafeBufferPointer { w in
            gradient.withUnsafeMutableBufferPointer { g in
                for i in 0 ..< w.count {
                    let sign: Float = w[i] > 0 ? 1 : (w[i] < 0 ? -1 : 0)
                    g[i] += l1 * sign + twiceL2 * w[i]
                }
            }
        }
    }
}
