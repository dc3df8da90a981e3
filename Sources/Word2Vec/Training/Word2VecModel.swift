// What training returns: the vocabulary, the word vectors and what continued training needs.

import NLPText

/// A trained word2vec model.
///
/// ``vectors`` has one row per vocabulary entry in vocabulary order, `</s>` first as word2vec.c
/// writes it (its row keeps its random initial value: `</s>` only ends sentences and is never
/// trained), with the vocabulary counts filled in.
public struct Word2VecModel: Sendable {
    /// The vocabulary, `</s>` at id 0, then words by falling count.
    public var vocabulary: Vocabulary
    /// The input vectors (`syn0`), row `i` for vocabulary id `i`.
    public var vectors: WordVectors
    /// The output weights, options and epochs, for continued training.
    public var trainingState: TrainingState
    /// Words, times, speed and losses of the run that produced the model.
    public var statistics: TrainingStatistics

    /// A model.
    public init(
        vocabulary: Vocabulary, vectors: WordVectors, trainingState: TrainingState, statistics: TrainingStatistics
    ) {
        self.vocabulary = vocabulary
        self.vectors = vectors
        self.trainingState = trainingState
        self.statistics = statistics
    }
}
