// Training: a small model learns, time limits, checkpoints, resume, save/load, bad inputs.
import Foundation
import NLPCore
import NLPNeural
import Testing
@testable import TextGeneration

/// Collects what a trainer reports.
final class RecordingObserver: TrainingObserver {
    var progress: [BatchProgress] = []
    var records: [EpochRecord] = []
    var stopAfterBatches: Int?
    private var stopChecks = 0

    func batchDidFinish(_ progress: BatchProgress) { self.progress.append(progress) }
    func epochDidFinish(_ record: EpochRecord) { records.append(record) }
    func shouldStop() -> Bool {
        stopChecks += 1
        guard let stopAfterBatches else { return false }
        return stopChecks >= stopAfterBatches
    }
}

@Suite("Training")
struct TrainingTests {
    @Test("a small model learns a repetitive text: validation loss far below ln V")
    func learns() throws {
        let model = try Fixtures.characterModel(units: 16)
        var options = Fixtures.options(epochs: 12)
        options.progressInterval = 1
        let observer = RecordingObserver()
        let trainer = try LanguageModelTrainer(model: model, options: options)
        let records = try trainer.train(text: Fixtures.repetitive, observer: observer)
        #expect(records.count == 12)
        let uniform = log(Double(model.vocabularySize))
        let last = try #require(records.last?.validation)
        #expect(last.crossEntropy < 0.35 * uniform, "validation \(last.crossEntropy) vs ln V \(uniform)")
        #expect(records.last!.trainingLoss < records.first!.trainingLoss)
        #expect(observer.progress.count == 12 * observer.progress.filter { $0.epoch == 1 }.count)
        #expect(trainer.state.completedEpochs == 12)
        #expect(trainer.optimizer.iterations == observer.progress.count)
        // The learned pattern comes out greedily.
        let text = try model.generate(prompt: "abcabd abc", length: 9, strategy: .greedy)
        #expect(text == "abd\nabcab")
    }

    @Test("a word model's perplexity falls on a repetitive text")
    func wordModelLearns() throws {
        let text = String(repeating: "the cat sat on the mat .\nthe dog sat on the log .\n", count: 30)
        let model = try LanguageModel(
            tokenizer: .word(WordTokenizer(fitting: text)),
            configuration: LanguageModelConfiguration(cell: .gru, layers: 1, units: 16, embeddingDimension: 8))
        let before = try model.evaluate(text: text, batchSize: 4, sequenceLength: 8)
        let trainer = try LanguageModelTrainer(model: model, options: Fixtures.options(epochs: 8, sequenceLength: 8))
        try trainer.train(text: text)
        let after = try model.evaluate(text: text, batchSize: 4, sequenceLength: 8)
        #expect(after.perplexity < 0.5 * before.perplexity, "\(before.perplexity) → \(after.perplexity)")
    }

    @Test("the time limit and a stop request end training mid-epoch with a partial record")
    func stopsEarly() throws {
        var options = Fixtures.options(epochs: 5)
        options.timeLimit = 1e-6
        let trainer = try LanguageModelTrainer(model: try Fixtures.characterModel(), options: options)
        let records = try trainer.train(text: Fixtures.repetitive)
        #expect(records.count == 1 && records[0].isPartial)
        #expect(trainer.state.completedEpochs == 0 && trainer.state.batchInEpoch == 1)

        let observer = RecordingObserver()
        observer.stopAfterBatches = 3
        var stopping = Fixtures.options(epochs: 5)
        stopping.progressInterval = 1
        let stopped = try LanguageModelTrainer(model: try Fixtures.characterModel(), options: stopping)
        try stopped.train(text: Fixtures.repetitive, observer: observer)
        #expect(stopped.state.batchInEpoch == 3 && stopped.optimizer.iterations == 3)
    }

    @Test("two epochs straight equal one epoch, a checkpoint, and one resumed epoch", arguments: [0, 0.2] as [Float])
    func resumeContinues(dropout: Float) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("run.tgmodel").path

        let straight = try LanguageModelTrainer(
            model: try Fixtures.characterModel(dropout: dropout), options: Fixtures.options(epochs: 2))
        try straight.train(text: Fixtures.repetitive)

        var first = Fixtures.options(epochs: 1)
        first.checkpointPath = path
        let interrupted = try LanguageModelTrainer(model: try Fixtures.characterModel(dropout: dropout), options: first)
        try interrupted.train(text: Fixtures.repetitive)
        let batches = interrupted.optimizer.iterations

        let resumed = try LanguageModelTrainer.resume(from: path)
        #expect(resumed.state.completedEpochs == 1)
        #expect(resumed.optimizer.iterations == batches)
        #expect(resumed.state.history.count == 1)
        resumed.options.epochs = 2
        let records = try resumed.train(text: Fixtures.repetitive)
        #expect(records.map(\.epoch) == [2])
        #expect(resumed.state.completedEpochs == 2)
        #expect(resumed.optimizer.iterations == 2 * batches)
        #expect(resumed.model.network.weights() == straight.model.network.weights())
        let reloaded = try LanguageModelTrainer.resume(from: path)
        #expect(reloaded.state.history.map(\.epoch) == [1, 2])
    }

    @Test("an epoch stopped mid-way and resumed from its checkpoint equals the epoch run straight")
    func resumeMidEpochCarriesTheState() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("run.tgmodel").path

        let straight = try LanguageModelTrainer(
            model: try Fixtures.characterModel(), options: Fixtures.options(epochs: 1))
        try straight.train(text: Fixtures.repetitive)
        let batches = straight.optimizer.iterations
        #expect(batches > 3)

        var first = Fixtures.options(epochs: 1)
        first.checkpointPath = path
        let observer = RecordingObserver()
        observer.stopAfterBatches = 3
        let stopped = try LanguageModelTrainer(model: try Fixtures.characterModel(), options: first)
        try stopped.train(text: Fixtures.repetitive, observer: observer)
        #expect(stopped.state.batchInEpoch == 3 && stopped.state.carriedStates != nil)
        // The resumed run rewrites its checkpoint, so keep a copy of the stopped one.
        let copy = directory.appendingPathComponent("stopped.tgmodel").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)

        let resumed = try LanguageModelTrainer.resume(from: path)
        #expect(resumed.state.batchInEpoch == 3)
        try resumed.train(text: Fixtures.repetitive)
        #expect(resumed.state.completedEpochs == 1 && resumed.state.carriedStates == nil)
        #expect(resumed.optimizer.iterations == batches)
        #expect(resumed.model.network.weights() == straight.model.network.weights())

        // Without the carried state the streams restart from zeros and the weights differ.
        let zeroed = try LanguageModelTrainer.resume(from: copy)
        #expect(zeroed.state.batchInEpoch == 3)
        zeroed.state.carriedStates = nil
        try zeroed.train(text: Fixtures.repetitive)
        #expect(zeroed.model.network.weights() != straight.model.network.weights())
    }

    @Test("save and load round-trip: same tokenizer, configuration and generated text")
    func saveLoad() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.tgmodel").path
        let model = try Fixtures.characterModel(cell: .gru, layers: 2, embedding: 4, dropout: 0.1)
        try LanguageModelTrainer(model: model, options: Fixtures.options(epochs: 1)).train(text: Fixtures.repetitive)
        try model.save(to: path)
        let loaded = try LanguageModel.load(from: path)
        #expect(loaded.tokenizer == model.tokenizer)
        #expect(loaded.configuration == model.configuration)
        #expect(loaded.network.weights() == model.network.weights())
        for strategy in [SamplingStrategy.greedy, .topK(3, temperature: 0.9), .topP(0.8, temperature: 1.2)] {
            #expect(
                try loaded.generate(prompt: "abc", length: 40, strategy: strategy, seed: 4)
                    == model.generate(prompt: "abc", length: 40, strategy: strategy, seed: 4))
        }
        // A plain model file is not a checkpoint.
        #expect(throws: TextGenerationError.self) { try LanguageModelTrainer.resume(from: path) }
    }

    @Test("corrupt, foreign and missing model files give errors, not crashes")
    func badModelFiles() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let garbage = directory.appendingPathComponent("garbage.tgmodel").path
        _ = FileManager.default.createFile(atPath: garbage, contents: Data((0 ..< 300).map { UInt8($0 % 251) }))
        #expect(throws: (any Error).self) { try LanguageModel.load(from: garbage) }
        let foreign = directory.appendingPathComponent("keras.safetensors").path
        let plain = Sequential([Dense(units: 2)], inputShape: [3])
        try plain.build(seed: 1)
        try plain.save(to: foreign)
        #expect(throws: TextGenerationError.self) { try LanguageModel.load(from: foreign) }
        let truncated = directory.appendingPathComponent("truncated.tgmodel").path
        let full = directory.appendingPathComponent("full.tgmodel").path
        try Fixtures.characterModel().save(to: full)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: full))
        _ = FileManager.default.createFile(atPath: truncated, contents: bytes.prefix(bytes.count - 40))
        #expect(throws: (any Error).self) { try LanguageModel.load(from: truncated) }
        #expect(throws: (any Error).self) {
            try LanguageModel.load(from: directory.appendingPathComponent("none").path)
        }
    }

    @Test("too short a text and bad options are errors naming the value")
    func badInputs() throws {
        let trainer = try LanguageModelTrainer(model: try Fixtures.characterModel(), options: Fixtures.options())
        #expect(throws: TextGenerationError.self) { try trainer.train(text: "abcab") }
        #expect(throws: TextGenerationError.unknownToken("z", position: 3)) { try trainer.train(text: "abcz") }
        var options = Fixtures.options()
        options.validationFraction = 1.5
        #expect(throws: TextGenerationError.self) {
            try LanguageModelTrainer(model: try Fixtures.characterModel(), options: options)
        }
        #expect(throws: TextGenerationError.self) {
            try LanguageModel(
                tokenizer: .characters(fitting: "ab"), configuration: LanguageModelConfiguration(layers: 0))
        }
    }
}
