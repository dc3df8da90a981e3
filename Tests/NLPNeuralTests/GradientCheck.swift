// Finite-difference gradient checks for layers and losses.
import NLPCore
import NLPNeural
import Testing

/// min-char-rnn's relative error: |a − n| / max(|a| + |n|, tiny).
func relativeError(_ analytic: Float, _ numeric: Float) -> Float {
    abs(analytic - numeric) / max(abs(analytic) + abs(numeric), 1e-6)
}

/// Checks a layer's input gradient and every parameter gradient against centred differences of
/// the scalar `L = Σ output ⊙ probe` (a fixed random `probe`), in Float32 with step `h`.
///
/// A component fails when its relative error exceeds `tolerance` **and** its absolute error exceeds
/// `absoluteTolerance` (tiny gradients are dominated by Float32 rounding).
func checkLayerGradients(
    _ layer: any Layer, input: Tensor, mask: Tensor? = nil, checkInput: Bool = true, h: Float = 1e-2,
    tolerance: Float = 1e-2, absoluteTolerance: Float = 2e-3, seed: UInt64 = 7,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var rng = SplitMix64(seed: seed)
    let output = layer.forward(input, mask: mask, training: true)
    let probe = Tensor.normal(shape: output.shape, using: &rng)
    func loss(_ x: Tensor) -> Float {
        let y = layer.forward(x, mask: mask, training: true)
        return Tensor.dot(y.reshaped([-1]), probe.reshaped([-1]))
    }
    layer.zeroGradients()
    _ = layer.forward(input, mask: mask, training: true)
    let inputGradient = layer.backward(probe)
    #expect(inputGradient.shape == input.shape, "input gradient shape", sourceLocation: sourceLocation)
    let analyticParameters = layer.parameters.map { $0.gradient }

    if checkInput {
        var worst: (Int, Float, Float)?
        for i in 0 ..< input.count {
            var plus = input
            var minus = input
            plus.withUnsafeMutableBufferPointer { $0[i] += h }
            minus.withUnsafeMutableBufferPointer { $0[i] -= h }
            let numeric = (loss(plus) - loss(minus)) / (2 * h)
            let analytic = inputGradient.scalars[i]
            if relativeError(analytic, numeric) > tolerance && abs(analytic - numeric) > absoluteTolerance {
                worst = worst ?? (i, analytic, numeric)
            }
        }
        #expect(
            worst == nil,
            "\(layer.name) input gradient [\(worst?.0 ?? -1)]: analytic \(worst?.1 ?? 0) vs numeric \(worst?.2 ?? 0)",
            sourceLocation: sourceLocation)
    }
    for (p, parameter) in layer.parameters.enumerated() where parameter.isTrainable {
        var worst: (Int, Float, Float)?
        for i in 0 ..< parameter.count {
            let saved = parameter.value.scalars[i]
            parameter.value.withUnsafeMutableBufferPointer { $0[i] = saved + h }
            let lossPlus = loss(input)
            parameter.value.withUnsafeMutableBufferPointer { $0[i] = saved - h }
            let lossMinus = loss(input)
            parameter.value.withUnsafeMutableBufferPointer { $0[i] = saved }
            let numeric = (lossPlus - lossMinus) / (2 * h)
            let analytic = analyticParameters[p].scalars[i]
            if relativeError(analytic, numeric) > tolerance && abs(analytic - numeric) > absoluteTolerance {
                worst = worst ?? (i, analytic, numeric)
            }
        }
        #expect(
            worst == nil,
            "\(layer.name).\(parameter.name)[\(worst?.0 ?? -1)]: analytic \(worst?.1 ?? 0) vs numeric \(worst?.2 ?? 0)",
            sourceLocation: sourceLocation)
    }
}
