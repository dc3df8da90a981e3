// NLPNeural: the Keras reduction shared by every loss (per-sample losses, weights, mean).
import NLPCore

/// How a prediction tensor splits into per-sample losses, and the weight of each.
///
/// Predictions `[batch, …, width]` hold `rows = count / width` per-sample losses, one per row of
/// the last axis (`[batch]` counts as `[batch, 1]`). `sampleWeights` is `[batch]` (broadcast over
/// the time steps of a sample) or one weight per row (`[batch, time]`, Keras temporal weights).
/// The loss is `Σ_r w_r·l_r / rows` (Keras `sum_over_batch_size`), so every row's gradient is
/// scaled by `w_r / rows`.
struct LossRows {
    /// The number of per-sample losses.
    let rows: Int
    /// Scalars per row (the last axis).
    let width: Int
    /// `w_r / rows` per row: what each row's loss and gradient are multiplied by.
    let scales: [Float]

    init(predictions: Tensor, sampleWeights: Tensor?, loss: String) {
        precondition(predictions.rank >= 1, "\(loss): predictions need a batch axis, got shape \(predictions.shape)")
        let batch = predictions.shape[0]
        width = predictions.rank == 1 ? 1 : predictions.shape[predictions.rank - 1]
        precondition(width > 0, "\(loss): predictions \(predictions.shape) have an empty last axis")
        rows = predictions.count / width
        let inverseRows: Float = rows > 0 ? 1 / Float(rows) : 0
        guard let sampleWeights else {
            scales = [Float](repeating: inverseRows, count: rows)
            return
        }
        let weights = sampleWeights.scalars
        if weights.count == rows {
            scales = weights.map { $0 * inverseRows }
        } else {
            precondition(
                weights.count == batch && batch > 0,
                "\(loss): sample weights \(sampleWeights.shape) fit neither the batch (\(batch)) nor the \(rows) per-sample losses of predictions \(predictions.shape)"
            )
            let stepsPerSample = rows / batch
            scales = (0 ..< rows).map { weights[$0 / stepsPerSample] * inverseRows }
        }
    }

    /// Checks that elementwise `targets` match the predictions scalar for scalar (`[batch]` targets
    /// for `[batch, 1]` predictions are fine: only the count matters).
    static func checkElementwise(predictions: Tensor, targets: Tensor, loss: String) {
        precondition(
            targets.count == predictions.count,
            "\(loss): targets \(targets.shape) do not match predictions \(predictions.shape)")
    }

    /// The loss and gradient of a loss whose per-sample value is the mean over the last axis of
    /// `f(p, y)`; `f` returns the elementwise value and `∂f/∂p`.
    @inline(__always)
    static func elementwiseMean(
        predictions: Tensor, targets: Tensor, sampleWeights: Tensor?, loss: String,
        _ f: (_ prediction: Float, _ target: Float) -> (value: Float, derivative: Float)
    ) -> LossResult {
        checkElementwise(predictions: predictions, targets: targets, loss: loss)
        let layout = LossRows(predictions: predictions, sampleWeights: sampleWeights, loss: loss)
        let width = layout.width
        let inverseWidth = 1 / Float(width)
        var total: Double = 0
        let gradient = predictions.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { y in
                Tensor(shape: predictions.shape) { g in
                    for r in 0 ..< layout.rows {
                        let scale = layout.scales[r] * inverseWidth
                        var rowSum: Double = 0
                        for i in r * width ..< (r + 1) * width {
                            let (value, derivative) = f(p[i], y[i])
                            rowSum += Double(value)
                            g[i] = scale * derivative
                        }
                        total += Double(scale) * rowSum
                    }
                }
            }
        }
        return LossResult(value: Float(total), gradient: gradient)
    }
}

/// Errors raised when a loss or metric is made by name.
public enum LossError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No built-in loss has this name.
    case unknownLoss(String)
    /// A configuration value has the wrong type.
    case invalidConfiguration(loss: String, key: String, expected: String)

    public var description: String {
        switch self {
        case .unknownLoss(let name):
            return "unknown loss \"\(name)\"; known: \(LossRegistry.knownNames.joined(separator: ", "))"
        case .invalidConfiguration(let loss, let key, let expected):
            return "loss \(loss): configuration value \"\(key)\" is not a \(expected)"
        }
    }
}
