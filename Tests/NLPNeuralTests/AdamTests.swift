import Foundation
import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// Adam and AdamW on w = [1, −2, 0.5], g₁ = [0.5, 1, −2], g₂ = [−1, 0.5, 0.1], lr = 0.1, β = (0.9, 0.999), ε = 1e-7.
@Suite("Adam")
struct AdamTests {
    static let weights: [Float] = [1, -2, 0.5]
    static let gradients: [[Float]] = [[0.5, 1, -2], [-1, 0.5, 0.1]]

    @Test("Keras form: lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), w −= lr_t·m/(√v + ε)")
    func adamSteps() {
        let path = optimizerTrajectory(Adam(learningRate: 0.1), weights: Self.weights, gradients: Self.gradients)
        // step 1: m = 0.1·g₁ = [0.05, 0.1, −0.2], v = 0.001·g₁² = [0.00025, 0.001, 0.004],
        //   lr_t = 0.1·√0.001/0.1 = 0.0316228, m/√v = ±3.16228 → w = w − 0.1·sign(g₁) (ε shifts it by ~6e-7)
        //   = [0.9000006, −2.0999997, 0.5999998]
        expectClose(Tensor(path[0]), Tensor([0.9000006, -2.0999997, 0.5999998]), rtol: 1e-6, atol: 1e-6)
        // step 2: m = m + (g₂ − m)·0.1 = [−0.055, 0.14, −0.17], v = v + (g₂² − v)·0.001 = [0.00124975, 0.001249, 0.004006],
        //   lr_t = 0.1·√(1 − 0.999²)/(1 − 0.9²) = 0.1·0.0447102/0.19 = 0.0235317,
        //   w₀ = 0.9000006 − 0.0235317·(−0.055)/√0.00124975 = 0.9000006 + 0.0366103 = 0.9366109
        //   w = [0.9366109, −2.1932174, 0.6632040]
        expectClose(Tensor(path[1]), Tensor([0.9366109, -2.1932174, 0.6632040]), rtol: 1e-6, atol: 2e-6)
    }

    @Test("AdamW first shrinks w by w·λ·lr, then takes the Adam step")
    func adamWSteps() {
        let path = optimizerTrajectory(
            AdamW(learningRate: 0.1, weightDecay: 0.1), weights: Self.weights, gradients: Self.gradients)
        // step 1: w·(1 − 0.1·0.1) = [0.99, −1.98, 0.495], then −0.1·sign(g₁) → [0.89, −2.08, 0.595]
        expectClose(Tensor(path[0]), Tensor([0.8900006, -2.0799997, 0.5949998]), rtol: 1e-6, atol: 1e-6)
        // step 2: [0.8900006·0.99 + 0.0366103, −2.0799997·0.99 − 0.0332177, 0.5949998·0.99 + 0.0632040]
        expectClose(Tensor(path[1]), Tensor([0.9177109, -2.1524174, 0.6522540]), rtol: 1e-6, atol: 2e-6)
    }

    @Test("AdamW with zero decay equals Adam")
    func adamWWithoutDecay() {
        let a = optimizerTrajectory(Adam(learningRate: 0.05), weights: Self.weights, gradients: Self.gradients)
        let b = optimizerTrajectory(
            AdamW(learningRate: 0.05, weightDecay: 0), weights: Self.weights, gradients: Self.gradients)
        #expect(a == b)
    }

    @Test(
        "the 16-lane path matches the formula on a long parameter (with clipping and decay)", arguments: [false, true])
    func vectorPath(decoupled: Bool) {
        var rng = SplitMix64(seed: 21)
        let count = 37  // two 16-lane blocks and a 5-scalar tail
        let start = Tensor.normal(shape: [count], using: &rng).scalars
        let gradients = (0 ..< 3).map { _ in Tensor.normal(shape: [count], using: &rng).scalars.map { $0 * 2 } }
        let (lr, decay, bound): (Float, Float, Float) = (0.05, decoupled ? 0.1 : 0, 1.5)
        let optimizer: any Optimizer =
            decoupled
            ? AdamW(learningRate: lr, weightDecay: decay, clipValue: bound) : Adam(learningRate: lr, clipValue: bound)
        let path = optimizerTrajectory(optimizer, weights: start, gradients: gradients)
        // Reference: the Keras formulas in Double, element by element.
        var w = start.map(Double.init)
        var m = [Double](repeating: 0, count: count)
        var v = [Double](repeating: 0, count: count)
        for (step, g) in gradients.enumerated() {
            let t = Double(step + 1)
            let lrT = Double(lr) * (1 - pow(0.999, t)).squareRoot() / (1 - pow(0.9, t))
            for i in 0 ..< count {
                let gi = min(max(Double(g[i]), -Double(bound)), Double(bound))
                w[i] -= w[i] * Double(decay) * Double(lr)
                m[i] += (gi - m[i]) * 0.1
                v[i] += (gi * gi - v[i]) * 0.001
                w[i] -= lrT * m[i] / (v[i].squareRoot() + 1e-7)
            }
            expectClose(Tensor(path[step]), Tensor(w.map(Float.init)), rtol: 1e-5, atol: 1e-6)
        }
    }
}
