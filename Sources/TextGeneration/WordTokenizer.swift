// TextGeneration: word-level tokens for word language models (words, punctuation, line ends).

/// Splits text into words, single punctuation marks and line ends, with a capped vocabulary and
/// an unknown token, and joins tokens back into readable text.
///
/// A word is a run of letters, digits, apostrophes and inner hyphens (`o'er`, `to-night`); every
/// other visible character is a token of its own; `"\n"` is a token (line and speech structure
/// survive generation); other whitespace separates tokens. Ids: `0` is ``unknownToken``, then the
/// kept words by decreasing count (ties by first occurrence, as gensim and word2vec.c order them).
///
/// ```swift
/// let tokenizer = WordTokenizer(fitting: "To be, or not to be.\n", maxVocabulary: 100)
/// tokenizer.tokenize("To be, or")   // ["To", "be", ",", "or"]
/// tokenizer.decode(tokenizer.encode("To be, or"))   // "To be, or"
/// ```
public struct WordTokenizer: Codable, Equatable, Sendable {
    /// The token that stands for every word outside the vocabulary (id 0).
    public static let unknownToken = "<unk>"
    /// The vocabulary: `words[id]`; `words[0]` is ``unknownToken``.
    public private(set) var words: [String]
    private var ids: [String: Int] = [:]

    private enum CodingKeys: String, CodingKey { case words }

    /// A tokenizer keeping the `maxVocabulary − 1` most frequent tokens of `text` seen at least
    /// `minCount` times.
    /// - Precondition: `maxVocabulary ≥ 2`, `minCount ≥ 1`.
    public init(fitting text: String, maxVocabulary: Int = 10_000, minCount: Int = 1) {
        precondition(maxVocabulary >= 2, "maxVocabulary must be at least 2, got \(maxVocabulary)")
        precondition(minCount >= 1, "minCount must be at least 1, got \(minCount)")
        var counts: [String: (count: Int, first: Int)] = [:]
        for (position, token) in Self.split(text).enumerated() {
            counts[token, default: (0, position)].count += 1
        }
        let kept = counts.filter { $0.value.count >= minCount && $0.key != Self.unknownToken }
            .sorted {
                $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.value.first < $1.value.first
            }
            .prefix(maxVocabulary - 1).map(\.key)
        self.init(words: [Self.unknownToken] + kept)
    }

    /// A tokenizer with a saved vocabulary.
    /// - Precondition: the words are distinct and `words[0]` is ``unknownToken``.
    public init(words: [String]) {
        precondition(words.first == Self.unknownToken, "the first word must be \(Self.unknownToken)")
        self.words = words
        for (id, word) in words.enumerated() { ids[word] = id }
        precondition(ids.count == words.count, "the vocabulary repeats words")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([String].self, forKey: .words)
        guard words.first == Self.unknownToken, Set(words).count == words.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .words, in: container, debugDescription: "not a word vocabulary")
        }
        self.init(words: words)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(words, forKey: .words)
    }

    public static func == (lhs: WordTokenizer, rhs: WordTokenizer) -> Bool { lhs.words == rhs.words }

    /// The vocabulary size, including the unknown token.
    public var count: Int { words.count }

    /// The tokens of `text`.
    public func tokenize(_ text: String) -> [String] { Self.split(text) }

    /// The id of `token`, or `nil` when it is not in the vocabulary.
    public func id(for token: String) -> Int? { ids[token] }

    /// The ids of the tokens of `text`; tokens outside the vocabulary become `0` (unknown).
    public func encode(_ text: String) -> [Int] { Self.split(text).map { ids[$0] ?? 0 } }

    /// Joins tokens into text: a space between words, none before closing punctuation or after
    /// opening punctuation and line ends.
    public func decode(_ tokenIDs: some Sequence<Int>) -> String {
        var text = ""
        var previous: String?
        for id in tokenIDs {
            precondition(id >= 0 && id < words.count, "id \(id) is outside the vocabulary 0..<\(words.count)")
            let token = words[id]
            text += Self.separator(after: previous, before: token) + token
            previous = token
        }
        return text
    }

    /// The text to put between `previous` and `token` when joining (`""` or `" "`).
    public static func separator(after previous: String?, before token: String) -> String {
        guard let previous, previous != "\n", token != "\n" else { return "" }
        if let first = token.unicodeScalars.first, token.count == 1, ".,;:!?)]}'\"-".unicodeScalars.contains(first) {
            return ""
        }
        if previous.count == 1, let last = previous.unicodeScalars.first, "([{".unicodeScalars.contains(last) {
            return ""
        }
        return " "
    }

    /// Splits text into words, punctuation marks and `"\n"` tokens.
    static func split(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        func flush() {
            if !word.isEmpty {
                // Trailing hyphens and apostrophes are punctuation, not part of the word.
                var trailing: [Unicode.Scalar] = []
                while let last = word.last, last == "-" || last == "'", word.count > 1 {
                    trailing.append(last)
                    word.removeLast()
                }
                tokens.append(String(word))
                for mark in trailing.reversed() { tokens.append(String(mark)) }
                word = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if scalar == "-", word.last == "-" {
                // A dash ("--") ends the word: both hyphens are punctuation.
                word.removeLast()
                flush()
                tokens += ["-", "-"]
            } else if properties.isAlphabetic || properties.numericType != nil
                || (!word.isEmpty && (scalar == "'" || scalar == "-"))
            {
                word.append(scalar)
            } else {
                flush()
                if scalar == "\n" {
                    tokens.append("\n")
                } else if !properties.isWhitespace && scalar != "\r" {
                    tokens.append(String(scalar))
                }
            }
        }
        flush()
        return tokens
    }
}
