// The trainer's tables: Huffman codes, noise distribution, subsampling, learning-rate schedule.

import Foundation
import NLPCore
import Testing

@testable import Word2Vec

@Suite struct TrainingTablesTests {
    @Test func huffmanHandCase() {
        let tree = HuffmanTree(counts: [4, 2, 1, 1])
        #expect((0 ..< 4).map { tree.codes(of: $0).count } == [1, 2, 3, 3])
        for word in 0 ..< 4 {
            #expect(tree.points(of: word).first == 2, "every path starts at the root, inner node n − 2")
            #expect(tree.points(of: word).allSatisfy { $0 >= 0 && $0 < 3 })
        }
    }

    @Test(arguments: [2, 3, 17, 200])
    func huffmanCodesArePrefixFreeAndOptimalOrder(words: Int) {
        var random = SplitMix64(seed: UInt64(words))
        let counts = (0 ..< words).map { _ in random.nextInt(below: 1000) + 1 }
        let tree = HuffmanTree(counts: counts)
        let codes = (0 ..< words).map { Array(tree.codes(of: $0)) }
        #expect(Set(codes).count == words)
        for i in 0 ..< words {
            for j in 0 ..< words where i != j && codes[i].count <= codes[j].count {
                #expect(Array(codes[j].prefix(codes[i].count)) != codes[i], "code \(i) is a prefix of code \(j)")
            }
        }
        // Kraft equality (a full binary tree) and more frequent words never get longer codes.
        let kraft = codes.reduce(0.0) { $0 + pow(2.0, -Double($1.count)) }
        #expect(abs(kraft - 1) < 1e-9)
        for i in 0 ..< words {
            for j in 0 ..< words where counts[i] > counts[j] { #expect(codes[i].count <= codes[j].count) }
        }
    }

    @Test func noiseDistributionIsUnigramToThePower() {
        let counts = [50, 1000, 100, 10, 1]
        let noise = NoiseDistribution(counts: counts, exponent: 0.75)
        let weights = counts.dropFirst().map { pow(Double($0), 0.75) }
        let total = weights.reduce(0, +)
        let expected = [0] + weights.map { $0 / total }
        let probabilities = noise.probabilities()
        for (p, e) in zip(probabilities, expected) { #expect(abs(p - e) < 1e-6) }
        var random = SplitMix64(seed: 3)
        var drawn = [Int](repeating: 0, count: counts.count)
        let samples = 200_000
        for _ in 0 ..< samples { drawn[noise.sample(using: &random)] += 1 }
        #expect(drawn[0] == 0, "</s> is never a noise word")
        for id in 1 ..< counts.count {
            #expect(abs(Double(drawn[id]) / Double(samples) - expected[id]) < 0.005)
        }
    }

    @Test func noiseExponentZeroIsUniform() {
        let probabilities = NoiseDistribution(counts: [9, 1, 5, 100], exponent: 0).probabilities()
        for p in probabilities.dropFirst() { #expect(abs(p - 1.0 / 3) < 1e-6) }
    }

    @Test func subsamplingMatchesWord2VecFormula() {
        let counts = [10, 1_000_000, 5000, 3]
        let total = 2_000_000
        let sample = 1e-3
        let keep = Subsampling.keepProbabilities(counts: counts, sample: sample, totalWords: total)
        for (count, p) in zip(counts, keep) {
            let f = Double(count)
            let formula = ((f / (sample * Double(total))).squareRoot() + 1) * (sample * Double(total)) / f
            #expect(p == min(1, formula))
        }
        #expect(keep[1] < 0.1 && keep[3] == 1)
        #expect(Subsampling.keepProbabilities(counts: counts, sample: 0, totalWords: total) == [1, 1, 1, 1])
    }

    @Test func alphaScheduleIsLinearWithFloor() {
        let start = 0.025
        let floor = start * 1e-4
        func alpha(_ processed: Int) -> Double {
            TrainingCoordinator.alpha(processed: processed, total: 1000, start: start, minimum: floor)
        }
        #expect(alpha(0) == start)
        #expect(abs(alpha(500) - (start - (start - floor) * 500.0 / 1001)) < 1e-15)
        #expect(abs(alpha(500) - start * (1 - 500.0 / 1001)) <= floor, "word2vec.c's schedule within the floor")
        #expect(abs(alpha(1000) - (floor + (start - floor) / 1001)) < 1e-15, "divides by epochs × words + 1")
        #expect(alpha(1001) == floor)
        #expect(alpha(2000) == floor)
        #expect(alpha(100) > alpha(200))
    }

    @Test func alphaDecaysLinearlyToAHigherFloor() {
        // gensim's alpha → min_alpha: with the floor at 10 % the decay is linear all the way, not
        // word2vec.c's line cut off at the floor.
        let (start, floor) = (0.05, 0.005)
        func alpha(_ processed: Int) -> Double {
            TrainingCoordinator.alpha(processed: processed, total: 999, start: start, minimum: floor)
        }
        #expect(abs(alpha(500) - 0.0275) < 1e-12)
        #expect(abs(alpha(900) - 0.0095) < 1e-12)
        #expect(alpha(900) > floor)
        #expect(alpha(1000) == floor)
    }

    @Test func corpusFileScheduleRestartsEachEpoch() {
        // gensim corpus_file with 2 workers: each thread reads half an epoch, measured against the
        // whole corpus, so alpha falls 0.050 → 0.045 in epoch 0 and restarts at 0.040 in epoch 1.
        let (start, floor) = (0.05, 0.05 * 1e-4)
        func alpha(epoch: Int, threadWords: Int) -> Double {
            TrainingCoordinator.corpusFileAlpha(
                epoch: epoch, threadWords: threadWords, wordsPerEpoch: 1000, epochs: 5, start: start, minimum: floor)
        }
        #expect(alpha(epoch: 0, threadWords: 0) == start)
        #expect(abs(alpha(epoch: 0, threadWords: 500) - (start - (start - floor) * 0.1)) < 1e-15)
        #expect(abs(alpha(epoch: 1, threadWords: 0) - (start - (start - floor) * 0.2)) < 1e-15)
        #expect(abs(alpha(epoch: 4, threadWords: 500) - (start - (start - floor) * 0.9)) < 1e-15)
        #expect(alpha(epoch: 4, threadWords: 1000) == floor)
        // One thread reads the whole epoch: the line is continuous across epochs, the linear schedule.
        #expect(abs(alpha(epoch: 0, threadWords: 1000) - alpha(epoch: 1, threadWords: 0)) < 1e-15)
        #expect(
            abs(
                alpha(epoch: 2, threadWords: 300)
                    - TrainingCoordinator.alpha(processed: 2300, total: 5000, start: start, minimum: floor)) < 1e-5)
    }

    @Test func coordinatorAppliesTheChosenSchedule() {
        func coordinator(_ schedule: AlphaSchedule) -> TrainingCoordinator {
            TrainingCoordinator(
                wordsPerEpoch: 1000, epochs: 5, threads: 2, startAlpha: 0.05, minAlpha: 0, schedule: schedule,
                cancellation: nil)
        }
        // Each thread reads 500 words an epoch; both have finished epoch 0 and read 250 words of epoch 1.
        let linear = coordinator(.linear)
        _ = linear.report(words: 750, epochWords: 250, loss: 0, trained: 0, thread: 0, epoch: 1)
        let linearAlpha = linear.report(words: 750, epochWords: 250, loss: 0, trained: 0, thread: 1, epoch: 1)
        #expect(abs(linearAlpha - 0.05 * (1 - 1500.0 / 5001)) < 1e-12)
        let corpusFile = coordinator(.gensimCorpusFile)
        _ = corpusFile.report(words: 750, epochWords: 250, loss: 0, trained: 0, thread: 0, epoch: 1)
        let corpusFileAlpha = corpusFile.report(words: 750, epochWords: 250, loss: 0, trained: 0, thread: 1, epoch: 1)
        #expect(abs(corpusFileAlpha - 0.05 * (1 - 1.25 / 5)) < 1e-12)
        #expect(abs(corpusFile.alpha - corpusFileAlpha) < 1e-12, "the progress display agrees")
    }

    @Test func sharesSplitWordsEvenly() {
        let starts = [0, 10, 20, 30, 40, 50, 60, 70, 80]
        let shares = Word2VecTrainer.shares(sentenceStarts: starts, threads: 3)
        #expect(shares.count == 3)
        #expect(shares.first?.lowerBound == 0 && shares.last?.upperBound == 8)
        for (a, b) in zip(shares, shares.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(shares.map(\.count).allSatisfy { $0 >= 2 && $0 <= 3 })
        #expect(Word2VecTrainer.shares(sentenceStarts: [0, 5], threads: 4).map(\.count).reduce(0, +) == 1)
    }

    @Test func sigmoidTableMatchesWord2Vec() {
        let tables = SigmoidTables()
        #expect(tables.sigmoid.count == 1000)
        #expect(abs(tables.sigmoid[500] - 0.5) < 1e-6)
        #expect(abs(tables.sigmoid[0] - Float(1 / (1 + exp(6.0)))) < 1e-6)
        tables.softplus.withUnsafeBufferPointer { table in
            for x: Float in [-8, -5.9, -1, 0, 0.3, 2.5, 5.99, 7] {
                let exact = Float(log1p(exp(Double(x))))
                #expect(abs(SigmoidTables.softplus(x, table: table.baseAddress!) - exact) < 2e-3)
            }
        }
    }
}
