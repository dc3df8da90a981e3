import Foundation
import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// Sequence outputs that carry a mask: padded steps add nothing to the loss (Keras 3 semantics).
@Suite("Masked sequence loss")
struct MaskedLossTests {
    func model() throws -> Sequential {
        let model = Sequential([
            Embedding(inputDimension: 6, outputDimension: 3, maskZero: true),
            Dense(units: 1, activation: .sigmoid),
        ])
        try model.build(inputShape: [4], seed: 1)
        model.compile(optimizer: SGD(learningRate: 0.1), loss: BinaryCrossentropy())
        return model
    }

    @Test("the loss is the mean over real steps, whatever the targets at padded steps")
    func paddedTargetsDoNotCount() throws {
        let model = try model()
        let x = Tensor(rows: [[1, 2, 0, 0], [3, 4, 5, 0]])
        let targets: [Float] = [1, 0, 1, 1, 0, 1, 1, 0]
        var changed = targets
        changed[2] = 0
        changed[3] = 0
        changed[7] = 1
        let y = Tensor(shape: [2, 4, 1], scalars: targets)
        let loss = try model.evaluate(x: x, y: y)["loss"]!
        let lossChangedPadding = try model.evaluate(x: x, y: Tensor(shape: [2, 4, 1], scalars: changed))["loss"]!
        #expect(loss == lossChangedPadding)

        // By hand: mean of −log p (target 1) or −log(1 − p) (target 0) over the 5 real steps.
        let p = try model.predict(x).scalars
        let real = [0, 1, 4, 5, 6]
        let expected = real.map { targets[$0] == 1 ? -log(p[$0]) : -log(1 - p[$0]) }.reduce(0, +) / 5
        #expect(abs(loss - expected) < 1e-5, "\(loss) vs \(expected)")
    }

    @Test("padded steps get no gradient: training never moves the padding row")
    func noGradientThroughPadding() throws {
        let model = try model()
        let x = Tensor(rows: [[1, 2, 0, 0], [3, 4, 5, 0]])
        let y = Tensor(shape: [2, 4, 1], scalars: [1, 0, 1, 1, 0, 1, 1, 0])
        let embeddings = (model.layers[0] as! Embedding).embeddings!
        let paddingRow = embeddings.value[row: 0]
        let usedRow = embeddings.value[row: 5]  // id 5 is a real step: it must move
        _ = try model.trainOnBatch(x: x, y: y)
        #expect(embeddings.value[row: 0] == paddingRow)
        #expect(embeddings.value[row: 5] != usedRow)
    }
}
