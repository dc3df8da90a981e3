// Errors of the sentiment classifier: every message names the file, value or setting at fault.

/// Why a sentiment classifier cannot be trained, loaded or fed.
public enum SentimentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A configuration value out of range.
    case invalidConfiguration(String)
    /// The training data cannot train a classifier (too few texts or classes).
    case invalidTrainingData(String)
    /// A dataset file that is not valid UTF-8; `line` is 1-based.
    case invalidUTF8(path: String, line: Int)
    /// A model file that is not a sentiment model, or whose metadata is damaged or inconsistent.
    case invalidModelFile(path: String, reason: String)
    /// Pretrained vectors that cannot be used.
    case invalidEmbeddings(path: String, reason: String)

    /// A message naming the file, value or setting at fault.
    public var description: String {
        switch self {
        case .invalidConfiguration(let message): "invalid configuration: \(message)"
        case .invalidTrainingData(let message): "cannot train: \(message)"
        case .invalidUTF8(let path, let line): "\(path):\(line): the text is not valid UTF-8"
        case .invalidModelFile(let path, let reason): "\(path): not a usable sentiment model (\(reason))"
        case .invalidEmbeddings(let path, let reason): "\(path): \(reason)"
        }
    }
}
