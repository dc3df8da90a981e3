import NLPCore
import Testing
import _TestSupport

@testable import NLPText

/// Compares `TextTokenizer`, `padSequences` and `oneHot` with outputs of the real Keras code
/// (Keras-Preprocessing 1.1.2's `text.py` / `sequence.py`, Keras 3's `to_categorical`) on the
/// same inputs, stored in `Fixtures/keras/*.json` by `generate_keras_fixtures.py`.
@Suite("Keras parity: Tokenizer, pad_sequences, to_categorical against recorded Keras outputs")
struct KerasParityTests {
    static let wordSequenceCases = KerasFixtures.tokenizer?.text_to_word_sequence ?? []
    static let tokenizerCases = KerasFixtures.tokenizer?.tokenizer ?? []
    static let tokenizedCases = KerasFixtures.tokenizer?.tokenized ?? []
    static let knownTokenizerDifferences = KerasFixtures.tokenizer?.known_differences ?? []
    static let paddingCases = KerasFixtures.padding?.pad_sequences ?? []
    static let categoricalCases = KerasFixtures.categorical?.to_categorical ?? []

    @Test("The fixtures load and hold the expected cases")
    func fixturesLoad() throws {
        // Decode again with errors surfacing, so a broken file fails here rather than emptying the suite.
        let tokenizer = try KerasFixtures.load(KerasFixtures.TokenizerFile.self, from: "tokenizer.json")
        let padding = try KerasFixtures.load(KerasFixtures.PaddingFile.self, from: "padding.json")
        let categorical = try KerasFixtures.load(KerasFixtures.CategoricalFile.self, from: "categorical.json")
        #expect(tokenizer.versions.keras_preprocessing == "1.1.2")
        #expect(tokenizer.text_to_word_sequence.count >= 90)
        #expect(tokenizer.tokenizer.count >= 20)
        #expect(tokenizer.tokenized.count == 3 && tokenizer.known_differences.count == 1)
        #expect(tokenizer.tokenizer.contains { $0.name == "movie-snippets-200" && $0.word_index.count > 1000 })
        #expect(padding.pad_sequences.count >= 100)
        #expect(categorical.to_categorical.count >= 5)
        #expect(Self.tokenizerCases.count == tokenizer.tokenizer.count)
    }

    // MARK: - text_to_word_sequence

    @Test("text_to_word_sequence", arguments: wordSequenceCases)
    func textToWordSequence(_ fixture: KerasFixtures.WordSequenceCase) {
        let tokenizer = TextTokenizer(filters: fixture.filters, lower: fixture.lower, split: fixture.split)
        #expect(tokenizer.tokens(of: fixture.text) == fixture.tokens)
    }

    // MARK: - Tokenizer

    typealias TextCase = KerasFixtures.TokenizerCase<String>
    typealias TokenListCase = KerasFixtures.TokenizerCase<[String]>

    static func makeTokenizer<Text>(
        _ fixture: KerasFixtures.TokenizerCase<Text>, fit: (inout TextTokenizer, [Text]) -> Void
    ) -> TextTokenizer {
        let options = fixture.options
        var tokenizer = TextTokenizer(
            numWords: options.num_words, filters: options.filters, lower: options.lower, split: options.split,
            charLevel: options.char_level, oovToken: options.oov_token)
        for texts in fixture.fits { fit(&tokenizer, texts) }
        if let sequences = fixture.fit_sequences { tokenizer.fit(sequences: sequences) }
        return tokenizer
    }

    static func makeTokenizer(_ fixture: TextCase) -> TextTokenizer {
        makeTokenizer(fixture) { $0.fit(texts: $1) }
    }

    static func makeTokenizer(_ fixture: TokenListCase) -> TextTokenizer {
        makeTokenizer(fixture) { $0.fit(tokenLists: $1) }
    }

    /// Compares the fitted state: counts, documents, indexes.
    static func compareFit<Text>(_ tokenizer: TextTokenizer, _ fixture: KerasFixtures.TokenizerCase<Text>) {
        #expect(tokenizer.documentCount == fixture.document_count)
        let counts = tokenizer.words.map { KerasFixtures.WordCount(word: $0, count: tokenizer.wordCounts[$0] ?? -1) }
        #expect(counts == fixture.word_counts)
        #expect(tokenizer.wordCounts.count == fixture.word_counts.count)
        #expect(tokenizer.wordDocs == fixture.word_docs)
        #expect(tokenizer.wordIndex == fixture.word_index)
        let indexWord =
            fixture.index_word.map { Dictionary(uniqueKeysWithValues: $0.map { (Int($0.key)!, $0.value) }) }
            ?? Dictionary(uniqueKeysWithValues: fixture.word_index.map { ($0.value, $0.key) })
        #expect(tokenizer.indexWord == indexWord)
        let indexDocs = Dictionary(uniqueKeysWithValues: fixture.index_docs.map { (Int($0.key)!, $0.value) })
        #expect(tokenizer.indexDocs == indexDocs)
    }

    /// Compares `texts_to_sequences` (given as `sequences`, our output for `query_texts`) and
    /// `sequences_to_texts`.
    static func compareSequences<Text>(
        _ tokenizer: TextTokenizer, _ sequences: [[Int]], _ fixture: KerasFixtures.TokenizerCase<Text>
    ) {
        #expect(sequences.count == fixture.texts_to_sequences.count)
        for (row, (actual, expected)) in zip(sequences, fixture.texts_to_sequences).enumerated() {
            #expect(actual == expected, "text \(row): \(fixture.query_texts[row])")
        }
        #expect(tokenizer.sequencesToTexts(fixture.query_sequences) == fixture.sequences_to_texts)
    }

    /// Compares the matrices; `textsToMatrix` is our `texts_to_matrix(matrix_texts, mode)`.
    static func compareMatrices<Text>(
        _ tokenizer: TextTokenizer, _ fixture: KerasFixtures.TokenizerCase<Text>,
        textsToMatrix: (TextTokenizer.MatrixMode) throws -> Tensor
    ) throws {
        guard let textMatrices = fixture.texts_to_matrix, let sequenceMatrices = fixture.sequences_to_matrix else {
            // Keras raises without a width; so do we.
            #expect(throws: TokenizerError.unknownMatrixWidth) { try tokenizer.sequencesToMatrix([[1]]) }
            return
        }
        #expect(Set(textMatrices.keys) == Set(TextTokenizer.MatrixMode.allCases.map(\.rawValue)))
        for mode in TextTokenizer.MatrixMode.allCases {
            let expectedTexts = try #require(textMatrices[mode.rawValue])
            let actualTexts = try textsToMatrix(mode)
            #expect(actualTexts.shape == expectedTexts.shape, "texts_to_matrix \(mode)")
            expectClose(actualTexts.scalars, expectedTexts.dense, rtol: 1e-6, atol: 0)

            let expectedSequences = try #require(sequenceMatrices[mode.rawValue])
            let actualSequences = try tokenizer.sequencesToMatrix(fixture.query_sequences, mode: mode)
            #expect(actualSequences.shape == expectedSequences.shape, "sequences_to_matrix \(mode)")
            expectClose(actualSequences.scalars, expectedSequences.dense, rtol: 1e-6, atol: 0)
        }
    }

    @Test(
        "fit_on_texts: document_count, word_counts (in order), word_docs, word_index, index_docs",
        arguments: tokenizerCases)
    func fit(_ fixture: TextCase) {
        Self.compareFit(Self.makeTokenizer(fixture), fixture)
    }

    @Test("texts_to_sequences and sequences_to_texts", arguments: tokenizerCases)
    func sequences(_ fixture: TextCase) {
        let tokenizer = Self.makeTokenizer(fixture)
        Self.compareSequences(tokenizer, tokenizer.textsToSequences(fixture.query_texts), fixture)
    }

    @Test("texts_to_matrix and sequences_to_matrix in the four modes", arguments: tokenizerCases)
    func matrices(_ fixture: TextCase) throws {
        let tokenizer = Self.makeTokenizer(fixture)
        try Self.compareMatrices(tokenizer, fixture) { try tokenizer.textsToMatrix(fixture.matrix_texts, mode: $0) }
    }

    @Test("Texts given as lists of tokens: fit, sequences, matrices", arguments: tokenizedCases)
    func tokenLists(_ fixture: TokenListCase) throws {
        let tokenizer = Self.makeTokenizer(fixture)
        Self.compareFit(tokenizer, fixture)
        Self.compareSequences(tokenizer, tokenizer.textsToSequences(tokenLists: fixture.query_texts), fixture)
        try Self.compareMatrices(tokenizer, fixture) {
            try tokenizer.textsToMatrix(tokenLists: fixture.matrix_texts, mode: $0)
        }
    }

    @Test("Deliberate difference: canonically equivalent spellings are one word", arguments: knownTokenizerDifferences)
    func knownDifference(_ fixture: TextCase) {
        // Swift's String equality is canonical equivalence, Python's is code-point equality.
        let tokenizer = Self.makeTokenizer(fixture)
        withKnownIssue("Swift dictionaries merge NFC and NFD spellings; Python keeps both") {
            Self.compareFit(tokenizer, fixture)
        }
        #expect(tokenizer.words.count == 1 && tokenizer.wordCounts.values.first == 4)
    }

    // MARK: - pad_sequences

    @Test("pad_sequences", arguments: paddingCases)
    func pad(_ fixture: KerasFixtures.PaddingCase) {
        let end: (String) -> SequenceEnd = { $0 == "pre" ? .pre : .post }
        let padded = padSequences(
            fixture.sequences, maxLength: fixture.maxlen, padding: end(fixture.padding),
            truncating: end(fixture.truncating), value: Float(fixture.value))
        let width = fixture.expected.first?.count ?? 0
        #expect(padded.shape == [fixture.expected.count, width])
        #expect(padded.scalars == fixture.expected.flatMap { $0.map(Float.init) })
    }

    // MARK: - to_categorical

    @Test("to_categorical", arguments: categoricalCases)
    func categorical(_ fixture: KerasFixtures.CategoricalCase) {
        let ids = Tensor(shape: fixture.ids_shape, scalars: fixture.flatIDs.map(Float.init))
        let encoded = oneHot(ids, depth: fixture.depth)
        #expect(encoded.shape == fixture.shape)
        #expect(encoded.scalars == fixture.values.map(Float.init))
    }
}

/// Compares `TextVectorization` with Keras 3's `keras.layers.TextVectorization` (TensorFlow
/// backend), recorded in `Fixtures/keras/text_vectorization.json`.
@Suite("Keras parity: TextVectorization against recorded Keras 3 outputs")
struct KerasParityVectorizationTests {
    static let cases = KerasFixtures.textVectorization?.cases ?? []
    static let knownDifferences = KerasFixtures.textVectorization?.known_differences ?? []

    static func makeVectorizer(_ options: KerasFixtures.VectorizationOptions) throws -> TextVectorization {
        let standardize: TextVectorization.Standardize
        switch options.standardize {
        case "lower_and_strip_punctuation": standardize = .lowerAndStripPunctuation
        case "lower": standardize = .lower
        case "strip_punctuation": standardize = .stripPunctuation
        case nil: standardize = .none
        case let other?: throw KerasParityError.unsupported("standardize \(other)")
        }
        let split: TextVectorization.Split
        switch options.split {
        case "whitespace": split = .whitespace
        case "character": split = .character
        case nil: split = .none
        case let other?: throw KerasParityError.unsupported("split \(other)")
        }
        let ngrams: TextVectorization.NGrams
        switch options.ngrams {
        case nil: ngrams = .unigrams
        case .leaf(let n)?: ngrams = .upTo(n)
        case .list(let widths)?:
            ngrams = .widths(
                try widths.map {
                    guard case .leaf(let width) = $0 else { throw KerasParityError.unsupported("nested ngrams") }
                    return width
                })
        }
        let outputMode: TextVectorization.OutputMode
        switch options.output_mode {
        case "int": outputMode = .int
        case "multi_hot": outputMode = .multiHot
        case "count": outputMode = .count
        case "tf_idf": outputMode = .tfIdf
        case let other: throw KerasParityError.unsupported("output_mode \(other)")
        }
        return TextVectorization(
            maxTokens: options.max_tokens, standardize: standardize, split: split, ngrams: ngrams,
            outputMode: outputMode, outputSequenceLength: options.output_sequence_length,
            padToMaxTokens: options.pad_to_max_tokens)
    }

    static func compare(_ fixture: KerasFixtures.VectorizationCase) throws {
        var vectorizer = try makeVectorizer(fixture.options)
        vectorizer.adapt(fixture.adapt_texts)
        #expect(vectorizer.vocabulary == fixture.vocabulary, "vocabulary")
        let output = vectorizer(fixture.query_texts)
        #expect(output.shape == fixture.output.shape, "output shape")
        guard output.shape == fixture.output.shape else { return }
        expectClose(output.scalars, fixture.output.dense, rtol: 1e-6, atol: 0)
    }

    @Test("The fixture loads and holds the expected cases")
    func fixtureLoads() throws {
        let file = try KerasFixtures.load(KerasFixtures.VectorizationFile.self, from: "text_vectorization.json")
        #expect(file.cases.count >= 30 && file.known_differences.count == 2)
        #expect(file.versions.keras != nil)
        #expect(Self.cases.count == file.cases.count)
    }

    @Test("adapt: vocabulary; call: output in every mode", arguments: cases)
    func vectorize(_ fixture: KerasFixtures.VectorizationCase) throws {
        try Self.compare(fixture)
    }

    @Test("Deliberate differences: Unicode lower-casing and white space", arguments: knownDifferences)
    func knownDifference(_ fixture: KerasFixtures.VectorizationCase) throws {
        // tf.strings.lower changes ASCII letters only and tf.strings.split splits at ASCII white
        // space only; TextVectorization uses Unicode for both (documented on the type).
        withKnownIssue("TextVectorization lower-cases and splits by Unicode rules, TF by ASCII rules") {
            try Self.compare(fixture)
        }
    }
}

/// A fixture option the mapping to the Swift API does not know.
enum KerasParityError: Error, CustomStringConvertible {
    case unsupported(String)

    var description: String {
        switch self {
        case .unsupported(let what): "fixture option not mapped to the Swift API: \(what)"
        }
    }
}
