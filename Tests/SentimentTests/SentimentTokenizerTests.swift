import Foundation
import NLPText
import Testing

@testable import Sentiment

@Suite("SentimentTokenizer")
struct SentimentTokenizerTests {
    @Test("Keras splitting, ids by descending count with ties in first-appearance order, capped by num_words")
    func unigramIndex() {
        let tokenizer = SentimentTokenizer(
            fittingOn: ["The cat sat.", "the DOG sat, the end"], vocabularySize: 4, ngrams: 1)
        #expect(tokenizer.words == ["the", "sat", "cat"])
        #expect(tokenizer.id(of: "the") == 1)
        #expect(tokenizer.ids(of: "The dog sat on the cat") == [1, 2, 1, 3])
        #expect(tokenizer.documentFrequencies == [2, 2, 1])
        #expect(tokenizer.tableSize == 4)
    }

    @Test("bigrams follow the unigrams and are counted the same way")
    func bigrams() {
        let tokenizer = SentimentTokenizer(fittingOn: ["not good", "not good at all"], vocabularySize: 100, ngrams: 2)
        #expect(tokenizer.tokens(of: "Not good!") == ["not", "good", "not good"])
        #expect(tokenizer.words.prefix(3) == ["not", "good", "not good"])
        #expect(tokenizer.ids(of: "not good") == [1, 2, 3])
    }

    @Test("empty text and unknown words give no ids")
    func unknownWords() {
        let tokenizer = SentimentTokenizer(fittingOn: ["good film"], vocabularySize: 10)
        #expect(tokenizer.ids(of: "").isEmpty)
        #expect(tokenizer.ids(of: "zyzzyva qwerty").isEmpty)
    }

    @Test("a JSON round trip keeps settings and vocabulary; inconsistent data is rejected")
    func codable() throws {
        let tokenizer = SentimentTokenizer(fittingOn: ["a b c", "b c", "c"], vocabularySize: 10, ngrams: 2)
        let data = try JSONEncoder().encode(tokenizer)
        let decoded = try JSONDecoder().decode(SentimentTokenizer.self, from: data)
        #expect(decoded == tokenizer)
        #expect(decoded.ids(of: "b c") == tokenizer.ids(of: "b c"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["documentFrequencies"] = [1]
        let broken = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SentimentTokenizer.self, from: broken) }
    }
}
