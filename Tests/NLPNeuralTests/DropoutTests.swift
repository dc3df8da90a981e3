import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// Replays the same dropout mask on every forward, so finite differences see one fixed function.
private final class ReplayedDropout: Layer {
    static let typeName = "ReplayedDropout"
    let dropout: Dropout
    var name: String {
        get { dropout.name }
        set { dropout.name = newValue }
    }
    var inputShape: [Int]? { dropout.inputShape }
    var parameters: [Parameter] { [] }
    var configuration: LayerConfiguration { dropout.configuration }
    var description: String { dropout.description }

    init(_ dropout: Dropout) { self.dropout = dropout }
    convenience init(configuration: LayerConfiguration) throws { self.init(try Dropout(configuration: configuration)) }

    func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        try dropout.build(inputShape: inputShape, using: &rng)
    }

    func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        dropout.resetGenerator()
        return dropout.forward(input, mask: mask, training: training)
    }

    func backward(_ outputGradient: Tensor) -> Tensor { dropout.backward(outputGradient) }
}

@Suite("Dropout")
struct DropoutTests {
    @Test("inference is the identity")
    func inferenceIsIdentity() throws {
        let dropout = Dropout(rate: 0.5)
        try dropout.build(inputShape: [8], seed: 1)
        let x = randomTensor([4, 8], seed: 2)
        #expect(dropout(x) == x)
        #expect(dropout.backward(x) == x)
    }

    @Test("training drops about `rate` of the scalars and scales the rest by 1/(1 − rate)", arguments: [0.2, 0.5, 0.8])
    func trainingDropsAndScales(rate: Float) throws {
        let dropout = Dropout(rate: rate, seed: 42)
        try dropout.build(inputShape: [1000], seed: 1)
        let x = randomTensor([20, 1000], seed: 3, lower: 1, upper: 2)
        let y = dropout.forward(x, training: true)
        var dropped = 0
        for (input, output) in zip(x.scalars, y.scalars) {
            if output == 0 {
                dropped += 1
            } else {
                expectClose(output, input / (1 - rate))
            }
        }
        // 20,000 Bernoulli draws: the standard deviation of the fraction is below 0.0036.
        #expect(abs(Float(dropped) / 20_000 - rate) < 0.015, "dropped \(dropped) of 20,000 at rate \(rate)")
        // Backward multiplies by the same scaled mask.
        let g = randomTensor([20, 1000], seed: 4)
        let dx = dropout.backward(g)
        for i in 0 ..< g.count {
            expectClose(dx.scalars[i], y.scalars[i] == 0 ? 0 : g.scalars[i] / (1 - rate))
        }
    }

    @Test("same seed, same masks; another seed, other masks; seed drawn from the model's generator")
    func deterministic() throws {
        let x = Tensor(repeating: 1, shape: [4, 64])
        func masks(_ dropout: Dropout, seed: UInt64) throws -> [Tensor] {
            try dropout.build(inputShape: [64], seed: seed)
            return (0 ..< 3).map { _ in dropout.forward(x, training: true) }
        }
        let a = try masks(Dropout(rate: 0.5, seed: 7), seed: 1)
        let b = try masks(Dropout(rate: 0.5, seed: 7), seed: 2)
        let c = try masks(Dropout(rate: 0.5, seed: 8), seed: 1)
        #expect(a == b)
        #expect(a != c)
        #expect(a[0] != a[1], "consecutive steps draw new masks")
        let fromModel1 = try masks(Dropout(rate: 0.5), seed: 5)
        let fromModel2 = try masks(Dropout(rate: 0.5), seed: 5)
        let fromModel3 = try masks(Dropout(rate: 0.5), seed: 6)
        #expect(fromModel1 == fromModel2)
        #expect(fromModel1 != fromModel3)
    }

    @Test("gradient matches finite differences for a fixed mask")
    func gradientCheck() throws {
        let dropout = Dropout(rate: 0.3, seed: 11, name: "dropout")
        try dropout.build(inputShape: [6], seed: 1)
        checkLayerGradients(ReplayedDropout(dropout), input: randomTensor([3, 6], seed: 5))
    }

    @Test("rate 0 is the identity even while training")
    func zeroRate() throws {
        let dropout = Dropout(rate: 0)
        try dropout.build(inputShape: [5], seed: 1)
        let x = randomTensor([2, 5], seed: 6)
        #expect(dropout.forward(x, training: true) == x)
    }

    @Test("configuration round trip, including a 64-bit seed")
    func configurationRoundTrip() throws {
        for dropout in [Dropout(rate: 0.25, name: "d"), Dropout(rate: 0.5, seed: UInt64.max - 3, name: "d2")] {
            let copy = try Dropout(configuration: dropout.configuration)
            #expect(copy.configuration == dropout.configuration)
            #expect(copy.seed == dropout.seed && copy.rate == dropout.rate)
            #expect(copy.parameterCount == 0)
        }
        var bad = Dropout(rate: 0.5, name: "bad").configuration
        bad["rate"] = .number(1)
        #expect(throws: LayerConfigurationError.self) { try Dropout(configuration: bad) }
    }
}
