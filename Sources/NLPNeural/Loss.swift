// NLPNeural: the shape shared by every loss function.
import NLPCore

/// A loss value and its gradient with respect to the predictions.
public struct LossResult: Sendable {
    /// The reduced loss (Keras `sum_over_batch_size`: Σ wᵢ·lᵢ / number of per-sample losses).
    public var value: Float
    /// ∂value/∂predictions, same shape as the predictions.
    public var gradient: Tensor

    public init(value: Float, gradient: Tensor) {
        self.value = value
        self.gradient = gradient
    }
}

/// A differentiable loss, numerically stable, on predictions `[batch, …]`.
///
/// Reduction follows Keras's default: the per-sample losses (one per batch row, or one per
/// `[batch, time]` step for sequence outputs) are multiplied by the optional `sampleWeights`
/// (`[batch]`, broadcast over time) and summed, then divided by their number.
public protocol Loss: Sendable, CustomStringConvertible {
    /// The Keras name, e.g. `"binary_crossentropy"`; model files store it.
    var name: String { get }
    /// Hyperparameters such as `from_logits`, for model files.
    var configuration: [String: JSONValue] { get }
    /// The reduced loss and ∂loss/∂predictions.
    func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult
}

extension Loss {
    public var description: String { name }

    /// The reduced loss and its gradient without sample weights.
    public func compute(predictions: Tensor, targets: Tensor) -> LossResult {
        compute(predictions: predictions, targets: targets, sampleWeights: nil)
    }
}
