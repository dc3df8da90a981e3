// NLPNeural: the hyperparameters shared by SimpleRNN, GRU and LSTM, and their configuration keys.
import NLPCore

/// The hyperparameters of a recurrent layer (Keras names in the configuration).
public struct RecurrentOptions: Equatable, Sendable {
    /// The state width `H`.
    public var units: Int
    /// The candidate/output activation (Keras `activation`, default tanh).
    public var activation: Activation
    /// The gate activation (Keras `recurrent_activation`, default sigmoid; unused by SimpleRNN).
    public var recurrentActivation: Activation
    /// Whether to add biases.
    public var useBias: Bool
    /// Return every step's output `[B, T, H]` instead of the last one `[B, H]`.
    public var returnSequences: Bool
    /// Process the sequence from its last step to its first (outputs come in processing order).
    public var goBackwards: Bool
    /// Carry the final state of a batch over as the initial state of the next one.
    public var stateful: Bool
    /// The fraction of input features dropped during training (one mask per sequence).
    public var dropout: Float
    /// The fraction of recurrent-state features dropped during training (one mask per sequence).
    public var recurrentDropout: Float
    /// Start the LSTM forget-gate bias at 1 (Keras `unit_forget_bias`).
    public var unitForgetBias: Bool
    /// How the input kernel starts (Keras default Glorot uniform).
    public var kernelInitializer: WeightInitializer
    /// How the recurrent kernel starts (Keras default orthogonal).
    public var recurrentInitializer: WeightInitializer
    /// A penalty on `kernel` (Keras `kernel_regularizer`).
    public var kernelRegularizer: Regularizer?
    /// A penalty on `recurrent_kernel` (Keras `recurrent_regularizer`).
    public var recurrentRegularizer: Regularizer?
    /// A penalty on `bias` (Keras `bias_regularizer`).
    public var biasRegularizer: Regularizer?

    /// Checks the values.
    /// - Precondition: `units > 0`, rates in `[0, 1)`, elementwise activations.
    func validate(_ layer: String) {
        precondition(units > 0, "\(layer): units must be positive, got \(units)")
        precondition(dropout >= 0 && dropout < 1, "\(layer): dropout must be in [0, 1), got \(dropout)")
        precondition(
            recurrentDropout >= 0 && recurrentDropout < 1,
            "\(layer): recurrentDropout must be in [0, 1), got \(recurrentDropout)")
        for f in [activation, recurrentActivation] {
            precondition(f != .softmax && f != .logSoftmax, "\(layer): activation \(f) is not elementwise")
        }
    }

    /// The configuration entries (Keras snake_case keys).
    func encode(into configuration: inout LayerConfiguration) {
        configuration["units"] = .number(Double(units))
        configuration.encode(activation, "activation")
        configuration.encode(recurrentActivation, "recurrent_activation")
        configuration["use_bias"] = .bool(useBias)
        configuration["return_sequences"] = .bool(returnSequences)
        configuration["go_backwards"] = .bool(goBackwards)
        configuration["stateful"] = .bool(stateful)
        configuration["dropout"] = .number(Double(dropout))
        configuration["recurrent_dropout"] = .number(Double(recurrentDropout))
        configuration["unit_forget_bias"] = .bool(unitForgetBias)
        configuration.encode(kernelInitializer, "kernel_initializer")
        configuration.encode(recurrentInitializer, "recurrent_initializer")
        if let kernelRegularizer { configuration.encode(kernelRegularizer, "kernel_regularizer") }
        if let recurrentRegularizer { configuration.encode(recurrentRegularizer, "recurrent_regularizer") }
        if let biasRegularizer { configuration.encode(biasRegularizer, "bias_regularizer") }
    }

    /// Reads the options back from a configuration.
    init(configuration: LayerConfiguration) throws {
        func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
            configuration[key] == nil ? nil : try configuration.decode(type, key)
        }
        units = try configuration.int("units")
        activation = try configuration.decode(Activation.self, "activation")
        recurrentActivation = try configuration.decode(Activation.self, "recurrent_activation")
        useBias = try configuration.bool("use_bias")
        returnSequences = try configuration.bool("return_sequences")
        goBackwards = try configuration.bool("go_backwards")
        stateful = try configuration.bool("stateful")
        dropout = try configuration.float("dropout")
        recurrentDropout = try configuration.float("recurrent_dropout")
        unitForgetBias = try configuration.bool("unit_forget_bias")
        kernelInitializer = try configuration.decode(WeightInitializer.self, "kernel_initializer")
        recurrentInitializer = try configuration.decode(WeightInitializer.self, "recurrent_initializer")
        kernelRegularizer = try optional(Regularizer.self, "kernel_regularizer")
        recurrentRegularizer = try optional(Regularizer.self, "recurrent_regularizer")
        biasRegularizer = try optional(Regularizer.self, "bias_regularizer")
        guard units > 0 else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "units", reason: "must be positive")
        }
        for (key, rate) in [("dropout", dropout), ("recurrent_dropout", recurrentDropout)]
        where !(rate >= 0 && rate < 1) {
            throw LayerConfigurationError.invalidValue(layer: configuration.name, key: key, reason: "must be in [0, 1)")
        }
        for f in [activation, recurrentActivation] where f == .softmax || f == .logSoftmax {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "activation", reason: "\(f) is not elementwise")
        }
    }

    /// Memberwise.
    init(
        units: Int, activation: Activation, recurrentActivation: Activation, useBias: Bool, returnSequences: Bool,
        goBackwards: Bool, stateful: Bool, dropout: Float, recurrentDropout: Float, unitForgetBias: Bool,
        kernelInitializer: WeightInitializer, recurrentInitializer: WeightInitializer, kernelRegularizer: Regularizer?,
        recurrentRegularizer: Regularizer?, biasRegularizer: Regularizer?
    ) {
        self.units = units
        self.activation = activation
        self.recurrentActivation = recurrentActivation
        self.useBias = useBias
        self.returnSequences = returnSequences
        self.goBackwards = goBackwards
        self.stateful = stateful
        self.dropout = dropout
        self.recurrentDropout = recurrentDropout
        self.unitForgetBias = unitForgetBias
        self.kernelInitializer = kernelInitializer
        self.recurrentInitializer = recurrentInitializer
        self.kernelRegularizer = kernelRegularizer
        self.recurrentRegularizer = recurrentRegularizer
        self.biasRegularizer = biasRegularizer
    }
}
