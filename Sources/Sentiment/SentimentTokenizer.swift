// Keras Tokenizer semantics plus optional word bigrams, in a form that can be saved with a model.
import NLPCore
import NLPText

/// Splits texts into tokens (Keras `Tokenizer`: lower-case, filters → spaces, split on spaces),
/// adds word bigrams (`"a b"`) after the unigrams when ``ngrams`` is 2, and numbers the
/// `vocabularySize - 1` most frequent tokens of the fitted texts from 1 (descending count, ties by
/// first occurrence; 0 is padding). Unknown tokens are dropped.
public struct SentimentTokenizer: Codable, Sendable, Equatable {
    /// Keep ids `1 ..< vocabularySize` (Keras `num_words`).
    public let vocabularySize: Int
    /// 1 (words) or 2 (words and word bigrams).
    public let ngrams: Int
    /// Lower-case before splitting.
    public let lowercase: Bool
    /// Characters replaced by spaces before splitting.
    public let filters: String
    /// The kept tokens; the id of `words[i]` is `i + 1`.
    public let words: [String]
    /// The number of fitted texts containing each kept token (for tf-idf), by `id - 1`.
    public let documentFrequencies: [Int]
    /// The number of texts fitted.
    public let documentCount: Int

    private enum CodingKeys: String, CodingKey {
        case vocabularySize, ngrams, lowercase, filters, words, documentFrequencies, documentCount
    }

    private var index: [String: Int] = [:]
    private var splitter: TextTokenizer

    /// Fits the vocabulary on `texts`.
    /// - Precondition: `vocabularySize ≥ 2`, `ngrams` is 1 or 2.
    public init(
        fittingOn texts: [String], vocabularySize: Int, ngrams: Int = 1, lowercase: Bool = true,
        filters: String = SentimentConfiguration.kerasFilters
    ) {
        precondition(vocabularySize >= 2, "vocabularySize \(vocabularySize) must be at least 2")
        precondition((1 ... 2).contains(ngrams), "ngrams \(ngrams) must be 1 or 2")
        self.vocabularySize = vocabularySize
        self.ngrams = ngrams
        self.lowercase = lowercase
        self.filters = filters
        var keras = TextTokenizer(numWords: vocabularySize, filters: filters, lower: lowercase)
        let splitter = keras
        self.splitter = splitter
        keras.fit(tokenLists: texts.lazy.map { Self.tokens(of: $0, splitter: splitter, ngrams: ngrams) })
        let kept = min(vocabularySize - 1, keras.wordIndex.count)
        words = (0 ..< kept).map { keras.indexWord[$0 + 1]! }
        documentFrequencies = (0 ..< kept).map { keras.indexDocs[$0 + 1] ?? 0 }
        documentCount = keras.documentCount
        index = Self.makeIndex(words)
    }

    /// Decodes a saved tokenizer and checks it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        vocabularySize = try container.decode(Int.self, forKey: .vocabularySize)
        ngrams = try container.decode(Int.self, forKey: .ngrams)
        lowercase = try container.decode(Bool.self, forKey: .lowercase)
        filters = try container.decode(String.self, forKey: .filters)
        words = try container.decode([String].self, forKey: .words)
        documentFrequencies = try container.decode([Int].self, forKey: .documentFrequencies)
        documentCount = try container.decode(Int.self, forKey: .documentCount)
        splitter = TextTokenizer(filters: filters, lower: lowercase)
        guard vocabularySize >= 2, (1 ... 2).contains(ngrams), words.count < vocabularySize,
            documentFrequencies.count == words.count, Set(words).count == words.count
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "inconsistent tokenizer settings or vocabulary")
            )
        }
        index = Self.makeIndex(words)
    }

    /// The width of id-indexed tables: `words.count + 1` (row 0 is padding).
    public var tableSize: Int { words.count + 1 }

    /// The id of a token, or `nil` when it is not kept.
    public func id(of token: String) -> Int? { index[token] }

    /// The tokens of `text`: Keras's words, then (for ``ngrams`` 2) its word bigrams.
    public func tokens(of text: String) -> [String] {
        Self.tokens(of: text, splitter: splitter, ngrams: ngrams)
    }

    /// The ids of the kept tokens of `text`, in order (unknown tokens dropped).
    public func ids(of text: String) -> [Int] {
        tokens(of: text).compactMap { index[$0] }
    }

    /// The ids of every text, in order.
    public func ids(of texts: [String]) -> [[Int]] {
        texts.map { ids(of: $0) }
    }

    /// Word ids as a `[texts, maxLength]` tensor, padded and truncated at the front (Keras defaults).
    public func paddedSequences(_ texts: [String], maxLength: Int) -> Tensor {
        padSequences(ids(of: texts), maxLength: maxLength)
    }

    private static func tokens(of text: String, splitter: TextTokenizer, ngrams: Int) -> [String] {
        let words = splitter.tokens(of: text)
        guard ngrams == 2, words.count > 1 else { return words }
        var tokens = words
        tokens.reserveCapacity(words.count * 2 - 1)
        for i in 1 ..< words.count { tokens.append(words[i - 1] + " " + words[i]) }
        return tokens
    }

    private static func makeIndex(_ words: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(words.count)
        for (offset, word) in words.enumerated() { index[word] = offset + 1 }
        return index
    }

    /// Equal settings and vocabulary.
    public static func == (a: SentimentTokenizer, b: SentimentTokenizer) -> Bool {
        a.vocabularySize == b.vocabularySize && a.ngrams == b.ngrams && a.lowercase == b.lowercase
            && a.filters == b.filters && a.words == b.words && a.documentFrequencies == b.documentFrequencies
            && a.documentCount == b.documentCount
    }
}
