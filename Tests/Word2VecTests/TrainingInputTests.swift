// Training input and control: gzip and stdin-like sources, phrases, sentences, cancellation,
// continued training, bad options.

import Foundation
import NLPText
import Testing

@testable import Word2Vec

@Suite struct TrainingInputTests {
    static let directory = try! TrainingTemporaryDirectory()
    static let text = GrammarCorpus.text(sentences: 800, seed: 11)
    static let plainPath = try! directory.write(text, to: "plain.txt")

    func vectors(_ corpus: Corpus, _ options: Word2VecOptions = GrammarCorpus.options(.skipGram)) throws -> [Float] {
        try Word2VecTrainer(options: options).train(corpus: corpus).values
    }

    @Test func gzipAndDescriptorInputTrainLikePlainText() throws {
        let plain = try vectors(Corpus(path: Self.plainPath))
        let gzipPath = Self.directory.path + "/corpus.txt.gz"
        try GzipFile.write(Array(Self.text.utf8), to: gzipPath)
        #expect(try vectors(Corpus(path: gzipPath)) == plain)
        // A descriptor is read once into memory, as standard input is.
        let descriptor = open(gzipPath, O_RDONLY)
        defer { close(descriptor) }
        #expect(try vectors(Corpus(sources: [.fileDescriptor(descriptor, name: "pipe")])) == plain)
    }

    @Test func longLinesAreSplitIntoSentences() throws {
        var options = GrammarCorpus.options(.cbow)
        options.maxSentenceLength = 3
        let corpus = try PreparedCorpus.read(
            Corpus(path: Self.plainPath), options: options, vocabulary: nil, cancellation: nil)
        #expect(corpus.sentenceStarts.prefix(4) == [0, 3, 4, 7])
        #expect(corpus.sentenceStarts.last == corpus.ids.count && corpus.ids.count == 3200)
        #expect(!corpus.ids.contains(0), "</s> never appears in the id stream")
    }

    @Test func phrasePassJoinsFrequentBigrams() throws {
        var lines: [String] = []
        for i in 0 ..< 400 { lines.append("we saw new york at \(["dawn", "noon", "dusk"][i % 3]) today") }
        let path = try Self.directory.write(lines.joined(separator: "\n"), to: "phrases.txt")
        var options = GrammarCorpus.options(.cbow)
        options.phrasePasses = 1
        options.phraseThreshold = 1
        let model = try Word2VecTrainer(options: options).train(corpus: Corpus(path: path))
        #expect(model.vocabulary.contains("new_york"))
        #expect(!model.vocabulary.contains("york"))
    }

    @Test func cancelledTokenStopsTraining() throws {
        let token = TrainingCancellation()
        token.cancel()
        #expect(throws: Word2VecError.cancelled) {
            try Word2VecTrainer(options: GrammarCorpus.options(.cbow)).train(
                corpus: Corpus(path: Self.plainPath), cancellation: token)
        }
    }

    @Test func cancellingDuringTrainingStopsPromptly() throws {
        var options = GrammarCorpus.options(.skipGram)
        options.epochs = 10_000  // minutes of work if not stopped
        var trainer = Word2VecTrainer(options: options)
        trainer.progressInterval = 0.05
        let token = TrainingCancellation()
        let started = Date()
        #expect(throws: Word2VecError.cancelled) {
            try trainer.train(corpus: Corpus(path: Self.plainPath), cancellation: token) { _ in token.cancel() }
        }
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func continuedTrainingKeepsTheVocabulary() throws {
        var options = GrammarCorpus.options(.cbow)
        options.epochs = 2
        options.hierarchicalSoftmax = true
        let trainer = Word2VecTrainer(options: options)
        let first = try trainer.train(corpus: Corpus(path: Self.plainPath))
        let newText = Self.text + "zebra zebra zebra a1 b1 c1 d1\n"
        let newPath = try Self.directory.write(newText, to: "more.txt")
        let second = try trainer.train(corpus: Corpus(path: newPath), continuing: first)
        #expect(second.vocabulary.words == first.vocabulary.words, "new words are ignored")
        #expect(second.trainingState.epochsCompleted == 4)
        #expect(second.values != first.values)
        #expect(try GrammarCorpus.sameClassNeighbours(of: "a1", in: second.vectors, count: 5) >= 4)
        // From saved vectors and state alone: the same result as from the model.
        let fromParts = try trainer.train(
            corpus: Corpus(path: newPath), continuing: first.vectors, state: first.trainingState)
        #expect(fromParts.values == second.values)

        var wrongSize = options
        wrongSize.dimension = 8
        #expect(throws: Word2VecError.self) {
            try Word2VecTrainer(options: wrongSize).train(corpus: Corpus(path: newPath), continuing: first)
        }
        var noNegatives = options
        noNegatives.hierarchicalSoftmax = false
        let nsOnly = try Word2VecTrainer(options: noNegatives).train(corpus: Corpus(path: Self.plainPath))
        #expect(throws: Word2VecError.self) {
            try trainer.train(corpus: Corpus(path: newPath), continuing: nsOnly)
        }
    }

    @Test(arguments: [
        ("dimension", 0), ("window", 0), ("epochs", 0), ("minCount", 0), ("negative", -1),
        ("maxSentenceLength", 0),
    ])
    func badOptionsAreRejected(name: String, value: Int) throws {
        var options = Word2VecOptions()
        switch name {
        case "dimension": options.dimension = value
        case "window": options.window = value
        case "epochs": options.epochs = value
        case "minCount": options.minCount = value
        case "negative": options.negative = value
        default: options.maxSentenceLength = value
        }
        do {
            try options.validate()
            Issue.record("\(name) = \(value) was accepted")
        } catch let error as Word2VecError {
            guard case .invalidOption(let reported, let shown, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reported == name && shown == "\(value)")
            #expect(error.description.contains(name))
        }
    }

    @Test func otherBadSettings() throws {
        var options = Word2VecOptions()
        options.negative = 0
        #expect(throws: Word2VecError.self) { try options.validate() }
        options.hierarchicalSoftmax = true
        try options.validate()
        options.threads = 0
        #expect(throws: Word2VecError.self) { try options.validate() }
        options.threads = 1
        options.alpha = -1
        #expect(throws: Word2VecError.self) { try options.validate() }
        options.alpha = nil
        options.sample = -0.5
        #expect(throws: Word2VecError.self) { try options.validate() }
        #expect(
            Word2VecOptions().effectiveAlpha == 0.05 && Word2VecOptions(architecture: .skipGram).effectiveAlpha == 0.025
        )
    }

    @Test func optionsRoundTripThroughJSON() throws {
        var options = Word2VecOptions(architecture: .skipGram)
        options.alpha = 0.01
        options.threads = 3
        options.seed = 99
        options.alphaSchedule = .gensimCorpusFile
        options.initialization = .gensim
        #expect(try Word2VecOptions(json: Word2VecTrainer.json(options)) == options)
        #expect(try Word2VecOptions(json: "{}") == Word2VecOptions(), "missing settings keep their defaults")
        #expect(try Word2VecOptions(json: #"{"dimension": 50}"#).dimension == 50)
        #expect(throws: (any Error).self) { try Word2VecOptions(json: "not json") }
    }

    @Test func emptyVocabularyAndMissingFile() throws {
        var options = GrammarCorpus.options(.cbow)
        options.minCount = 100_000
        #expect(throws: Word2VecError.emptyVocabulary(minCount: 100_000, corpusWords: 3200)) {
            try Word2VecTrainer(options: options).train(corpus: Corpus(path: Self.plainPath))
        }
        #expect(throws: (any Error).self) { try Corpus(path: Self.directory.path + "/missing.txt") }
    }
}
