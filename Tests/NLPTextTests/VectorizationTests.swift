import NLPCore
import Testing
import _TestSupport

@testable import NLPText

/// Expected values follow Keras's TextVectorization / StringLookup (docs examples and the
/// algorithm of index_lookup.py), worked out by hand.
@Suite("TextVectorization: Keras layer parity")
struct VectorizationTests {
    static let texts = ["The cat sat.", "The dog sat on the mat!"]

    @Test("adapt: counts descending, ties by token bytes descending, specials first")
    func adapt() {
        var vectorizer = TextVectorization(outputMode: .int, outputSequenceLength: 4)
        vectorizer.adapt(Self.texts)
        // the 3, sat 2, then on > mat > dog > cat (count 1, descending bytes)
        #expect(vectorizer.vocabulary == ["", "[UNK]", "the", "sat", "on", "mat", "dog", "cat"])
        #expect(vectorizer(["the bird sat"]) == Tensor(rows: [[2, 1, 3, 0]]))
        #expect(vectorizer("The CAT!") == Tensor([2, 7, 0, 0]))
    }

    @Test("Keras docs: adapt on ['foo', 'bar', 'baz'] then encode with length 4")
    func kerasDocsAdapt() {
        var vectorizer = TextVectorization(maxTokens: 5000, outputMode: .int, outputSequenceLength: 4)
        vectorizer.adapt(["foo", "bar", "baz"])
        // Keras docs: model.predict([["foo qux bar"], ["qux baz"]]) → [[2, 1, 4, 0], [1, 3, 0, 0]]
        #expect(vectorizer.vocabulary == ["", "[UNK]", "foo", "baz", "bar"])
        #expect(vectorizer(["foo qux bar", "qux baz"]) == Tensor(rows: [[2, 1, 4, 0], [1, 3, 0, 0]]))
    }

    @Test("Keras docs: a given vocabulary ['earth', 'wind', 'and', 'fire']")
    func kerasDocsVocabulary() {
        var vectorizer = TextVectorization(maxTokens: 5000, outputMode: .int, outputSequenceLength: 4)
        vectorizer.setVocabulary(["earth", "wind", "and", "fire"])
        #expect(vectorizer.vocabulary == ["", "[UNK]", "earth", "wind", "and", "fire"])
        // Keras docs: [["earth wind and fire"], ["fire and earth michigan"]] → [[2, 3, 4, 5], [5, 4, 2, 1]]
        let ids = vectorizer(["earth wind and fire", "fire and earth michigan"])
        #expect(ids == Tensor(rows: [[2, 3, 4, 5], [5, 4, 2, 1]]))
    }

    @Test("int mode: pad to the longest without a length, truncate at the end with one")
    func intMode() {
        var vectorizer = TextVectorization()
        vectorizer.adapt(Self.texts)
        #expect(
            vectorizer(["the cat", "a b c d e", ""])
                == Tensor(rows: [[2, 7, 0, 0, 0], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]]))
        var short = TextVectorization(outputSequenceLength: 2)
        short.adapt(Self.texts)
        #expect(short(["the cat sat", "   "]) == Tensor(rows: [[2, 7], [0, 0]]))
        #expect(vectorizer([]).shape == [0, 0])
    }

    @Test("maxTokens counts the special entries")
    func maxTokens() {
        var vectorizer = TextVectorization(maxTokens: 4)
        vectorizer.adapt(Self.texts)
        #expect(vectorizer.vocabulary == ["", "[UNK]", "the", "sat"])
        var bag = TextVectorization(maxTokens: 3, outputMode: .count)
        bag.adapt(Self.texts)
        #expect(bag.vocabulary == ["[UNK]", "the", "sat"])
    }

    @Test("StringLookup docs: multi_hot and count with vocabulary ['a', 'b', 'c', 'd']")
    func bagModes() {
        let data = ["a c d d", "d z b z"]
        var multiHot = TextVectorization(outputMode: .multiHot)
        multiHot.setVocabulary(["a", "b", "c", "d"])
        // Keras: [[0, 1, 0, 1, 1], [1, 0, 1, 0, 1]]
        #expect(multiHot(data) == Tensor(rows: [[0, 1, 0, 1, 1], [1, 0, 1, 0, 1]]))
        var count = TextVectorization(outputMode: .count)
        count.setVocabulary(["a", "b", "c", "d"])
        // Keras: [[0, 1, 0, 1, 2], [2, 0, 1, 0, 1]]
        #expect(count(data) == Tensor(rows: [[0, 1, 0, 1, 2], [2, 0, 1, 0, 1]]))
    }

    @Test("StringLookup docs: tf_idf with given idf weights; [UNK] gets their mean")
    func tfIdfGivenWeights() {
        var vectorizer = TextVectorization(outputMode: .tfIdf)
        vectorizer.setVocabulary(["a", "b", "c", "d"], idfWeights: [0.25, 0.75, 0.6, 0.4])
        // Keras: [[0, 0.25, 0, 0.6, 0.8], [1.0, 0, 0.75, 0, 0.4]] ([UNK] weight (0.25+0.75+0.6+0.4)/4 = 0.5)
        expectClose(
            vectorizer(["a c d d", "d z b z"]), Tensor(rows: [[0, 0.25, 0, 0.6, 0.8], [1.0, 0, 0.75, 0, 0.4]]))
    }

    @Test("tf_idf after adapt: idf = ln(1 + N / (1 + df)), count × idf")
    func tfIdfAdapted() {
        var vectorizer = TextVectorization(outputMode: .tfIdf)
        vectorizer.adapt(["the cat sat", "the the dog"])
        // the 3; sat > dog > cat; N = 2; df: the 2, others 1
        #expect(vectorizer.vocabulary == ["[UNK]", "the", "sat", "dog", "cat"])
        let idfThe: Float = 0.5108256  // ln(1 + 2/3)
        let idfOne: Float = 0.6931472  // ln(1 + 2/2)
        let idfUnknown: Float = 0.6475668  // mean(idfThe, idfOne, idfOne, idfOne)
        expectClose(vectorizer.idfWeights, [idfUnknown, idfThe, idfOne, idfOne, idfOne])
        expectClose(
            vectorizer(["the the dog", "bird cat"]),
            Tensor(rows: [[0, 2 * idfThe, 0, idfOne, 0], [idfUnknown, 0, 0, 0, idfOne]]))
    }

    @Test("padToMaxTokens widens bag-of-words rows")
    func padToMaxTokens() {
        var vectorizer = TextVectorization(maxTokens: 5, outputMode: .multiHot, padToMaxTokens: true)
        vectorizer.adapt(["a a b"])
        #expect(vectorizer.vocabulary == ["[UNK]", "a", "b"])
        #expect(vectorizer(["b c"]) == Tensor(rows: [[1, 0, 1, 0, 0]]))
    }

    @Test(
        "n-grams: all 1-grams, then 2-grams, joined by a space",
        arguments: [
            (TextVectorization.NGrams.upTo(2), ["the", "cat", "sat", "the cat", "cat sat"]),
            (.widths([2]), ["the cat", "cat sat"]),
            (.upTo(3), ["the", "cat", "sat", "the cat", "cat sat", "the cat sat"]),
            (.widths([4]), []),
        ])
    func ngrams(ngrams: TextVectorization.NGrams, expected: [String]) {
        #expect(TextVectorization(ngrams: ngrams).tokens(of: "The cat, sat.") == expected)
    }

    @Test("n-gram counts after adapt")
    func ngramCounts() {
        var vectorizer = TextVectorization(ngrams: .upTo(2), outputMode: .count)
        vectorizer.adapt(["a b a b"])
        // a 2, b 2, "a b" 2, "b a" 1 → ties among 2 by bytes descending: "b" > "a b" > "a"
        #expect(vectorizer.vocabulary == ["[UNK]", "b", "a b", "a", "b a"])
        #expect(vectorizer(["a b c"]) == Tensor(rows: [[2, 1, 1, 1, 0]]))  // c, "b c" unknown
    }

    @Test(
        "Standardize and split options",
        arguments: [
            ("lowerAndStripPunctuation", "Don't STOP, e.g. now_!", ["dont", "stop", "eg", "now"]),
            ("lower", "Don't STOP!", ["don't", "stop!"]),
            ("stripPunctuation", "Don't STOP!", ["Dont", "STOP"]),
            ("none", "Don't  STOP!", ["Don't", "STOP!"]),
            ("character", "Ab c", ["a", "b", " ", "c"]),
            ("whole", "Ab c", ["ab c"]),
            ("unicode", "CAFÉ crème\u{3000}brûlée", ["café", "crème", "brûlée"]),
            ("custom", "x-y", ["X", "Y"]),
        ])
    func standardizeAndSplit(name: String, text: String, expected: [String]) throws {
        let vectorizer: TextVectorization
        switch name {
        case "lower": vectorizer = TextVectorization(standardize: .lower)
        case "stripPunctuation": vectorizer = TextVectorization(standardize: .stripPunctuation)
        case "none": vectorizer = TextVectorization(standardize: .none)
        case "character": vectorizer = TextVectorization(split: .character)
        case "whole": vectorizer = TextVectorization(split: .none)
        case "custom":
            vectorizer = TextVectorization(
                standardize: .custom { $0.uppercased() },
                split: .tokenizer(try UnicodeTokenizer(caseMapping: .preserve)))
        default: vectorizer = TextVectorization()
        }
        #expect(vectorizer.tokens(of: text) == expected)
    }

    @Test("adapt starts over, as Keras's adapt does")
    func adaptTwice() {
        var vectorizer = TextVectorization()
        vectorizer.adapt(["x y"])
        vectorizer.adapt(["a"])
        #expect(vectorizer.vocabulary == ["", "[UNK]", "a"])
    }
}
