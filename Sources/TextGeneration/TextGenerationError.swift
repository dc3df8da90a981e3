// TextGeneration: recoverable errors of language-model training, generation and model files.

/// What can go wrong with a language model's inputs, files or options.
public enum TextGenerationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The text file holds no text.
    case emptyText(path: String)
    /// The text file is not valid UTF-8 (`offset` is the first bad byte).
    case invalidUTF8(path: String, offset: Int)
    /// A character or word of a prompt is not in the model's vocabulary.
    case unknownToken(String, position: Int)
    /// The text is too short for the requested layout (`needed` tokens at least).
    case textTooShort(what: String, tokens: Int, needed: Int)
    /// A model file is not a text-generation model, or its metadata is unreadable.
    case invalidModelFile(path: String, reason: String)
    /// An option value is out of range.
    case invalidOption(name: String, value: String, reason: String)
    /// A checkpoint does not fit the text it should continue on.
    case incompatibleCheckpoint(path: String, reason: String)
    /// The training loss stopped being a finite number.
    case diverged(epoch: Int, batch: Int, loss: Double)

    public var description: String {
        switch self {
        case .emptyText(let path): return "'\(path)' holds no text"
        case .invalidUTF8(let path, let offset):
            return "'\(path)' is not UTF-8 text (invalid byte at offset \(offset)); convert it with iconv first"
        case .unknownToken(let token, let position):
            return "\(token.debugDescription) at position \(position) is not in the model's vocabulary"
        case .textTooShort(let what, let tokens, let needed):
            return
                "\(what) has \(tokens) tokens; at least \(needed) are needed (use a smaller --batch-size or --seq-length)"
        case .invalidModelFile(let path, let reason): return "'\(path)' is not a textgen model: \(reason)"
        case .invalidOption(let name, let value, let reason): return "invalid \(name) \(value): \(reason)"
        case .incompatibleCheckpoint(let path, let reason): return "cannot resume from '\(path)': \(reason)"
        case .diverged(let epoch, let batch, let loss):
            return "training diverged at epoch \(epoch), batch \(batch) (loss \(loss)); try a lower learning rate"
        }
    }
}
