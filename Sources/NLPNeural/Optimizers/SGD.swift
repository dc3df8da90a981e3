// NLPNeural: stochastic gradient descent with optional (Nesterov) momentum.
import NLPCore

/// Gradient descent with optional momentum, Keras's `SGD` update.
///
/// ```swift
/// momentum == 0:  w ← w − lr · g
/// otherwise:      m ← momentum · m − lr · g          (m starts at 0)
///                 w ← w + m                           (plain)
///                 w ← w + momentum · m − lr · g       (nesterov)
/// ```
///
/// Based on: https://github.com/keras-team/keras/blob/master/keras/src/optimizers/sgd.py
public final class SGD: BuiltInOptimizer {
    public static let typeName = "SGD"
    /// The momentum factor in `[0, 1]`.
    public let momentum: Float
    /// Whether the Nesterov form is used.
    public let nesterov: Bool
    let core: OptimizerCore

    /// Creates the optimizer.
    /// - Parameters:
    ///   - learningRate: the step size (ignored when `schedule` is given).
    ///   - schedule: a learning rate by step, replacing the constant.
    ///   - clipNorm, clipValue, globalClipNorm: gradient clipping (`GradientClipping`), at most one.
    /// - Precondition: `learningRate ≥ 0`, `momentum ∈ [0, 1]`, clipping bounds > 0.
    public init(
        learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false, clipNorm: Float? = nil,
        clipValue: Float? = nil, globalClipNorm: Float? = nil, schedule: (any LearningRateSchedule)? = nil
    ) {
        let clipping = GradientClipping(clipNorm: clipNorm, clipValue: clipValue, globalClipNorm: globalClipNorm)
        HyperparameterCheck.enforce {
            try HyperparameterCheck.learningRate(learningRate, "SGD")
            try HyperparameterCheck.unitInterval(momentum, "SGD", "momentum")
            try clipping.validate(optimizer: "SGD")
        }
        self.momentum = momentum
        self.nesterov = nesterov
        core = OptimizerCore(
            optimizerName: "SGD", slotNames: momentum != 0 ? ["momentum"] : [], learningRate: learningRate,
            schedule: schedule, clipping: clipping)
    }

    /// The schedule, if the learning rate follows one.
    public var schedule: (any LearningRateSchedule)? { core.schedule }
    /// The clipping rule.
    public var clipping: GradientClipping { core.clipping }

    public func update(_ parameters: [Parameter]) {
        let momentum = self.momentum
        let nesterov = self.nesterov
        core.step(parameters) { w, g, slots, clip, lr in
            guard momentum != 0 else {
                for i in 0 ..< w.count { w[i] -= lr * clip(g[i]) }
                return
            }
            let m = slots[0]
            for i in 0 ..< w.count {
                let gi = clip(g[i])
                m[i] = momentum * m[i] - lr * gi
                w[i] += nesterov ? momentum * m[i] - lr * gi : m[i]
            }
        }
    }

    public var configuration: [String: JSONValue] {
        var configuration = core.baseConfiguration
        configuration["momentum"] = .number(Double(momentum))
        configuration["nesterov"] = .bool(nesterov)
        return configuration
    }

    public var description: String {
        "SGD(learningRate: \(learningRate), momentum: \(momentum), nesterov: \(nesterov))"
    }
}
