// What the trainer reports while it runs, and the token that stops it.

import Synchronization

/// A snapshot of a running training, handed to the caller's progress closure (on the thread that
/// called `train`, about every ``Word2VecTrainer/progressInterval`` seconds and once at the end).
public struct TrainingProgress: Sendable, Equatable {
    /// Fraction of the planned work done, 0…1 (words processed over words × epochs).
    public var fraction: Double
    /// Words processed so far over all epochs (word2vec.c's `word_count_actual`).
    public var wordsProcessed: Int
    /// Wall-clock seconds since training started (vocabulary building not included).
    public var elapsedSeconds: Double
    /// Words processed per wall-clock second so far.
    public var wordsPerSecond: Double
    /// Estimated seconds left at the current speed.
    public var secondsRemaining: Double
    /// The current learning rate.
    public var alpha: Double
    /// The epoch in progress, 1-based (the last epoch once all are done).
    public var epoch: Int
    /// The epochs planned.
    public var epochs: Int
    /// The mean loss of each finished epoch so far (see ``TrainingStatistics/epochLosses``).
    public var epochLosses: [Double]
    /// The mean loss per trained word of the current epoch so far (0 before any word).
    public var currentLoss: Double

    /// A progress snapshot.
    public init(
        fraction: Double, wordsProcessed: Int, elapsedSeconds: Double, wordsPerSecond: Double,
        secondsRemaining: Double, alpha: Double, epoch: Int, epochs: Int, epochLosses: [Double], currentLoss: Double
    ) {
        self.fraction = fraction
        self.wordsProcessed = wordsProcessed
        self.elapsedSeconds = elapsedSeconds
        self.wordsPerSecond = wordsPerSecond
        self.secondsRemaining = secondsRemaining
        self.alpha = alpha
        self.epoch = epoch
        self.epochs = epochs
        self.epochLosses = epochLosses
        self.currentLoss = currentLoss
    }
}

/// What a finished training did.
public struct TrainingStatistics: Sendable, Equatable {
    /// Corpus words read (every token, before the vocabulary's minimum count).
    public var corpusWords: Int
    /// In-vocabulary words per epoch: what the learning-rate schedule and the progress count
    /// (word2vec.c's `train_words` without `</s>`).
    public var wordsPerEpoch: Int
    /// Epochs trained.
    public var epochs: Int
    /// Words trained on after subsampling, over all epochs.
    public var trainedWords: Int
    /// Seconds spent reading the corpus and building the vocabulary and the id stream.
    public var preparationSeconds: Double
    /// Seconds spent training.
    public var trainingSeconds: Double
    /// Mean loss per trained word of each epoch: the sum of `−log σ(±x)` over every prediction
    /// of the epoch (the positive and negative samples of negative sampling, every inner node of
    /// hierarchical softmax), accumulated in `Double`, divided by the epoch's trained (kept) center
    /// words. Skip-gram counts every context word's prediction, so its values are larger than CBOW's.
    public var epochLosses: [Double]

    /// word2vec.c's speed: corpus words × epochs over training seconds.
    public var wordsPerSecond: Double {
        trainingSeconds > 0 ? Double(corpusWords * epochs) / trainingSeconds : 0
    }

    /// Statistics.
    public init(
        corpusWords: Int, wordsPerEpoch: Int, epochs: Int, trainedWords: Int, preparationSeconds: Double,
        trainingSeconds: Double, epochLosses: [Double]
    ) {
        self.corpusWords = corpusWords
        self.wordsPerEpoch = wordsPerEpoch
        self.epochs = epochs
        self.trainedWords = trainedWords
        self.preparationSeconds = preparationSeconds
        self.trainingSeconds = trainingSeconds
        self.epochLosses = epochLosses
    }
}

/// A token the caller keeps to stop a training from another thread or a signal handler's task:
/// after ``cancel()`` the workers stop within a few thousand words and `train` throws
/// ``Word2VecError/cancelled``.
public final class TrainingCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A token that is not cancelled.
    public init() {}

    /// Asks the training to stop.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
