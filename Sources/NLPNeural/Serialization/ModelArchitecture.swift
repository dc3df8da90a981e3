// NLPNeural: what a model file says about the model besides its weights.

/// A model's layers as configurations, its input shape and its name: enough to rebuild it unbuilt.
///
/// Stored as JSON under the `"architecture"` metadata key of a model archive:
/// ```json
/// {"inputShape": [100], "layers": [{"name": "dense", "type": "Dense", "values": {"units": 16, …}}],
///  "name": "sequential"}
/// ```
public struct ModelArchitecture: Codable, Equatable, Sendable {
    /// The model's name (Keras `Sequential(name=…)`).
    public var name: String
    /// The per-sample input shape (no batch axis; `-1` for any length), or `nil` when unknown.
    public var inputShape: [Int]?
    /// The layers in order.
    public var layers: [LayerConfiguration]

    /// Creates an architecture description.
    public init(name: String, inputShape: [Int]?, layers: [LayerConfiguration]) {
        self.name = name
        self.inputShape = inputShape
        self.layers = layers
    }

    /// The architecture of `layers` (their current configurations).
    public init(name: String, inputShape: [Int]?, layers: [any Layer]) {
        self.init(name: name, inputShape: inputShape, layers: layers.map(\.configuration))
    }
}

/// How a model was compiled: loss, metrics and optimizer as names plus hyperparameters.
///
/// Stored as JSON under the `"training"` metadata key; every part is optional. Rebuilding the
/// objects is the job of `LossRegistry`, `MetricRegistry` and `OptimizerRegistry`.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    /// A named component and its hyperparameters (a loss, a metric or an optimizer).
    public struct Component: Codable, Equatable, Sendable {
        /// The Keras name (`"binary_crossentropy"`, `"accuracy"`) or optimizer type (`"Adam"`).
        public var name: String
        /// The hyperparameters by snake_case key.
        public var configuration: [String: JSONValue]

        /// Creates a component description.
        public init(name: String, configuration: [String: JSONValue] = [:]) {
            self.name = name
            self.configuration = configuration
        }
    }

    /// The loss, if the model was compiled.
    public var loss: Component?
    /// The metrics in order.
    public var metrics: [Component]
    /// The optimizer (`name` is `Optimizer.typeName`).
    public var optimizer: Component?

    /// Creates a training configuration from descriptions.
    public init(loss: Component? = nil, metrics: [Component] = [], optimizer: Component? = nil) {
        self.loss = loss
        self.metrics = metrics
        self.optimizer = optimizer
    }

    /// Describes the objects a model was compiled with.
    public init(loss: (any Loss)?, metrics: [any Metric], optimizer: (any Optimizer)?) {
        self.init(
            loss: loss.map { Component(name: $0.name, configuration: $0.configuration) },
            metrics: metrics.map { Component(name: $0.name, configuration: $0.configuration) },
            optimizer: optimizer.map { Component(name: type(of: $0).typeName, configuration: $0.configuration) })
    }
}
