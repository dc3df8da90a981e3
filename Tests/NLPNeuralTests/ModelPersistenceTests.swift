import Foundation
import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// Save → load of whole models, through `Sequential.save(to:)` and `Sequential.load(from:)`.
@Suite("Model persistence")
struct ModelPersistenceTests {
    /// Token ids [n, 12] (0 = padding) whose label says whether token 7 occurs.
    static func tokenData(count: Int, seed: UInt64) -> (x: Tensor, y: Tensor) {
        var rng = SplitMix64(seed: seed)
        var ids: [Float] = []
        var labels: [Float] = []
        for _ in 0 ..< count {
            let length = 4 + rng.nextInt(below: 9)
            var row = (0 ..< 12).map { $0 < length ? Float(1 + rng.nextInt(below: 29)) : 0 }
            let positive = rng.nextInt(below: 2) == 1
            row = row.map { positive || $0 != 7 ? $0 : 8 }
            if positive { row[rng.nextInt(below: length)] = 7 }
            ids += row
            labels.append(positive ? 1 : 0)
        }
        return (Tensor(shape: [count, 12], scalars: ids), Tensor(shape: [count, 1], scalars: labels))
    }

    static func makeModel() -> Sequential {
        let model = Sequential([
            Embedding(inputDimension: 30, outputDimension: 8, maskZero: true),
            GlobalAveragePooling1D(),
            Dense(units: 16, activation: .relu, kernelRegularizer: .l2(1e-4)),
            BatchNormalization(),
            Dropout(rate: 0.2, seed: 3),
            Dense(units: 1, activation: .sigmoid),
        ])
        model.compile(optimizer: Adam(learningRate: 0.01), loss: BinaryCrossentropy(), metrics: [BinaryAccuracy()])
        return model
    }

    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nlp-\(UUID().uuidString)-\(name)").path
    }

    @Test("a trained model reloads with identical predictions, compile settings and optimizer state")
    func roundTrip() throws {
        let (x, y) = Self.tokenData(count: 256, seed: 1)
        let model = Self.makeModel()
        let history = try model.fit(x: x, y: y, epochs: 8, batchSize: 32, seed: 5)
        #expect((history["binary_accuracy"]?.last ?? 0) > 0.9, "the model learns the task: \(history)")
        let path = temporaryPath("model.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)

        let loaded = try Sequential.load(from: path)
        #expect(loaded.layers.map(\.name) == model.layers.map(\.name))
        #expect(loaded.summary() == model.summary())
        #expect(try loaded.predict(x) == model.predict(x))
        #expect(try loaded.evaluate(x: x, y: y) == model.evaluate(x: x, y: y))
        #expect(loaded.optimizer?.iterations == model.optimizer?.iterations)

        // One more epoch on both: the restored Adam moments give the same weights (dropout
        // generators are not saved, as in Keras: restart both from their seeds).
        for layer in model.layers + loaded.layers { (layer as? Dropout)?.resetGenerator() }
        _ = try model.fit(x: x, y: y, epochs: 1, batchSize: 32, seed: 9)
        _ = try loaded.fit(x: x, y: y, epochs: 1, batchSize: 32, seed: 9)
        for (a, b) in zip(model.weights(), loaded.weights()) {
            expectClose(b, a, rtol: 1e-6, atol: 1e-7)
        }
    }

    @Test("saving an unbuilt model and loading a corrupt file fail with clear errors")
    func errors() throws {
        let path = temporaryPath("bad.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: TrainingError.self) { try Self.makeModel().save(to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))

        try Data("not a model".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Sequential.load(from: path)
        } throws: { error in
            "\(error)".contains(path)
        }
    }

    @Test("ModelCheckpoint's default saver writes loadable files; History plots as SVG")
    func checkpointAndPlot() throws {
        let (x, y) = Self.tokenData(count: 128, seed: 2)
        let model = Self.makeModel()
        let directory = temporaryPath("checkpoints")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checkpoint = ModelCheckpoint(pathTemplate: directory + "/epoch-{epoch}.safetensors", monitor: "loss")
        let history = try model.fit(x: x, y: y, epochs: 3, batchSize: 32, callbacks: [checkpoint])
        #expect(checkpoint.savedPaths.count == 3)
        let last = try Sequential.load(from: checkpoint.savedPaths.last!)
        #expect(try last.predict(x) == model.predict(x))

        let svg = try #require(history.plot("loss")).svg()
        #expect(svg.contains("Training and validation loss") || svg.contains("Training loss"))
        // One dot per epoch plus the legend's marker.
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3 + 1)
        #expect(history.plot("no_such_metric") == nil)
    }
}
