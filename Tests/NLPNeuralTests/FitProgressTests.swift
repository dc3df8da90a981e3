import Foundation
import NLPCore
import NLPNeural
import Testing

/// A clock the test advances by hand.
final class FakeClock: @unchecked Sendable {
    var now: Double = 0
}

@Suite("ProgressBar")
struct FitProgressTests {
    static func read(_ pipe: Pipe) -> String {
        try? pipe.fileHandleForWriting.close()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test("Keras's bar: counter, arrow, ETA, values; then the epoch line with time, ms/step and val_ values")
    func barFormat() {
        let pipe = Pipe()
        let clock = FakeClock()
        let bar = ProgressBar(output: pipe.fileHandleForWriting, updateInterval: 0, clock: { clock.now })
        bar.trainingWillBegin(epochs: 10, stepsPerEpoch: 157, metricNames: ["accuracy"])
        bar.epochWillBegin(2, of: 10, steps: 157)
        // 37 of 157 steps after 1.25 s: ETA = 1.25/37·120 = 4.05 s; 30·37/157 = 7 cells → 6 "=" and ">"
        clock.now = 1.25
        bar.batchDidEnd(step: 37, of: 157, logs: ["loss": 0.4123, "accuracy": 0.8125])
        clock.now = 4.71
        bar.batchDidEnd(step: 157, of: 157, logs: ["loss": 0.4001, "accuracy": 0.82])
        // 4.71 s in all → "5s"; 4.71/157 = 0.030 s → "30ms/step"
        bar.epochDidEnd(2, logs: ["loss": 0.4001, "accuracy": 0.82, "val_loss": 0.431, "val_accuracy": 0.805])
        let expected =
            "Epoch 3/10\n"
            + "\r 37/157 [======>.......................] - ETA: 4s - loss: 0.4123 - accuracy: 0.8125"
            + "\r157/157 [==============================] - 5s 30ms/step - loss: 0.4001 - accuracy: 0.8200"
            + " - val_loss: 0.4310 - val_accuracy: 0.8050\n"
        #expect(Self.read(pipe) == expected)
    }

    @Test("small values use %.4e; long ETAs use m:ss; the epoch-summary style draws no running line")
    func formats() {
        let pipe = Pipe()
        let clock = FakeClock()
        let bar = ProgressBar(output: pipe.fileHandleForWriting, style: .epochSummary, clock: { clock.now })
        bar.trainingWillBegin(epochs: 1, stepsPerEpoch: 4, metricNames: [])
        bar.epochWillBegin(0, of: 1, steps: 4)
        clock.now = 0.002
        for step in 1 ... 4 { bar.batchDidEnd(step: step, of: 4, logs: ["loss": 0.0001234]) }
        bar.epochDidEnd(0, logs: ["loss": 0.0001234])
        // 0.002 s / 4 steps = 500 µs
        #expect(
            Self.read(pipe) == "Epoch 1/1\n4/4 [==============================] - 0s 500us/step - loss: 1.2340e-04\n")
    }

    @Test("fit drives the bar: one block per epoch")
    func fitDrivesBar() throws {
        let pipe = Pipe()
        let bar = ProgressBar(output: pipe.fileHandleForWriting, style: .epochSummary)
        let (x, y) = FitTests.line(count: 8)
        let model = Sequential([Dense(units: 1)], inputShape: [1])
        model.compile(optimizer: SGD(learningRate: 0.1), loss: TestOnlyMeanSquaredError())
        try model.fit(x: x, y: y, epochs: 2, batchSize: 3, validationSplit: 0.25, progress: bar)
        let lines = Self.read(pipe).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "Epoch 1/2" && lines[2] == "Epoch 2/2")
        #expect(lines[1].hasPrefix("2/2 [==============================] - "))
        #expect(lines[1].contains(" - loss: ") && lines[1].contains(" - val_loss: "))
    }
}
