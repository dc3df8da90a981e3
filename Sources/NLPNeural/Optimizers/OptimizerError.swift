// NLPNeural: errors raised when an optimizer is configured or its state is restored.

/// Why an optimizer cannot be made from a configuration or cannot take a saved state.
public enum OptimizerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hyperparameter is out of range, e.g. a negative learning rate.
    case invalidHyperparameter(optimizer: String, name: String, value: String, reason: String)
    /// `OptimizerRegistry` does not know this type name.
    case unknownOptimizerType(String)
    /// `LearningRateScheduleRegistry` does not know this type name.
    case unknownScheduleType(String)
    /// A configuration value is missing or has the wrong JSON type.
    case badConfiguration(optimizer: String, key: String, expected: String)
    /// A saved state does not fit the parameter list it is loaded for.
    case stateMismatch(optimizer: String, reason: String)

    public var description: String {
        switch self {
        case .invalidHyperparameter(let optimizer, let name, let value, let reason):
            return "\(optimizer): \(name) = \(value) is invalid: \(reason)"
        case .unknownOptimizerType(let type):
            return "unknown optimizer type \"\(type)\" (known: SGD, RMSprop, Adam, AdamW, Adagrad)"
        case .unknownScheduleType(let type):
            return "unknown learning-rate schedule \"\(type)\" (known: ExponentialDecay, InverseTimeDecay, "
                + "PiecewiseConstantDecay, CosineDecay)"
        case .badConfiguration(let optimizer, let key, let expected):
            return "\(optimizer): configuration value \"\(key)\" is missing or not \(expected)"
        case .stateMismatch(let optimizer, let reason):
            return "\(optimizer): saved state does not fit the parameters: \(reason)"
        }
    }
}

/// Checks one hyperparameter; the built-in optimizers call these from `init` (as preconditions)
/// and from `OptimizerRegistry` (as thrown errors).
enum HyperparameterCheck {
    static func require(
        _ condition: Bool, _ optimizer: String, _ name: String, _ value: Float, _ reason: String
    ) throws(OptimizerError) {
        if !condition {
            throw .invalidHyperparameter(optimizer: optimizer, name: name, value: "\(value)", reason: reason)
        }
    }

    static func learningRate(_ value: Float, _ optimizer: String) throws(OptimizerError) {
        try require(value.isFinite && value >= 0, optimizer, "learningRate", value, "must be finite and ≥ 0")
    }

    static func unitInterval(_ value: Float, _ optimizer: String, _ name: String) throws(OptimizerError) {
        try require(value >= 0 && value <= 1, optimizer, name, value, "must lie in [0, 1]")
    }

    static func openUnitInterval(_ value: Float, _ optimizer: String, _ name: String) throws(OptimizerError) {
        try require(value >= 0 && value < 1, optimizer, name, value, "must lie in [0, 1)")
    }

    static func positive(_ value: Float, _ optimizer: String, _ name: String) throws(OptimizerError) {
        try require(value.isFinite && value > 0, optimizer, name, value, "must be finite and > 0")
    }

    static func nonNegative(_ value: Float, _ optimizer: String, _ name: String) throws(OptimizerError) {
        try require(value.isFinite && value >= 0, optimizer, name, value, "must be finite and ≥ 0")
    }

    /// Runs `check`, turning a failure into a precondition failure with the error's message.
    static func enforce(_ check: () throws -> Void) {
        do { try check() } catch { preconditionFailure(String(describing: error)) }
    }
}
