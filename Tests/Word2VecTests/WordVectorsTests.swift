import Testing
import Word2Vec

@Suite struct WordVectorsCoreTests {
    @Test func lookupsAndNorms() throws {
        let vectors = try WordVectors(words: ["a", "b"], values: [3, 4, 0, 1], dimension: 2, counts: [5, 2])
        #expect(vectors.count == 2 && vectors.dimension == 2)
        #expect(vectors.index(of: "b") == 1)
        #expect(vectors.index(of: "c") == nil)
        #expect(try vectors.vector(for: "a") == [3, 4])
        #expect(vectors.norms == [5, 1])
        #expect(throws: WordVectorsError.unknownWord("c", suggestions: ["a", "b"])) { try vectors.vector(for: "c") }
    }

    @Test func duplicateWordsAreRejected() {
        #expect(throws: WordVectorsError.duplicateWord("a")) {
            try WordVectors(words: ["a", "a"], values: [1, 2], dimension: 1)
        }
    }
}
