import Foundation
import NLPCore
import NLPNeural
import NLPText
import Testing
import Word2Vec

@testable import Sentiment

@Suite("SentimentClassifier")
struct SentimentClassifierTests {
    /// A quick bag-of-words configuration for tests.
    static let quickMLP = SentimentConfiguration(architecture: .mlp, epochs: 4)

    @Test("the bag-of-words model learns movie-snippets well above chance on held-out texts")
    func mlpLearns() throws {
        let (train, test) = SentimentFixtures.movieSplit(train: 2500, test: 600)
        let classifier = try SentimentClassifier.train(dataset: train, configuration: Self.quickMLP)
        let report = try classifier.evaluate(test)
        #expect(report.accuracy > 0.68, "\(report)")
        #expect(report.count == 600)
        #expect(classifier.labelNames == ["0", "1"])
        #expect(classifier.trainingSummary.validationTexts == 250)
        #expect(classifier.trainingSummary.epochsRun >= 1)
        #expect(classifier.history["val_loss"]?.count == classifier.trainingSummary.epochsRun)
        // Clear cases go the right way.
        let clear = classifier.predict(["a wonderful, moving and beautiful film", "dull, tedious and pointless"])
        #expect(clear.map(\.label) == ["1", "0"], "\(clear)")
    }

    @Test("predictions: probabilities sum to 1; empty text and unknown words work")
    func predictions() throws {
        let (train, _) = SentimentFixtures.movieSplit(train: 1000, test: 0)
        let classifier = try SentimentClassifier.train(dataset: train, configuration: Self.quickMLP)
        let predictions = classifier.predict(["", "qwzx blorf zzyzx", "a good film", "!!!"])
        #expect(predictions.count == 4)
        for prediction in predictions {
            #expect(abs(prediction.probabilities.reduce(0, +) - 1) < 1e-5)
            #expect(prediction.probability == prediction.probabilities.max())
            #expect(prediction.probability.isFinite)
        }
        // No known token: the same answer for the empty text and for unknown words.
        #expect(predictions[0] == predictions[1])
        #expect(classifier.predict([String]()).isEmpty)
        #expect(classifier.predict("a good film") == predictions[2])
    }

    @Test(
        "save and load: one file, identical predictions, settings kept",
        arguments: [
            SentimentArchitecture.mlp, .gru,
        ])
    func saveAndLoad(architecture: SentimentArchitecture) throws {
        let (train, test) = SentimentFixtures.movieSplit(train: 600, test: 50)
        var configuration = SentimentConfiguration(architecture: architecture, epochs: 2)
        configuration.recurrentUnits = 8
        configuration.embeddingDimension = 16
        let classifier = try SentimentClassifier.train(dataset: train, configuration: configuration)
        let directory = try SentimentFixtures.makeDirectory()
        let path = directory.appendingPathComponent("model.safetensors").path
        try classifier.save(to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
        let loaded = try SentimentClassifier.load(from: path)
        let texts = test.texts + ["", "unknownword qqq"]
        #expect(loaded.predict(texts) == classifier.predict(texts))
        #expect(loaded.tokenizer == classifier.tokenizer)
        #expect(loaded.labelNames == classifier.labelNames)
        #expect(loaded.maxLength == classifier.maxLength)
        #expect(loaded.configuration == classifier.configuration)
        #expect(loaded.history == classifier.history)
        #expect(try loaded.evaluate(test) == classifier.evaluate(test))
    }

    @Test("three classes: softmax output, macro scores, learns separable words")
    func multiClass() throws {
        let dataset = SentimentFixtures.threeClassDataset()
        var configuration = SentimentConfiguration(architecture: .mlp, epochs: 30)
        configuration.earlyStoppingPatience = nil
        let classifier = try SentimentClassifier.train(dataset: dataset, configuration: configuration)
        #expect(classifier.model.outputShape == [3])
        let predictions = classifier.predict(["a superb and lovely day", "an awful dull time", "the street window"])
        #expect(predictions.map(\.label) == ["positive", "negative", "neutral"], "\(predictions)")
        #expect(predictions.allSatisfy { $0.probabilities.count == 3 })
        let report = try classifier.evaluate(dataset)
        #expect(report.accuracy > 0.95)
        #expect(!report.isBinary)
    }

    @Test("training from texts and label names; bad training data is rejected")
    func trainingErrors() throws {
        #expect(throws: SentimentError.self) {
            try SentimentClassifier.train(texts: ["a", "b"], labels: ["x"])
        }
        #expect(throws: SentimentError.self) {
            try SentimentClassifier.train(texts: ["a", "b", "c"], labels: ["x", "x", "x"])
        }
        #expect(throws: SentimentError.self) {
            try SentimentClassifier.train(
                texts: ["good", "bad"], labels: ["1", "0"], configuration: SentimentConfiguration(epochs: 0))
        }
        let vectors = try PretrainedEmbeddings(contentsOf: SentimentFixtures.gloveBinaryPath)
        #expect(throws: SentimentError.self) {
            try SentimentClassifier.train(
                texts: ["good", "bad", "fine"], labels: ["1", "0", "1"], embeddings: vectors)
        }
        let classifier = try SentimentClassifier.train(
            texts: ["good film", "bad film", "great", "awful"], labels: ["pos", "neg", "pos", "neg"],
            configuration: SentimentConfiguration(epochs: 2, earlyStoppingPatience: nil))
        #expect(classifier.labelNames == ["neg", "pos"])
        #expect(throws: SentimentError.self) { try classifier.evaluate(texts: ["x"], labels: ["other"]) }
    }

    @Test("the validation rows are every 10th row, so a file sorted by label gives both parts every class")
    func validationRows() {
        let (train, validation) = SentimentClassifier.validationSplit(count: 25, fraction: 0.1)
        #expect(validation == [9, 19])
        #expect(train.count == 23)
        #expect(SentimentClassifier.validationSplit(count: 5, fraction: 0).validation.isEmpty)
    }

    @Test("the history plots are SVG files")
    func plots() throws {
        let (train, _) = SentimentFixtures.movieSplit(train: 500, test: 0)
        let classifier = try SentimentClassifier.train(
            dataset: train, configuration: SentimentConfiguration(epochs: 3, earlyStoppingPatience: 5))
        let directory = try SentimentFixtures.makeDirectory()
        for metric in ["loss", "accuracy"] {
            let plot = try #require(classifier.historyPlot(metric))
            let path = directory.appendingPathComponent("\(metric).svg").path
            try plot.write(to: path)
            let svg = try String(contentsOfFile: path, encoding: .utf8)
            #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
            #expect(svg.contains("Validation \(metric)"))
        }
        #expect(classifier.historyPlot("nonsense") == nil)
    }

    @Test("k-fold cross-validation: stratified folds cover every text once and score above chance")
    func crossValidation() throws {
        let dataset = SentimentFixtures.movieSnippets.subset(0 ..< 900)
        var foldsSeen: [Int] = []
        let report = try SentimentClassifier.crossValidate(
            dataset: dataset, folds: 3, seed: 5, configuration: SentimentConfiguration(epochs: 3)
        ) { foldsSeen.append($0.fold) }
        #expect(foldsSeen == [0, 1, 2])
        #expect(report.folds.map(\.report.count).reduce(0, +) == 900)
        #expect(report.meanAccuracy > 0.6, "\(report)")
        #expect(report.accuracyStandardDeviation >= 0)
        #expect(report.description.contains("mean"))
        #expect(throws: SentimentError.self) {
            try SentimentClassifier.crossValidate(dataset: dataset, folds: 1)
        }
    }

    @Test("default vocabularies: 100,000 tokens (words + bigrams) for the bag of words, 20,000 words otherwise")
    func defaultVocabularies() {
        let mlp = SentimentConfiguration()
        let gru = SentimentConfiguration(architecture: .gru)
        #expect(mlp.resolvedVocabularySize == 100_000 && mlp.resolvedNgrams == 2)
        #expect(gru.resolvedVocabularySize == 20_000 && gru.resolvedNgrams == 1)
        // movie-snippets has more than 100,000 distinct words and bigrams: the table is full.
        let texts = SentimentFixtures.movieSnippets.texts
        let tokenizer = SentimentTokenizer(
            fittingOn: texts, vocabularySize: mlp.resolvedVocabularySize, ngrams: mlp.resolvedNgrams)
        #expect(tokenizer.tableSize == 100_000)
        #expect(tokenizer.words.count == 99_999)
    }

    @Test("the same seed gives the same model")
    func deterministic() throws {
        let (train, test) = SentimentFixtures.movieSplit(train: 500, test: 40)
        let configuration = SentimentConfiguration(epochs: 2)
        let a = try SentimentClassifier.train(dataset: train, configuration: configuration)
        let b = try SentimentClassifier.train(dataset: train, configuration: configuration)
        #expect(a.predict(test.texts) == b.predict(test.texts))
    }
}
