// NLPNeural: mean squared, absolute, absolute percentage and squared logarithmic errors.
import NLPCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The mean of `(p − y)²` over the last axis (Keras `MeanSquaredError`, `"mse"`).
///
/// ```swift
/// l = mean_c (p_c − y_c)²,   ∂l/∂p_c = 2(p_c − y_c) / width
/// ```
public struct MeanSquaredError: Loss {
    /// Creates the loss.
    public init() {}

    public var name: String { "mean_squared_error" }
    public var configuration: [String: JSONValue] { [:] }

    public func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        LossRows.elementwiseMean(predictions: predictions, targets: targets, sampleWeights: sampleWeights, loss: name) {
            p, y in
            let difference = p - y
            return (difference * difference, 2 * difference)
        }
    }
}

/// The mean of `|p − y|` over the last axis (Keras `MeanAbsoluteError`, `"mae"`).
///
/// ```swift
/// l = mean_c |p_c − y_c|,   ∂l/∂p_c = sign(p_c − y_c) / width   (0 where p = y)
/// ```
public struct MeanAbsoluteError: Loss {
    /// Creates the loss.
    public init() {}

    public var name: String { "mean_absolute_error" }
    public var configuration: [String: JSONValue] { [:] }

    public func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        LossRows.elementwiseMean(predictions: predictions, targets: targets, sampleWeights: sampleWeights, loss: name) {
            p, y in
            let difference = p - y
            return (abs(difference), difference > 0 ? 1 : (difference < 0 ? -1 : 0))
        }
    }
}

/// `100 ·` the mean of `|y − p| / max(|y|, ε)` over the last axis (Keras
/// `MeanAbsolutePercentageError`, `"mape"`, ε = 1e-7).
///
/// ```swift
/// l = 100 · mean_c |y_c − p_c| / max(|y_c|, ε),   ∂l/∂p_c = 100 · sign(p_c − y_c) / max(|y_c|, ε) / width
/// ```
public struct MeanAbsolutePercentageError: Loss {
    /// Creates the loss.
    public init() {}

    public var name: String { "mean_absolute_percentage_error" }
    public var configuration: [String: JSONValue] { [:] }

    public func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        let epsilon = crossentropyEpsilon
        return LossRows.elementwiseMean(
            predictions: predictions, targets: targets, sampleWeights: sampleWeights, loss: name
        ) { p, y in
            let scale = 100 / max(abs(y), epsilon)
            let difference = p - y
            return (scale * abs(difference), difference > 0 ? scale : (difference < 0 ? -scale : 0))
        }
    }
}

/// The mean of `(log(p + 1) − log(y + 1))²` over the last axis, with `p` and `y` floored at ε
/// (Keras `MeanSquaredLogarithmicError`, `"msle"`).
///
/// ```swift
/// l = mean_c (log(max(p_c, ε) + 1) − log(max(y_c, ε) + 1))²
/// ∂l/∂p_c = 2(log(p̃_c + 1) − log(ỹ_c + 1)) / (p̃_c + 1) / width   (0 where p < ε)
/// ```
public struct MeanSquaredLogarithmicError: Loss {
    /// Creates the loss.
    public init() {}

    public var name: String { "mean_squared_logarithmic_error" }
    public var configuration: [String: JSONValue] { [:] }

    public func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        let epsilon = crossentropyEpsilon
        return LossRows.elementwiseMean(
            predictions: predictions, targets: targets, sampleWeights: sampleWeights, loss: name
        ) { p, y in
            let floored = max(p, epsilon)
            let difference = log1p(floored) - log1p(max(y, epsilon))
            return (difference * difference, p > epsilon ? 2 * difference / (floored + 1) : 0)
        }
    }
}
