// Tests: backward(_:computeInputGradient: false) skips ∂x but leaves the weight gradients unchanged.
import NLPCore
import NLPNeural
import Testing

@Suite("Skipping the input gradient")
struct InputGradientSkipTests {
    /// A layer, its per-sample input shape, and how to draw an input batch.
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let make: @Sendable () -> any Layer
        let sampleShape: [Int]
        let tokens: Int?  // token ids in 0 ..< tokens instead of Gaussian inputs
    }

    static let cases: [Case] = [
        Case(description: "LSTM", make: { LSTM(units: 5) }, sampleShape: [6, 3], tokens: nil),
        Case(
            description: "LSTM sequences backwards", make: { LSTM(units: 4, returnSequences: true, goBackwards: true) },
            sampleShape: [5, 3], tokens: nil),
        Case(description: "GRU", make: { GRU(units: 4, returnSequences: true) }, sampleShape: [7, 2], tokens: nil),
        Case(description: "SimpleRNN", make: { SimpleRNN(units: 3) }, sampleShape: [4, 2], tokens: nil),
        Case(
            description: "Bidirectional LSTM", make: { Bidirectional(LSTM(units: 3, returnSequences: true)) },
            sampleShape: [4, 2], tokens: nil),
        Case(description: "Dense", make: { Dense(units: 4, activation: .tanh) }, sampleShape: [3], tokens: nil),
        Case(
            description: "Dense per step", make: { Dense(units: 2) }, sampleShape: [3, 5], tokens: nil),
        Case(
            description: "Embedding", make: { Embedding(inputDimension: 9, outputDimension: 4) }, sampleShape: [6],
            tokens: 9),
    ]

    /// Runs forward + backward on a fresh layer and returns (∂x, weight gradients).
    static func gradients(_ c: Case, computeInputGradient: Bool?) throws -> (Tensor?, [Tensor]) {
        let layer = c.make()
        try layer.build(inputShape: c.sampleShape, seed: 3)
        var rng = SplitMix64(seed: 11)
        let shape = [3] + c.sampleShape
        let input: Tensor
        if let tokens = c.tokens {
            input = Tensor(shape: shape) { ids in
                for i in 0 ..< ids.count { ids[i] = Float(rng.nextInt(below: tokens)) }
            }
        } else {
            input = .normal(shape: shape, using: &rng)
        }
        let output = layer.forward(input, mask: nil, training: true)
        let probe = Tensor.normal(shape: output.shape, using: &rng)
        layer.zeroGradients()
        let dx: Tensor?
        if let computeInputGradient {
            dx = layer.backward(probe, computeInputGradient: computeInputGradient)
        } else {
            dx = layer.backward(probe)
        }
        return (dx, layer.parameters.map(\.gradient))
    }

    @Test("skipping ∂x gives the same weight gradients and no ∂x", arguments: cases)
    func skipKeepsWeightGradients(_ c: Case) throws {
        let (reference, referenceGradients) = try Self.gradients(c, computeInputGradient: nil)
        let (skipped, skippedGradients) = try Self.gradients(c, computeInputGradient: false)
        let (kept, keptGradients) = try Self.gradients(c, computeInputGradient: true)
        #expect(skipped == nil)
        #expect(kept?.scalars == reference?.scalars)
        #expect(!referenceGradients.isEmpty)
        #expect(referenceGradients.contains { $0.scalars.contains { $0 != 0 } })
        for (a, b) in zip(referenceGradients, skippedGradients) { #expect(a.scalars == b.scalars) }
        for (a, b) in zip(referenceGradients, keptGradients) { #expect(a.scalars == b.scalars) }
    }

    @Test("the default implementation returns backward's ∂x or nil")
    func defaultImplementation() throws {
        let layer = ActivationLayer(.tanh)
        try layer.build(inputShape: [3], seed: 1)
        let x = Tensor(shape: [2, 3], scalars: [0.1, -0.2, 0.3, 0.5, -1, 2])
        _ = layer.forward(x, mask: nil, training: true)
        let g = Tensor(repeating: 1, shape: [2, 3])
        let full = layer.backward(g)
        _ = layer.forward(x, mask: nil, training: true)
        #expect(layer.backward(g, computeInputGradient: true)?.scalars == full.scalars)
        _ = layer.forward(x, mask: nil, training: true)
        #expect(layer.backward(g, computeInputGradient: false) == nil)
    }

    @Test("a Sequential step with an LSTM first layer matches the hand-chained step")
    func sequentialFirstLayer() throws {
        func makeModel() throws -> Sequential {
            let model = Sequential([LSTM(units: 4, returnSequences: true), Dense(units: 3)], inputShape: [5, 2])
            try model.build(seed: 5)
            model.compile(optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy(fromLogits: true))
            return model
        }
        var rng = SplitMix64(seed: 2)
        let x = Tensor.normal(shape: [3, 5, 2], using: &rng)
        let y = Tensor(shape: [3, 5]) { ids in
            for i in 0 ..< ids.count { ids[i] = Float(rng.nextInt(below: 3)) }
        }
        let model = try makeModel()
        try model.trainOnBatch(x: x, y: y)
        // The same step by hand with the full backward of every layer.
        let reference = try makeModel()
        for p in reference.parameters { p.zeroGradient() }
        let h = reference.layers[0].forward(x, mask: nil, training: true)
        let logits = reference.layers[1].forward(h, mask: nil, training: true)
        let loss = SparseCategoricalCrossentropy(fromLogits: true).compute(predictions: logits, targets: y)
        _ = reference.layers[0].backward(reference.layers[1].backward(loss.gradient))
        SGD(learningRate: 0.1).update(reference.parameters)
        for (a, b) in zip(model.parameters, reference.parameters) { #expect(a.value.scalars == b.value.scalars) }
    }
}
