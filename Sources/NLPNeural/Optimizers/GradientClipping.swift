// NLPNeural: gradient clipping by norm, global norm, or value (Keras's clipnorm, global_clipnorm,
// clipvalue).
import NLPCore

/// How gradients are clipped before an update, as in Keras (at most one of the three is set).
///
/// ```swift
/// clipNorm:       g ← g · c / max(‖g‖, c)                  for each parameter on its own
/// globalClipNorm: g ← g · c / max(√Σ_p ‖g_p‖², c)          one factor for all parameters
/// clipValue:      g ← min(max(g, −c), c)                   element-wise
/// ```
///
/// Clipping does not modify `Parameter.gradient`: the optimizers apply the factor and the bound as
/// they read each gradient scalar.
public struct GradientClipping: Equatable, Sendable {
    /// The largest L2 norm of each parameter's gradient.
    public var clipNorm: Float?
    /// The largest absolute value of a gradient scalar.
    public var clipValue: Float?
    /// The largest L2 norm of all trainable gradients taken together.
    public var globalClipNorm: Float?

    /// Creates a clipping rule.
    public init(clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil) {
        self.clipNorm = clipNorm
        self.clipValue = clipValue
        self.globalClipNorm = globalClipNorm
    }

    /// Whether any clipping is configured.
    public var isActive: Bool { clipNorm != nil || clipValue != nil || globalClipNorm != nil }

    /// Checks that at most one rule is set and that its bound is positive and finite.
    func validate(optimizer: String) throws(OptimizerError) {
        let set = [clipNorm, clipValue, globalClipNorm].compactMap { $0 }
        if set.count > 1 {
            throw .invalidHyperparameter(
                optimizer: optimizer, name: "clipNorm/clipValue/globalClipNorm", value: "\(set)",
                reason: "only one of them can be set (as in Keras)")
        }
        if let clipNorm { try HyperparameterCheck.positive(clipNorm, optimizer, "clipNorm") }
        if let clipValue { try HyperparameterCheck.positive(clipValue, optimizer, "clipValue") }
        if let globalClipNorm { try HyperparameterCheck.positive(globalClipNorm, optimizer, "globalClipNorm") }
    }

    /// The factor `c / max(norm, c)` that brings `norm` down to at most `c`.
    static func scale(norm: Float, bound: Float) -> Float {
        norm > bound ? bound / norm : 1
    }

    /// The L2 norm of a gradient (16-lane dot product).
    static func norm(_ gradient: Tensor) -> Float {
        gradient.withUnsafeBufferPointer { g in
            guard let base = g.baseAddress, !g.isEmpty else { return 0 }
            return VectorKernels.dot(base, base, count: g.count).squareRoot()
        }
    }
}

/// What an update reads instead of the raw gradient scalar: `min(max(scale · g, −bound), bound)`.
struct GradientTransform {
    /// The norm-clipping factor (1 when no norm clipping applies).
    var scale: Float
    /// The element-wise bound, or `.infinity`.
    var bound: Float

    /// The identity.
    static let identity = GradientTransform(scale: 1, bound: .infinity)

    @inline(__always)
    func callAsFunction(_ g: Float) -> Float {
        let scaled = scale * g
        return bound.isInfinite ? scaled : Swift.min(Swift.max(scaled, -bound), bound)
    }

    /// The same on 16 lanes (NaNs pass through the bound unchanged).
    @inline(__always)
    func callAsFunction(_ g: SIMD16<Float>) -> SIMD16<Float> {
        let scaled = scale * g
        if bound.isInfinite { return scaled }
        return scaled.replacing(with: bound, where: scaled .> bound).replacing(with: -bound, where: scaled .< -bound)
    }
}

/// Unaligned 16-lane loads and stores for the optimizers' update loops. The scalar loops do not
/// vectorize on their own: the weight, gradient and slot buffers may alias as far as the compiler
/// knows.
enum Lanes {
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always)
    static func store(_ value: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD16<Float>.self)
    }
}
