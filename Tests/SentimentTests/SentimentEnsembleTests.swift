import Foundation
import NLPCore
import NLPNeural
import NLPText
import Testing

@testable import Sentiment

@Suite("SentimentEnsemble")
struct SentimentEnsembleTests {
    /// A small bag-of-words member and a small GRU member.
    static let quickMembers: [SentimentConfiguration] = {
        var gru = SentimentConfiguration(architecture: .gru, epochs: 2)
        gru.recurrentUnits = 8
        gru.embeddingDimension = 16
        return [SentimentConfiguration(architecture: .mlp, epochs: 4), gru]
    }()

    @Test("the default members are the bag-of-words model and a GRU with their defaults")
    func defaultMembers() {
        #expect(SentimentEnsemble.defaultMembers.map(\.architecture) == [.mlp, .gru])
        #expect(SentimentEnsemble.defaultMembers[0] == SentimentConfiguration())
        #expect(SentimentEnsemble.defaultMembers[1] == SentimentConfiguration(architecture: .gru))
    }

    @Test("probabilities are the mean of the members'; it learns movie-snippets above chance")
    func meanOfMembers() throws {
        let (train, test) = SentimentFixtures.movieSplit(train: 2000, test: 400)
        let ensemble = try SentimentEnsemble.train(dataset: train, configurations: Self.quickMembers)
        #expect(ensemble.members.map(\.configuration.architecture) == [.mlp, .gru])
        #expect(ensemble.labelNames == ["0", "1"])
        let texts = Array(test.texts.prefix(50)) + ["", "qwzx blorf"]
        let mean = ensemble.classProbabilities(texts)
        let first = ensemble.members[0].classProbabilities(texts)
        let second = ensemble.members[1].classProbabilities(texts)
        var differsFromFirst = false
        for row in texts.indices {
            for column in 0 ..< 2 {
                #expect(abs(mean[row][column] - (first[row][column] + second[row][column]) / 2) < 1e-6)
            }
            differsFromFirst = differsFromFirst || mean[row] != first[row]
            #expect(abs(mean[row].reduce(0, +) - 1) < 1e-5)
        }
        #expect(differsFromFirst)
        let predictions = ensemble.predict(texts)
        #expect(predictions.map(\.probabilities) == mean)
        #expect(predictions.map(\.labelID) == mean.map { $0[1] > $0[0] ? 1 : 0 })
        #expect(ensemble.predict(texts[0]) == predictions[0])
        #expect(ensemble.predict([String]()).isEmpty)
        let report = try ensemble.evaluate(test)
        #expect(report.count == 400)
        #expect(report.accuracy > 0.66, "\(report)")
        // The ensemble's report counts its own predictions.
        let correct = zip(ensemble.predict(test.texts), test.labels).filter { $0.labelID == $1 }.count
        #expect(report.accuracy == Double(correct) / 400)
    }

    @Test("pretrained vectors go to the sequence members only")
    func embeddingsToSequenceMembers() throws {
        let vectors = try PretrainedEmbeddings(contentsOf: SentimentFixtures.gloveBinaryPath)
        let (train, _) = SentimentFixtures.movieSplit(train: 300, test: 0)
        let ensemble = try SentimentEnsemble.train(
            dataset: train, configurations: Self.quickMembers, embeddings: vectors)
        #expect(ensemble.members[0].embeddingAlignment == nil)
        let alignment = try #require(ensemble.members[1].embeddingAlignment)
        #expect(alignment.found > 0)
        let embedding = try #require(ensemble.members[1].model.layers.first as? Embedding)
        #expect(embedding.outputDimension == 50)
    }

    @Test("bad ensembles are rejected with clear errors")
    func rejected() throws {
        let (train, _) = SentimentFixtures.movieSplit(train: 200, test: 0)
        #expect(throws: SentimentError.self) {
            try SentimentEnsemble.train(dataset: train, configurations: [])
        }
        #expect(throws: SentimentError.self) { try SentimentEnsemble(members: []) }
        var bad = SentimentConfiguration(epochs: 1)
        bad.dropout = 1.5
        #expect(throws: SentimentError.self) {
            try SentimentEnsemble.train(dataset: train, configurations: [SentimentConfiguration(epochs: 1), bad])
        }
        let movie = try SentimentClassifier.train(dataset: train, configuration: SentimentConfiguration(epochs: 1))
        let three = try SentimentClassifier.train(
            dataset: SentimentFixtures.threeClassDataset(perClass: 20), configuration: SentimentConfiguration(epochs: 1)
        )
        do {
            _ = try SentimentEnsemble(members: [movie, three])
            Issue.record("members with different labels were accepted")
        } catch let error as SentimentError {
            #expect(error.description.contains("member 1"), "\(error)")
        }
    }

    @Test("save and load: one file, identical predictions; a classifier file is not an ensemble")
    func saveAndLoad() throws {
        let (train, test) = SentimentFixtures.movieSplit(train: 600, test: 40)
        let ensemble = try SentimentEnsemble.train(dataset: train, configurations: Self.quickMembers)
        let directory = try SentimentFixtures.makeDirectory()
        let path = directory.appendingPathComponent("ensemble.safetensors").path
        try ensemble.save(to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["ensemble.safetensors"])
        let loaded = try SentimentEnsemble.load(from: path)
        let texts = test.texts + ["", "unknownword qqq"]
        #expect(loaded.predict(texts) == ensemble.predict(texts))
        #expect(loaded.members.map(\.configuration) == ensemble.members.map(\.configuration))
        #expect(loaded.members.map(\.tokenizer) == ensemble.members.map(\.tokenizer))
        #expect(try loaded.evaluate(test) == ensemble.evaluate(test))

        let single = directory.appendingPathComponent("single.safetensors").path
        try ensemble.members[0].save(to: single)
        do {
            _ = try SentimentEnsemble.load(from: single)
            Issue.record("a classifier file loaded as an ensemble")
        } catch let error as SentimentError {
            #expect(error.description.contains("sentiment_ensemble"), "\(error)")
        }
        // A lying member count is an error, not a huge allocation.
        var file = try SafeTensors.read(from: path)
        file.metadata[SentimentEnsembleMetadata.metadataKey] = #"{"version":1,"members":1000000000}"#
        try file.write(to: path)
        #expect(throws: SentimentError.self) { try SentimentEnsemble.load(from: path) }
        // A missing member is named.
        file.metadata[SentimentEnsembleMetadata.metadataKey] = #"{"version":1,"members":3}"#
        try file.write(to: path)
        do {
            _ = try SentimentEnsemble.load(from: path)
            Issue.record("a file with 2 members loaded as 3")
        } catch let error as SentimentError {
            #expect(error.description.contains("member 2"), "\(error)")
        }
    }

    @Test("the same seeds give the same ensemble")
    func deterministic() throws {
        let (train, test) = SentimentFixtures.movieSplit(train: 400, test: 30)
        let a = try SentimentEnsemble.train(dataset: train, configurations: Self.quickMembers)
        let b = try SentimentEnsemble.train(dataset: train, configurations: Self.quickMembers)
        #expect(a.classProbabilities(test.texts) == b.classProbabilities(test.texts))
    }
}
