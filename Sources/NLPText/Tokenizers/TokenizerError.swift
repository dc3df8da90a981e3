// Recoverable errors of the tokenizers and vectorizers.

/// A tokenizer or vectorizer could not do what was asked with the data it has.
public enum TokenizerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `character` (at character position `position` of the text) is not in the vocabulary.
    case unknownCharacter(String, position: Int)
    /// `operation` needs a fitted (adapted) vocabulary or document counts first.
    case notFitted(operation: String)
    /// A matrix width is unknown: no `numWords` was given and nothing has been fitted.
    case unknownMatrixWidth

    /// A message naming the value and what to do.
    public var description: String {
        switch self {
        case .unknownCharacter(let character, let position):
            let scalars = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }
            return "character \(character.debugDescription) (\(scalars.joined(separator: " "))) at position "
                + "\(position) is not in the vocabulary; fit on text that contains it, or skip unknown characters"
        case .notFitted(let operation):
            return "\(operation) needs a vocabulary: fit (adapt) on some text data first"
        case .unknownMatrixWidth:
            return "specify a dimension (numWords), or fit on some text data first"
        }
    }
}
