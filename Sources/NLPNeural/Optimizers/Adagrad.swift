// NLPNeural: Adagrad.
import NLPCore

/// Divides each step by the root of the summed squared gradients, Keras's `Adagrad` update.
///
/// ```swift
/// a ← a + g²                                          (a starts at initialAccumulator)
/// w ← w − lr · g / √(a + ε)
/// ```
///
/// Based on: https://github.com/keras-team/keras/blob/master/keras/src/optimizers/adagrad.py
public final class Adagrad: BuiltInOptimizer {
    public static let typeName = "Adagrad"
    /// The accumulator's starting value.
    public let initialAccumulator: Float
    /// The constant added under the square root.
    public let epsilon: Float
    let core: OptimizerCore

    /// Creates the optimizer.
    /// - Precondition: `learningRate ≥ 0`, `initialAccumulator ≥ 0`, `epsilon > 0`, clipping bounds > 0.
    public init(
        learningRate: Float = 0.001, initialAccumulator: Float = 0.1, epsilon: Float = 1e-7, clipNorm: Float? = nil,
        clipValue: Float? = nil, globalClipNorm: Float? = nil, schedule: (any LearningRateSchedule)? = nil
    ) {
        let clipping = GradientClipping(clipNorm: clipNorm, clipValue: clipValue, globalClipNorm: globalClipNorm)
        HyperparameterCheck.enforce {
            try HyperparameterCheck.learningRate(learningRate, "Adagrad")
            try HyperparameterCheck.nonNegative(initialAccumulator, "Adagrad", "initialAccumulator")
            try HyperparameterCheck.positive(epsilon, "Adagrad", "epsilon")
            try clipping.validate(optimizer: "Adagrad")
        }
        self.initialAccumulator = initialAccumulator
        self.epsilon = epsilon
        core = OptimizerCore(
            optimizerName: "Adagrad", slotNames: ["accumulator"], slotInitialValue: initialAccumulator,
            learningRate: learningRate, schedule: schedule, clipping: clipping)
    }

    /// The schedule, if the learning rate follows one.
    public var schedule: (any LearningRateSchedule)? { core.schedule }

    public func update(_ parameters: [Parameter]) {
        let epsilon = self.epsilon
        core.step(parameters) { w, g, slots, clip, lr in
            let a = slots[0]
            let wp = w.baseAddress!
            let gp = g.baseAddress!
            var i = 0
            while i + 16 <= w.count {
                let gi = clip(Lanes.load(gp + i))
                let ai = Lanes.load(a + i) + gi * gi
                Lanes.store(ai, a + i)
                Lanes.store(Lanes.load(wp + i) - lr * gi / (ai + epsilon).squareRoot(), wp + i)
                i += 16
            }
            while i < w.count {
                let gi = clip(gp[i])
                a[i] += gi * gi
                wp[i] -= lr * gi / (a[i] + epsilon).squareRoot()
                i += 1
            }
        }
    }

    public var configuration: [String: JSONValue] {
        var configuration = core.baseConfiguration
        configuration["initial_accumulator_value"] = .number(Double(initialAccumulator))
        configuration["epsilon"] = .number(Double(epsilon))
        return configuration
    }

    public var description: String {
        "Adagrad(learningRate: \(learningRate), initialAccumulator: \(initialAccumulator), epsilon: \(epsilon))"
    }
}
