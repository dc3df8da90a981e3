import Foundation
import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Callbacks")
struct CallbackTests {
    /// A small regression model and data that change the weights at every epoch.
    static func model(learningRate: Float = 0.05) -> (Sequential, Tensor, Tensor) {
        let (x, y) = FitTests.line(count: 16)
        let model = Sequential([Dense(units: 1)], inputShape: [1])
        model.compile(optimizer: SGD(learningRate: learningRate), loss: TestOnlyMeanSquaredError())
        return (model, x, y)
    }

    @Test("EarlyStopping stops when val_loss has not improved for `patience` epochs and restores the best weights")
    func earlyStopping() throws {
        let (model, x, y) = Self.model()
        // val_loss by epoch: 1.0, 0.8 (best), 0.9 (wait 1), 0.85 (wait 2 ≥ patience → stop at epoch 3)
        let script = ScriptedLogs(key: "val_loss", values: [1.0, 0.8, 0.9, 0.85, 0.95, 0.7])
        let stopper = EarlyStopping(monitor: "val_loss", patience: 2, restoreBestWeights: true)
        let history = try model.fit(x: x, y: y, epochs: 6, batchSize: 4, callbacks: [script, stopper])
        #expect(history.epochs == [0, 1, 2, 3])
        #expect(stopper.stoppedEpoch == 3)
        #expect(stopper.bestEpoch == 1 && stopper.best == 0.8)
        #expect(script.weightsByEpoch[1] != script.weightsByEpoch[3])
        #expect(model.weights() == script.weightsByEpoch[1])
    }

    @Test("EarlyStopping: minDelta, max mode, and a missing monitor")
    func earlyStoppingModes() throws {
        let (model, x, y) = Self.model()
        // accuracy (max mode by name): 0.5, then 0.505 and 0.509 (gains < minDelta 0.01) → stop at epoch 2 (patience 2)
        let script = ScriptedLogs(key: "val_accuracy", values: [0.5, 0.505, 0.509, 0.9])
        let stopper = EarlyStopping(monitor: "val_accuracy", minDelta: 0.01, patience: 2)
        let history = try model.fit(x: x, y: y, epochs: 4, batchSize: 4, callbacks: [script, stopper])
        #expect(history.epochs == [0, 1, 2])
        do {
            try model.fit(x: x, y: y, epochs: 1, callbacks: [EarlyStopping()])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("EarlyStopping monitors \"val_loss\""))
            #expect("\(error)".contains("pass validationData or validationSplit"))
        }
    }

    @Test("ReduceLROnPlateau multiplies the rate by `factor` after `patience` flat epochs")
    func reduceLROnPlateau() throws {
        let (model, x, y) = Self.model(learningRate: 0.1)
        // val_loss: 1, 0.9 (best), 0.95 (wait 1), 0.96 (wait 2 → lr 0.05), 0.97 (wait 1), 0.98 (wait 2 → 0.025)
        let script = ScriptedLogs(key: "val_loss", values: [1, 0.9, 0.95, 0.96, 0.97, 0.98])
        let reducer = ReduceLROnPlateau(factor: 0.5, patience: 2, minDelta: 0)
        let history = try model.fit(x: x, y: y, epochs: 6, batchSize: 4, callbacks: [script, reducer])
        #expect(reducer.reductionEpochs == [3, 5])
        #expect(history["learning_rate"]! == [0.1, 0.1, 0.1, 0.1, 0.05, 0.05])
        #expect(model.optimizer!.learningRate == 0.025)
    }

    @Test("ReduceLROnPlateau honours cooldown and minLR")
    func reduceLRCooldown() throws {
        let (model, x, y) = Self.model(learningRate: 0.1)
        let script = ScriptedLogs(key: "val_loss", values: Array(repeating: 1, count: 8))
        // patience 1: epoch 1 reduces (0.1 → 0.04, minLR); cooldown 2 skips epochs 2–3; epoch 4 would reduce, but lr = minLR
        let reducer = ReduceLROnPlateau(factor: 0.2, patience: 1, minDelta: 0, cooldown: 2, minLR: 0.04)
        try model.fit(x: x, y: y, epochs: 8, batchSize: 4, callbacks: [script, reducer])
        #expect(reducer.reductionEpochs == [1])
        #expect(model.optimizer!.learningRate == 0.04)
    }

    @Test("TerminateOnNaN stops at the first batch whose loss is not finite")
    func terminateOnNaN() throws {
        let (model, x, y) = Self.model()
        var poisoned = x
        poisoned.withUnsafeMutableBufferPointer { $0[0] = .nan }
        let terminator = TerminateOnNaN()
        var batches = 0
        let counter = LambdaCallback(onBatchEnd: { _, _, _ in batches += 1 })
        let history = try model.fit(
            x: poisoned, y: y, epochs: 3, batchSize: 4, shuffle: false, callbacks: [terminator, counter])
        #expect(batches == 1)
        #expect(terminator.stoppedBatch?.epoch == 0 && terminator.stoppedBatch?.batch == 0)
        #expect(history.epochs == [0] && history["loss"]![0].isNaN)
    }

    @Test("ModelCheckpoint saves every epoch, or only on improvement, to the templated path")
    func modelCheckpoint() throws {
        let (model, x, y) = Self.model()
        var saved: [String] = []
        let script = ScriptedLogs(key: "val_loss", values: [1, 0.5, 0.7, 0.4])
        let best = ModelCheckpoint(pathTemplate: "/tmp/ckpt-{epoch:02d}-{val_loss:.2f}.safetensors", saveBestOnly: true)
        {
            saved.append($1)
            #expect($0 === model)
        }
        try model.fit(x: x, y: y, epochs: 4, batchSize: 4, callbacks: [script, best])
        #expect(
            saved == [
                "/tmp/ckpt-01-1.00.safetensors", "/tmp/ckpt-02-0.50.safetensors", "/tmp/ckpt-04-0.40.safetensors",
            ])
        var every: [String] = []
        let all = ModelCheckpoint(pathTemplate: "model-{epoch}.bin") { every.append($1) }
        try model.fit(x: x, y: y, epochs: 2, batchSize: 4, callbacks: [all])
        #expect(every == ["model-1.bin", "model-2.bin"])
        let unsafeFormat = ModelCheckpoint(pathTemplate: "m-{val_loss:s}.bin") { _, _ in }
        #expect(throws: TrainingError.self) {
            try model.fit(x: x, y: y, epochs: 1, validationSplit: 0.5, callbacks: [unsafeFormat])
        }
        let bad = ModelCheckpoint(pathTemplate: "m-{nope}.bin") { _, _ in }
        #expect(throws: TrainingError.unknownPathKey(template: "m-{nope}.bin", key: "nope")) {
            try model.fit(x: x, y: y, epochs: 1, callbacks: [bad])
        }
    }

    @Test("CSVLogger writes epoch and the sorted log keys; append keeps earlier rows")
    func csvLogger() throws {
        // Zero kernel and lr 0: predictions are 0, targets 1 → loss 1 and accuracy 0 every epoch.
        let x = Tensor(rows: [[1], [2]])
        let y = Tensor(rows: [[1], [1]])
        let model = Sequential([constantDense(units: 1, value: 0)], inputShape: [1])
        model.compile(
            optimizer: SGD(learningRate: 0), loss: TestOnlyMeanSquaredError(), metrics: [TestOnlyBinaryAccuracy()])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csvlogger-\(UUID().uuidString).csv")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.fit(x: x, y: y, epochs: 2, validationData: (x, y), callbacks: [CSVLogger(path: path)])
        let expected = """
            epoch,accuracy,loss,val_accuracy,val_loss
            0,0.0,1.0,0.0,1.0
            1,0.0,1.0,0.0,1.0

            """
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        try model.fit(x: x, y: y, epochs: 1, validationData: (x, y), callbacks: [CSVLogger(path: path, append: true)])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected + "0,0.0,1.0,0.0,1.0\n")
        try model.fit(x: x, y: y, epochs: 1, callbacks: [CSVLogger(path: path, separator: ";")])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "epoch;accuracy;loss\n0;0.0;1.0\n")
        let unwritable = CSVLogger(path: "/nonexistent-dir/log.csv")
        #expect(throws: TrainingError.self) { try model.fit(x: x, y: y, epochs: 1, callbacks: [unwritable]) }
    }

    @Test("LambdaCallback hooks run in order with 0-based epochs and batches")
    func lambda() throws {
        let (model, x, y) = Self.model()
        var events: [String] = []
        let callback = LambdaCallback(
            onTrainBegin: { _ in events.append("train") },
            onTrainEnd: { _, logs in events.append("end \(logs.keys.sorted())") },
            onEpochBegin: { _, epoch in events.append("e\(epoch)") },
            onEpochEnd: { _, epoch, _ in events.append("/e\(epoch)") },
            onBatchBegin: { _, batch in events.append("b\(batch)") },
            onBatchEnd: { _, batch, _ in events.append("/b\(batch)") })
        try model.fit(x: x.slice(0 ..< 4), y: y.slice(0 ..< 4), epochs: 2, batchSize: 2, callbacks: [callback])
        #expect(
            events == [
                "train", "e0", "b0", "/b0", "b1", "/b1", "/e0", "e1", "b0", "/b0", "b1", "/b1", "/e1", "end [\"loss\"]",
            ])
    }
}
