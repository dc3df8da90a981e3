// Keras's legacy text tokenizer (keras.preprocessing.text.Tokenizer), with its exact semantics.
import NLPCore

/// A word (or character) index fitted on texts, with the behaviour of Keras's legacy
/// `keras.preprocessing.text.Tokenizer`.
///
/// - Splitting (`text_to_word_sequence`): lower-case, replace every character of ``filters`` by
///   ``split``, split on ``split``, drop empty pieces. With ``charLevel`` every character is a
///   token and ``filters`` is not applied (as in Keras).
/// - ``fit(texts:)`` counts words (``wordCounts``, in first-appearance order) and the documents
///   containing them (``wordDocs``), then numbers the words from 1 by count, descending; ties keep
///   their first-appearance order (Keras sorts `word_counts.items()` with a stable sort). The
///   ``oovToken``, when given, takes index 1. Index 0 is never assigned.
/// - Texts may also be given already split (``fit(tokenLists:)``, Keras's lists of tokens): the
///   tokens are then only lower-cased.
/// - ``numWords`` does not limit the index: it drops ids `>= numWords` from sequences and
///   matrices (replacing them by the OOV id when there is one).
///
/// ```swift
/// var tokenizer = TextTokenizer()
/// tokenizer.fit(texts: ["The cat sat on the mat.", "The dog ate my homework."])
/// tokenizer.wordIndex["the"]                       // 1
/// tokenizer.textsToSequences(["the cat ate"])      // [[1, 2, 7]]
/// ```
///
/// Differences from Python: dictionary keys are Swift strings, which compare canonically
/// equivalent spellings ("é" and "e\u{301}") as equal; lower-casing is ICU's full Unicode mapping,
/// as Python's `str.lower()`.
///
/// Based on: keras-preprocessing 1.1.2, `keras_preprocessing/text.py`; checked against outputs
/// recorded from it (`Tests/NLPTextTests/KerasParityTests.swift`).
public struct TextTokenizer: Sendable {
    /// Keras's default filters: ASCII punctuation except `'`, plus tab and newline.
    public static let defaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

    /// When set, only ids `< numWords` (the `numWords - 1` most frequent words) are kept in
    /// sequences and matrices; matrices are `numWords` wide. `nil` (or 0) keeps every word.
    public var numWords: Int?
    /// Characters replaced by ``split`` before splitting.
    public var filters: String { didSet { filterScalars = Set(filters.unicodeScalars) } }
    /// Whether text is lower-cased first.
    public var lower: Bool
    /// The separator (Keras `split`, default one space).
    public var split: String
    /// Whether every character is a token (no filtering).
    public var charLevel: Bool
    /// A token for words not in the index (ids `>= numWords` too); it gets index 1.
    public var oovToken: String?

    /// The number of documents fitted (texts, plus sequences given to ``fit(sequences:)``).
    public private(set) var documentCount = 0
    /// Each word's count over all fitted texts.
    public private(set) var wordCounts: [String: Int] = [:]
    /// The fitted words in first-appearance order (the order of Keras's `OrderedDict`).
    public private(set) var words: [String] = []
    /// The number of fitted documents containing each word.
    public private(set) var wordDocs: [String: Int] = [:]
    /// Word → id, from 1.
    public private(set) var wordIndex: [String: Int] = [:]
    /// Id → word.
    public private(set) var indexWord: [Int: String] = [:]
    /// Id → the number of documents containing it (used by ``MatrixMode/tfidf``).
    public private(set) var indexDocs: [Int: Int] = [:]

    private var filterScalars: Set<Unicode.Scalar>

    /// Creates an empty tokenizer with Keras's defaults.
    /// - Precondition: `split` is not empty; `numWords` is not negative.
    public init(
        numWords: Int? = nil, filters: String = TextTokenizer.defaultFilters, lower: Bool = true,
        split: String = " ", charLevel: Bool = false, oovToken: String? = nil
    ) {
        precondition(!split.isEmpty, "split must not be empty")
        precondition((numWords ?? 0) >= 0, "numWords must not be negative, got \(numWords ?? 0)")
        self.numWords = numWords
        self.filters = filters
        self.filterScalars = Set(filters.unicodeScalars)
        self.lower = lower
        self.split = split
        self.charLevel = charLevel
        self.oovToken = oovToken
    }

    // MARK: - Splitting

    /// The tokens of `text`: Keras's `text_to_word_sequence(text, filters, lower, split)`, or its
    /// characters (lower-cased when ``lower``) when ``charLevel``.
    public func tokens(of text: String) -> [String] {
        let text = lower ? Self.lowercased(text) : text
        if charLevel { return text.unicodeScalars.map { String($0) } }
        // Python: text.translate({c: split for c in filters}).split(split), then drop "".
        let separator = Array(split.unicodeScalars)
        var translated: [Unicode.Scalar] = []
        translated.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if filterScalars.contains(scalar) { translated += separator } else { translated.append(scalar) }
        }
        var pieces: [String] = []
        var pieceStart = 0
        var i = 0
        while i < translated.count {
            let matches =
                translated[i] == separator[0]
                && (separator.count == 1
                    || (i + separator.count <= translated.count
                        && translated[i ..< i + separator.count].elementsEqual(separator)))
            guard matches else {
                i += 1
                continue
            }
            if i > pieceStart { pieces.append(Self.string(translated[pieceStart ..< i])) }
            i += separator.count
            pieceStart = i
        }
        if translated.count > pieceStart { pieces.append(Self.string(translated[pieceStart...])) }
        return pieces
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Python's `str.lower()`: full Unicode lower-casing (ASCII without ICU).
    static func lowercased(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return (try? ICUText.lowercased(text)) ?? text.lowercased()
    }

    // MARK: - Fitting

    /// Counts the words of `texts` and rebuilds the index (Keras `fit_on_texts`). Calling it
    /// again adds to the counts.
    public mutating func fit(texts: some Sequence<String>) {
        let splitter = self
        fit(tokenSequences: texts.lazy.map { splitter.tokens(of: $0) })
    }

    /// Counts already split texts and rebuilds the index (Keras `fit_on_texts` given lists of
    /// tokens): each token is lower-cased when ``lower`` and otherwise used as it is (no
    /// ``filters``, no ``split``).
    public mutating func fit(tokenLists: some Sequence<[String]>) {
        let splitter = self
        fit(tokenSequences: tokenLists.lazy.map { splitter.lowered($0) })
    }

    private func lowered(_ tokens: [String]) -> [String] {
        lower ? tokens.map { Self.lowercased($0) } : tokens
    }

    private mutating func fit(tokenSequences: some Sequence<[String]>) {
        for sequence in tokenSequences {
            documentCount += 1
            for word in sequence {
                if let count = wordCounts[word] {
                    wordCounts[word] = count + 1
                } else {
                    wordCounts[word] = 1
                    words.append(word)
                }
            }
            for word in Set(sequence) { wordDocs[word, default: 0] += 1 }
        }
        rebuildIndex()
    }

    /// Counts documents per id for ``MatrixMode/tfidf`` from sequences (Keras `fit_on_sequences`).
    public mutating func fit(sequences: [[Int]]) {
        documentCount += sequences.count
        for sequence in sequences {
            for id in Set(sequence) { indexDocs[id, default: 0] += 1 }
        }
    }

    private mutating func rebuildIndex() {
        // Python's sort is stable, also with reverse=True: ties keep first-appearance order.
        let sorted = words.enumerated().sorted { a, b in
            let (countA, countB) = (wordCounts[a.element]!, wordCounts[b.element]!)
            return countA != countB ? countA > countB : a.offset < b.offset
        }
        var vocabulary = oovToken.map { [$0] } ?? []
        vocabulary += sorted.map(\.element)
        // dict(zip(vocabulary, 1...)): a later duplicate (the OOV token also seen as a word) wins.
        wordIndex = [:]
        for (offset, word) in vocabulary.enumerated() { wordIndex[word] = offset + 1 }
        indexWord = [:]
        for (word, id) in wordIndex { indexWord[id] = word }
        for (word, count) in wordDocs { indexDocs[wordIndex[word]!] = count }
    }

    // MARK: - Texts and sequences

    /// The id sequences of `texts` (Keras `texts_to_sequences`): unknown words, and ids
    /// `>= numWords`, become the OOV id when there is an ``oovToken`` and are dropped otherwise.
    public func textsToSequences(_ texts: some Sequence<String>) -> [[Int]] {
        texts.map { ids(of: tokens(of: $0)) }
    }

    /// The id sequences of already split texts (Keras `texts_to_sequences` given lists of
    /// tokens): tokens are lower-cased when ``lower``, then looked up as in
    /// ``textsToSequences(_:)``.
    public func textsToSequences(tokenLists: some Sequence<[String]>) -> [[Int]] {
        tokenLists.map { ids(of: lowered($0)) }
    }

    private func ids(of words: [String]) -> [Int] {
        let limit = numWords ?? 0
        let oovIndex = oovToken.flatMap { wordIndex[$0] }
        var sequence: [Int] = []
        for word in words {
            if let id = wordIndex[word] {
                if limit > 0 && id >= limit {
                    if let oovIndex { sequence.append(oovIndex) }
                } else {
                    sequence.append(id)
                }
            } else if let oovIndex {
                sequence.append(oovIndex)
            }
        }
        return sequence
    }

    /// The texts of id sequences, words joined by one space (Keras `sequences_to_texts`): unknown
    /// ids, and ids `>= numWords`, become the OOV token when there is one and are dropped
    /// otherwise.
    public func sequencesToTexts(_ sequences: some Sequence<[Int]>) -> [String] {
        let limit = numWords ?? 0
        let oovWord = oovToken.flatMap { wordIndex[$0] }.flatMap { indexWord[$0] }
        return sequences.map { sequence in
            var words: [String] = []
            for id in sequence {
                if let word = indexWord[id] {
                    if limit > 0 && id >= limit {
                        if let oovWord { words.append(oovWord) }
                    } else {
                        words.append(word)
                    }
                } else if let oovWord {
                    words.append(oovWord)
                }
            }
            return words.joined(separator: " ")
        }
    }
}
