// TextGeneration: where a training run stands, saved in checkpoints so it can be resumed.

/// The progress of a training run: completed epochs, the position inside the current one, the
/// best validation loss and the history. Checkpoints store it next to the weights and the
/// optimizer state.
public struct TrainingState: Codable, Equatable, Sendable {
    /// The options the run was started with.
    public var options: TrainingOptions
    /// Epochs trained to their end.
    public var completedEpochs = 0
    /// Batches done in the epoch after ``completedEpochs`` (a run stopped by its time limit
    /// resumes there, with the recurrent state it had).
    public var batchInEpoch = 0
    /// The recurrent state after batch ``batchInEpoch`` of a stopped epoch, per layer (`nil`
    /// at an epoch boundary, where the state restarts from zeros).
    var carriedStates: [[CarriedTensor]?]?
    /// Where each dropout layer's mask generator stands, so a resumed run draws the masks an
    /// uninterrupted one would (`nil` in checkpoints written before this was kept).
    var dropoutGenerators: [UInt64]?
    /// The token count of the training split the position refers to.
    public var trainingTokens = 0
    /// Seconds spent in training steps (evaluation excluded), over all runs.
    public var trainingSeconds: Double = 0
    /// Wall-clock seconds of all runs, evaluation and checkpoints included.
    public var wallSeconds: Double = 0
    /// Tokens trained on (predicted positions), over all runs.
    public var trainedTokens = 0
    /// The best validation cross-entropy so far (nats per token).
    public var bestValidationLoss: Double?
    /// Completed epochs since the validation loss last improved.
    public var epochsWithoutImprovement = 0
    /// Whether early stopping ended the run.
    public var stoppedEarly = false
    /// One record per epoch (partial epochs included).
    public var history: [EpochRecord] = []

    /// A fresh state.
    public init(options: TrainingOptions) { self.options = options }
}
