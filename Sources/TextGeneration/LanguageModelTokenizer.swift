// TextGeneration: the two token levels a language model works at, behind one type.
import NLPText

/// How a language model cuts text into tokens: Unicode scalars (char-rnn) or words.
///
/// Character models reject characters they have not seen (``encode(_:)`` throws); word models map
/// unseen words to ``WordTokenizer/unknownToken``.
public enum LanguageModelTokenizer: Equatable, Sendable {
    /// One token per Unicode scalar, ids in code-point order.
    case character(CharacterTokenizer)
    /// Words, punctuation and line ends with a capped vocabulary.
    case word(WordTokenizer)

    /// A character tokenizer over every scalar of `text`.
    public static func characters(fitting text: String) -> LanguageModelTokenizer {
        .character(CharacterTokenizer(fitting: [text]))
    }

    /// The vocabulary size `V`.
    public var count: Int {
        switch self {
        case .character(let tokenizer): return tokenizer.count
        case .word(let tokenizer): return tokenizer.count
        }
    }

    /// Whether tokens are characters (then bits per character is the natural score).
    public var isCharacterLevel: Bool {
        if case .character = self { return true }
        return false
    }

    /// The tokens' text, in vocabulary order.
    public var tokens: [String] {
        switch self {
        case .character(let tokenizer): return tokenizer.characters
        case .word(let tokenizer): return tokenizer.words
        }
    }

    /// The ids of `text`.
    /// - Throws: `TextGenerationError.unknownToken` for a character outside a character vocabulary.
    public func encode(_ text: String) throws -> [Int] {
        switch self {
        case .character(let tokenizer):
            do {
                return try tokenizer.encode(text)
            } catch {
                let tokens = tokenizer.tokenize(text)
                let position = tokens.firstIndex { tokenizer.id(for: $0) == nil } ?? 0
                throw TextGenerationError.unknownToken(tokens.isEmpty ? "" : tokens[position], position: position)
            }
        case .word(let tokenizer):
            return tokenizer.encode(text)
        }
    }

    /// The ids of `text`, skipping characters outside a character vocabulary.
    public func encodeKnown(_ text: String) -> [Int] {
        switch self {
        case .character(let tokenizer): return tokenizer.encodeKnown(text)
        case .word(let tokenizer): return tokenizer.encode(text)
        }
    }

    /// The text of one token as it follows `previous` (word models insert spaces).
    public func text(of id: Int, after previous: Int?) -> String {
        switch self {
        case .character(let tokenizer): return tokenizer.characters[id]
        case .word(let tokenizer):
            let token = tokenizer.words[id]
            return WordTokenizer.separator(after: previous.map { tokenizer.words[$0] }, before: token) + token
        }
    }

    /// The text of `ids`.
    public func decode(_ ids: [Int]) -> String {
        switch self {
        case .character(let tokenizer): return tokenizer.decode(ids)
        case .word(let tokenizer): return tokenizer.decode(ids)
        }
    }
}

extension LanguageModelTokenizer: Codable {
    private enum CodingKeys: String, CodingKey { case level, tokens }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let level = try container.decode(String.self, forKey: .level)
        let tokens = try container.decode([String].self, forKey: .tokens)
        switch level {
        case "character":
            guard Set(tokens).count == tokens.count, tokens.allSatisfy({ $0.unicodeScalars.count == 1 }) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .tokens, in: container, debugDescription: "characters must be distinct single scalars")
            }
            self = .character(CharacterTokenizer(characters: tokens))
        case "word":
            guard tokens.first == WordTokenizer.unknownToken, Set(tokens).count == tokens.count else {
                throw DecodingError.dataCorruptedError(
                    forKey: .tokens, in: container, debugDescription: "not a word vocabulary")
            }
            self = .word(WordTokenizer(words: tokens))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .level, in: container, debugDescription: "unknown token level \(level)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isCharacterLevel ? "character" : "word", forKey: .level)
        try container.encode(tokens, forKey: .tokens)
    }
}
