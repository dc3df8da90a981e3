// NLPNeural: RMSprop, optionally centred and with momentum.
import NLPCore

/// Divides the gradient by a running root mean square, Keras's `RMSprop` update.
///
/// ```swift
/// v ← ρ·v + (1 − ρ)·g²                               (v starts at 0)
/// centered:  ḡ ← ρ·ḡ + (1 − ρ)·g;  d = v − ḡ² + ε
/// otherwise: d = v + ε
/// Δ = lr · g / √d
/// momentum > 0: m ← momentum·m + Δ;  w ← w − m
/// otherwise:    w ← w − Δ
/// ```
///
/// Based on: https://github.com/keras-team/keras/blob/master/keras/src/optimizers/rmsprop.py
public final class RMSprop: BuiltInOptimizer {
    public static let typeName = "RMSprop"
    /// The decay of the squared-gradient average.
    public let rho: Float
    /// The momentum factor (0 = none).
    public let momentum: Float
    /// The constant added under the square root.
    public let epsilon: Float
    /// Whether the gradient's running mean is subtracted (variance instead of second moment).
    public let centered: Bool
    let core: OptimizerCore

    /// Creates the optimizer.
    /// - Precondition: `learningRate ≥ 0`, `rho ∈ [0, 1)`, `momentum ∈ [0, 1]`, `epsilon > 0`,
    ///   clipping bounds > 0.
    public init(
        learningRate: Float = 0.001, rho: Float = 0.9, momentum: Float = 0, epsilon: Float = 1e-7,
        centered: Bool = false, clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil,
        schedule: (any LearningRateSchedule)? = nil
    ) {
        let clipping = GradientClipping(clipNorm: clipNorm, clipValue: clipValue, globalClipNorm: globalClipNorm)
        HyperparameterCheck.enforce {
            try HyperparameterCheck.learningRate(learningRate, "RMSprop")
            try HyperparameterCheck.openUnitInterval(rho, "RMSprop", "rho")
            try HyperparameterCheck.unitInterval(momentum, "RMSprop", "momentum")
            try HyperparameterCheck.positive(epsilon, "RMSprop", "epsilon")
            try clipping.validate(optimizer: "RMSprop")
        }
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
        var slotNames = ["velocity"]
        if momentum > 0 { slotNames.append("momentum") }
        if centered { slotNames.append("average_gradient") }
        core = OptimizerCore(
            optimizerName: "RMSprop", slotNames: slotNames, learningRate: learningRate, schedule: schedule,
            clipping: clipping)
    }

    /// The schedule, if the learning rate follows one.
    public var schedule: (any LearningRateSchedule)? { core.schedule }

    public func update(_ parameters: [Parameter]) {
        let (rho, momentum, epsilon, centered) = (rho, momentum, epsilon, centered)
        core.step(parameters) { w, g, slots, clip, lr in
            let v = slots[0]
            let m: UnsafeMutablePointer<Float>? = momentum > 0 ? slots[1] : nil
            let average: UnsafeMutablePointer<Float>? = centered ? slots[momentum > 0 ? 2 : 1] : nil
            let wp = w.baseAddress!
            let gp = g.baseAddress!
            var i = 0
            while i + 16 <= w.count {
                let gi = clip(Lanes.load(gp + i))
                let vi = rho * Lanes.load(v + i) + (1 - rho) * gi * gi
                Lanes.store(vi, v + i)
                var denominator = vi + epsilon
                if let average {
                    let ai = rho * Lanes.load(average + i) + (1 - rho) * gi
                    Lanes.store(ai, average + i)
                    denominator -= ai * ai
                }
                let increment = lr * gi / denominator.squareRoot()
                if let m {
                    let mi = momentum * Lanes.load(m + i) + increment
                    Lanes.store(mi, m + i)
                    Lanes.store(Lanes.load(wp + i) - mi, wp + i)
                } else {
                    Lanes.store(Lanes.load(wp + i) - increment, wp + i)
                }
                i += 16
            }
            while i < w.count {
                let gi = clip(gp[i])
                v[i] = rho * v[i] + (1 - rho) * gi * gi
                var denominator = v[i] + epsilon
                if let average {
                    average[i] = rho * average[i] + (1 - rho) * gi
                    denominator -= average[i] * average[i]
                }
                let increment = lr * gi / denominator.squareRoot()
                if let m {
                    m[i] = momentum * m[i] + increment
                    wp[i] -= m[i]
                } else {
                    wp[i] -= increment
                }
                i += 1
            }
        }
    }

    public var configuration: [String: JSONValue] {
        var configuration = core.baseConfiguration
        configuration["rho"] = .number(Double(rho))
        configuration["momentum"] = .number(Double(momentum))
        configuration["epsilon"] = .number(Double(epsilon))
        configuration["centered"] = .bool(centered)
        return configuration
    }

    public var description: String {
        "RMSprop(learningRate: \(learningRate), rho: \(rho), momentum: \(momentum), centered: \(centered))"
    }
}
