// TextGeneration: how a language model is trained (char-rnn's options and defaults).

/// The options of ``LanguageModelTrainer``; defaults follow char-rnn and the benchmark contract
/// (T = 100, B = 64, Adam 2e-3, clip the global gradient norm at 5, 5 % validation).
public struct TrainingOptions: Codable, Equatable, Sendable {
    /// Steps per truncated-backpropagation chunk `T`.
    public var sequenceLength: Int = 100
    /// Parallel streams `B`.
    public var batchSize: Int = 64
    /// Adam's learning rate.
    public var learningRate: Float = 0.002
    /// The learning rate is multiplied by this after every epoch from ``decayAfterEpoch`` on
    /// (char-rnn `-learning_rate_decay`); `1` keeps it constant.
    public var learningRateDecay: Float = 1
    /// The first epoch (1-based) after which the decay applies (char-rnn `-learning_rate_decay_after`).
    public var decayAfterEpoch: Int = 1
    /// How the learning rate moves during the run; `nil` (the default, and checkpoints written
    /// before schedules existed) means ``Schedule/step``.
    public var learningRateSchedule: Schedule?
    /// The largest global L2 norm of all gradients (char-rnn `-grad_clip`); `nil` for no clipping.
    public var clipNorm: Float? = 5
    /// The number of epochs (passes over the training text).
    public var epochs: Int = 10
    /// The fraction of the text held out at its end for validation (`0` for none).
    public var validationFraction: Double = 0.05
    /// Stop after this many epochs without a better validation loss; `nil` never stops early.
    public var patience: Int? = 3
    /// Stop training once this many wall-clock seconds have passed, counting every run of a
    /// resumed training and its evaluations and checkpoints (checked after every batch; the model
    /// is then evaluated and saved, which takes a little longer), `nil` for no limit.
    public var timeLimit: Double? = nil
    /// The file the full training state (weights, optimizer, epoch, tokenizer) is written to after
    /// every epoch and at the end, atomically; ``LanguageModelTrainer/resume(from:options:)`` continues from it.
    public var checkpointPath: String? = nil
    /// A file that receives the model whenever the validation loss improves.
    public var bestModelPath: String? = nil
    /// Report progress to the observer every this many batches.
    public var progressInterval: Int = 10

    /// How the learning rate of a run moves (nested so that it does not clash with NLPNeural's
    /// step-count ``NLPNeural/LearningRateSchedule`` protocol).
    public enum Schedule: String, Codable, CaseIterable, Sendable {
        /// char-rnn's: ``TrainingOptions/learningRate``, multiplied by
        /// ``TrainingOptions/learningRateDecay`` after every epoch from
        /// ``TrainingOptions/decayAfterEpoch`` on.
        case step
        /// Half a cosine from ``TrainingOptions/learningRate`` down to zero over the run, updated
        /// every batch (the decay options are not used). The run's progress is the larger of the
        /// tokens trained over `epochs` epochs' worth and, with a ``TrainingOptions/timeLimit``,
        /// the wall-clock seconds over the limit — so a time-limited run anneals to zero by its end.
        case cosine
    }

    /// The defaults.
    public init() {}

    /// Checks the values.
    /// - Throws: `TextGenerationError.invalidOption` naming the first bad value.
    public func validate() throws {
        func fail(_ name: String, _ value: Any, _ reason: String) -> TextGenerationError {
            .invalidOption(name: name, value: "\(value)", reason: reason)
        }
        guard sequenceLength >= 1 else { throw fail("sequence length", sequenceLength, "must be positive") }
        guard batchSize >= 1 else { throw fail("batch size", batchSize, "must be positive") }
        guard learningRate > 0, learningRate.isFinite else {
            throw fail("learning rate", learningRate, "must be positive")
        }
        guard learningRateDecay > 0 && learningRateDecay <= 1 else {
            throw fail("learning rate decay", learningRateDecay, "must be in (0, 1]")
        }
        if let clipNorm, !(clipNorm > 0) { throw fail("clip norm", clipNorm, "must be positive") }
        guard epochs >= 1 else { throw fail("epochs", epochs, "must be at least 1") }
        guard validationFraction >= 0 && validationFraction < 1 else {
            throw fail("validation fraction", validationFraction, "must be in [0, 1)")
        }
        if let patience, patience < 1 { throw fail("patience", patience, "must be at least 1") }
        if let timeLimit, !(timeLimit > 0) { throw fail("time limit", timeLimit, "must be positive") }
        guard progressInterval >= 1 else { throw fail("progress interval", progressInterval, "must be positive") }
    }
}
