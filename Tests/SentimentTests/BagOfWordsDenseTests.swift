import Foundation
import NLPCore
import NLPNeural
import Testing

@testable import Sentiment

@Suite("BagOfWordsDense")
struct BagOfWordsDenseTests {
    /// Dense on the multi-hot / count / tf-idf matrix of the same ids, with the same weights.
    @Test(
        "equals Dense on the bag-of-words matrix, forward and backward",
        arguments: [
            BagOfWordsDense.Value.presence, .count, .logCount,
        ])
    func matchesDense(value: BagOfWordsDense.Value) throws {
        let vocabulary = 7
        let units = 3
        let featureWeights: [Float] = [0, 0.5, 1, 1.5, -1, 2, 0.25]
        let bag = BagOfWordsDense(
            vocabularySize: vocabulary, units: units, activation: .relu, value: value, featureWeights: featureWeights)
        try bag.build(inputShape: [-1], seed: 3)
        let dense = Dense(units: units, activation: .relu)
        try dense.build(inputShape: [vocabulary], seed: 4)
        try #require(dense.kernel != nil)
        dense.kernel!.value = bag.kernel!.value
        dense.bias!.value = Tensor([0.1, -0.2, 0.3])
        bag.bias!.value = Tensor([0.1, -0.2, 0.3])
        let ids: [[Float]] = [[0, 1, 3, 3, 6], [0, 0, 0, 0, 0], [2, 2, 2, 5, 1]]
        var matrix = [Float](repeating: 0, count: ids.count * vocabulary)
        for (row, sequence) in ids.enumerated() {
            var counts: [Int: Int] = [:]
            for id in sequence where id > 0 { counts[Int(id), default: 0] += 1 }
            for (id, count) in counts {
                let f: Float =
                    switch value {
                    case .presence: 1
                    case .count: Float(count)
                    case .logCount: 1 + Float(log(Double(count)))
                    }
                matrix[row * vocabulary + id] = f * featureWeights[id]
            }
        }
        let input = Tensor(shape: [3, 5], scalars: ids.flatMap { $0 })
        let expected = dense.forward(Tensor(shape: [3, vocabulary], scalars: matrix), training: true)
        let output = bag.forward(input, training: true)
        #expect(output.shape == [3, units])
        for (a, b) in zip(output.scalars, expected.scalars) { #expect(abs(a - b) < 1e-5) }
        let gradient = Tensor(shape: [3, units], scalars: [0.3, -1, 2, 1, 1, 1, -0.5, 0.25, 4])
        _ = dense.backward(gradient)
        _ = bag.backward(gradient, computeInputGradient: false)
        for (a, b) in zip(bag.kernel!.gradient.scalars, dense.kernel!.gradient.scalars) { #expect(abs(a - b) < 1e-5) }
        for (a, b) in zip(bag.bias!.gradient.scalars, dense.bias!.gradient.scalars) { #expect(abs(a - b) < 1e-5) }
        #expect(bag.featureWeights!.isTrainable == false)
    }

    @Test("the configuration round-trips")
    func configuration() throws {
        let bag = BagOfWordsDense(
            vocabularySize: 50, units: 8, activation: .relu, value: .logCount, kernelRegularizer: .l2(0.01),
            name: "bag")
        let copy = try BagOfWordsDense(configuration: bag.configuration)
        #expect(copy.configuration == bag.configuration)
        #expect(copy.value == .logCount && copy.units == 8 && copy.vocabularySize == 50)
        #expect(copy.kernelRegularizer == .l2(0.01))
    }

    @Test("input dropout only acts in training, and drops whole tokens")
    func inputDropout() throws {
        let bag = BagOfWordsDense(vocabularySize: 20, units: 4, activation: .linear, inputDropout: 0.5, seed: 9)
        let plain = BagOfWordsDense(vocabularySize: 20, units: 4, activation: .linear)
        try bag.build(inputShape: [-1], seed: 1)
        try plain.build(inputShape: [-1], seed: 1)
        let input = Tensor(shape: [2, 6], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        #expect(bag.forward(input, training: false) == plain.forward(input, training: false))
        let trained = (0 ..< 5).map { _ in bag.forward(input, training: true) }
        #expect(trained.contains { $0 != plain.forward(input, training: false) })
        let copy = try BagOfWordsDense(configuration: bag.configuration)
        #expect(copy.inputDropout == 0.5)
    }
}
