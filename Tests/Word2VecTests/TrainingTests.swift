// Training behaviour: learning the grammar corpus, determinism, losses, output layers, CBOW modes.

import Foundation
import NLPText
import Testing

@testable import Word2Vec

@Suite struct TrainingTests {
    static let directory = try! TrainingTemporaryDirectory()
    static let grammarPath = try! directory.write(GrammarCorpus.text(sentences: 1500), to: "grammar.txt")

    func train(_ options: Word2VecOptions, path: String = TrainingTests.grammarPath) throws -> Word2VecModel {
        try Word2VecTrainer(options: options).train(corpus: Corpus(path: path))
    }

    @Test(arguments: Word2VecOptions.Architecture.allCases, [UInt64(1), 2, 3])
    func wordsOfOneClassBecomeNeighbours(architecture: Word2VecOptions.Architecture, seed: UInt64) throws {
        let model = try train(GrammarCorpus.options(architecture, seed: seed))
        for word in ["a0", "b3", "c5", "d1"] {
            let same = try GrammarCorpus.sameClassNeighbours(of: word, in: model.vectors, count: 5)
            #expect(same >= 4, "\(word): only \(same) of its 5 nearest neighbours are in its class")
        }
    }

    @Test(arguments: [(5, false), (0, true), (5, true)])
    func outputLayers(negative: Int, hierarchicalSoftmax: Bool) throws {
        for architecture in Word2VecOptions.Architecture.allCases {
            var options = GrammarCorpus.options(architecture)
            options.negative = negative
            options.hierarchicalSoftmax = hierarchicalSoftmax
            let model = try train(options)
            #expect((model.trainingState.outputNegative != nil) == (negative > 0))
            #expect((model.trainingState.outputHierarchical != nil) == hierarchicalSoftmax)
            let same = try GrammarCorpus.sameClassNeighbours(of: "b2", in: model.vectors, count: 5)
            #expect(same >= 4, "\(architecture) negative \(negative) hs \(hierarchicalSoftmax): \(same) of 5")
            let losses = model.statistics.epochLosses
            #expect(losses.count == options.epochs)
            #expect(losses.first! > losses.last!, "loss did not fall: \(losses)")
            #expect(losses.allSatisfy { $0.isFinite && $0 > 0 })
        }
    }

    @Test(arguments: Word2VecOptions.Architecture.allCases)
    func oneThreadIsDeterministic(architecture: Word2VecOptions.Architecture) throws {
        let options = GrammarCorpus.options(architecture, seed: 7)
        let first = try train(options)
        let second = try train(options)
        #expect(first.values == second.values)
        #expect(first.trainingState == second.trainingState)
        #expect(first.statistics.epochLosses == second.statistics.epochLosses)
        var other = options
        other.seed = 8
        #expect(try train(other).values != first.values)
    }

    @Test func vectorsMoveAwayFromTheirInitialValues() throws {
        let options = GrammarCorpus.options(.cbow, seed: 5)
        let model = try train(options)
        let memory = SharedTrainingMemory(
            rows: model.vocabulary.count, dimension: options.dimension, negativeSampling: false,
            hierarchicalSoftmax: false, ids: [], sentenceStarts: [0], keepProbabilities: [], noise: nil, tree: nil)
        memory.randomizeInput(seed: options.seed)
        let initial = memory.values(of: memory.input)
        let trained = model.values
        let d = options.dimension
        #expect(Array(trained[0 ..< d]) == Array(initial[0 ..< d]), "</s> is never trained, as in word2vec.c")
        for row in 1 ..< model.vocabulary.count {
            #expect(Array(trained[row * d ..< (row + 1) * d]) != Array(initial[row * d ..< (row + 1) * d]))
        }
    }

    @Test func gensimInitializationDoublesTheRange() throws {
        let d = 50
        func initial(_ initialization: VectorInitialization) -> [Float] {
            let memory = SharedTrainingMemory(
                rows: 200, dimension: d, negativeSampling: false, hierarchicalSoftmax: false, ids: [],
                sentenceStarts: [0], keepProbabilities: [], noise: nil, tree: nil)
            memory.randomizeInput(seed: 3, initialization: initialization)
            return memory.values(of: memory.input)
        }
        let word2vecC = initial(.word2vecC)
        let gensim = initial(.gensim)
        #expect(gensim == word2vecC.map { $0 * 2 }, "the same draws, scaled by 2")
        #expect(word2vecC.allSatisfy { $0 >= -0.5 / Float(d) && $0 < 0.5 / Float(d) })
        #expect(gensim.allSatisfy { $0 >= -1 / Float(d) && $0 < 1 / Float(d) })
        #expect(gensim.contains { abs($0) > 0.9 / Float(d) }, "the range is used")

        var options = GrammarCorpus.options(.cbow, seed: 5)
        let small = try train(options)
        options.initialization = .gensim
        let large = try train(options)
        let d2 = options.dimension
        #expect(Array(large.values[0 ..< d2]) == Array(small.values[0 ..< d2]).map { $0 * 2 }, "</s> keeps its start")
    }

    @Test func cbowMeanAndSumBothLearnAndDiffer() throws {
        var options = GrammarCorpus.options(.cbow, seed: 2)
        let mean = try train(options)
        options.cbowMean = false
        options.alpha = 0.01
        let sum = try train(options)
        #expect(mean.values != sum.values)
        #expect(try GrammarCorpus.sameClassNeighbours(of: "c1", in: sum.vectors, count: 5) >= 4)
    }

    @Test func modelHasWord2VecVocabularyLayout() throws {
        let model = try train(GrammarCorpus.options(.skipGram))
        #expect(model.vocabulary.count == 25)
        #expect(model.vectors.words.first == "</s>")
        #expect(model.vectors.words == model.vocabulary.words)
        #expect(model.vectors.counts?.first == 1500, "</s> counts the newlines")
        #expect(model.vectors.counts?.dropFirst().reduce(0, +) == 6000)
        #expect(model.statistics.corpusWords == 6000)
        #expect(model.statistics.wordsPerEpoch == 6000)
        #expect(model.trainingState.epochsCompleted == 5)
        let decoded = try JSONDecoder().decode(Word2VecOptions.self, from: Data(model.trainingState.optionsJSON.utf8))
        #expect(decoded == GrammarCorpus.options(.skipGram))
    }

    @Test func perContextNegativesLearnAndDifferFromShared() throws {
        var options = GrammarCorpus.options(.skipGram, seed: 6)
        let shared = try train(options)
        options.sharedNegatives = false
        let perContext = try train(options)
        #expect(perContext.values != shared.values)
        #expect(perContext.values == (try train(options)).values)
        #expect(try GrammarCorpus.sameClassNeighbours(of: "b5", in: perContext.vectors, count: 5) >= 4)
    }

    @Test func severalThreadsLearnToo() throws {
        var options = GrammarCorpus.options(.skipGram, seed: 4)
        options.threads = 3
        let model = try train(options)
        #expect(try GrammarCorpus.sameClassNeighbours(of: "a3", in: model.vectors, count: 5) >= 4)
    }

    @Test func subsamplingAndShrinkingOff() throws {
        var options = GrammarCorpus.options(.cbow, seed: 9)
        options.sample = 1e-2  // keeps about 85% of each grammar word
        options.shrinkWindow = false
        options.epochs = 15
        let model = try train(options)
        let counts = model.vocabulary.frequencies
        let keep = Subsampling.keepProbabilities(counts: counts, sample: 1e-2, totalWords: model.vocabulary.totalCount)
        let expectedKept = zip(counts, keep).dropFirst().reduce(0.0) { $0 + Double($1.0) * $1.1 } / 6000
        let kept = Double(model.statistics.trainedWords) / (15 * 6000)
        #expect(expectedKept < 0.9 && abs(kept - expectedKept) < 0.01, "kept \(kept), expected \(expectedKept)")
        #expect(try GrammarCorpus.sameClassNeighbours(of: "d4", in: model.vectors, count: 5) >= 4)
    }

    @Test func progressIsReported() throws {
        var trainer = Word2VecTrainer(options: GrammarCorpus.options(.cbow))
        trainer.progressInterval = 0
        var reports: [TrainingProgress] = []
        _ = try trainer.train(corpus: Corpus(path: Self.grammarPath)) { reports.append($0) }
        let last = try #require(reports.last)
        #expect(last.fraction == 1 && last.wordsProcessed == 30_000 && last.epoch == 5)
        #expect(last.epochLosses.count == 5 && last.wordsPerSecond > 0)
        #expect(last.alpha >= 0.05 * 1e-4 && last.alpha < 0.05)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.wordsProcessed <= $1.wordsProcessed })
    }
}
