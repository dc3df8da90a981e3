// Recoverable errors of word2vec training.

/// Why training could not run or did not finish.
public enum Word2VecError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A setting of ``Word2VecOptions`` is out of range.
    case invalidOption(String, value: String, reason: String)
    /// The corpus has no word that reaches the minimum count.
    case emptyVocabulary(minCount: Int, corpusWords: Int)
    /// The corpus has no word of the vocabulary to train on.
    case emptyCorpus
    /// Continued training was given vectors and a state that do not fit the options.
    case incompatibleState(String)
    /// The caller's ``TrainingCancellation`` was triggered; nothing was produced.
    case cancelled

    /// A message naming the problem.
    public var description: String {
        switch self {
        case .invalidOption(let name, let value, let reason):
            "invalid word2vec option \(name) = \(value): \(reason)"
        case .emptyVocabulary(let minCount, let corpusWords):
            "no word of the corpus (\(corpusWords) words) occurs at least \(minCount) times (min count)"
        case .emptyCorpus:
            "the corpus has no word of the vocabulary to train on"
        case .incompatibleState(let reason):
            "cannot continue training: \(reason)"
        case .cancelled:
            "training was cancelled"
        }
    }
}
