// Training word2vec: prepare the corpus, run the Hogwild threads, report progress, build the model.

import Dispatch
import Foundation
import NLPCore
import NLPText

/// The number of processors available to this process.
enum ActiveProcessors {
    static var count: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Trains word2vec (CBOW or skip-gram, negative sampling and/or hierarchical softmax) on a
/// ``Corpus``, on all cores.
///
/// ```swift
/// var options = Word2VecOptions(architecture: .skipGram)
/// options.minCount = 10
/// let model = try Word2VecTrainer(options: options).train(corpus: Corpus(path: "text8.gz")) { progress in
///     print(progress.fraction, progress.wordsPerSecond, progress.alpha)
/// }
/// model.vectors  // WordVectors, "</s>" first, then by frequency
/// ```
///
/// Reading: the corpus becomes a vocabulary and an in-memory stream of `Int32` ids before training
/// starts, so the training threads never see text. Files (plain or gzip) are read twice, streaming
/// (count, then encode; memory holds the counts and 4 bytes per word, never the text); standard
/// input and file descriptors cannot be read twice, so their text is read once into memory and
/// counted and encoded from there (as is the output of the optional phrase passes). As in
/// word2vec.c every newline ends a sentence and `</s>` is vocabulary id 0, counted once per newline
/// and written with the vectors, but never trained; lines longer than
/// ``Word2VecOptions/maxSentenceLength`` words are split; words outside the vocabulary are dropped.
///
/// Training: `threads` workers each take a contiguous share of the sentences (equal word counts)
/// and run all epochs over it, updating the shared weights without locks (Hogwild, as word2vec.c).
/// The learning rate falls linearly with the words processed by all threads (word2vec.c's
/// schedule, checked every 10,000 words). With one thread and a fixed seed the vectors are
/// bit-for-bit reproducible. CBOW is word2vec.c's update; skip-gram by default shares each center
/// word's negatives across its window and trains the window as one small matrix product (see
/// ``Word2VecOptions/sharedNegatives``).
///
/// Progress is reported on the calling thread about every ``progressInterval`` seconds and once
/// at the end. A ``TrainingCancellation`` stops the run within about 10,000 words per thread;
/// `train` then throws ``Word2VecError/cancelled`` and produces nothing.
public struct Word2VecTrainer: Sendable {
    /// The settings.
    public var options: Word2VecOptions
    /// Seconds between progress reports.
    public var progressInterval: Double = 1

    /// A trainer with `options`.
    public init(options: Word2VecOptions = Word2VecOptions()) { self.options = options }

    /// Trains a new model on `corpus`.
    /// - Throws: ``Word2VecError`` for bad options, an empty vocabulary or corpus, and
    ///   cancellation; the corpus's ``FileError`` and ``CorpusError``.
    public func train(
        corpus: Corpus, cancellation: TrainingCancellation? = nil, progress: ((TrainingProgress) -> Void)? = nil
    ) throws -> Word2VecModel {
        try options.validate()
        let started = monotonicSeconds()
        let prepared = try PreparedCorpus.read(
            corpus, options: options, vocabulary: nil, cancellation: cancellation)
        return try run(
            prepared, initial: nil, epochsBefore: 0, preparationSeconds: monotonicSeconds() - started,
            cancellation: cancellation, progress: progress)
    }

    /// Continues training `model` on `corpus` for ``Word2VecOptions/epochs`` more epochs
    /// (gensim's `train` on a trained model): the vocabulary stays as it is (new words are
    /// ignored, subsampling and noise use the saved counts), the learning rate restarts at
    /// ``Word2VecOptions/alpha`` and falls to its floor again. The options must match the model's
    /// dimension and output layers.
    /// - Throws: ``Word2VecError/incompatibleState(_:)`` when they do not, and the errors of
    ///   ``train(corpus:cancellation:progress:)``.
    public func train(
        corpus: Corpus, continuing model: Word2VecModel, cancellation: TrainingCancellation? = nil,
        progress: ((TrainingProgress) -> Void)? = nil
    ) throws -> Word2VecModel {
        try options.validate()
        try checkCompatible(vectors: model.vectors, state: model.trainingState, vocabulary: model.vocabulary)
        let started = monotonicSeconds()
        let prepared = try PreparedCorpus.read(
            corpus, options: options, vocabulary: model.vocabulary, cancellation: cancellation)
        return try run(
            prepared, initial: (model.vectors, model.trainingState), epochsBefore: model.trainingState.epochsCompleted,
            preparationSeconds: monotonicSeconds() - started, cancellation: cancellation, progress: progress)
    }

    /// Continues training from saved vectors (with their counts, `</s>` first as word2vec writes
    /// them) and their ``TrainingState``, as ``train(corpus:continuing:cancellation:progress:)``.
    public func train(
        corpus: Corpus, continuing vectors: WordVectors, state: TrainingState,
        cancellation: TrainingCancellation? = nil, progress: ((TrainingProgress) -> Void)? = nil
    ) throws -> Word2VecModel {
        guard let counts = vectors.counts else {
            throw Word2VecError.incompatibleState("the vectors have no word counts (a vocabulary is needed)")
        }
        let special: [SpecialToken] = vectors.words.first == SpecialToken.sentenceEnd.text ? [.sentenceEnd] : []
        let vocabulary = try Vocabulary(words: Array(zip(vectors.words, counts)), specialTokens: special)
        let statistics = TrainingStatistics(
            corpusWords: 0, wordsPerEpoch: 0, epochs: 0, trainedWords: 0, preparationSeconds: 0, trainingSeconds: 0,
            epochLosses: [])
        let model = Word2VecModel(
            vocabulary: vocabulary, vectors: vectors, trainingState: state, statistics: statistics)
        return try train(corpus: corpus, continuing: model, cancellation: cancellation, progress: progress)
    }

    private func checkCompatible(vectors: WordVectors, state: TrainingState, vocabulary: Vocabulary) throws {
        let rows = vocabulary.count
        let size = rows * options.dimension
        if vectors.dimension != options.dimension {
            throw Word2VecError.incompatibleState(
                "the vectors have dimension \(vectors.dimension), the options ask for \(options.dimension)")
        }
        if vectors.count != rows {
            throw Word2VecError.incompatibleState("\(vectors.count) vectors for a vocabulary of \(rows) words")
        }
        if options.negative > 0 && state.outputNegative?.count != size {
            throw Word2VecError.incompatibleState(
                "negative sampling needs saved negative-sampling weights of \(rows) × \(options.dimension)")
        }
        if options.hierarchicalSoftmax && state.outputHierarchical?.count != size {
            throw Word2VecError.incompatibleState(
                "hierarchical softmax needs saved hierarchical-softmax weights of \(rows) × \(options.dimension)")
        }
    }

    private func run(
        _ corpus: PreparedCorpus, initial: (WordVectors, TrainingState)?, epochsBefore: Int, preparationSeconds: Double,
        cancellation: TrainingCancellation?, progress: ((TrainingProgress) -> Void)?
    ) throws -> Word2VecModel {
        let vocabulary = corpus.vocabulary
        let counts = vocabulary.frequencies
        let threads = options.effectiveThreads
        let memory = SharedTrainingMemory(
            rows: vocabulary.count, dimension: options.dimension, negativeSampling: options.negative > 0,
            hierarchicalSoftmax: options.hierarchicalSoftmax, ids: corpus.ids, sentenceStarts: corpus.sentenceStarts,
            keepProbabilities: Subsampling.keepProbabilities(
                counts: counts, sample: options.sample, totalWords: vocabulary.totalCount),
            noise: options.negative > 0 ? NoiseDistribution(counts: counts, exponent: options.negativeExponent) : nil,
            tree: options.hierarchicalSoftmax ? HuffmanTree(counts: counts) : nil)
        if let (vectors, state) = initial {
            memory.load(withExtendedLifetime(vectors.storage) { Array(vectors.storage.buffer) }, into: memory.input)
            if let syn1neg = memory.outputNegative { memory.load(state.outputNegative!, into: syn1neg) }
            if let syn1 = memory.outputHierarchical { memory.load(state.outputHierarchical!, into: syn1) }
        } else {
            memory.randomizeInput(seed: options.seed, initialization: options.initialization)
        }
        let epochs = options.epochs
        let coordinator = TrainingCoordinator(
            wordsPerEpoch: corpus.ids.count, epochs: epochs, threads: threads, startAlpha: options.effectiveAlpha,
            minAlpha: options.effectiveAlpha * options.minAlphaFraction, schedule: options.alphaSchedule,
            cancellation: cancellation)
        let shares = Self.shares(sentenceStarts: corpus.sentenceStarts, threads: threads)
        let tables = SigmoidTables()
        let base = SplitMix64(seed: options.seed)
        let options = options
        let done = DispatchSemaphore(value: 0)
        let started = monotonicSeconds()
        for thread in 0 ..< threads {
            let random = base.split(stream: UInt64(epochsBefore) << 32 | UInt64(thread + 1))
            let worker = Thread {
                let worker = TrainingWorker(memory: memory, options: options, random: random, tables: tables)
                for epoch in 0 ..< epochs {
                    guard
                        worker.train(sentences: shares[thread], epoch: epoch, thread: thread, coordinator: coordinator)
                    else { break }
                    coordinator.finish(epoch: epoch)
                }
                done.signal()
            }
            worker.stackSize = 1 << 20
            worker.start()
        }
        func snapshot() -> TrainingProgress {
            let elapsed = monotonicSeconds() - started
            let processed = coordinator.wordsProcessed.load(ordering: .relaxed)
            let total = max(1, corpus.ids.count * epochs)
            let speed = elapsed > 0 ? Double(processed) / elapsed : 0
            let (finished, current) = coordinator.losses()
            return TrainingProgress(
                fraction: min(1, Double(processed) / Double(total)), wordsProcessed: processed, elapsedSeconds: elapsed,
                wordsPerSecond: speed, secondsRemaining: speed > 0 ? Double(max(0, total - processed)) / speed : 0,
                alpha: coordinator.alpha, epoch: min(epochs, processed / max(1, corpus.ids.count) + 1), epochs: epochs,
                epochLosses: finished, currentLoss: current)
        }
        var running = threads
        var lastReport = started
        while running > 0 {
            if done.wait(timeout: .now() + progressInterval) == .success { running -= 1 }
            if let progress, !coordinator.isCancelled, monotonicSeconds() - lastReport >= progressInterval {
                lastReport = monotonicSeconds()
                progress(snapshot())
            }
        }
        let trainingSeconds = monotonicSeconds() - started
        if coordinator.isCancelled { throw Word2VecError.cancelled }
        let last = snapshot()
        progress?(last)

        let vectors = try WordVectors(
            words: vocabulary.words, values: memory.values(of: memory.input), dimension: options.dimension,
            counts: counts)
        let state = TrainingState(
            outputNegative: memory.outputNegative.map(memory.values(of:)),
            outputHierarchical: memory.outputHierarchical.map(memory.values(of:)),
            optionsJSON: Self.json(options), epochsCompleted: epochsBefore + epochs)
        let statistics = TrainingStatistics(
            corpusWords: corpus.corpusWords, wordsPerEpoch: corpus.ids.count, epochs: epochs,
            trainedWords: coordinator.trainedWords, preparationSeconds: preparationSeconds,
            trainingSeconds: trainingSeconds, epochLosses: last.epochLosses)
        return Word2VecModel(vocabulary: vocabulary, vectors: vectors, trainingState: state, statistics: statistics)
    }

    /// Contiguous sentence ranges with about equal word counts, one per thread.
    static func shares(sentenceStarts: [Int], threads: Int) -> [Range<Int>] {
        let sentences = sentenceStarts.count - 1
        let words = sentenceStarts.last!
        var result: [Range<Int>] = []
        var begin = 0
        for thread in 1 ... threads {
            let target = words * thread / threads
            var end = begin
            while end < sentences && sentenceStarts[end] < target { end += 1 }
            if thread == threads { end = sentences }
            result.append(begin ..< end)
            begin = end
        }
        return result
    }

    static func json(_ options: Word2VecOptions) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(options)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
