import Foundation
import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// Whole models with recurrent layers, through `Sequential`: Keras's IMDB summary, learning a
/// sequence task with `fit`, and save → load.
@Suite("Recurrent models")
struct RecurrentModelTests {
    @Test("Keras's IMDB model: Embedding(10000, 32) → LSTM(32) → Dense(1) has 328,353 parameters")
    func imdbSummary() throws {
        let model = Sequential(
            [
                Embedding(inputDimension: 10_000, outputDimension: 32), LSTM(units: 32),
                Dense(units: 1, activation: .sigmoid),
            ],
            inputShape: [500])
        try model.build(seed: 1)
        // 10000·32 = 320,000; 4·(32·32 + 32·32 + 32) = 8,320; 32 + 1 = 33.
        let expected = [
            "Model: \"sequential\"",
            "_________________________________________________________________",
            " Layer (type)                Output Shape              Param #   ",
            "=================================================================",
            " embedding (Embedding)       (None, 500, 32)           320000    ",
            "                                                                 ",
            " lstm (LSTM)                 (None, 32)                8320      ",
            "                                                                 ",
            " dense (Dense)               (None, 1)                 33        ",
            "                                                                 ",
            "=================================================================",
            "Total params: 328,353",
            "Trainable params: 328,353",
            "Non-trainable params: 0",
            "_________________________________________________________________",
        ]
        #expect(model.summary() == expected.joined(separator: "\n") + "\n")

        let gru = Sequential(
            [Embedding(inputDimension: 10_000, outputDimension: 32), GRU(units: 32), Dense(units: 1)],
            inputShape: [500])
        try gru.build(seed: 1)
        // Keras GRU (reset_after): 3·(32·32 + 32·32 + 2·32) = 6,336.
        #expect(gru.layers[1].parameterCount == 6_336)
        #expect(gru.parameters.reduce(0) { $0 + $1.count } == 320_000 + 6_336 + 33)
    }

    /// Sequences of T values in [-1, 1]; the label is 1 when their sum is positive.
    static func signOfSum(count: Int, steps: Int, seed: UInt64) -> (x: Tensor, y: Tensor) {
        var rng = SplitMix64(seed: seed)
        var values: [Float] = []
        var labels: [Float] = []
        for _ in 0 ..< count {
            let row = (0 ..< steps).map { _ in 2 * rng.nextUnitFloat() - 1 }
            values += row
            labels.append(row.reduce(0, +) > 0 ? 1 : 0)
        }
        return (Tensor(shape: [count, steps, 1], scalars: values), Tensor(shape: [count, 1], scalars: labels))
    }

    @Test(
        "fit learns the sign of a sum over a sequence to > 95% held-out accuracy",
        arguments: ["LSTM", "GRU", "SimpleRNN", "Bidirectional"])
    func signOfSumTask(kind: String) throws {
        let recurrent: any Layer =
            switch kind {
            case "LSTM": LSTM(units: 8)
            case "GRU": GRU(units: 8)
            case "SimpleRNN": SimpleRNN(units: 8)
            default: Bidirectional(LSTM(units: 8))
            }
        let model = Sequential([recurrent, Dense(units: 1, activation: .sigmoid)])
        // SimpleRNN's plain tanh recurrence diverges at the gated layers' step size.
        let rate: Float = kind == "SimpleRNN" ? 0.005 : 0.02
        model.compile(optimizer: Adam(learningRate: rate), loss: BinaryCrossentropy(), metrics: [BinaryAccuracy()])
        let train = Self.signOfSum(count: 1024, steps: 10, seed: 1)
        let test = Self.signOfSum(count: 512, steps: 10, seed: 2)
        _ = try model.fit(x: train.x, y: train.y, epochs: 15, batchSize: 32, seed: 3)
        let accuracy = try model.evaluate(x: test.x, y: test.y)["binary_accuracy"]!
        #expect(accuracy > 0.95, "\(kind): held-out accuracy \(accuracy)")
    }

    @Test("a masked Embedding → Bidirectional(GRU) → LSTM → Dense model reloads with identical predictions")
    func saveLoadRecurrent() throws {
        let model = Sequential([
            Embedding(inputDimension: 20, outputDimension: 6, maskZero: true),
            Bidirectional(GRU(units: 5, returnSequences: true), mergeMode: .sum),
            LSTM(units: 4, dropout: 0.1, recurrentDropout: 0.1),
            Dense(units: 3, activation: .softmax),
        ])
        model.compile(
            optimizer: RMSprop(), loss: SparseCategoricalCrossentropy(), metrics: [SparseCategoricalAccuracy()])
        var rng = SplitMix64(seed: 4)
        let ids = (0 ..< 64 * 7).map { i in i % 7 < 2 ? Float(0) : Float(1 + rng.nextInt(below: 19)) }
        let x = Tensor(shape: [64, 7], scalars: ids)
        let y = Tensor((0 ..< 64).map { Float($0 % 3) })
        _ = try model.fit(x: x, y: y, epochs: 2, batchSize: 16)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnn-\(UUID()).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Sequential.load(from: path)
        #expect(loaded.summary() == model.summary())
        #expect(try loaded.predict(x) == model.predict(x))
    }
}
