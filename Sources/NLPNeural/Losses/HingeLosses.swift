// NLPNeural: hinge and squared hinge losses for ±1 (or 0/1) targets.
import NLPCore

/// The mean of `max(1 − y·p, 0)` over the last axis (Keras `Hinge`).
///
/// Targets are −1/1; when every target of the batch is 0 or 1 they are mapped to −1/1 first, as
/// Keras does.
/// ```swift
/// l = mean_c max(1 − y_c·p_c, 0),   ∂l/∂p_c = −y_c / width where 1 − y_c·p_c > 0, else 0
/// ```
public struct Hinge: Loss {
    /// Creates the loss.
    public init() {}

    public var name: String { "hinge" }
    public var configuration: [String: JSONValue] { [:] }

    public func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        LossRows.elementwiseMean(
            predictions: predictions, targets: HingeTargets.signed(targets), sampleWeights: sampleWeights, loss: name
        ) { p, y in
            let margin = 1 - y * p
            return margin > 0 ? (margin, -y) : (0, 0)
        }
    }
}

/// The mean of `max(1 − y·p, 0)²` over the last axis (Keras `SquaredHinge`); 0/1 targets become
/// −1/1 as for `Hinge`.
///
/// ```swift
/// l = mean_c max(1 − y_c·p_c, 0)²,   ∂l/∂p_c = −2·y_c·max(1 − y_c·p_c, 0) / width
/// ```
public struct SquaredHinge: Loss {
    /// Creates the loss.
    public init() {}

    public var name: String { "squared_hinge" }
    public var configuration: [String: JSONValue] { [:] }

    public func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        LossRows.elementwiseMean(
            predictions: predictions, targets: HingeTargets.signed(targets), sampleWeights: sampleWeights, loss: name
        ) { p, y in
            let margin = max(1 - y * p, 0)
            return (margin * margin, -2 * y * margin)
        }
    }
}

/// Keras's `convert_binary_labels_to_hinge`.
enum HingeTargets {
    /// `2y − 1` when every target is 0 or 1, else the targets unchanged.
    static func signed(_ targets: Tensor) -> Tensor {
        let isBinary = targets.withUnsafeBufferPointer { y in y.allSatisfy { $0 == 0 || $0 == 1 } }
        guard isBinary else { return targets }
        return targets.withUnsafeBufferPointer { y in
            Tensor(shape: targets.shape) { out in
                for i in 0 ..< y.count { out[i] = 2 * y[i] - 1 }
            }
        }
    }
}
