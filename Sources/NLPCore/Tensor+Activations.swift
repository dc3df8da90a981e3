// Activation functions and their derivatives, vectorized over contiguous buffers.

/// An activation function with its backward pass.
///
/// Every case but `softmax` and `logSoftmax` acts elementwise; those two act on each row of the
/// last axis and subtract the row maximum first, so they never overflow. Kernels take 16 lanes at a
/// time and finish the tail with the same vector code (zero-padded), so every element gets the same
/// polynomial.
///
/// ```swift
/// let y = Activation.tanh.apply(x)
/// let dx = Activation.tanh.backward(input: x, output: y, outputGradient: dy)
/// ```
///
/// Recurrent layers call the pointer variants on their gate buffers, which allocate nothing:
/// ```swift
/// Activation.sigmoid.applyInPlace(gates, count: 3 * hidden)
/// ```
public enum Activation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identity, `x`.
    case linear
    /// `max(x, 0)`; NaN stays NaN.
    case relu
    /// `x` for `x > 0`, else `alpha·x` (Keras default `alpha = 0.3`).
    case leakyRelu(alpha: Float = 0.3)
    /// The logistic function `1 / (1 + e^−x)`.
    case sigmoid
    /// The hyperbolic tangent.
    case tanh
    /// `e^(x − max) / Σ e^(x − max)` along the last axis.
    case softmax
    /// `x − max − log Σ e^(x − max)` along the last axis.
    case logSoftmax
    /// `x·sigmoid(x)` (SiLU).
    case swish
    /// `x` for `x > 0`, else `alpha·(e^x − 1)`.
    case elu(alpha: Float = 1)

    /// The case and its parameters, e.g. `leakyRelu(alpha: 0.3)`.
    public var description: String {
        switch self {
        case .linear: "linear"
        case .relu: "relu"
        case .leakyRelu(let alpha): "leakyRelu(alpha: \(alpha))"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .softmax: "softmax"
        case .logSoftmax: "logSoftmax"
        case .swish: "swish"
        case .elu(let alpha): "elu(alpha: \(alpha))"
        }
    }

    /// Whether `backward` reads the forward input (`leakyRelu`, `swish`, `elu`).
    public var backwardReadsInput: Bool {
        switch self {
        case .leakyRelu, .swish, .elu: true
        default: false
        }
    }

    /// Whether `backward` reads the forward output (`relu`, `sigmoid`, `tanh`, `softmax`, `logSoftmax`).
    public var backwardReadsOutput: Bool {
        switch self {
        case .relu, .sigmoid, .tanh, .softmax, .logSoftmax: true
        default: false
        }
    }

    // MARK: - Tensors

    /// The activation of every scalar (or of every last-axis row for `softmax`/`logSoftmax`).
    public func apply(_ x: Tensor) -> Tensor {
        x.withUnsafeBufferPointer { p in
            Tensor(shape: x.shape) { out in
                apply(p.baseAddress!, into: out.baseAddress!, count: x.count, rowLength: x.shape.last ?? 1)
            }
        }
    }

    /// Replaces `x` by its activation, without allocating when `x`'s storage is unique.
    public func applyInPlace(_ x: inout Tensor) {
        let (count, rowLength) = (x.count, x.shape.last ?? 1)
        x.withUnsafeMutableBufferPointer { applyInPlace($0.baseAddress!, count: count, rowLength: rowLength) }
    }

    /// ∂L/∂input from ∂L/∂output, for `output = apply(input)`.
    ///
    /// ```swift
    /// relu:       g · (y > 0)              sigmoid:  g · y(1 − y)        tanh: g · (1 − y²)
    /// leakyRelu:  g · (x > 0 ? 1 : α)      elu:      g · (x > 0 ? 1 : α·eˣ)
    /// swish:      g · s(1 + x(1 − s)), s = sigmoid(x)
    /// softmax:    y ⊙ (g − Σ g⊙y)  per row   (the Jacobian-vector product)
    /// logSoftmax: g − softmax(x) · Σ g  per row, with softmax(x) = e^y
    /// ```
    /// - Precondition: all three tensors have the same shape.
    public func backward(input: Tensor, output: Tensor, outputGradient: Tensor) -> Tensor {
        precondition(
            input.shape == outputGradient.shape && output.shape == outputGradient.shape,
            "\(self).backward: input \(input.shape), output \(output.shape), outputGradient \(outputGradient.shape) differ"
        )
        let shape = outputGradient.shape
        return input.withUnsafeBufferPointer { x in
            output.withUnsafeBufferPointer { y in
                outputGradient.withUnsafeBufferPointer { g in
                    Tensor(shape: shape) { dx in
                        backward(
                            input: x.baseAddress!, output: y.baseAddress!, outputGradient: g.baseAddress!,
                            into: dx.baseAddress!, count: shape.reduce(1, *), rowLength: shape.last ?? 1)
                    }
                }
            }
        }
    }

    // MARK: - Raw buffers

    /// `output = f(input)` over `count` scalars; `softmax`/`logSoftmax` act on rows of `rowLength`
    /// (default: one row of `count`). `output` may be `input`.
    /// - Precondition: `rowLength > 0` divides `count` (when `count > 0`).
    @inlinable
    public func apply(
        _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, count: Int, rowLength: Int? = nil
    ) {
        typealias K = ActivationKernels
        switch self {
        case .linear:
            if UnsafePointer(output) != input { output.update(from: input, count: count) }
        case .relu:
            VectorKernels.unary(input, output, count: count) { $0.replacing(with: 0, where: $0 .< 0) }
        case .leakyRelu(let alpha):
            let a = FloatVector(repeating: alpha)
            VectorKernels.unary(input, output, count: count) { $0.replacing(with: $0 * a, where: $0 .< 0) }
        case .sigmoid:
            VectorKernels.unary(input, output, count: count) { SIMDMath.sigmoid($0) }
        case .tanh:
            VectorKernels.unary(input, output, count: count) { SIMDMath.tanh($0) }
        case .swish:
            VectorKernels.unary(input, output, count: count) { $0 * SIMDMath.sigmoid($0) }
        case .elu(let alpha):
            let a = FloatVector(repeating: alpha)
            VectorKernels.unary(input, output, count: count) {
                (a * SIMDMath.expm1($0)).replacing(with: $0, where: $0 .> 0)
            }
        case .softmax, .logSoftmax:
            let n = K.rowLength(rowLength, count: count)
            if count > 0 { K.softmax(input, output, rows: count / n, rowLength: n, log: self == .logSoftmax) }
        }
    }

    /// The activation applied in place to `count` scalars at `buffer` (see `apply(_:into:count:rowLength:)`).
    @inlinable
    public func applyInPlace(_ buffer: UnsafeMutablePointer<Float>, count: Int, rowLength: Int? = nil) {
        apply(buffer, into: buffer, count: count, rowLength: rowLength)
    }

    /// `inputGradient = ∂L/∂input` from `outputGradient = ∂L/∂output` over `count` scalars (see
    /// `backward(input:output:outputGradient:)` for the formulas).
    ///
    /// Pass `input` when `backwardReadsInput`, `output` when `backwardReadsOutput`; the other may be
    /// `nil`. `inputGradient` may be `outputGradient`, which updates the gradient in place.
    /// - Precondition: the pointers the activation reads are not `nil`; `rowLength` as in `apply`.
    @inlinable
    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?, outputGradient g: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>, count: Int, rowLength: Int? = nil
    ) {
        typealias K = ActivationKernels
        precondition(!backwardReadsInput || input != nil, "\(self).backward reads the forward input; it is nil")
        precondition(!backwardReadsOutput || output != nil, "\(self).backward reads the forward output; it is nil")
        let one = FloatVector(repeating: 1)
        switch self {
        case .linear:
            if UnsafePointer(dx) != g { dx.update(from: g, count: count) }
        case .relu:
            VectorKernels.binary(output!, g, dx, count: count) { y, g in g.replacing(with: 0, where: y .<= 0) }
        case .leakyRelu(let alpha):
            let a = FloatVector(repeating: alpha)
            VectorKernels.binary(input!, g, dx, count: count) { x, g in g.replacing(with: g * a, where: x .<= 0) }
        case .sigmoid:
            VectorKernels.binary(output!, g, dx, count: count) { y, g in g * y * (one - y) }
        case .tanh:
            VectorKernels.binary(output!, g, dx, count: count) { y, g in g * (one - y * y) }
        case .swish:
            VectorKernels.binary(input!, g, dx, count: count) { x, g in
                let s = SIMDMath.sigmoid(x)
                return g * s * (one + x * (one - s))
            }
        case .elu(let alpha):
            let a = FloatVector(repeating: alpha)
            VectorKernels.binary(input!, g, dx, count: count) { x, g in
                (g * a * SIMDMath.exp(x)).replacing(with: g, where: x .> 0)
            }
        case .softmax, .logSoftmax:
            let n = K.rowLength(rowLength, count: count)
            if count > 0 { K.softmaxBackward(output!, g, dx, rows: count / n, rowLength: n, log: self == .logSoftmax) }
        }
    }
}

// MARK: - Tensor methods

extension Tensor {
    /// `max(x, 0)` elementwise.
    public func relu() -> Tensor { Activation.relu.apply(self) }
    /// `x > 0 ? x : alpha·x` elementwise.
    public func leakyRelu(alpha: Float = 0.3) -> Tensor { Activation.leakyRelu(alpha: alpha).apply(self) }
    /// The logistic sigmoid elementwise.
    public func sigmoid() -> Tensor { Activation.sigmoid.apply(self) }
    /// The hyperbolic tangent elementwise.
    public func tanh() -> Tensor { Activation.tanh.apply(self) }
    /// `x·sigmoid(x)` elementwise.
    public func swish() -> Tensor { Activation.swish.apply(self) }
    /// `x > 0 ? x : alpha·(e^x − 1)` elementwise.
    public func elu(alpha: Float = 1) -> Tensor { Activation.elu(alpha: alpha).apply(self) }
    /// The softmax of every row of the last axis (each row sums to 1).
    public func softmax() -> Tensor { Activation.softmax.apply(self) }
    /// The log of the softmax of every row of the last axis, computed without forming the softmax.
    public func logSoftmax() -> Tensor { Activation.logSoftmax.apply(self) }
}

// MARK: - Kernels

/// The loops behind `Activation`; `@inlinable` so layers in other modules get them specialized.
@usableFromInline
enum ActivationKernels {
    @inlinable
    static func rowLength(_ rowLength: Int?, count: Int) -> Int {
        let n = rowLength ?? count
        precondition(count == 0 || (n > 0 && count % n == 0), "row length \(n) does not divide \(count) scalars")
        return n
    }

    /// Row-wise softmax (or log-softmax) of `rows × n` scalars. `y` may alias `x`.
    @inlinable
    static func softmax(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, rowLength n: Int, log: Bool
    ) {
        let w = FloatVector.scalarCount
        for r in 0 ..< rows {
            let px = x + r * n
            let py = y + r * n
            // Subtracting the row maximum keeps every e^(x − max) in (0, 1].
            let m = FloatVector(repeating: ReductionKernels.maximum(px, count: n))
            var s0 = FloatVector()
            var s1 = FloatVector()
            var i = 0
            while i + 2 * w <= n {
                let e0 = SIMDMath.exp(VectorKernels.load(px + i) - m)
                let e1 = SIMDMath.exp(VectorKernels.load(px + i + w) - m)
                if !log {
                    VectorKernels.store(e0, py + i)
                    VectorKernels.store(e1, py + i + w)
                }
                s0 = s0 + e0
                s1 = s1 + e1
                i += 2 * w
            }
            if i + w <= n {
                let e = SIMDMath.exp(VectorKernels.load(px + i) - m)
                if !log { VectorKernels.store(e, py + i) }
                s0 = s0 + e
                i += w
            }
            if i < n {
                // −∞ padding makes the unused lanes e^−∞ = 0.
                let e = SIMDMath.exp(VectorKernels.loadPartial(px + i, count: n - i, padding: -.infinity) - m)
                if !log { VectorKernels.storePartial(e, py + i, count: n - i) }
                s0 = s0 + e
            }
            let sum = VectorKernels.horizontalSum(s0 + s1)
            if log {
                let logSum = FloatVector(repeating: SIMDMath.log(sum))
                VectorKernels.unary(px, py, count: n) { ($0 - m) - logSum }
            } else {
                let scale = FloatVector(repeating: 1 / sum)
                VectorKernels.unary(py, py, count: n) { $0 * scale }
            }
        }
    }

    /// Row-wise softmax / log-softmax backward from the forward output `y` and gradient `g`.
    /// `dx` may alias `g`.
    @inlinable
    static func softmaxBackward(
        _ y: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, rows: Int,
        rowLength n: Int, log: Bool
    ) {
        for r in 0 ..< rows {
            let (py, pg, pdx) = (y + r * n, g + r * n, dx + r * n)
            if log {
                // d(x_j − lse)/dx_i = δ_ij − softmax_i, so dx = g − softmax·Σg with softmax = e^y.
                let total = FloatVector(repeating: VectorKernels.sum(pg, count: n))
                VectorKernels.binary(py, pg, pdx, count: n) { y, g in g - SIMDMath.exp(y) * total }
            } else {
                // dy_j/dx_i = y_j(δ_ij − y_i), so dx = y ⊙ (g − Σ g⊙y).
                let dot = FloatVector(repeating: VectorKernels.dot(pg, py, count: n))
                VectorKernels.binary(py, pg, pdx, count: n) { y, g in y * (g - dot) }
            }
        }
    }
}
