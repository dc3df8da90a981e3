// The little state the worker threads share besides the weights: word count, schedule, losses.

import Synchronization

/// Shared bookkeeping of a running training: the global word counter that drives the learning
/// rate, per-epoch loss sums, and cancellation. Workers touch it once per
/// ``TrainingWorker/checkpointWords`` words.
final class TrainingCoordinator: Sendable {
    /// Per-epoch sums over all threads.
    struct Board: Sendable {
        var loss: [Double]
        var trained: [Int]
        var threadsFinished: [Int]
    }

    let wordsProcessed = Atomic<Int>(0)
    let stopped = Atomic<Bool>(false)
    let board: Mutex<Board>
    let wordsPerEpoch: Int
    let epochs: Int
    let threads: Int
    let startAlpha: Double
    let minAlpha: Double
    let schedule: AlphaSchedule
    let cancellation: TrainingCancellation?

    init(
        wordsPerEpoch: Int, epochs: Int, threads: Int, startAlpha: Double, minAlpha: Double,
        schedule: AlphaSchedule = .linear, cancellation: TrainingCancellation?
    ) {
        self.wordsPerEpoch = wordsPerEpoch
        self.epochs = epochs
        self.threads = threads
        self.startAlpha = startAlpha
        self.minAlpha = minAlpha
        self.schedule = schedule
        self.cancellation = cancellation
        board = Mutex(
            Board(
                loss: Array(repeating: 0, count: epochs), trained: Array(repeating: 0, count: epochs),
                threadsFinished: Array(repeating: 0, count: epochs)))
    }

    /// Linear decay from `start` to `minimum` over the run (gensim's `alpha` → `min_alpha`):
    /// `start − (start − minimum) × processed / (epochs × words + 1)`, at least `minimum`. With
    /// word2vec.c's floor (`start × 1e-4`) this is word2vec.c's `start × (1 − progress)` to within
    /// `start × 1e-4`.
    static func alpha(processed: Int, total: Int, start: Double, minimum: Double) -> Double {
        max(minimum, start - (start - minimum) * Double(processed) / Double(total + 1))
    }

    /// gensim `corpus_file`'s rate for a thread that has read `threadWords` words of epoch `epoch`
    /// (counting from 0): `start − (start − minimum) × (epoch + threadWords / wordsPerEpoch) / epochs`,
    /// at least `minimum`.
    static func corpusFileAlpha(
        epoch: Int, threadWords: Int, wordsPerEpoch: Int, epochs: Int, start: Double, minimum: Double
    ) -> Double {
        let progress = (Double(epoch) + Double(threadWords) / Double(max(1, wordsPerEpoch))) / Double(epochs)
        return max(minimum, start - (start - minimum) * progress)
    }

    /// The learning rate now (for ``AlphaSchedule/gensimCorpusFile``, that of a thread at the
    /// threads' mean position in the current epoch).
    var alpha: Double {
        let processed = wordsProcessed.load(ordering: .relaxed)
        let epoch = min(epochs - 1, processed / max(1, wordsPerEpoch))
        return rate(processed: processed, epoch: epoch, threadWords: (processed - epoch * wordsPerEpoch) / threads)
    }

    /// The schedule's rate after `processed` words in all, `threadWords` of them by the asking
    /// thread in epoch `epoch`.
    private func rate(processed: Int, epoch: Int, threadWords: Int) -> Double {
        switch schedule {
        case .linear:
            Self.alpha(processed: processed, total: wordsPerEpoch * epochs, start: startAlpha, minimum: minAlpha)
        case .gensimCorpusFile:
            Self.corpusFileAlpha(
                epoch: epoch, threadWords: threadWords, wordsPerEpoch: wordsPerEpoch, epochs: epochs,
                start: startAlpha, minimum: minAlpha)
        }
    }

    /// Whether training should stop (the caller cancelled).
    var isCancelled: Bool {
        if stopped.load(ordering: .relaxed) { return true }
        if cancellation?.isCancelled == true {
            stopped.store(true, ordering: .relaxed)
            return true
        }
        return false
    }

    /// Adds a worker's words and losses since its last report; returns the new learning rate.
    /// `epochWords` is the worker's word count in this epoch so far (used by
    /// ``AlphaSchedule/gensimCorpusFile``).
    func report(words: Int, epochWords: Int, loss: Double, trained: Int, thread: Int, epoch: Int) -> Double {
        let processed = wordsProcessed.add(words, ordering: .relaxed).newValue
        if trained > 0 || loss != 0 {
            board.withLock {
                $0.loss[epoch] += loss
                $0.trained[epoch] += trained
            }
        }
        return rate(processed: processed, epoch: epoch, threadWords: epochWords)
    }

    /// Records that one thread finished `epoch`.
    func finish(epoch: Int) { board.withLock { $0.threadsFinished[epoch] += 1 } }

    /// The mean losses of the epochs every thread finished, and the running mean of the current one.
    func losses() -> (finished: [Double], current: Double) {
        board.withLock { board in
            var finished: [Double] = []
            for epoch in 0 ..< epochs where board.threadsFinished[epoch] == threads {
                finished.append(board.trained[epoch] > 0 ? board.loss[epoch] / Double(board.trained[epoch]) : 0)
            }
            let current = min(finished.count, epochs - 1)
            let running = board.trained[current] > 0 ? board.loss[current] / Double(board.trained[current]) : 0
            return (finished, running)
        }
    }

    /// Words trained after subsampling, all epochs.
    var trainedWords: Int { board.withLock { $0.trained.reduce(0, +) } }
}
