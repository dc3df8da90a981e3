import NLPCore
import Testing
import _TestSupport

@Suite("SplitMix64 and seeded initializers")
struct RandomTests {
    @Test("matches the published SplitMix64 sequence for seed 1234567")
    func referenceSequence() {
        // Vigna's splitmix64.c reference outputs for x = 1234567.
        var rng = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0 ..< 5).map { _ in rng.next() } == expected)
    }

    @Test("the same seed gives the same numbers; another seed does not")
    func determinism() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        var c = SplitMix64(seed: 43)
        let x = Tensor.normal(shape: [100], using: &a)
        let y = Tensor.normal(shape: [100], using: &b)
        let z = Tensor.normal(shape: [100], using: &c)
        #expect(x == y)
        #expect(x != z)
        let s1 = SplitMix64(seed: 7).split(stream: 1)
        let s2 = SplitMix64(seed: 7).split(stream: 2)
        #expect(s1 != s2)
        #expect(SplitMix64(seed: 7).split(stream: 1) == s1)
    }

    @Test("unit floats lie in [0, 1) and bounded integers are in range and unbiased enough")
    func ranges() {
        var rng = SplitMix64(seed: 3)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0 ..< 100_000 {
            let f = rng.nextUnitFloat()
            #expect(f >= 0 && f < 1)
            counts[rng.nextInt(below: 10)] += 1
        }
        // Each bucket expects 10,000 ± 3σ (σ ≈ 95).
        #expect(counts.allSatisfy { abs($0 - 10_000) < 300 }, "\(counts)")
    }

    @Test("uniform and normal tensors have the requested moments")
    func moments() {
        var rng = SplitMix64(seed: 11)
        let u = Tensor.uniform(shape: [200_000], lower: -2, upper: 4, using: &rng)
        #expect(u.scalars.allSatisfy { $0 >= -2 && $0 < 4 })
        expectClose(u.scalars.reduce(0, +) / Float(u.count), 1, atol: 0.02)
        let n = Tensor.normal(shape: [200_000], mean: 3, standardDeviation: 2, using: &rng)
        let mean = n.scalars.reduce(0, +) / Float(n.count)
        let variance = n.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(n.count)
        expectClose(mean, 3, atol: 0.02)
        expectClose(variance.squareRoot(), 2, atol: 0.02)
        let t = Tensor.truncatedNormal(shape: [10_000], standardDeviation: 1, using: &rng)
        #expect(t.scalars.allSatisfy { abs($0) <= 2 })
    }

    @Test("Glorot and He limits follow Keras's fan rules")
    func glorotAndHe() {
        var rng = SplitMix64(seed: 5)
        let g = Tensor.glorotUniform(shape: [30, 10], using: &rng)
        let limit = (6.0 / 40.0 as Float).squareRoot()
        #expect(g.scalars.allSatisfy { abs($0) <= limit })
        #expect(g.scalars.map(abs).max()! > 0.9 * limit)
        let h = Tensor.heUniform(shape: [24, 8], using: &rng)
        #expect(h.scalars.allSatisfy { abs($0) <= 0.5 })
        let gn = Tensor.glorotNormal(shape: [200, 200], using: &rng)
        let std = (gn.squared().scalars.reduce(0, +) / Float(gn.count)).squareRoot()
        expectClose(std, (2.0 / 400.0 as Float).squareRoot(), rtol: 0.05)
    }

    @Test(
        "orthogonal matrices satisfy QQᵀ = I on the short side", arguments: [[8, 8], [4, 10], [12, 5], [2, 3, 6]])
    func orthogonal(shape: [Int]) {
        var rng = SplitMix64(seed: 9)
        let q = Tensor.orthogonal(shape: shape, gain: 1, using: &rng)
        #expect(q.shape == shape)
        let matrix = q.reshaped([-1, shape.last!])
        let rows = matrix.shape[0]
        let columns = matrix.shape[1]
        let gram =
            rows <= columns
            ? Tensor.matmul(matrix, matrix, transposeB: true) : Tensor.matmul(matrix, matrix, transposeA: true)
        let n = min(rows, columns)
        var identity = Tensor(zeros: [n, n])
        for i in 0 ..< n { identity[i, i] = 1 }
        expectClose(gram, identity, atol: 1e-5)
        var again = SplitMix64(seed: 9)
        #expect(Tensor.orthogonal(shape: shape, gain: 1, using: &again) == q)
    }
}
