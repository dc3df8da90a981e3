// NLPNeural: Adam with decoupled weight decay.
import NLPCore

/// Adam with decoupled weight decay (Loshchilov & Hutter), Keras's `AdamW`: before the Adam step
/// the weights shrink by a fraction of themselves, independent of the gradient.
///
/// ```swift
/// w ← w − w · λ · lr                                  (λ = weightDecay, lr = this step's rate)
/// then the Adam update of `Adam`
/// ```
///
/// Every trainable parameter decays, biases included (Keras's default without
/// `exclude_from_weight_decay`).
///
/// [1]: Loshchilov, Hutter, 2019, "Decoupled Weight Decay Regularization".
public final class AdamW: BuiltInOptimizer {
    public static let typeName = "AdamW"
    /// The decay factor λ.
    public let weightDecay: Float
    /// The decay of the first moment.
    public let beta1: Float
    /// The decay of the second moment.
    public let beta2: Float
    /// The constant added to `√v`.
    public let epsilon: Float
    let core: OptimizerCore

    /// Creates the optimizer.
    /// - Precondition: `learningRate ≥ 0`, `weightDecay ≥ 0`, `beta1, beta2 ∈ [0, 1)`, `epsilon > 0`.
    public init(
        learningRate: Float = 0.001, weightDecay: Float = 0.004, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-7, clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil,
        schedule: (any LearningRateSchedule)? = nil
    ) {
        core = AdamUpdate.makeCore(
            "AdamW", learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            clipping: GradientClipping(clipNorm: clipNorm, clipValue: clipValue, globalClipNorm: globalClipNorm),
            schedule: schedule
        ) { () throws(OptimizerError) in
            try HyperparameterCheck.nonNegative(weightDecay, "AdamW", "weightDecay")
        }
        self.weightDecay = weightDecay
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// The schedule, if the learning rate follows one.
    public var schedule: (any LearningRateSchedule)? { core.schedule }

    public func update(_ parameters: [Parameter]) {
        AdamUpdate.step(core, parameters, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
    }

    public var configuration: [String: JSONValue] {
        var configuration = AdamUpdate.configuration(core, beta1: beta1, beta2: beta2, epsilon: epsilon)
        configuration["weight_decay"] = .number(Double(weightDecay))
        return configuration
    }

    public var description: String {
        "AdamW(learningRate: \(learningRate), weightDecay: \(weightDecay), beta1: \(beta1), beta2: \(beta2))"
    }
}
