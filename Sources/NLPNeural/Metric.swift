// NLPNeural: the shape shared by every metric.
import NLPCore

/// A running metric over the batches of an epoch (Keras `Metric`: `reset_state`, `update_state`,
/// `result`).
public protocol Metric: AnyObject, CustomStringConvertible {
    /// The name shown in progress bars and histories, Keras style: `"accuracy"`, `"precision"`.
    var name: String { get }
    /// Hyperparameters for model files (e.g. `k` of top-k accuracy, a threshold).
    var configuration: [String: JSONValue] { get }
    /// Forgets every batch seen so far.
    func reset()
    /// Adds one batch.
    func update(predictions: Tensor, targets: Tensor)
    /// The value over the batches since the last `reset()`.
    var result: Float { get }
}

extension Metric {
    public var description: String { name }
}
