// Test-only losses, metrics, layers and callbacks for the optimizer and training tests.
// The library's own losses and metrics are written elsewhere; these stand-ins let the training
// loop be tested against the `Loss`/`Metric` protocols alone. They are NOT library code.
import Foundation
import NLPCore
import NLPNeural

/// Mean squared error over the last axis, Keras reduction: Σᵢ wᵢ·mean_j (pᵢⱼ − tᵢⱼ)² / N.
/// Gradient: ∂/∂pᵢⱼ = wᵢ · 2(pᵢⱼ − tᵢⱼ) / (D · N).
struct TestOnlyMeanSquaredError: Loss {
    var name: String { "test_mse" }
    var configuration: [String: JSONValue] { [:] }

    func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        precondition(predictions.count == targets.count, "test MSE: \(predictions.shape) vs \(targets.shape)")
        let n = predictions.shape[0]
        let d = predictions.count / n
        var gradient = Tensor(zeros: predictions.shape)
        var total: Double = 0
        let p = predictions.scalars
        let t = targets.scalars
        let w = sampleWeights?.scalars
        gradient.withUnsafeMutableBufferPointer { g in
            for i in 0 ..< n {
                let weight = w?[i] ?? 1
                var sum: Double = 0
                for j in 0 ..< d {
                    let diff = p[i * d + j] - t[i * d + j]
                    sum += Double(diff * diff)
                    g[i * d + j] = weight * 2 * diff / Float(d * n)
                }
                total += Double(weight) * sum / Double(d)
            }
        }
        return LossResult(value: Float(total / Double(n)), gradient: gradient)
    }
}

/// Binary cross-entropy on probabilities (clipped to [1e-7, 1 − 1e-7]), Keras reduction.
/// Gradient: ∂/∂p = w · (p − t) / (p(1 − p)) / (D · N).
struct TestOnlyBinaryCrossentropy: Loss {
    var name: String { "test_bce" }
    var configuration: [String: JSONValue] { [:] }

    func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        let n = predictions.shape[0]
        let d = predictions.count / n
        let epsilon: Float = 1e-7
        var gradient = Tensor(zeros: predictions.shape)
        var total: Double = 0
        let p = predictions.scalars
        let t = targets.scalars
        let w = sampleWeights?.scalars
        gradient.withUnsafeMutableBufferPointer { g in
            for i in 0 ..< n {
                let weight = w?[i] ?? 1
                var sum: Double = 0
                for j in 0 ..< d {
                    let q = min(max(p[i * d + j], epsilon), 1 - epsilon)
                    let y = t[i * d + j]
                    let positive = Double(y) * Foundation.log(Double(q))
                    let negative = Double(1 - y) * Foundation.log(Double(1 - q))
                    sum -= positive + negative
                    g[i * d + j] = weight * (q - y) / (q * (1 - q)) / Float(d * n)
                }
                total += Double(weight) * sum / Double(d)
            }
        }
        return LossResult(value: Float(total / Double(n)), gradient: gradient)
    }
}

/// The fraction of scalars where `p > 0.5` agrees with `t > 0.5`.
final class TestOnlyBinaryAccuracy: Metric {
    var name: String { "accuracy" }
    var configuration: [String: JSONValue] { [:] }
    private var correct = 0
    private var total = 0

    func reset() {
        correct = 0
        total = 0
    }

    func update(predictions: Tensor, targets: Tensor) {
        for (p, t) in zip(predictions.scalars, targets.scalars) where (p > 0.5) == (t > 0.5) { correct += 1 }
        total += predictions.count
    }

    var result: Float { total == 0 ? 0 : Float(correct) / Float(total) }
}

/// Overwrites one log key per epoch with scripted values and records the weights at each epoch
/// end, so monitor-driven callbacks can be tested on a known sequence.
final class ScriptedLogs: Callback {
    let key: String
    let values: [Float]
    private(set) var weightsByEpoch: [[Tensor]] = []
    private(set) var learningRates: [Float] = []

    init(key: String, values: [Float]) {
        self.key = key
        self.values = values
    }

    func onEpochEnd(_ model: Sequential, epoch: Int, logs: inout [String: Float]) throws {
        logs[key] = values[epoch]
        weightsByEpoch.append(model.weights())
        learningRates.append(model.optimizer!.learningRate)
    }
}

/// A parameterless identity layer that can create a mask (1 where the first feature ≠ 0) and
/// records the masks it receives.
final class TestOnlyMaskLayer: Layer {
    static let typeName = "TestOnlyMask"
    var name: String
    private(set) var inputShape: [Int]?
    let createsMask: Bool
    private(set) var receivedMasks: [Tensor?] = []

    init(createsMask: Bool, name: String = "") {
        self.createsMask = createsMask
        self.name = name
    }

    convenience init(configuration: LayerConfiguration) throws {
        self.init(createsMask: try configuration.bool("creates_mask"), name: configuration.name)
    }

    var parameters: [Parameter] { [] }

    func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        self.inputShape = inputShape
        return inputShape
    }

    func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        receivedMasks.append(mask)
        return input
    }

    func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }

    func outputMask(for input: Tensor, mask: Tensor?) -> Tensor? {
        guard createsMask else { return mask }
        let rows = input.shape[0]
        let width = input.count / rows
        return Tensor(shape: [rows], scalars: (0 ..< rows).map { input.scalars[$0 * width] != 0 ? 1 : 0 })
    }

    var configuration: LayerConfiguration {
        LayerConfiguration(type: Self.typeName, name: name, values: ["creates_mask": .bool(createsMask)])
    }

    var description: String { "TestOnlyMask(createsMask: \(createsMask))" }
}

/// A Dense layer without bias whose kernel is all `value` (hand-checkable models).
func constantDense(
    units: Int, value: Float, activation: Activation = .linear, useBias: Bool = false,
    kernelRegularizer: Regularizer? = nil, activityRegularizer: Regularizer? = nil
) -> Dense {
    Dense(
        units: units, activation: activation, useBias: useBias, kernelInitializer: .constant(value),
        kernelRegularizer: kernelRegularizer, activityRegularizer: activityRegularizer)
}

/// Runs `optimizer` on one parameter with initial `weights`, feeding `gradients[k]` at step k, and
/// returns the weights after each step.
func optimizerTrajectory(_ optimizer: any Optimizer, weights: [Float], gradients: [[Float]]) -> [[Float]] {
    let parameter = Parameter(name: "w", value: Tensor(weights))
    var trajectory: [[Float]] = []
    for gradient in gradients {
        parameter.gradient = Tensor(gradient)
        optimizer.update([parameter])
        trajectory.append(parameter.value.scalars)
    }
    return trajectory
}
