import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// RMSprop on w = [1, −2, 0.5], g₁ = [0.5, 1, −2], g₂ = [−1, 0.5, 0.1], lr = 0.01, ρ = 0.9, ε = 1e-7.
@Suite("RMSprop")
struct RMSpropTests {
    static let weights: [Float] = [1, -2, 0.5]
    static let gradients: [[Float]] = [[0.5, 1, -2], [-1, 0.5, 0.1]]

    @Test("plain: v ← ρv + (1−ρ)g², w −= lr·g/√(v + ε)")
    func plain() {
        let path = optimizerTrajectory(RMSprop(learningRate: 0.01), weights: Self.weights, gradients: Self.gradients)
        // step 1: v = 0.1·g₁², Δ = 0.01·g₁/(√0.1·|g₁|) = ±0.0316228 → [0.9683772, −2.0316228, 0.5316228]
        expectClose(Tensor(path[0]), Tensor([0.9683772, -2.0316228, 0.5316228]), rtol: 1e-6)
        // step 2: v₀ = 0.9·0.025 + 0.1·1 = 0.1225, Δ₀ = 0.01·(−1)/0.35 = −0.0285714 → w₀ = 0.9969487
        //         v₁ = 0.09 + 0.025 = 0.115,       Δ₁ = 0.005/0.3391165 = 0.0147442 → w₁ = −2.0463670
        //         v₂ = 0.36 + 0.001 = 0.361,       Δ₂ = 0.001/0.6008328 = 0.0016644 → w₂ = 0.5299584
        expectClose(Tensor(path[1]), Tensor([0.9969487, -2.0463670, 0.5299584]), rtol: 1e-6)
    }

    @Test("momentum: m ← 0.5·m + Δ, w −= m")
    func momentum() {
        let path = optimizerTrajectory(
            RMSprop(learningRate: 0.01, momentum: 0.5), weights: Self.weights, gradients: Self.gradients)
        // step 2: m₀ = 0.5·0.0316228 − 0.0285714 = −0.0127600 → w₀ = 0.9683772 + 0.0127600 = 0.9811373
        expectClose(Tensor(path[1]), Tensor([0.9811373, -2.0621783, 0.5457698]), rtol: 1e-6)
    }

    @Test("centered: divides by √(v − ḡ² + ε)")
    func centered() {
        let path = optimizerTrajectory(
            RMSprop(learningRate: 0.01, centered: true), weights: Self.weights, gradients: Self.gradients)
        // step 1: v = 0.1·g², ḡ = 0.1·g, v − ḡ² = 0.09·g², Δ = 0.01·g/(0.3·|g|) = ±0.0333333
        expectClose(Tensor(path[0]), Tensor([0.9666667, -2.0333333, 0.5333333]), rtol: 1e-6)
        expectClose(Tensor(path[1]), Tensor([0.9955976, -2.0495214, 0.5315981]), rtol: 1e-6)
    }

    @Test(
        "the 16-lane path matches the formula on a long parameter",
        arguments: [(Float(0), false), (0.5, false), (0, true), (0.5, true)])
    func vectorPath(momentum: Float, centered: Bool) {
        var rng = SplitMix64(seed: 31)
        let count = 37  // two 16-lane blocks and a 5-scalar tail
        let start = Tensor.normal(shape: [count], using: &rng).scalars
        let gradients = (0 ..< 3).map { _ in Tensor.normal(shape: [count], using: &rng).scalars }
        let optimizer = RMSprop(learningRate: 0.01, momentum: momentum, centered: centered, clipValue: 1)
        let path = optimizerTrajectory(optimizer, weights: start, gradients: gradients)
        var w = start.map(Double.init)
        var v = [Double](repeating: 0, count: count)
        var m = v
        var average = v
        for (step, g) in gradients.enumerated() {
            for i in 0 ..< count {
                let gi = min(max(Double(g[i]), -1), 1)
                v[i] = 0.9 * v[i] + 0.1 * gi * gi
                var denominator = v[i] + 1e-7
                if centered {
                    average[i] = 0.9 * average[i] + 0.1 * gi
                    denominator -= average[i] * average[i]
                }
                let increment = 0.01 * gi / denominator.squareRoot()
                m[i] = Double(momentum) * m[i] + increment
                w[i] -= momentum > 0 ? m[i] : increment
            }
            expectClose(Tensor(path[step]), Tensor(w.map(Float.init)), rtol: 1e-5, atol: 1e-6)
        }
    }
}
