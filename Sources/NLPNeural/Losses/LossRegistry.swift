// NLPNeural: losses by Keras name, for compile strings and model files.

/// Makes losses from their Keras names and configurations.
///
/// ```swift
/// let loss = try LossRegistry.makeLoss(name: "binary_crossentropy", configuration: ["from_logits": .bool(true)])
/// ```
public enum LossRegistry {
    /// Every accepted name: Keras function names, their short aliases and class names.
    public static var knownNames: [String] { makers.keys.sorted() }

    private static let makers: [String: @Sendable (Bool) -> any Loss] = {
        var makers: [String: @Sendable (Bool) -> any Loss] = [:]
        func add(_ names: [String], _ make: @escaping @Sendable (Bool) -> any Loss) {
            for name in names { makers[name] = make }
        }
        add(["binary_crossentropy", "BinaryCrossentropy"]) { BinaryCrossentropy(fromLogits: $0) }
        add(["categorical_crossentropy", "CategoricalCrossentropy"]) { CategoricalCrossentropy(fromLogits: $0) }
        add(["sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"]) {
            SparseCategoricalCrossentropy(fromLogits: $0)
        }
        add(["mean_squared_error", "mse", "MeanSquaredError"]) { _ in MeanSquaredError() }
        add(["mean_absolute_error", "mae", "MeanAbsoluteError"]) { _ in MeanAbsoluteError() }
        add(["mean_absolute_percentage_error", "mape", "MeanAbsolutePercentageError"]) { _ in
            MeanAbsolutePercentageError()
        }
        add(["mean_squared_logarithmic_error", "msle", "MeanSquaredLogarithmicError"]) { _ in
            MeanSquaredLogarithmicError()
        }
        add(["hinge", "Hinge"]) { _ in Hinge() }
        add(["squared_hinge", "SquaredHinge"]) { _ in SquaredHinge() }
        return makers
    }()

    /// The loss called `name` (e.g. `"mse"`, `"sparse_categorical_crossentropy"`), configured by
    /// `configuration` (`"from_logits"` for the crossentropies; other keys are ignored).
    /// - Throws: `LossError.unknownLoss` for an unknown name, `LossError.invalidConfiguration` when
    ///   `from_logits` is not a Boolean.
    public static func makeLoss(name: String, configuration: [String: JSONValue] = [:]) throws -> any Loss {
        guard let make = makers[name] else { throw LossError.unknownLoss(name) }
        var fromLogits = false
        switch configuration["from_logits"] {
        case nil, .null?: break
        case .bool(let value)?: fromLogits = value
        default: throw LossError.invalidConfiguration(loss: name, key: "from_logits", expected: "Boolean")
        }
        return make(fromLogits)
    }
}
