import Foundation
import NLPCore
import NLPNeural
import Testing
import Word2Vec

@testable import Sentiment

@Suite("Pretrained embeddings")
struct PretrainedEmbeddingTests {
    @Test("vectors are aligned to the vocabulary: found words get their vectors, frozen ones stay fixed")
    func alignedAndFrozen() throws {
        let vectors = try PretrainedEmbeddings(contentsOf: SentimentFixtures.gloveBinaryPath, freeze: true)
        let (train, _) = SentimentFixtures.movieSplit(train: 300, test: 0)
        var configuration = SentimentConfiguration(architecture: .lstm, epochs: 2)
        configuration.recurrentUnits = 8
        configuration.vocabularySize = 2000
        let classifier = try SentimentClassifier.train(
            dataset: train, configuration: configuration, embeddings: vectors)
        let alignment = try #require(classifier.embeddingAlignment)
        #expect(alignment.vocabularySize == classifier.tokenizer.words.count)
        #expect(alignment.found > alignment.vocabularySize / 3, "\(alignment)")
        #expect(alignment.frozen)
        let embedding = try #require(classifier.model.layers.first as? Embedding)
        #expect(embedding.outputDimension == 50)
        #expect(embedding.parameters[0].isTrainable == false)
        // After training, the row of "the" is still GloVe's vector.
        let id = try #require(classifier.tokenizer.id(of: "the"))
        let expected = try vectors.vectors.vector(for: "the")
        let row = Array(embedding.parameters[0].value.scalars[id * 50 ..< (id + 1) * 50])
        #expect(row == expected)
    }

    @Test("fine-tuned vectors change; a bidirectional GRU with them saves and loads")
    func fineTuned() throws {
        let vectors = try PretrainedEmbeddings(contentsOf: SentimentFixtures.gloveBinaryPath, freeze: false)
        let (train, test) = SentimentFixtures.movieSplit(train: 300, test: 20)
        var configuration = SentimentConfiguration(architecture: .bigru, epochs: 2)
        configuration.recurrentUnits = 6
        configuration.recurrentLayers = 2
        configuration.earlyStoppingPatience = nil
        let classifier = try SentimentClassifier.train(
            dataset: train, configuration: configuration, embeddings: vectors)
        let embedding = try #require(classifier.model.layers.first as? Embedding)
        let id = try #require(classifier.tokenizer.id(of: "the"))
        let row = Array(embedding.parameters[0].value.scalars[id * 50 ..< (id + 1) * 50])
        #expect(row != (try vectors.vectors.vector(for: "the")))
        #expect(classifier.model.layers.filter { $0 is Bidirectional }.count == 2)
        let path = try SentimentFixtures.makeDirectory().appendingPathComponent("bigru.safetensors").path
        try classifier.save(to: path)
        let loaded = try SentimentClassifier.load(from: path)
        #expect(loaded.predict(test.texts) == classifier.predict(test.texts))
        #expect(loaded.embeddingAlignment == classifier.embeddingAlignment)
    }

    @Test("a missing or broken vector file gives a clear error")
    func badVectors() throws {
        #expect {
            try PretrainedEmbeddings(contentsOf: "/nonexistent/vectors.bin")
        } throws: { error in
            "\(error)".contains("/nonexistent/vectors.bin")
        }
        let path = try SentimentFixtures.write("3 50\nthe 0.1\n", name: "broken.txt")
        #expect(throws: SentimentError.self) { try PretrainedEmbeddings(contentsOf: path) }
    }
}
