// NLPNeural: the Optimizer members every built-in optimizer forwards to its OptimizerCore.
import NLPCore

/// A built-in optimizer: a thin wrapper around an `OptimizerCore`.
///
/// The extension below supplies the learning rate, the iteration count and saving/restoring the
/// slots by forwarding to `core`, so `SGD`, `Adam`, `AdamW`, `RMSprop` and `Adagrad` only declare
/// their hyperparameters, `update(_:)`, `configuration` and `description`.
protocol BuiltInOptimizer: Optimizer {
    /// The learning rate, iteration count, clipping and per-parameter slots.
    var core: OptimizerCore { get }
}

extension BuiltInOptimizer {
    public var learningRate: Float {
        get { core.learningRate }
        set { core.learningRate = newValue }
    }
    public var iterations: Int { core.iterations }

    public func stateTensors(for parameters: [Parameter]) -> [String: Tensor] { core.stateTensors(for: parameters) }

    public func loadState(_ state: [String: Tensor], for parameters: [Parameter]) throws {
        try core.loadState(state, for: parameters)
    }
}
