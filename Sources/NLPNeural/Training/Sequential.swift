// NLPNeural: a stack of layers, Keras's Sequential model.
import NLPCore

/// A linear stack of layers trained as one model (Keras `Sequential`).
///
/// ```swift
/// let model = Sequential([Dense(units: 16, activation: .relu), Dense(units: 1, activation: .sigmoid)],
///                        inputShape: [4])
/// model.compile(optimizer: Adam(), loss: BinaryCrossentropy(), metrics: [BinaryAccuracy()])
/// let history = try model.fit(x: x, y: y, epochs: 10, batchSize: 32, validationSplit: 0.2)
/// print(model.summary())
/// ```
///
/// Samples lie on axis 0 of every tensor: `x` is `[N, …]`, `y` is `[N, …]`. Layers without a name
/// are named Keras style when added: `dense`, `dense_1`, `lstm`, … (unique in the model).
///
/// Regularization happens in the model's training step, not in the optimizer: each trainable
/// parameter's `regularizer` penalty is added to the reported loss and its gradient to the
/// parameter's gradient before clipping and the update; each layer's `activityRegularizer`
/// penalty (divided by the batch size, as Keras documents) is added to the loss and its gradient
/// to the layer's output gradient during the backward pass.
public final class Sequential {
    /// The model's name in summaries (`"sequential"`).
    public var name: String
    /// The layers, in order.
    public private(set) var layers: [any Layer]
    /// The per-sample input shape given at creation, if any.
    public private(set) var declaredInputShape: [Int]?
    /// The per-sample input shape of the last `build`, or `nil` before it.
    public private(set) var inputShape: [Int]?
    /// The per-sample output shape of each layer after `build` (empty before).
    public private(set) var layerOutputShapes: [[Int]] = []
    /// The optimizer set by `compile`.
    public internal(set) var optimizer: (any Optimizer)?
    /// The loss set by `compile`.
    public internal(set) var loss: (any Loss)?
    /// The metrics set by `compile`, reported under their `name` (and `val_` + name).
    public internal(set) var metrics: [any Metric] = []
    /// Set by a callback to end `fit` after the current batch (Keras `stop_training`).
    public var stopTraining = false

    /// The outputs of layers with an activity regularizer during the latest training forward pass.
    var activityOutputs: [Tensor?] = []

    /// Creates a model from layers, optionally with the per-sample input shape (no batch axis; `-1`
    /// for an axis of any length).
    public init(_ layers: [any Layer] = [], inputShape: [Int]? = nil, name: String = "sequential") {
        self.name = name
        self.layers = []
        self.declaredInputShape = inputShape
        for layer in layers { add(layer) }
    }

    /// Appends a layer, naming it if its name is empty. The model must be built again (done
    /// automatically by `fit`, `predict` and `summary` when an input shape is known).
    /// - Precondition: the layer's name is not already used in the model, and the layer is not in it.
    public func add(_ layer: any Layer) {
        precondition(
            !layers.contains { $0 === layer }, "Sequential \(name): layer \(layer.name) is already in the model")
        if layer.name.isEmpty {
            let base = Sequential.snakeCase(type(of: layer).typeName)
            let used = Set(layers.map(\.name))
            var candidate = base
            var suffix = 1
            while used.contains(candidate) {
                candidate = "\(base)_\(suffix)"
                suffix += 1
            }
            layer.name = candidate
        }
        precondition(
            !layers.contains { $0.name == layer.name },
            "Sequential \(name): a layer named \"\(layer.name)\" is already in the model (names must be unique)")
        layers.append(layer)
        layerOutputShapes = []
    }

    /// Whether every layer has been built for the current input shape.
    public var isBuilt: Bool { inputShape != nil && layerOutputShapes.count == layers.count && !layers.isEmpty }

    /// The per-sample output shape, or `nil` before `build`.
    public var outputShape: [Int]? { isBuilt ? layerOutputShapes.last : nil }

    /// Builds every layer in order for per-sample inputs of `inputShape` (default: the shape given
    /// at creation), drawing initial weights from one generator seeded with `seed`.
    /// - Throws: `TrainingError.notBuilt` without layers or shape; a layer's `LayerError`.
    public func build(inputShape: [Int]? = nil, seed: UInt64 = 0) throws {
        guard !layers.isEmpty else { throw TrainingError.notBuilt(reason: "it has no layers") }
        guard let shape = inputShape ?? declaredInputShape ?? self.inputShape else {
            throw TrainingError.notBuilt(reason: "no input shape: pass inputShape to init or build")
        }
        var rng = SplitMix64(seed: seed)
        var current = shape
        var shapes: [[Int]] = []
        for layer in layers {
            current = try layer.build(inputShape: current, using: &rng)
            shapes.append(current)
        }
        self.inputShape = shape
        layerOutputShapes = shapes
    }

    /// Builds the model for samples of `sampleShape` unless it is built for a compatible shape.
    func ensureBuilt(sampleShape: [Int], seed: UInt64) throws {
        if !isBuilt { try build(inputShape: declaredInputShape ?? inputShape ?? sampleShape, seed: seed) }
        guard let expected = inputShape, Sequential.shape(sampleShape, fits: expected) else {
            throw TrainingError.incompatibleInput(expected: inputShape ?? [], got: sampleShape)
        }
    }

    /// Whether a concrete per-sample shape matches a model shape whose `-1` axes take any length.
    static func shape(_ shape: [Int], fits expected: [Int]) -> Bool {
        shape.count == expected.count && zip(shape, expected).allSatisfy { $1 == -1 || $0 == $1 }
    }

    // MARK: - Parameters and weights

    /// Every parameter of every layer, in layer order (optimizer state and model files use it).
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// The parameters that optimizers update.
    public var trainableParameters: [Parameter] { parameters.filter(\.isTrainable) }

    /// Independent copies of every parameter's value, in `parameters` order (Keras `get_weights`).
    public func weights() -> [Tensor] {
        parameters.map { parameter in
            parameter.value.withUnsafeBufferPointer { source in
                Tensor(shape: parameter.value.shape) {
                    $0.baseAddress!.update(from: source.baseAddress!, count: source.count)
                }
            }
        }
    }

    /// Copies `weights` into the parameters in place (Keras `set_weights`).
    /// - Throws: `TrainingError.invalidArgument` when the count or a shape differs.
    public func setWeights(_ weights: [Tensor]) throws {
        let parameters = self.parameters
        guard weights.count == parameters.count else {
            throw TrainingError.invalidArgument(
                name: "weights", value: "\(weights.count) tensors",
                reason: "the model has \(parameters.count) parameters")
        }
        for (parameter, weight) in zip(parameters, weights) {
            guard weight.shape == parameter.value.shape else {
                throw TrainingError.invalidArgument(
                    name: "weights", value: "shape \(weight.shape)",
                    reason: "parameter \(parameter.name) has shape \(parameter.value.shape)")
            }
            weight.withUnsafeBufferPointer { source in
                _ = parameter.value.withUnsafeMutableBufferPointer { $0.update(fromContentsOf: source) }
            }
        }
    }

    // MARK: - Naming

    /// Keras's `to_snake_case`: `"Dense"` → `"dense"`, `"SimpleRNN"` → `"simple_rnn"`,
    /// `"GlobalAveragePooling1D"` → `"global_average_pooling1d"`.
    public static func snakeCase(_ typeName: String) -> String {
        let characters = Array(typeName.filter { $0.isLetter || $0.isNumber || $0 == "_" })
        // Pass 1: "_" before an uppercase letter that starts a capitalised word (not at the start).
        var first: [Character] = []
        for (i, c) in characters.enumerated() {
            if i > 0, c.isUppercase, i + 1 < characters.count, characters[i + 1].isLowercase {
                first.append("_")
            }
            first.append(c)
        }
        // Pass 2: "_" between a lowercase letter and an uppercase one.
        var second: [Character] = []
        for (i, c) in first.enumerated() {
            if i > 0, c.isUppercase, first[i - 1].isLowercase { second.append("_") }
            second.append(c)
        }
        return String(second).lowercased()
    }
}
