// NLPNeural: binary, categorical and sparse categorical crossentropy.
import NLPCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keras's fuzz factor: probabilities are clipped to `[ε, 1 − ε]` before the log.
let crossentropyEpsilon: Float = 1e-7

/// Binary crossentropy on probabilities or logits (Keras `BinaryCrossentropy`).
///
/// Per element, averaged over the last axis into one loss per sample:
/// ```swift
/// probabilities: p̃ = clip(p, ε, 1 − ε),  l = −(y·log p̃ + (1 − y)·log(1 − p̃)),  ∂l/∂p = (p̃ − y)/(p̃(1 − p̃))
///                (0 where p was clipped, as in Keras)
/// logits z:      l = max(z, 0) − z·y + log(1 + e^−|z|),  ∂l/∂z = sigmoid(z) − y
/// ```
/// Targets have the predictions' scalar count (`[batch]` for `[batch, 1]` is fine) and may be soft.
public struct BinaryCrossentropy: Loss {
    /// Whether predictions are logits (no sigmoid applied) rather than probabilities.
    public var fromLogits: Bool

    /// Creates the loss.
    public init(fromLogits: Bool = false) {
        self.fromLogits = fromLogits
    }

    public var name: String { "binary_crossentropy" }
    public var configuration: [String: JSONValue] { ["from_logits": .bool(fromLogits)] }

    public func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        if fromLogits {
            return LossRows.elementwiseMean(
                predictions: predictions, targets: targets, sampleWeights: sampleWeights, loss: name
            ) { z, y in
                let value = max(z, 0) - z * y + log1p(exp(-abs(z)))
                let sigmoid = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
                return (value, sigmoid - y)
            }
        }
        let epsilon = crossentropyEpsilon
        return LossRows.elementwiseMean(
            predictions: predictions, targets: targets, sampleWeights: sampleWeights, loss: name
        ) { p, y in
            let clipped = min(max(p, epsilon), 1 - epsilon)
            let value = -(y * log(clipped) + (1 - y) * log(1 - clipped))
            let inside = p > epsilon && p < 1 - epsilon
            return (value, inside ? -y / clipped + (1 - y) / (1 - clipped) : 0)
        }
    }
}

/// Categorical crossentropy against one-hot (or soft) targets (Keras `CategoricalCrossentropy`).
///
/// One loss per row of the last (class) axis, `[batch, classes]` or `[batch, time, classes]`:
/// ```swift
/// probabilities: q = p / Σp, q̃ = clip(q, ε, 1 − ε),  l = −Σ_c y_c·log q̃_c     (Keras renormalizes)
///                ∂l/∂p_j = (g_j − Σ_c g_c·q_c) / Σp,  g_c = −y_c/q_c (0 where clipped)
/// logits z:      l = Σ_c y_c·(logsumexp(z) − z_c),  ∂l/∂z = softmax(z)·Σy − y
/// ```
public struct CategoricalCrossentropy: Loss {
    /// Whether predictions are logits (no softmax applied) rather than probabilities.
    public var fromLogits: Bool

    /// Creates the loss.
    public init(fromLogits: Bool = false) {
        self.fromLogits = fromLogits
    }

    public var name: String { "categorical_crossentropy" }
    public var configuration: [String: JSONValue] { ["from_logits": .bool(fromLogits)] }

    public func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        LossRows.checkElementwise(predictions: predictions, targets: targets, loss: name)
        let layout = LossRows(predictions: predictions, sampleWeights: sampleWeights, loss: name)
        let width = layout.width
        var total: Double = 0
        let fromLogits = self.fromLogits
        let gradient = predictions.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { y in
                Tensor(shape: predictions.shape) { g in
                    for r in 0 ..< layout.rows {
                        let offset = r * width
                        let value = CrossentropyRows.row(
                            p.baseAddress! + offset, targets: y.baseAddress! + offset,
                            gradient: g.baseAddress! + offset, width: width, scale: layout.scales[r],
                            fromLogits: fromLogits)
                        total += Double(layout.scales[r]) * value
                    }
                }
            }
        }
        return LossResult(value: Float(total), gradient: gradient)
    }
}

/// Categorical crossentropy against class ids (Keras `SparseCategoricalCrossentropy`).
///
/// Predictions `[batch, classes]` with targets `[batch]` (or `[batch, 1]`), or `[batch, time,
/// classes]` with targets `[batch, time]`; ids are integral floats in `0 ..< classes`. The value
/// and gradient equal `CategoricalCrossentropy` on one-hot targets.
public struct SparseCategoricalCrossentropy: Loss {
    /// Whether predictions are logits (no softmax applied) rather than probabilities.
    public var fromLogits: Bool

    /// Creates the loss.
    public init(fromLogits: Bool = false) {
        self.fromLogits = fromLogits
    }

    public var name: String { "sparse_categorical_crossentropy" }
    public var configuration: [String: JSONValue] { ["from_logits": .bool(fromLogits)] }

    /// - Precondition: one id per row of the predictions, each an integer in `0 ..< classes`.
    public func compute(predictions: Tensor, targets: Tensor, sampleWeights: Tensor?) -> LossResult {
        let layout = LossRows(predictions: predictions, sampleWeights: sampleWeights, loss: name)
        let width = layout.width
        precondition(
            predictions.rank >= 2 && targets.count == layout.rows,
            "\(name): targets \(targets.shape) must hold one class id per row of predictions \(predictions.shape)")
        var total: Double = 0
        let fromLogits = self.fromLogits
        var oneHot = [Float](repeating: 0, count: width)
        let gradient = predictions.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { ids in
                oneHot.withUnsafeMutableBufferPointer { y in
                    Tensor(shape: predictions.shape) { g in
                        for r in 0 ..< layout.rows {
                            let id = ids[r]
                            precondition(
                                id >= 0 && id < Float(width) && id == id.rounded(.towardZero),
                                "\(name): target \(id) of row \(r) is not a class id in 0..<\(width)")
                            let offset = r * width
                            y[Int(id)] = 1
                            let value = CrossentropyRows.row(
                                p.baseAddress! + offset, targets: UnsafePointer(y.baseAddress!),
                                gradient: g.baseAddress! + offset, width: width, scale: layout.scales[r],
                                fromLogits: fromLogits)
                            y[Int(id)] = 0
                            total += Double(layout.scales[r]) * value
                        }
                    }
                }
            }
        }
        return LossResult(value: Float(total), gradient: gradient)
    }
}

/// The per-row kernel shared by the categorical losses.
enum CrossentropyRows {
    /// The crossentropy of one row; writes `scale · ∂l/∂prediction` into `gradient`.
    static func row(
        _ p: UnsafePointer<Float>, targets y: UnsafePointer<Float>, gradient g: UnsafeMutablePointer<Float>,
        width: Int, scale: Float, fromLogits: Bool
    ) -> Double {
        var targetSum: Float = 0
        for c in 0 ..< width { targetSum += y[c] }
        if fromLogits {
            // Subtract the maximum so every e^(z − max) is in (0, 1]; 16 lanes at a time.
            let lanes = FloatVector.scalarCount
            var maximumLanes = FloatVector(repeating: -.infinity)
            var c = 0
            while c + lanes <= width {
                let v = UnsafeRawPointer(p + c).loadUnaligned(as: FloatVector.self)
                maximumLanes = maximumLanes.replacing(with: v, where: v .> maximumLanes)
                c += lanes
            }
            var maximum = maximumLanes.max()
            for r in c ..< width { maximum = max(maximum, p[r]) }
            let shift = FloatVector(repeating: maximum)
            var sumLanes = FloatVector(repeating: 0)
            c = 0
            while c + lanes <= width {
                sumLanes += SIMDMath.exp(UnsafeRawPointer(p + c).loadUnaligned(as: FloatVector.self) - shift)
                c += lanes
            }
            var expSum = sumLanes.sum()
            for r in c ..< width { expSum += SIMDMath.exp(p[r] - maximum) }
            let logSumExp = maximum + SIMDMath.log(expSum)
            var value: Double = 0
            for r in 0 ..< width where y[r] != 0 { value += Double(y[r]) * Double(logSumExp - p[r]) }
            let lse = FloatVector(repeating: logSumExp)
            let scaledSum = FloatVector(repeating: scale * targetSum)
            let scaleLanes = FloatVector(repeating: scale)
            c = 0
            while c + lanes <= width {
                let softmax = SIMDMath.exp(UnsafeRawPointer(p + c).loadUnaligned(as: FloatVector.self) - lse)
                let target = UnsafeRawPointer(y + c).loadUnaligned(as: FloatVector.self)
                UnsafeMutableRawPointer(g + c).storeBytes(
                    of: softmax * scaledSum - scaleLanes * target, as: FloatVector.self)
                c += lanes
            }
            for r in c ..< width { g[r] = scale * (SIMDMath.exp(p[r] - logSumExp) * targetSum - y[r]) }
            return value
        }
        let epsilon = crossentropyEpsilon
        var sum: Float = 0
        for c in 0 ..< width { sum += p[c] }
        let inverseSum = 1 / sum
        var value: Double = 0
        // g holds ∂l/∂q first, then the chain through q = p / Σp.
        var projection: Float = 0
        for c in 0 ..< width {
            let q = p[c] * inverseSum
            let clipped = min(max(q, epsilon), 1 - epsilon)
            if y[c] != 0 { value -= Double(y[c]) * Double(log(clipped)) }
            let dq: Float = q > epsilon && q < 1 - epsilon ? -y[c] / q : 0
            g[c] = dq
            projection += dq * q
        }
        for c in 0 ..< width { g[c] = scale * (g[c] - projection) * inverseSum }
        return value
    }
}
