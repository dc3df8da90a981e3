// NLPNeural: the one shape every layer has.
import NLPCore

/// A function with (possibly) trainable state, used inside a `Sequential` model.
///
/// Activations are `[batch, features…]`: `[batch, features]`, `[batch, time, features]`, or token
/// ids `[batch, time]` (ids travel as integral `Float`s, exact up to 2²⁴). Shapes given to `build`
/// and returned by it leave the batch axis out, and may hold `-1` for an axis of any length (a
/// sequence length not fixed in advance).
///
/// The contract:
/// - `build(inputShape:using:)` creates the weights once (a second call with the same shape does
///   nothing) and returns the per-sample output shape.
/// - `forward(_:mask:training:)` computes the output and caches what `backward` needs. `training`
///   switches dropout and batch statistics on. `mask` is `[batch, time]` of 1 (real step) and 0
///   (padding), produced by `Embedding(maskZero: true)` and passed along by `Sequential`.
/// - `backward(_:)` takes ∂L/∂output of the latest `forward`, **adds** ∂L/∂weight into each
///   `Parameter.gradient` (zeroing is the optimizer loop's job) and returns ∂L/∂input (zeros for
///   integer inputs such as token ids).
/// - `configuration` and `init(configuration:)` round-trip the hyperparameters (not the weights).
///
/// Every backward pass is hand written and checked against finite differences in the tests.
public protocol Layer: AnyObject, CustomStringConvertible {
    /// The type name used in summaries and model files, Keras style: `"Dense"`, `"LSTM"`.
    static var typeName: String { get }
    /// The layer's name in its model (`Sequential` gives unnamed layers `dense`, `dense_1`, …).
    var name: String { get set }
    /// The per-sample input shape of the last `build`, or `nil` before the first one.
    var inputShape: [Int]? { get }
    /// Creates the weights for inputs of `inputShape` (no batch axis) and returns the output shape.
    /// - Throws: `LayerError.incompatibleInput` when the layer cannot take that shape.
    @discardableResult
    func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int]
    /// The weights in a stable order (optimizers and model files rely on it); `[]` when none.
    var parameters: [Parameter] { get }
    /// A name for each of `parameters`, unique within the layer (model files key weights by it).
    /// The default is each parameter's `name`; wrappers such as `Bidirectional` prefix their
    /// sub-layers' names (`forward_lstm/kernel`).
    var parameterNames: [String] { get }
    /// Runs the layer on a batch, caching what `backward(_:)` needs.
    func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor
    /// Propagates ∂L/∂output of the latest `forward` back to ∂L/∂input, adding weight gradients.
    func backward(_ outputGradient: Tensor) -> Tensor
    /// Like `backward(_:)`, but with `computeInputGradient: false` the layer may skip ∂L/∂input and
    /// return `nil`; the weight gradients are the same. `Sequential` passes `false` to its first
    /// layer, whose input is data (PyTorch skips the gradient of a leaf input the same way). The
    /// default calls `backward(_:)`; layers where ∂L/∂input costs real work (recurrent layers,
    /// `Dense`, `Embedding`, `Bidirectional`) skip it.
    func backward(_ outputGradient: Tensor, computeInputGradient: Bool) -> Tensor?
    /// The mask that goes with this layer's output, given the input and its mask. The default passes
    /// `mask` through; `Embedding(maskZero:)` creates one; pooling and last-state RNNs consume it.
    func outputMask(for input: Tensor, mask: Tensor?) -> Tensor?
    /// A penalty on the layer's output (Keras `activity_regularizer`); `nil` by default.
    var activityRegularizer: Regularizer? { get }
    /// The hyperparameters needed to rebuild an unbuilt copy of this layer.
    var configuration: LayerConfiguration { get }
    /// Rebuilds an unbuilt layer from `configuration`.
    init(configuration: LayerConfiguration) throws
}

extension Layer {
    public func outputMask(for input: Tensor, mask: Tensor?) -> Tensor? { mask }

    public var activityRegularizer: Regularizer? { nil }

    public var parameterNames: [String] { parameters.map(\.name) }

    public func backward(_ outputGradient: Tensor, computeInputGradient: Bool) -> Tensor? {
        let inputGradient = backward(outputGradient)
        return computeInputGradient ? inputGradient : nil
    }

    /// Runs the layer in inference mode without a mask.
    public func callAsFunction(_ input: Tensor) -> Tensor { forward(input, mask: nil, training: false) }

    /// Runs the layer without a mask.
    public func forward(_ input: Tensor, training: Bool) -> Tensor { forward(input, mask: nil, training: training) }

    /// The number of scalars in all parameters (Keras "Param #").
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The number of scalars in trainable parameters.
    public var trainableParameterCount: Int {
        parameters.reduce(0) { $0 + ($1.isTrainable ? $1.count : 0) }
    }

    /// Clears every parameter's gradient.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }

    /// Builds the layer for `inputShape` with a fixed seed (convenient in tests and examples).
    @discardableResult
    public func build(inputShape: [Int], seed: UInt64) throws -> [Int] {
        var rng = SplitMix64(seed: seed)
        return try build(inputShape: inputShape, using: &rng)
    }
}

/// Errors raised when a layer is built or fed.
public enum LayerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The layer cannot take inputs of this per-sample shape.
    case incompatibleInput(layer: String, shape: [Int], expected: String)
    /// The layer was used before `build`.
    case notBuilt(layer: String)

    public var description: String {
        switch self {
        case .incompatibleInput(let layer, let shape, let expected):
            return "layer \(layer) cannot take inputs of shape \(shape): expected \(expected)"
        case .notBuilt(let layer): return "layer \(layer) is used before it is built"
        }
    }
}

/// How a layer's weights start, Keras names in `description`.
public enum WeightInitializer: Codable, Equatable, Sendable, CustomStringConvertible {
    case zeros
    case ones
    case constant(Float)
    case uniform(lower: Float, upper: Float)
    case normal(standardDeviation: Float)
    case truncatedNormal(standardDeviation: Float)
    case glorotUniform
    case glorotNormal
    case heUniform
    case orthogonal

    /// Draws a tensor of `shape`; fan-in/fan-out follow Keras (`shape[0]`, `shape[1]` for matrices).
    public func make(shape: [Int], using rng: inout SplitMix64) -> Tensor {
        switch self {
        case .zeros: return Tensor(zeros: shape)
        case .ones: return Tensor(repeating: 1, shape: shape)
        case .constant(let value): return Tensor(repeating: value, shape: shape)
        case .uniform(let lower, let upper): return .uniform(shape: shape, lower: lower, upper: upper, using: &rng)
        case .normal(let deviation): return .normal(shape: shape, standardDeviation: deviation, using: &rng)
        case .truncatedNormal(let deviation):
            return .truncatedNormal(shape: shape, standardDeviation: deviation, using: &rng)
        case .glorotUniform: return .glorotUniform(shape: shape, using: &rng)
        case .glorotNormal: return .glorotNormal(shape: shape, using: &rng)
        case .heUniform: return .heUniform(shape: shape, using: &rng)
        case .orthogonal: return .orthogonal(shape: shape, using: &rng)
        }
    }

    public var description: String {
        switch self {
        case .zeros: return "zeros"
        case .ones: return "ones"
        case .constant(let value): return "constant(\(value))"
        case .uniform(let lower, let upper): return "random_uniform(\(lower), \(upper))"
        case .normal(let deviation): return "random_normal(\(deviation))"
        case .truncatedNormal(let deviation): return "truncated_normal(\(deviation))"
        case .glorotUniform: return "glorot_uniform"
        case .glorotNormal: return "glorot_normal"
        case .heUniform: return "he_uniform"
        case .orthogonal: return "orthogonal"
        }
    }
}
