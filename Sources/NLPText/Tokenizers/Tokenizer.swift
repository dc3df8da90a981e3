// The tokenizer protocol shared by the word and character tokenizers.

/// Splits text into string tokens.
///
/// Based on: swift-transformers `TokenizingModel` (`tokenize(text:)` with a `callAsFunction`
/// default).
public protocol Tokenizer {
    /// The tokens of `text`, in order. Empty or whitespace-only text has no tokens.
    func tokenize(_ text: String) -> [String]
}

extension Tokenizer {
    /// The tokens of `text`: the same as ``tokenize(_:)``.
    public func callAsFunction(_ text: String) -> [String] { tokenize(text) }

    /// The tokens of each text in `texts`.
    public func tokenize(_ texts: [String]) -> [[String]] { texts.map { tokenize($0) } }
}
