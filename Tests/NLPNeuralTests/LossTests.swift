import Foundation
import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Losses")
struct LossTests {
    // MARK: - Values computed by hand

    @Test("binary crossentropy on probabilities: −ln p for y = 1, −ln(1 − p) for y = 0")
    func binaryCrossentropyValues() {
        let bce = BinaryCrossentropy()
        expectClose(
            bce.compute(predictions: Tensor(shape: [1, 1], scalars: [0.8]), targets: Tensor([1])).value, -log(0.8))
        let p = Tensor(shape: [2, 1], scalars: [0.8, 0.4])
        let y = Tensor(shape: [2, 1], scalars: [1, 0])
        expectClose(bce.compute(predictions: p, targets: y).value, Float((-log(0.8) - log(0.6)) / 2))
        // Weights [2, 0]: (2·(−ln 0.8) + 0) / 2.
        expectClose(bce.compute(predictions: p, targets: y, sampleWeights: Tensor([2, 0])).value, -log(0.8))
        // Per-sample loss = mean over the last axis; the reduction divides by the number of samples.
        let wide = bce.compute(predictions: Tensor(rows: [[0.8, 0.4]]), targets: Tensor(rows: [[1, 0]]))
        expectClose(wide.value, Float((-log(0.8) - log(0.6)) / 2))
        // Soft targets: y = 0.3, p = 0.5 → ln 2.
        expectClose(
            bce.compute(predictions: Tensor(shape: [1, 1], scalars: [0.5]), targets: Tensor([0.3])).value, log(2))
    }

    @Test("binary crossentropy clips probabilities to [1e-7, 1 − 1e-7] and has no gradient beyond")
    func binaryCrossentropyClipping() {
        let result = BinaryCrossentropy().compute(
            predictions: Tensor(shape: [2, 1], scalars: [0, 1]), targets: Tensor(shape: [2, 1], scalars: [1, 1]))
        // p = 0 → −ln 1e-7 = 16.118; p = 1 → −ln(1 − 1e-7) ≈ 1.19e-7 (Float32 1 − 1e-7).
        expectClose(result.value, (16.118095 + 1.1920929e-7) / 2, rtol: 1e-5)
        #expect(result.gradient.scalars == [0, 0])
    }

    @Test("binary crossentropy from logits is stable for large logits")
    func binaryCrossentropyLogits() {
        let bce = BinaryCrossentropy(fromLogits: true)
        let z = Tensor(shape: [4, 1], scalars: [0, 2, 100, -100])
        let y = Tensor(shape: [4, 1], scalars: [1, 0, 1, 1])
        let result = bce.compute(predictions: z, targets: y)
        // ln 2, 2 + ln(1 + e^−2), ≈ 0, 100.
        let expected: Double = (log(2.0) + 2 + log(1 + exp(-2.0)) + 0 + 100) / 4
        expectClose(result.value, Float(expected), rtol: 1e-6)
        // Gradient (sigmoid(z) − y)/4.
        expectClose(result.gradient.scalars, [-0.125, Float(1 / (1 + exp(-2.0))) / 4, 0, -0.25], atol: 1e-7)
        // Logits and probabilities agree.
        let p = Tensor(shape: [4, 1], scalars: [0.5, Float(1 / (1 + exp(-2.0))), 0.3, 0.9])
        let fromProbabilities = BinaryCrossentropy().compute(predictions: p, targets: y).value
        let logits = Tensor(shape: [4, 1], scalars: p.scalars.map { log($0 / (1 - $0)) })
        expectClose(bce.compute(predictions: logits, targets: y).value, fromProbabilities, rtol: 1e-5)
    }

    @Test("categorical crossentropy: −ln p of the true class; probabilities are renormalized")
    func categoricalCrossentropyValues() {
        let cce = CategoricalCrossentropy()
        let y = Tensor(rows: [[0, 1, 0]])
        expectClose(cce.compute(predictions: Tensor(rows: [[0.1, 0.7, 0.2]]), targets: y).value, -log(0.7))
        expectClose(cce.compute(predictions: Tensor(rows: [[0.2, 1.4, 0.4]]), targets: y).value, -log(0.7), rtol: 1e-6)
        // Logits [1, 2, 3], class 2: logsumexp − 3 = ln(e^−2 + e^−1 + 1).
        let logits = CategoricalCrossentropy(fromLogits: true)
        let value = logits.compute(predictions: Tensor(rows: [[1, 2, 3]]), targets: Tensor(rows: [[0, 0, 1]])).value
        expectClose(value, Float(log(exp(-2.0) + exp(-1.0) + 1)), rtol: 1e-6)
        // Per-sample losses sum over classes and average over samples.
        let two = cce.compute(
            predictions: Tensor(rows: [[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]]),
            targets: Tensor(rows: [[0, 1, 0], [1, 0, 0]]))
        expectClose(two.value, Float((-log(0.7) - log(0.5)) / 2), rtol: 1e-6)
    }

    @Test(
        "sparse categorical crossentropy equals categorical on one-hot targets, [B, C] and [B, T, C]",
        arguments: [false, true])
    func sparseMatchesCategorical(fromLogits: Bool) {
        let predictions =
            fromLogits
            ? randomTensor([2, 3, 4], seed: 1, lower: -3, upper: 3)
            : randomTensor([2, 3, 4], seed: 1, lower: 0.05, upper: 1)
        let ids: [Float] = [0, 3, 1, 2, 2, 0]
        var oneHot = [Float](repeating: 0, count: 24)
        for (row, id) in ids.enumerated() { oneHot[row * 4 + Int(id)] = 1 }
        let weights = Tensor([0.5, 2])
        let sparse = SparseCategoricalCrossentropy(fromLogits: fromLogits).compute(
            predictions: predictions, targets: Tensor(shape: [2, 3], scalars: ids), sampleWeights: weights)
        let dense = CategoricalCrossentropy(fromLogits: fromLogits).compute(
            predictions: predictions, targets: Tensor(shape: [2, 3, 4], scalars: oneHot), sampleWeights: weights)
        expectClose(sparse.value, dense.value, rtol: 1e-6)
        expectClose(sparse.gradient, dense.gradient, rtol: 1e-5, atol: 1e-7)
        // [B, C] with targets [B].
        let flat = predictions.reshaped([6, 4])
        let sparseFlat = SparseCategoricalCrossentropy(fromLogits: fromLogits).compute(
            predictions: flat, targets: Tensor(ids))
        let denseFlat = CategoricalCrossentropy(fromLogits: fromLogits).compute(
            predictions: flat, targets: Tensor(shape: [6, 4], scalars: oneHot))
        expectClose(sparseFlat.value, denseFlat.value, rtol: 1e-6)
    }

    @Test("sparse categorical crossentropy: −ln p of the target id")
    func sparseValues() {
        let scce = SparseCategoricalCrossentropy()
        let p = Tensor(rows: [[0.04, 0.95, 0.01], [0.1, 0.8, 0.1]])
        // Keras documentation example: [0.0513, 2.3026] → mean 1.1769.
        expectClose(
            scce.compute(predictions: p, targets: Tensor([1, 2])).value, Float((-log(0.95) - log(0.1)) / 2), rtol: 1e-6)
    }

    @Test("regression losses: mean over the last axis, then over samples")
    func regressionValues() {
        let p = Tensor(rows: [[1, 2], [3, 4]])
        let y = Tensor(rows: [[1, 1], [1, 1]])
        // Squared errors per sample: (0 + 1)/2, (4 + 9)/2.
        expectClose(MeanSquaredError().compute(predictions: p, targets: y).value, 3.5)
        expectClose(
            MeanSquaredError().compute(predictions: p, targets: y, sampleWeights: Tensor([1, 0.5])).value, 1.875)
        // Absolute errors per sample: 0.5, 2.5.
        expectClose(MeanAbsoluteError().compute(predictions: p, targets: y).value, 1.5)
        // |2 − 1|/2 = 50 %, |4 − 5|/4 = 25 %.
        let mape = MeanAbsolutePercentageError().compute(
            predictions: Tensor(shape: [2, 1], scalars: [1, 5]), targets: Tensor([2, 4]))
        expectClose(mape.value, 37.5)
        // (ln 4 − ln 2)² = ln² 2.
        let msle = MeanSquaredLogarithmicError().compute(
            predictions: Tensor(shape: [1, 1], scalars: [3]), targets: Tensor([1]))
        expectClose(msle.value, Float(log(2.0) * log(2.0)), rtol: 1e-6)
    }

    @Test("hinge losses map 0/1 targets to −1/1")
    func hingeValues() {
        let p = Tensor(shape: [3, 1], scalars: [0.3, -0.5, 2])
        let y = Tensor(shape: [3, 1], scalars: [1, 0, 1])
        // Margins 0.7, 0.5, 0.
        expectClose(Hinge().compute(predictions: p, targets: y).value, 0.4, rtol: 1e-6)
        expectClose(SquaredHinge().compute(predictions: p, targets: y).value, (0.49 + 0.25) / 3, rtol: 1e-6)
        // ±1 targets are used as they are: 1 − (−1)(0.5) = 1.5.
        expectClose(
            Hinge().compute(predictions: Tensor(shape: [1, 1], scalars: [0.5]), targets: Tensor([-1])).value, 1.5)
    }

    @Test("temporal sample weights [B, T] weight each step")
    func temporalWeights() {
        let p = Tensor(shape: [1, 2, 1], scalars: [1, 3])
        let y = Tensor(shape: [1, 2, 1], scalars: [0, 0])
        // Losses 1 and 9, weights 1 and 0: (1 + 0)/2.
        let value = MeanSquaredError().compute(
            predictions: p, targets: y, sampleWeights: Tensor(shape: [1, 2], scalars: [1, 0])
        ).value
        expectClose(value, 0.5)
        // [B] weights broadcast over steps: 3·(1 + 9)/2.
        expectClose(MeanSquaredError().compute(predictions: p, targets: y, sampleWeights: Tensor([3])).value, 15)
    }

    // MARK: - Gradients against finite differences

    static let probabilityLosses: [any Loss] = [
        BinaryCrossentropy(), MeanSquaredError(), MeanAbsoluteError(),
        MeanAbsolutePercentageError(), MeanSquaredLogarithmicError(), Hinge(), SquaredHinge(),
    ]

    @Test(
        "elementwise losses: gradient matches finite differences, with and without weights",
        arguments: 0 ..< 7, [false, true])
    func elementwiseGradients(lossIndex: Int, weighted: Bool) {
        let loss = Self.probabilityLosses[lossIndex]
        // Predictions in (0.1, 0.9), targets 0/1 (binary losses) or in (0.5, 2) (regression):
        // |p − y| ≥ 0.05 keeps MAE/MAPE away from their kink; hinge margins avoid 0 likewise.
        let predictions = randomTensor([3, 4], seed: 2, lower: 0.1, upper: 0.9)
        let binary = ["binary_crossentropy", "hinge", "squared_hinge"].contains(loss.name)
        let targets =
            binary
            ? Tensor(shape: [3, 4], scalars: (0 ..< 12).map { Float($0 % 3 == 0 ? 1 : 0) })
            : randomTensor([3, 4], seed: 3, lower: 1, upper: 2)
        let weights = weighted ? Tensor([0.5, 2, 1.5]) : nil
        checkLossGradient(loss, predictions: predictions, targets: targets, sampleWeights: weights)
    }

    @Test("binary crossentropy from logits: gradient matches finite differences")
    func binaryLogitsGradient() {
        let logits = randomTensor([4, 3], seed: 5, lower: -4, upper: 4)
        let targets = randomTensor([4, 3], seed: 6, lower: 0, upper: 1)
        checkLossGradient(
            BinaryCrossentropy(fromLogits: true), predictions: logits, targets: targets,
            sampleWeights: Tensor([1, 0, 2, 0.5]))
    }

    @Test("categorical crossentropy: gradient matches finite differences", arguments: [false, true])
    func categoricalGradient(fromLogits: Bool) {
        let predictions =
            fromLogits
            ? randomTensor([3, 5], seed: 7, lower: -3, upper: 3)
            : randomTensor([3, 5], seed: 7, lower: 0.1, upper: 1)
        // Soft targets exercise every term.
        let targets = Tensor(rows: [[0, 1, 0, 0, 0], [0.2, 0.3, 0, 0.5, 0], [0, 0, 0, 0, 1]])
        checkLossGradient(
            CategoricalCrossentropy(fromLogits: fromLogits), predictions: predictions, targets: targets,
            sampleWeights: Tensor([1, 2, 0.5]))
    }

    @Test(
        "sparse categorical crossentropy on sequences: gradient matches finite differences",
        arguments: [false, true], [false, true])
    func sparseGradient(fromLogits: Bool, temporalWeights: Bool) {
        let predictions =
            fromLogits
            ? randomTensor([2, 3, 4], seed: 8, lower: -3, upper: 3)
            : randomTensor([2, 3, 4], seed: 8, lower: 0.1, upper: 1)
        let targets = Tensor(shape: [2, 3], scalars: [3, 0, 1, 2, 2, 1])
        let weights = temporalWeights ? Tensor(shape: [2, 3], scalars: [1, 1, 0, 1, 0.5, 2]) : Tensor([2, 0.5])
        checkLossGradient(
            SparseCategoricalCrossentropy(fromLogits: fromLogits), predictions: predictions,
            targets: targets, sampleWeights: weights)
    }

    // MARK: - Registry

    @Test(
        "LossRegistry makes losses by Keras name and alias",
        arguments: [
            ("binary_crossentropy", "binary_crossentropy"), ("BinaryCrossentropy", "binary_crossentropy"),
            ("categorical_crossentropy", "categorical_crossentropy"),
            ("sparse_categorical_crossentropy", "sparse_categorical_crossentropy"),
            ("mse", "mean_squared_error"), ("mean_squared_error", "mean_squared_error"),
            ("mae", "mean_absolute_error"), ("mape", "mean_absolute_percentage_error"),
            ("msle", "mean_squared_logarithmic_error"), ("hinge", "hinge"), ("squared_hinge", "squared_hinge"),
        ])
    func registry(name: String, expected: String) throws {
        let loss = try LossRegistry.makeLoss(name: name, configuration: [:])
        #expect(loss.name == expected)
        let again = try LossRegistry.makeLoss(name: loss.name, configuration: loss.configuration)
        #expect(again.name == loss.name && again.configuration == loss.configuration)
    }

    @Test("LossRegistry reads from_logits and rejects unknown names")
    func registryConfiguration() throws {
        let loss = try LossRegistry.makeLoss(
            name: "sparse_categorical_crossentropy", configuration: ["from_logits": .bool(true)])
        #expect((loss as? SparseCategoricalCrossentropy)?.fromLogits == true)
        #expect(throws: LossError.unknownLoss("cross_entropy")) { try LossRegistry.makeLoss(name: "cross_entropy") }
        #expect(throws: LossError.self) {
            try LossRegistry.makeLoss(name: "binary_crossentropy", configuration: ["from_logits": .number(1)])
        }
        #expect(LossError.unknownLoss("x").description.contains("binary_crossentropy"))
    }
}
