// NLPNeural: the shape shared by every optimizer.
import NLPCore

/// Updates parameters from their gradients; holds per-parameter state (moments, accumulators).
///
/// State is keyed by the parameter object, and for model files by the parameter's position in the
/// list given to `update`, so save → load → continue training gives the same steps.
public protocol Optimizer: AnyObject, CustomStringConvertible {
    /// The Keras class name, e.g. `"Adam"`; model files store it.
    static var typeName: String { get }
    /// The learning rate of the next step (schedules and callbacks change it).
    var learningRate: Float { get set }
    /// The number of updates done so far.
    var iterations: Int { get }
    /// Applies one step to every trainable parameter in `parameters` from its `gradient`.
    func update(_ parameters: [Parameter])
    /// Hyperparameters for model files.
    var configuration: [String: JSONValue] { get }
    /// The state to save, named `"<index>/<slot>"` (index into `parameters`), plus `"iterations"`.
    func stateTensors(for parameters: [Parameter]) -> [String: Tensor]
    /// Restores state saved by `stateTensors(for:)` for the same parameter list.
    /// - Throws: when a tensor is missing or has the wrong shape.
    func loadState(_ state: [String: Tensor], for parameters: [Parameter]) throws
}

extension Optimizer {
    public var description: String { Self.typeName }
}
