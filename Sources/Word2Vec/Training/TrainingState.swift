// What continued training needs beyond the word vectors themselves.

/// The trainer's state that is not part of the word vectors: output weights, counts and settings.
///
/// Saved next to the input vectors in the native model file so `w2v train --resume` can continue
/// where a run stopped (the word vectors' ``WordVectors/counts`` hold the vocabulary counts).
public struct TrainingState: Sendable, Equatable {
    /// Negative-sampling output weights (`syn1neg`), `vocabulary × dimension`, or `nil`.
    public var outputNegative: [Float]?
    /// Hierarchical-softmax inner-node weights (`syn1`), `vocabulary × dimension`, or `nil`.
    public var outputHierarchical: [Float]?
    /// The training options as JSON (the trainer's own encoding).
    public var optionsJSON: String
    /// Epochs completed so far.
    public var epochsCompleted: Int

    /// A training state.
    public init(
        outputNegative: [Float]?, outputHierarchical: [Float]?, optionsJSON: String, epochsCompleted: Int
    ) {
        self.outputNegative = outputNegative
        self.outputHierarchical = outputHierarchical
        self.optionsJSON = optionsJSON
        self.epochsCompleted = epochsCompleted
    }
}
