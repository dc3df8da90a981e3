// Keras's TextVectorization layer as a plain value: standardize, split, n-grams, vocabulary.
import NLPCore

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Turns texts into id sequences or bag-of-words rows, with the semantics of Keras's
/// `TextVectorization` layer: ``adapt(_:)`` learns a vocabulary, `callAsFunction` encodes.
///
/// ```swift
/// var vectorizer = TextVectorization(outputMode: .int, outputSequenceLength: 4)
/// vectorizer.adapt(["The cat sat.", "The dog sat on the mat!"])
/// vectorizer.vocabulary         // ["", "[UNK]", "the", "sat", "on", "mat", "dog", "cat"]
/// vectorizer(["the bird sat"])  // [[2, 1, 3, 0]]
/// ```
///
/// The steps, as in Keras:
/// 1. ``Standardize``: by default lower-case and remove ASCII punctuation (Python's
///    `string.punctuation`, Keras's `DEFAULT_STRIP_REGEX`): "Don't!" → "dont".
/// 2. ``Split``: by default at white space.
/// 3. ``NGrams``: optionally add n-grams of the tokens, joined by one space, all 1-grams first,
///    then all 2-grams, … ("the cat sat" with `.upTo(2)` → "the", "cat", "sat", "the cat",
///    "cat sat").
/// 4. Look-up: in ``OutputMode/int`` mode index 0 is `""` (padding) and 1 is `"[UNK]"` (out of
///    vocabulary); in the other modes there is no padding entry and index 0 is `"[UNK]"`.
///
/// ``adapt(_:)`` orders the vocabulary by count, descending; equal counts are ordered by the
/// token's UTF-8 bytes, descending (Keras: `np.lexsort((tokens, counts))[::-1]`). `maxTokens`
/// counts the special entries too.
///
/// Differences from Keras (same results on ASCII text): lower-casing is full Unicode (Keras's
/// `tf.strings.lower` changes only ASCII letters), and white space is Unicode White_Space (TF:
/// ASCII white space).
///
/// Based on: Keras 2.x `keras/layers/preprocessing/text_vectorization.py` and
/// `index_lookup.py`.
public struct TextVectorization: Sendable {
    /// How texts are cleaned before splitting (Keras `standardize`).
    public enum Standardize: Sendable {
        /// Lower-case, then remove the ASCII punctuation of Python's `string.punctuation`.
        case lowerAndStripPunctuation
        /// Lower-case only.
        case lower
        /// Remove ASCII punctuation only.
        case stripPunctuation
        /// Leave the text as it is.
        case none
        /// Any function of the text.
        case custom(@Sendable (String) -> String)
    }

    /// How standardized text becomes tokens (Keras `split`).
    public enum Split: Sendable {
        /// At runs of white space, ignoring leading and trailing white space.
        case whitespace
        /// Every Unicode scalar is a token (Keras `"character"`: `tf.strings.unicode_split`),
        /// spaces included.
        case character
        /// The whole text is one token.
        case none
        /// A tokenizer, e.g. ``UnicodeTokenizer`` (give it `caseMapping: .preserve` and
        /// `punctuation: .keep` if standardization already did that work).
        case tokenizer(any Tokenizer & Sendable)
    }

    /// Which n-grams are tokens (Keras `ngrams`).
    public enum NGrams: Sendable, Hashable {
        /// Tokens alone (Keras `None`).
        case unigrams
        /// n-grams of 1 through `n` tokens (Keras an integer `n`).
        case upTo(Int)
        /// n-grams of exactly these widths, in this order (Keras a tuple).
        case widths([Int])

        var widths: [Int] {
            switch self {
            case .unigrams: [1]
            case .upTo(let n): Array(1 ... n)
            case .widths(let widths): widths
            }
        }
    }

    /// What the vectorizer outputs (Keras `output_mode`).
    public enum OutputMode: Sendable, Hashable {
        /// Token ids, `[n, length]`, padded with 0 or truncated at the end.
        case int
        /// 1 for each vocabulary entry present, `[n, vocabularySize]`.
        case multiHot
        /// Each vocabulary entry's count, `[n, vocabularySize]`.
        case count
        /// count × idf, `[n, vocabularySize]`, idf = log(1 + documents / (1 + document frequency));
        /// "[UNK]" gets the mean idf of the vocabulary.
        case tfIdf
    }

    /// The padding entry of ``OutputMode/int`` mode (Keras `mask_token`).
    public static let paddingToken = ""
    /// The out-of-vocabulary entry (Keras `oov_token`).
    public static let unknownToken = "[UNK]"

    /// The largest vocabulary, special entries included; `nil` for no limit.
    public let maxTokens: Int?
    /// The standardization step.
    public let standardize: Standardize
    /// The splitting step.
    public let split: Split
    /// The n-gram step.
    public let ngrams: NGrams
    /// The output.
    public let outputMode: OutputMode
    /// In ``OutputMode/int`` mode, the output length; `nil` pads to the longest text of a batch.
    public let outputSequenceLength: Int?
    /// In the bag-of-words modes, whether rows are `maxTokens` wide even when the vocabulary is
    /// smaller (Keras `pad_to_max_tokens`).
    public let padToMaxTokens: Bool

    /// The vocabulary: `vocabulary[id]`, special entries first.
    public private(set) var vocabulary: [String]
    /// In ``OutputMode/tfIdf`` mode, the weight of each vocabulary entry (`[UNK]` first).
    public private(set) var idfWeights: [Float] = []
    private var index: [String: Int] = [:]

    /// Creates a vectorizer with Keras's defaults and no vocabulary beyond the special entries.
    /// - Precondition: `maxTokens` leaves room for the special entries; n-gram widths and
    ///   `outputSequenceLength` are positive; `padToMaxTokens` needs `maxTokens`.
    public init(
        maxTokens: Int? = nil, standardize: Standardize = .lowerAndStripPunctuation, split: Split = .whitespace,
        ngrams: NGrams = .unigrams, outputMode: OutputMode = .int, outputSequenceLength: Int? = nil,
        padToMaxTokens: Bool = false
    ) {
        let specials = outputMode == .int ? [Self.paddingToken, Self.unknownToken] : [Self.unknownToken]
        precondition(
            (maxTokens ?? specials.count) >= specials.count,
            "maxTokens \(maxTokens ?? 0) leaves no room for the \(specials.count) special entries")
        precondition(ngrams.widths.allSatisfy { $0 > 0 } && !ngrams.widths.isEmpty, "n-gram widths must be positive")
        precondition((outputSequenceLength ?? 1) > 0, "outputSequenceLength must be positive")
        precondition(!padToMaxTokens || maxTokens != nil, "padToMaxTokens needs maxTokens")
        self.maxTokens = maxTokens
        self.standardize = standardize
        self.split = split
        self.ngrams = ngrams
        self.outputMode = outputMode
        self.outputSequenceLength = outputSequenceLength
        self.padToMaxTokens = padToMaxTokens
        self.vocabulary = specials
        rebuildIndex()
    }

    /// The special entries at the start of the vocabulary for this output mode.
    public var specialTokens: [String] {
        outputMode == .int ? [Self.paddingToken, Self.unknownToken] : [Self.unknownToken]
    }

    /// The id of `"[UNK]"`: 1 in ``OutputMode/int`` mode, else 0.
    public var unknownID: Int { outputMode == .int ? 1 : 0 }

    /// The width of bag-of-words rows: `maxTokens` with ``padToMaxTokens``, else the vocabulary
    /// size.
    public var outputWidth: Int { padToMaxTokens ? maxTokens! : vocabulary.count }

    // MARK: - Tokens

    /// The tokens of `text` after standardization, splitting and n-grams.
    public func tokens(of text: String) -> [String] {
        let standardized: String
        switch standardize {
        case .lowerAndStripPunctuation: standardized = Self.stripASCIIPunctuation(TextTokenizer.lowercased(text))
        case .lower: standardized = TextTokenizer.lowercased(text)
        case .stripPunctuation: standardized = Self.stripASCIIPunctuation(text)
        case .none: standardized = text
        case .custom(let function): standardized = function(text)
        }
        let tokens: [String]
        switch split {
        case .whitespace:
            tokens = standardized.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).map {
                String(String.UnicodeScalarView($0))
            }
        case .character: tokens = standardized.unicodeScalars.map { String($0) }
        case .none: tokens = [standardized]
        case .tokenizer(let tokenizer): tokens = tokenizer.tokenize(standardized)
        }
        let widths = ngrams.widths
        guard widths != [1] else { return tokens }
        var result: [String] = []
        for width in widths where width <= tokens.count {
            for start in 0 ... tokens.count - width {
                result.append(width == 1 ? tokens[start] : tokens[start ..< start + width].joined(separator: " "))
            }
        }
        return result
    }

    /// Removes the 32 ASCII punctuation characters `!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`.
    static func stripASCIIPunctuation(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x21 ... 0x2F, 0x3A ... 0x40, 0x5B ... 0x60, 0x7B ... 0x7E: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    // MARK: - Vocabulary

    /// Learns the vocabulary (and idf weights) from `texts`, replacing any earlier one (Keras
    /// `adapt`).
    public mutating func adapt(_ texts: some Sequence<String>) {
        var counts: [String: Int] = [:]
        var documentFrequency: [String: Int] = [:]
        var documents = 0
        for text in texts {
            documents += 1
            let tokens = tokens(of: text)
            for token in tokens { counts[token, default: 0] += 1 }
            for token in Set(tokens) { documentFrequency[token, default: 0] += 1 }
        }
        let specials = specialTokens
        for special in specials { counts[special] = nil }
        var learned = counts.map { (token: $0.key, count: $0.value, bytes: Array($0.key.utf8)) }
        learned.sort { a, b in
            a.count != b.count ? a.count > b.count : b.bytes.lexicographicallyPrecedes(a.bytes)
        }
        if let maxTokens { learned = Array(learned.prefix(maxTokens - specials.count)) }
        vocabulary = specials + learned.map(\.token)
        idfWeights = []
        if outputMode == .tfIdf {
            // idf in Float64 (TF divides int64 counts), then Float32; [UNK] gets the mean.
            let weights = learned.map { entry in
                Float(log(1 + Double(documents) / Double(1 + documentFrequency[entry.token]!)))
            }
            idfWeights = [Self.mean(weights)] + weights
        }
        rebuildIndex()
    }

    /// Sets the vocabulary directly (Keras `set_vocabulary`): `tokens` without the special
    /// entries, and in ``OutputMode/tfIdf`` mode one idf weight per token ("[UNK]" gets their
    /// mean).
    /// - Precondition: the tokens are distinct, do not include the special entries, fit in
    ///   `maxTokens`; `idfWeights` is given exactly in tf-idf mode, one per token.
    public mutating func setVocabulary(_ tokens: [String], idfWeights: [Float]? = nil) {
        let specials = specialTokens
        precondition(Set(tokens).count == tokens.count, "the vocabulary repeats tokens")
        precondition(!tokens.contains { specials.contains($0) }, "the vocabulary must not contain \(specials)")
        precondition(
            specials.count + tokens.count <= maxTokens ?? .max,
            "\(tokens.count) tokens and \(specials.count) special entries exceed maxTokens \(maxTokens ?? 0)")
        precondition(
            (idfWeights != nil) == (outputMode == .tfIdf) && (idfWeights?.count ?? tokens.count) == tokens.count,
            "idfWeights must be given in tf-idf mode only, one per token")
        vocabulary = specials + tokens
        self.idfWeights = idfWeights.map { [Self.mean($0)] + $0 } ?? []
        rebuildIndex()
    }

    /// The id of `token`, or ``unknownID`` when it is not in the vocabulary.
    public func id(for token: String) -> Int { index[token] ?? unknownID }

    private mutating func rebuildIndex() {
        index = [:]
        for (id, token) in vocabulary.enumerated() where id >= specialTokens.count || token == Self.paddingToken {
            index[token] = id
        }
    }

    private static func mean(_ values: [Float]) -> Float {
        values.isEmpty ? 0 : values.reduce(0, +) / Float(values.count)
    }
}
