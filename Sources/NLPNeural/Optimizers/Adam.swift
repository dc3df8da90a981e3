// NLPNeural: Adam, in Keras's form with the bias correction folded into the step size.
import Foundation
import NLPCore

/// Adaptive moment estimation, Keras's `Adam` update (Kingma & Ba's "efficient version").
///
/// ```swift
/// t = iterations + 1
/// lr_t = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ)
/// m ← m + (g − m)·(1 − β₁)                            (m, v start at 0)
/// v ← v + (g² − v)·(1 − β₂)
/// w ← w − lr_t · m / (√v + ε)
/// ```
///
/// Based on: https://github.com/keras-team/keras/blob/master/keras/src/optimizers/adam.py
///
/// [1]: Kingma, Ba, 2015, "Adam: A Method for Stochastic Optimization", §2.
public final class Adam: BuiltInOptimizer {
    public static let typeName = "Adam"
    /// The decay of the first moment.
    public let beta1: Float
    /// The decay of the second moment.
    public let beta2: Float
    /// The constant added to `√v`.
    public let epsilon: Float
    let core: OptimizerCore

    /// Creates the optimizer.
    /// - Precondition: `learningRate ≥ 0`, `beta1, beta2 ∈ [0, 1)`, `epsilon > 0`, clipping bounds > 0.
    public init(
        learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
        clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil,
        schedule: (any LearningRateSchedule)? = nil
    ) {
        core = AdamUpdate.makeCore(
            "Adam", learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            clipping: GradientClipping(clipNorm: clipNorm, clipValue: clipValue, globalClipNorm: globalClipNorm),
            schedule: schedule)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// The schedule, if the learning rate follows one.
    public var schedule: (any LearningRateSchedule)? { core.schedule }

    public func update(_ parameters: [Parameter]) {
        AdamUpdate.step(core, parameters, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: 0)
    }

    public var configuration: [String: JSONValue] {
        AdamUpdate.configuration(core, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    public var description: String {
        "Adam(learningRate: \(learningRate), beta1: \(beta1), beta2: \(beta2), epsilon: \(epsilon))"
    }
}

/// The element-wise Adam step shared by `Adam` and `AdamW`.
enum AdamUpdate {
    static func validate(
        _ name: String, learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, clipping: GradientClipping
    ) throws(OptimizerError) {
        try HyperparameterCheck.learningRate(learningRate, name)
        try HyperparameterCheck.openUnitInterval(beta1, name, "beta1")
        try HyperparameterCheck.openUnitInterval(beta2, name, "beta2")
        try HyperparameterCheck.positive(epsilon, name, "epsilon")
        try clipping.validate(optimizer: name)
    }

    /// Checks the hyperparameters (`validate`, then `extraChecks`; a failure stops the program) and
    /// makes the core with the `momentum` and `velocity` slots.
    static func makeCore(
        _ name: String, learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, clipping: GradientClipping,
        schedule: (any LearningRateSchedule)?, extraChecks: () throws(OptimizerError) -> Void = {}
    ) -> OptimizerCore {
        HyperparameterCheck.enforce {
            try validate(
                name, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, clipping: clipping)
            try extraChecks()
        }
        return OptimizerCore(
            optimizerName: name, slotNames: ["momentum", "velocity"], learningRate: learningRate, schedule: schedule,
            clipping: clipping)
    }

    /// One step; with `weightDecay > 0` the weights first shrink by `w·λ·lr` (decoupled decay).
    static func step(
        _ core: OptimizerCore, _ parameters: [Parameter], beta1: Float, beta2: Float, epsilon: Float,
        weightDecay: Float
    ) {
        let t = Double(core.iterations + 1)
        // The bias corrections in Double: 1 − β₂ᵗ underflows Float32 precision early on.
        let correction = Float((1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
        core.step(parameters) { w, g, slots, clip, lr in
            let m = slots[0]
            let v = slots[1]
            let alpha = lr * correction
            // w·(1 − λ·lr) is exact for λ = 0, so Adam and AdamW share the loop.
            let keep = 1 - weightDecay * lr
            let count = w.count
            let wp = w.baseAddress!
            let gp = g.baseAddress!
            // 16 lanes at a time (see `Lanes`), then the scalar tail.
            var i = 0
            while i + 16 <= count {
                let gi = clip(Lanes.load(gp + i))
                var mi = Lanes.load(m + i)
                var vi = Lanes.load(v + i)
                var wi = Lanes.load(wp + i) * keep
                mi += (gi - mi) * (1 - beta1)
                vi += (gi * gi - vi) * (1 - beta2)
                wi -= alpha * mi / (vi.squareRoot() + epsilon)
                Lanes.store(mi, m + i)
                Lanes.store(vi, v + i)
                Lanes.store(wi, wp + i)
                i += 16
            }
            while i < count {
                let gi = clip(gp[i])
                m[i] += (gi - m[i]) * (1 - beta1)
                v[i] += (gi * gi - v[i]) * (1 - beta2)
                wp[i] = wp[i] * keep - alpha * m[i] / (v[i].squareRoot() + epsilon)
                i += 1
            }
        }
    }

    static func configuration(
        _ core: OptimizerCore, beta1: Float, beta2: Float, epsilon: Float
    ) -> [String: JSONValue] {
        var configuration = core.baseConfiguration
        configuration["beta_1"] = .number(Double(beta1))
        configuration["beta_2"] = .number(Double(beta2))
        configuration["epsilon"] = .number(Double(epsilon))
        return configuration
    }
}
