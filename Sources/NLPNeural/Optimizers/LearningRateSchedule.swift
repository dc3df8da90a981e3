// NLPNeural: learning rates that change with the step count (Keras `LearningRateSchedule`s).
import Foundation

/// A learning rate as a function of the optimizer's step count (`iterations`, starting at 0).
///
/// An optimizer given a schedule uses `learningRate(at: iterations)` for each update. Setting the
/// optimizer's `learningRate` afterwards (e.g. `ReduceLROnPlateau`) scales the schedule.
public protocol LearningRateSchedule: Sendable, CustomStringConvertible {
    /// The Keras class name, e.g. `"ExponentialDecay"`.
    static var typeName: String { get }
    /// The learning rate for update number `step` (0-based).
    func learningRate(at step: Int) -> Float
    /// The hyperparameters, Keras names, for model files.
    var configuration: [String: JSONValue] { get }
}

extension LearningRateSchedule {
    public var description: String { Self.typeName }
}

/// `lr₀ · rate^(step / decaySteps)`, the exponent floored when `staircase` (Keras `ExponentialDecay`).
public struct ExponentialDecay: LearningRateSchedule {
    /// The Keras class name.
    public static let typeName = "ExponentialDecay"
    /// The rate at step 0.
    public let initialLearningRate: Float
    /// The number of steps over which the rate decays once by `decayRate` (or to `alpha·lr₀` for cosine).
    public let decaySteps: Int
    /// The decay factor per `decaySteps`.
    public let decayRate: Float
    /// Whether the step ratio is floored (the rate changes in discrete jumps).
    public let staircase: Bool

    /// - Precondition: `initialLearningRate ≥ 0`, `decaySteps > 0`, `decayRate > 0`.
    public init(initialLearningRate: Float, decaySteps: Int, decayRate: Float, staircase: Bool = false) {
        precondition(
            initialLearningRate >= 0, "ExponentialDecay: initialLearningRate \(initialLearningRate) must be ≥ 0")
        precondition(decaySteps > 0, "ExponentialDecay: decaySteps \(decaySteps) must be positive")
        precondition(decayRate > 0, "ExponentialDecay: decayRate \(decayRate) must be positive")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.staircase = staircase
    }

    public func learningRate(at step: Int) -> Float {
        var p = Double(step) / Double(decaySteps)
        if staircase { p = p.rounded(.down) }
        return Float(Double(initialLearningRate) * pow(Double(decayRate), p))
    }

    public var configuration: [String: JSONValue] {
        [
            "initial_learning_rate": .number(Double(initialLearningRate)), "decay_steps": .number(Double(decaySteps)),
            "decay_rate": .number(Double(decayRate)), "staircase": .bool(staircase),
        ]
    }
}

/// `lr₀ / (1 + rate · step / decaySteps)`, the ratio floored when `staircase` (Keras `InverseTimeDecay`).
public struct InverseTimeDecay: LearningRateSchedule {
    /// The Keras class name.
    public static let typeName = "InverseTimeDecay"
    /// The rate at step 0.
    public let initialLearningRate: Float
    /// The number of steps over which the rate decays once by `decayRate` (or to `alpha·lr₀` for cosine).
    public let decaySteps: Int
    /// The decay factor per `decaySteps`.
    public let decayRate: Float
    /// Whether the step ratio is floored (the rate changes in discrete jumps).
    public let staircase: Bool

    /// - Precondition: `initialLearningRate ≥ 0`, `decaySteps > 0`, `decayRate ≥ 0`.
    public init(initialLearningRate: Float, decaySteps: Int, decayRate: Float, staircase: Bool = false) {
        precondition(
            initialLearningRate >= 0, "InverseTimeDecay: initialLearningRate \(initialLearningRate) must be ≥ 0")
        precondition(decaySteps > 0, "InverseTimeDecay: decaySteps \(decaySteps) must be positive")
        precondition(decayRate >= 0, "InverseTimeDecay: decayRate \(decayRate) must be ≥ 0")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.staircase = staircase
    }

    public func learningRate(at step: Int) -> Float {
        var p = Double(step) / Double(decaySteps)
        if staircase { p = p.rounded(.down) }
        return Float(Double(initialLearningRate) / (1 + Double(decayRate) * p))
    }

    public var configuration: [String: JSONValue] {
        [
            "initial_learning_rate": .number(Double(initialLearningRate)), "decay_steps": .number(Double(decaySteps)),
            "decay_rate": .number(Double(decayRate)), "staircase": .bool(staircase),
        ]
    }
}

/// `values[0]` while `step ≤ boundaries[0]`, `values[i]` while `boundaries[i−1] < step ≤ boundaries[i]`,
/// and the last value after the last boundary (Keras `PiecewiseConstantDecay`).
public struct PiecewiseConstantDecay: LearningRateSchedule {
    /// The Keras class name.
    public static let typeName = "PiecewiseConstantDecay"
    /// The steps at which the rate changes, increasing.
    public let boundaries: [Int]
    /// The rate of each piece, one more than `boundaries`.
    public let values: [Float]

    /// - Precondition: `values.count == boundaries.count + 1` and the boundaries increase.
    public init(boundaries: [Int], values: [Float]) {
        precondition(
            values.count == boundaries.count + 1,
            "PiecewiseConstantDecay: \(values.count) values need \(values.count - 1) boundaries, got \(boundaries.count)"
        )
        precondition(
            zip(boundaries, boundaries.dropFirst()).allSatisfy { $0 < $1 },
            "PiecewiseConstantDecay: boundaries \(boundaries) must increase")
        self.boundaries = boundaries
        self.values = values
    }

    public func learningRate(at step: Int) -> Float {
        for (index, boundary) in boundaries.enumerated() where step <= boundary { return values[index] }
        return values[values.count - 1]
    }

    public var configuration: [String: JSONValue] {
        [
            "boundaries": .array(boundaries.map { .number(Double($0)) }),
            "values": .array(values.map { .number(Double($0)) }),
        ]
    }
}

/// Cosine decay from `lr₀` to `alpha · lr₀` over `decaySteps`, then constant, with an optional
/// linear warm-up to `warmupTarget` first (Keras `CosineDecay`).
///
/// ```swift
/// decayed(s, from) = from · ((1 − α) · ½(1 + cos(π · min(s, decaySteps) / decaySteps)) + α)
/// no warm-up:   lr(step) = decayed(step, lr₀)
/// with warm-up: lr(step) = lr₀ + (target − lr₀) · step / warmupSteps        for step < warmupSteps
///               lr(step) = decayed(step − warmupSteps, target)              afterwards
/// ```
public struct CosineDecay: LearningRateSchedule {
    /// The Keras class name.
    public static let typeName = "CosineDecay"
    /// The rate at step 0.
    public let initialLearningRate: Float
    /// The number of steps over which the rate decays once by `decayRate` (or to `alpha·lr₀` for cosine).
    public let decaySteps: Int
    /// The final rate as a fraction of the starting one.
    public let alpha: Float
    /// The rate reached at the end of the warm-up (and decayed from), or `nil` for no warm-up.
    public let warmupTarget: Float?
    /// The length of the linear warm-up.
    public let warmupSteps: Int

    /// - Precondition: `decaySteps > 0`, `alpha ∈ [0, 1]`, `warmupSteps ≥ 0`.
    public init(
        initialLearningRate: Float, decaySteps: Int, alpha: Float = 0, warmupTarget: Float? = nil,
        warmupSteps: Int = 0
    ) {
        precondition(initialLearningRate >= 0, "CosineDecay: initialLearningRate \(initialLearningRate) must be ≥ 0")
        precondition(decaySteps > 0, "CosineDecay: decaySteps \(decaySteps) must be positive")
        precondition(alpha >= 0 && alpha <= 1, "CosineDecay: alpha \(alpha) must lie in [0, 1]")
        precondition(warmupSteps >= 0, "CosineDecay: warmupSteps \(warmupSteps) must be ≥ 0")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.alpha = alpha
        self.warmupTarget = warmupTarget
        self.warmupSteps = warmupSteps
    }

    /// The half-cosine factor `½(1 + cos(π · fraction))`: 1 at `fraction` 0, 0 at 1.
    public static func cosineFactor(atFraction fraction: Double) -> Double {
        0.5 * (1 + cos(Double.pi * fraction))
    }

    public func learningRate(at step: Int) -> Float {
        func decayed(_ s: Int, from rate: Double) -> Double {
            let cosine = Self.cosineFactor(atFraction: Double(min(s, decaySteps)) / Double(decaySteps))
            return rate * ((1 - Double(alpha)) * cosine + Double(alpha))
        }
        guard let warmupTarget else { return Float(decayed(step, from: Double(initialLearningRate))) }
        if step < warmupSteps {
            let fraction = Double(step) / Double(warmupSteps)
            return Float(
                Double(initialLearningRate) + (Double(warmupTarget) - Double(initialLearningRate)) * fraction)
        }
        return Float(decayed(step - warmupSteps, from: Double(warmupTarget)))
    }

    public var configuration: [String: JSONValue] {
        [
            "initial_learning_rate": .number(Double(initialLearningRate)), "decay_steps": .number(Double(decaySteps)),
            "alpha": .number(Double(alpha)), "warmup_target": warmupTarget.map { .number(Double($0)) } ?? .null,
            "warmup_steps": .number(Double(warmupSteps)),
        ]
    }
}
