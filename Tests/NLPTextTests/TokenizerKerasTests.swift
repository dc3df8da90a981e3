import NLPCore
import Testing
import _TestSupport

@testable import NLPText

/// Expected values follow keras_preprocessing/text.py (Tokenizer, text_to_word_sequence), worked
/// out by hand; each test names the Keras call it mirrors. KerasParityTests checks the same API
/// against outputs of the real Keras code (fixtures generated once, committed).
@Suite("TextTokenizer: Keras Tokenizer parity")
struct TokenizerKerasTests {
    static let texts = ["The cat sat on the mat.", "The dog ate my homework."]

    // MARK: - Splitting (text_to_word_sequence)

    @Test(
        "text_to_word_sequence with the default filters",
        arguments: [
            ("The cat sat on the mat.", ["the", "cat", "sat", "on", "the", "mat"]),
            ("don't stop", ["don't", "stop"]),  // ' is not a default filter
            ("U.S.A. is big", ["u", "s", "a", "is", "big"]),
            // \t and \n are filters, \r is not: "and\r" stays one token.
            ("Hello,world\tand\r\nmore", ["hello", "world", "and\r", "more"]),
            ("  double  spaces  ", ["double", "spaces"]),
            ("Café CRÈME", ["café", "crème"]),
            ("", []),
            (" \t\n ", []),
        ])
    func textToWordSequence(text: String, expected: [String]) {
        #expect(TextTokenizer().tokens(of: text) == expected)
    }

    @Test("Custom split, multi-character split, lower=false")
    func customSplit() {
        // filters replace ',' by the split character ',' first: "a,b c".split(",") → ["a", "b c"]
        #expect(TextTokenizer(split: ",").tokens(of: "A,b c") == ["a", "b c"])
        // Python: "a--b----c".split("--") → ['a', 'b', '', 'c'], empties dropped
        #expect(TextTokenizer(filters: "", split: "--").tokens(of: "a--b----c") == ["a", "b", "c"])
        #expect(TextTokenizer(lower: false).tokens(of: "The Cat!") == ["The", "Cat"])
    }

    // MARK: - Fitting

    @Test("fit_on_texts: counts, documents and the index (Keras docs-style example)")
    func fit() {
        var tokenizer = TextTokenizer()
        tokenizer.fit(texts: Self.texts)
        // word_counts (insertion order) and a stable sort by count: "the" (3), then the rest in
        // first-appearance order.
        #expect(tokenizer.documentCount == 2)
        #expect(tokenizer.words == ["the", "cat", "sat", "on", "mat", "dog", "ate", "my", "homework"])
        #expect(tokenizer.wordCounts["the"] == 3 && tokenizer.wordCounts["cat"] == 1)
        #expect(tokenizer.wordDocs["the"] == 2 && tokenizer.wordDocs["dog"] == 1)
        let expected = ["the", "cat", "sat", "on", "mat", "dog", "ate", "my", "homework"]
        #expect(tokenizer.wordIndex == Dictionary(uniqueKeysWithValues: expected.enumerated().map { ($1, $0 + 1) }))
        #expect(tokenizer.indexWord[1] == "the" && tokenizer.indexWord[9] == "homework")
        #expect(tokenizer.indexDocs[1] == 2 && tokenizer.indexDocs[2] == 1)
        #expect(tokenizer.textsToSequences(["the cat ate", "a bird"]) == [[1, 2, 7], []])
        #expect(tokenizer.sequencesToTexts([[1, 2, 7], [42, 3]]) == ["the cat ate", "sat"])
    }

    @Test("Ties keep first-appearance order, also across fits")
    func ties() {
        var tokenizer = TextTokenizer()
        tokenizer.fit(texts: ["b a", "c a b"])  // b: 2, a: 2, c: 1; b appeared first
        #expect(tokenizer.wordIndex == ["b": 1, "a": 2, "c": 3])
        tokenizer.fit(texts: ["c c c"])  // c: 4 now leads; b, a keep their order
        #expect(tokenizer.wordIndex == ["c": 1, "b": 2, "a": 3])
        #expect(tokenizer.documentCount == 3)
        #expect(tokenizer.wordDocs == ["a": 2, "b": 2, "c": 2])
    }

    @Test("char_level: every character is a token, filters do not apply")
    func charLevel() {
        var tokenizer = TextTokenizer(charLevel: true)
        tokenizer.fit(texts: ["Hi, hi!"])
        // "hi, hi!": h 2, i 2, "," 1, " " 1, "!" 1
        #expect(tokenizer.wordIndex == ["h": 1, "i": 2, ",": 3, " ": 4, "!": 5])
        #expect(tokenizer.textsToSequences(["Hih?"]) == [[1, 2, 1]])
        #expect(tokenizer.sequencesToTexts([[1, 2]]) == ["h i"])  // Keras joins with spaces
    }

    // MARK: - num_words and oov_token

    @Test("num_words keeps ids below it; oov_token takes index 1")
    func numWordsAndOOV() {
        var limited = TextTokenizer(numWords: 4)
        limited.fit(texts: Self.texts)
        #expect(limited.wordIndex.count == 9)  // the index keeps every word
        #expect(limited.textsToSequences(["the cat sat on the mat"]) == [[1, 2, 3, 1]])

        var oov = TextTokenizer(numWords: 4, oovToken: "<OOV>")
        oov.fit(texts: Self.texts)
        #expect(oov.wordIndex["<OOV>"] == 1 && oov.wordIndex["the"] == 2 && oov.wordIndex["homework"] == 10)
        // the 2, cat 3, sat → 4 ≥ num_words → OOV, on/mat → OOV, bird unknown → OOV
        #expect(oov.textsToSequences(["the cat sat on the bird"]) == [[2, 3, 1, 1, 2, 1]])
        #expect(oov.sequencesToTexts([[2, 3, 4, 99]]) == ["the cat <OOV> <OOV>"])
    }

    @Test("An OOV token that also occurs as a word takes the word's index (dict(zip) overwrite)")
    func oovAlsoAWord() {
        var tokenizer = TextTokenizer(oovToken: "unk")
        tokenizer.fit(texts: ["unk unk x"])
        // sorted_voc = ["unk", "unk", "x"] → {"unk": 2, "x": 3}; index 1 has no word.
        #expect(tokenizer.wordIndex == ["unk": 2, "x": 3])
        #expect(tokenizer.indexWord[1] == nil)
        #expect(tokenizer.textsToSequences(["x y"]) == [[3, 2]])
    }

    // MARK: - texts_to_matrix

    @Test("texts_to_matrix: binary, count, freq")
    func matrices() throws {
        var tokenizer = TextTokenizer()
        tokenizer.fit(texts: Self.texts)
        // Width len(word_index) + 1 = 10; row 0 ids 1...5 ("the" twice), row 1 ids 1, 6...9.
        let binary = try tokenizer.textsToMatrix(Self.texts, mode: .binary)
        #expect(binary.shape == [2, 10])
        #expect(binary.scalars == [0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1])
        let count = try tokenizer.textsToMatrix(Self.texts, mode: .count)
        #expect(count.scalars == [0, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1])
        // freq: count / len(seq): row 0 has 6 words, row 1 has 5.
        let freq = try tokenizer.textsToMatrix(Self.texts, mode: .freq)
        let sixth: Float = 1.0 / 6
        expectClose(
            freq.scalars,
            [0, 2 * sixth, sixth, sixth, sixth, sixth, 0, 0, 0, 0, 0, 0.2, 0, 0, 0, 0, 0.2, 0.2, 0.2, 0.2])
    }

    @Test("texts_to_matrix: tfidf = (1 + ln count) · ln(1 + N / (1 + docs))")
    func tfidf() throws {
        var tokenizer = TextTokenizer()
        tokenizer.fit(texts: ["the cat sat", "the the dog"])
        // word_index: the 1 (3), cat 2, sat 3, dog 4; N = 2; docs: the 2, others 1.
        let matrix = try tokenizer.textsToMatrix(["the the dog", "cat"], mode: .tfidf)
        let idfThe = 0.5108256237659907  // ln(1 + 2/3)
        let idfOne = 0.6931471805599453  // ln(1 + 2/2)
        let theTwice = (1 + 0.6931471805599453) * idfThe  // tf = 1 + ln 2
        expectClose(matrix, Tensor(rows: [[0, Float(theTwice), 0, 0, Float(idfOne)], [0, 0, Float(idfOne), 0, 0]]))
    }

    @Test("tfidf with an OOV token: the OOV column has no document count")
    func tfidfOOV() throws {
        var tokenizer = TextTokenizer(oovToken: "<OOV>")
        tokenizer.fit(texts: ["the cat", "the dog"])
        // <OOV> 1, the 2, cat 3, dog 4; "the bird" → [2, 1]
        let matrix = try tokenizer.textsToMatrix(["the bird"], mode: .tfidf)
        let idfThe = Float(0.5108256237659907)  // ln(1 + 2/(1+2))
        let idfOOV = Float(1.0986122886681098)  // ln(1 + 2/(1+0))
        expectClose(matrix, Tensor(rows: [[0, idfOOV, idfThe, 0, 0]]))
    }

    @Test("sequences_to_matrix: ids past num_words are skipped but count in len(seq)")
    func sequencesToMatrix() throws {
        let tokenizer = TextTokenizer(numWords: 3)
        let freq = try tokenizer.sequencesToMatrix([[1, 2, 5, 1], []], mode: .freq)
        expectClose(freq, Tensor(rows: [[0, 0.5, 0.25], [0, 0, 0]]))
        // Keras fills column 0 when a sequence holds id 0 (texts never produce it).
        #expect(try tokenizer.sequencesToMatrix([[0, 1]], mode: .count).scalars == [1, 1, 0])
    }

    @Test("fit_on_sequences gives tfidf its document counts")
    func fitSequences() throws {
        var tokenizer = TextTokenizer(numWords: 3)
        tokenizer.fit(sequences: [[1, 1, 2], [1]])
        // N = 2, index_docs: 1 → 2, 2 → 1
        let matrix = try tokenizer.sequencesToMatrix([[1, 2]], mode: .tfidf)
        expectClose(matrix, Tensor(rows: [[0, 0.5108256, 0.6931472]]))
    }

    @Test("Errors: no width before fitting, tfidf before fitting")
    func errors() {
        #expect(throws: TokenizerError.unknownMatrixWidth) {
            try TextTokenizer().sequencesToMatrix([[1]])
        }
        #expect(throws: TokenizerError.notFitted(operation: "tfidf mode")) {
            try TextTokenizer(numWords: 5).sequencesToMatrix([[1]], mode: .tfidf)
        }
        #expect("\(TokenizerError.unknownMatrixWidth)".contains("numWords"))
    }
}
