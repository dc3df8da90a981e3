// Named special tokens of a vocabulary.

/// A token with a role outside the corpus's words, placed at the front of a ``Vocabulary`` in
/// the order given: Keras puts padding at 0 and the out-of-vocabulary token at 1; word2vec.c puts
/// `</s>` at 0.
public struct SpecialToken: Sendable, Hashable, CustomStringConvertible {
    /// What a special token stands for.
    public enum Role: Sendable, Hashable {
        /// Fills sequences to a common length (Keras `mask_zero` expects it at id 0).
        case padding
        /// Stands for words outside the vocabulary (Keras `oov_token`).
        case unknown
        /// word2vec.c's `</s>`: the end of a sentence (a newline). Its count is the number of
        /// newlines counted.
        case sentenceEnd
    }

    /// The role.
    public var role: Role
    /// The token's text, as saved in vocabulary files.
    public var text: String

    /// A special token with `role` written as `text`.
    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }

    /// `<pad>`.
    public static let padding = SpecialToken(role: .padding, text: "<pad>")
    /// `<unk>`.
    public static let unknown = SpecialToken(role: .unknown, text: "<unk>")
    /// word2vec.c's `</s>`.
    public static let sentenceEnd = SpecialToken(role: .sentenceEnd, text: "</s>")

    /// The text, e.g. `</s>`.
    public var description: String { text }
}
