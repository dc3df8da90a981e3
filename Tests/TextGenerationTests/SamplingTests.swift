// Sampling strategies: supports, distributions, determinism.
import NLPCore
import Testing
import TextGeneration

@Suite("Sampling strategies")
struct SamplingTests {
    static let logits: [Float] = [0.5, 2.0, -1.0, 1.5, 0.0, 2.0, -3.0, 1.0]

    /// `count` draws with one generator.
    static func draws(_ strategy: SamplingStrategy, count: Int = 4000, seed: UInt64 = 11) -> [Int] {
        var generator = SplitMix64(seed: seed)
        return (0 ..< count).map { _ in strategy.sample(logits: logits, using: &generator) }
    }

    @Test("greedy picks the argmax (the lower id among ties)")
    func greedy() {
        #expect(Set(Self.draws(.greedy, count: 50)) == [1])
        #expect(SamplingStrategy.greedy.distribution(logits: Self.logits)[1] == 1)
    }

    @Test("temperature → 0 behaves like greedy")
    func coldTemperature() {
        // Ties at the top split the mass; break the tie to compare with greedy.
        var logits = Self.logits
        logits[5] = 1.9
        var generator = SplitMix64(seed: 1)
        let draws = (0 ..< 200).map { _ in SamplingStrategy.temperature(0.01).sample(logits: logits, using: &generator)
        }
        #expect(Set(draws) == [SamplingStrategy.greedy.sample(logits: logits, using: &generator)])
    }

    @Test("temperature 1 samples the softmax: frequencies match within sampling error")
    func softmaxFrequencies() {
        let strategy = SamplingStrategy.temperature(1)
        let distribution = strategy.distribution(logits: Self.logits)
        #expect(abs(distribution.reduce(0, +) - 1) < 1e-12)
        let draws = Self.draws(strategy, count: 20000)
        for (id, p) in distribution.enumerated() {
            let frequency = Double(draws.filter { $0 == id }.count) / 20000
            // 5 standard errors of a binomial proportion.
            #expect(
                abs(frequency - p) < 5 * (p * (1 - p) / 20000).squareRoot() + 1e-3, "id \(id): \(frequency) vs \(p)")
        }
    }

    @Test("top-k restricts the support to the k largest logits", arguments: [1, 2, 3, 5])
    func topK(k: Int) {
        let strategy = SamplingStrategy.topK(k, temperature: 1)
        let order = Self.logits.indices.sorted {
            Self.logits[$0] != Self.logits[$1] ? Self.logits[$0] > Self.logits[$1] : $0 < $1
        }
        let allowed = Set(order.prefix(k))
        let distribution = strategy.distribution(logits: Self.logits)
        #expect(Set(distribution.indices.filter { distribution[$0] > 0 }) == allowed)
        #expect(abs(distribution.reduce(0, +) - 1) < 1e-12)
        let sampled = Set(Self.draws(strategy))
        #expect(sampled == allowed)
    }

    @Test("top-p keeps the fewest most likely tokens whose mass reaches p", arguments: [0.3, 0.6, 0.9, 1.0])
    func topP(p: Float) {
        let softmax = SamplingStrategy.temperature(1).distribution(logits: Self.logits)
        let order = softmax.indices.sorted { softmax[$0] != softmax[$1] ? softmax[$0] > softmax[$1] : $0 < $1 }
        var expected: Set<Int> = []
        var mass = 0.0
        for id in order where mass < Double(p) {
            expected.insert(id)
            mass += softmax[id]
        }
        let strategy = SamplingStrategy.topP(p, temperature: 1)
        let distribution = strategy.distribution(logits: Self.logits)
        #expect(Set(distribution.indices.filter { distribution[$0] > 0 }) == expected)
        #expect(Set(Self.draws(strategy)) == expected)
        // Within the support, probabilities keep their ratios.
        if expected.count >= 2, let a = expected.min(), let b = expected.max() {
            #expect(abs(distribution[a] / distribution[b] - softmax[a] / softmax[b]) < 1e-9)
        }
    }

    @Test("the same seed gives the same draws; another seed differs")
    func determinism() {
        let strategy = SamplingStrategy.topP(0.95, temperature: 0.9)
        #expect(Self.draws(strategy, count: 300, seed: 5) == Self.draws(strategy, count: 300, seed: 5))
        #expect(Self.draws(strategy, count: 300, seed: 5) != Self.draws(strategy, count: 300, seed: 6))
    }

    @Test("bad parameters are rejected with the value in the message")
    func validation() {
        for strategy in [
            SamplingStrategy.temperature(0), .topK(0, temperature: 1), .topP(1.5, temperature: 1),
            .topP(0.5, temperature: -1),
        ] {
            #expect(throws: TextGenerationError.self) { try strategy.validate() }
        }
        #expect(throws: Never.self) { try SamplingStrategy.greedy.validate() }
    }
}
