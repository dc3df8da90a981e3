// Finite-difference gradient checks for losses.
import NLPCore
import NLPNeural
import Testing

/// Checks `loss.compute(...).gradient` against centred differences of the loss value with respect
/// to every prediction scalar (Float32, step `h`). A component fails when both its relative error
/// exceeds `tolerance` and its absolute error exceeds `absoluteTolerance`.
func checkLossGradient(
    _ loss: any Loss, predictions: Tensor, targets: Tensor, sampleWeights: Tensor? = nil, h: Float = 1e-3,
    tolerance: Float = 1e-2, absoluteTolerance: Float = 2e-4, sourceLocation: SourceLocation = #_sourceLocation
) {
    let analytic = loss.compute(predictions: predictions, targets: targets, sampleWeights: sampleWeights)
    #expect(analytic.gradient.shape == predictions.shape, "gradient shape", sourceLocation: sourceLocation)
    #expect(analytic.value.isFinite, "\(loss.name) value \(analytic.value)", sourceLocation: sourceLocation)
    var worst: (Int, Float, Float)?
    for i in 0 ..< predictions.count {
        var plus = predictions
        var minus = predictions
        plus.withUnsafeMutableBufferPointer { $0[i] += h }
        minus.withUnsafeMutableBufferPointer { $0[i] -= h }
        let lossPlus = loss.compute(predictions: plus, targets: targets, sampleWeights: sampleWeights).value
        let lossMinus = loss.compute(predictions: minus, targets: targets, sampleWeights: sampleWeights).value
        let numeric = (lossPlus - lossMinus) / (2 * h)
        let value = analytic.gradient.scalars[i]
        if relativeError(value, numeric) > tolerance && abs(value - numeric) > absoluteTolerance {
            worst = worst ?? (i, value, numeric)
        }
    }
    #expect(
        worst == nil,
        "\(loss.name) gradient [\(worst?.0 ?? -1)]: analytic \(worst?.1 ?? 0) vs numeric \(worst?.2 ?? 0)",
        sourceLocation: sourceLocation)
}
