// Learning-rate schedules: char-rnn's per-epoch step decay and the per-batch cosine annealing.
import Foundation
import NLPCore
import Testing
@testable import TextGeneration

@Suite("Language-model training: learning-rate schedules")
struct LearningRateScheduleTests {
    /// Options whose epochs are several batches long, reporting every batch.
    static func options(epochs: Int, schedule: TrainingOptions.Schedule?) -> TrainingOptions {
        var options = Fixtures.options(epochs: epochs)
        options.progressInterval = 1
        options.learningRateSchedule = schedule
        return options
    }

    @Test("cosine: batch k of N trains at lr · (1 + cos(πk/N)) / 2, from lr down towards zero")
    func cosineFollowsTheFormula() throws {
        let options = Self.options(epochs: 3, schedule: .cosine)
        let observer = RecordingObserver()
        let trainer = try LanguageModelTrainer(model: try Fixtures.characterModel(), options: options)
        try trainer.train(text: Fixtures.repetitive, observer: observer)
        let rates = observer.progress.map { Double($0.learningRate) }
        let total = rates.count
        #expect(total == 3 * observer.progress.filter { $0.epoch == 1 }.count && total >= 9)
        for (k, rate) in rates.enumerated() {
            let expected = 0.01 * 0.5 * (1 + cos(Double.pi * Double(k) / Double(total)))
            #expect(abs(rate - expected) < 1e-7, "batch \(k): \(rate) vs \(expected)")
        }
        #expect(observer.progress.first?.learningRate == 0.01)
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 })
        #expect(rates.last! < 0.01 * 0.01)
        #expect(
            trainer.state.history.map(\.learningRate).map(Double.init) == [
                rates[total / 3 - 1], rates[2 * total / 3 - 1], rates[total - 1],
            ])
    }

    @Test("step (the default): constant within an epoch, multiplied by the decay after each epoch")
    func stepDecaysPerEpoch() throws {
        for schedule in [nil, TrainingOptions.Schedule.step] {
            var options = Self.options(epochs: 3, schedule: schedule)
            options.learningRateDecay = 0.5
            options.decayAfterEpoch = 2
            let observer = RecordingObserver()
            let trainer = try LanguageModelTrainer(model: try Fixtures.characterModel(), options: options)
            try trainer.train(text: Fixtures.repetitive, observer: observer)
            for epoch in 1 ... 3 {
                let rates = Set(observer.progress.filter { $0.epoch == epoch }.map(\.learningRate))
                #expect(rates == [epoch < 3 ? 0.01 : 0.005], "epoch \(epoch): \(rates)")
            }
        }
    }

    @Test("the run's progress: tokens over all epochs, or the time limit's share when larger")
    func progressCountsTokensAndTime() throws {
        var options = Fixtures.options(epochs: 4)
        let trainer = try LanguageModelTrainer(model: try Fixtures.characterModel(), options: options)
        #expect(trainer.runProgress(trainedTokens: 100, tokensPerEpoch: 100, wallSeconds: 50) == 0.25)
        #expect(trainer.runProgress(trainedTokens: 900, tokensPerEpoch: 100, wallSeconds: 0) == 1)
        options.timeLimit = 100
        trainer.options = options
        #expect(trainer.runProgress(trainedTokens: 100, tokensPerEpoch: 100, wallSeconds: 50) == 0.5)
        #expect(trainer.runProgress(trainedTokens: 300, tokensPerEpoch: 100, wallSeconds: 50) == 0.75)
        #expect(trainer.cosineLearningRate(progress: 0) == 0.01)
        #expect(abs(trainer.cosineLearningRate(progress: 0.5) - 0.005) < 1e-9)
        #expect(trainer.cosineLearningRate(progress: 1) == 0)
    }

    @Test("a cosine run stopped mid-way and resumed from its checkpoint equals the run straight")
    func cosineResumes() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cosine.tgmodel").path

        let straight = try LanguageModelTrainer(
            model: try Fixtures.characterModel(), options: Self.options(epochs: 2, schedule: .cosine))
        try straight.train(text: Fixtures.repetitive)

        var first = Self.options(epochs: 2, schedule: .cosine)
        first.checkpointPath = path
        let observer = RecordingObserver()
        observer.stopAfterBatches = 5
        let stopped = try LanguageModelTrainer(model: try Fixtures.characterModel(), options: first)
        try stopped.train(text: Fixtures.repetitive, observer: observer)
        #expect(stopped.state.completedEpochs == 0 && stopped.state.batchInEpoch == 5)

        let resumed = try LanguageModelTrainer.resume(from: path)
        #expect(resumed.options.learningRateSchedule == .cosine)
        try resumed.train(text: Fixtures.repetitive)
        #expect(resumed.optimizer.iterations == straight.optimizer.iterations)
        #expect(resumed.model.network.weights() == straight.model.network.weights())
    }

    @Test("options saved without a schedule (older checkpoints) decode to the step schedule")
    func olderOptionsDecode() throws {
        var options = TrainingOptions()
        options.learningRateSchedule = .cosine
        let json = try #require(String(data: JSONEncoder().encode(options), encoding: .utf8))
        #expect(json.contains("\"learningRateSchedule\":\"cosine\""))
        let older = json.replacingOccurrences(of: ",\"learningRateSchedule\":\"cosine\"", with: "")
            .replacingOccurrences(of: "\"learningRateSchedule\":\"cosine\",", with: "")
        #expect(!older.contains("learningRateSchedule"))
        let decoded = try JSONDecoder().decode(TrainingOptions.self, from: Data(older.utf8))
        #expect(decoded.learningRateSchedule == nil)
        #expect(decoded == TrainingOptions())
    }
}
