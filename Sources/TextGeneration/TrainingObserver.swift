// TextGeneration: what a training run reports while it runs (the library never prints).

/// Progress within an epoch, reported every `TrainingOptions.progressInterval` batches.
public struct BatchProgress: Sendable {
    /// The epoch, 1-based.
    public var epoch: Int
    /// Batches done in this epoch.
    public var batch: Int
    /// Batches per epoch.
    public var batchesPerEpoch: Int
    /// The mean training loss (nats per token) over the batches since the last report.
    public var loss: Double
    /// Tokens (characters for a character model) trained per second since the last report.
    public var tokensPerSecond: Double
    /// Training seconds so far (all epochs of this run).
    public var elapsedSeconds: Double
    /// The estimated seconds until the last epoch ends (or the time limit, if sooner).
    public var remainingSeconds: Double
    /// The current learning rate.
    public var learningRate: Float

    /// Bits per token of ``loss``.
    public var bitsPerToken: Double { loss / 0.693_147_180_559_945_3 }
}

/// The result of one epoch.
public struct EpochRecord: Codable, Equatable, Sendable {
    /// The epoch, 1-based.
    public var epoch: Int
    /// The mean training loss over the epoch's batches (nats per token).
    public var trainingLoss: Double
    /// The validation score after the epoch, when there is a validation split.
    public var validation: Evaluation?
    /// The training seconds of this epoch.
    public var seconds: Double
    /// The learning rate used.
    public var learningRate: Float
    /// Whether the epoch ended early (time limit or a stop request) before its last batch.
    public var isPartial: Bool
}

/// Receives training progress; every method does nothing by default.
public protocol TrainingObserver: AnyObject {
    /// Called once before the first batch with the sizes of the run.
    func trainingWillStart(trainingTokens: Int, validationTokens: Int, batchesPerEpoch: Int, startEpoch: Int)
    /// Called every `progressInterval` batches.
    func batchDidFinish(_ progress: BatchProgress)
    /// Called after each epoch's evaluation and checkpoint (the model is idle: sampling is safe).
    func epochDidFinish(_ record: EpochRecord)
    /// Polled after every batch; returning `true` stops training after a final evaluation and save.
    func shouldStop() -> Bool
}

extension TrainingObserver {
    public func trainingWillStart(trainingTokens: Int, validationTokens: Int, batchesPerEpoch: Int, startEpoch: Int) {}
    public func batchDidFinish(_ progress: BatchProgress) {}
    public func epochDidFinish(_ record: EpochRecord) {}
    public func shouldStop() -> Bool { false }
}
