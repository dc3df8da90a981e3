import Testing
import Word2Vec
import _TestSupport

/// Five 2-d vectors whose cosines are computed by hand in the tests:
/// a = (1, 0), b = (0, 1), c = (1, 1), d = (−1, 0), e = (2, 0.1).
private func planeVectors() throws -> WordVectors {
    try WordVectors(words: ["a", "b", "c", "d", "e"], values: [1, 0, 0, 1, 1, 1, -1, 0, 2, 0.1], dimension: 2)
}

private let rootHalf = Float(0.5).squareRoot()
private let root401 = Float(4.01).squareRoot()

private func expectNeighbours(
    _ actual: [WordVectors.Neighbour], _ expected: [(String, Float)], tolerance: Float = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.map(\.word) == expected.map(\.0), sourceLocation: sourceLocation)
    expectClose(actual.map(\.similarity), expected.map(\.1), rtol: 0, atol: tolerance, sourceLocation: sourceLocation)
}

@Suite struct QuerySimilarityTests {
    @Test func mostSimilarRanksByCosineAndDropsTheInput() throws {
        let vectors = try planeVectors()
        // cos(a, e) = 2 / √4.01, cos(a, c) = 1 / √2, cos(a, b) = 0, cos(a, d) = −1.
        expectNeighbours(
            try vectors.mostSimilar(positive: ["a"]),
            [("e", 2 / root401), ("c", rootHalf), ("b", 0), ("d", -1)])
        expectNeighbours(try vectors.mostSimilar(positive: ["a"], topN: 2), [("e", 0.998752), ("c", 0.707107)])
        #expect(try vectors.mostSimilar(positive: ["a"], topN: 0).isEmpty)
    }

    @Test func restrictToSearchesOnlyTheFirstRows() throws {
        let vectors = try planeVectors()
        expectNeighbours(try vectors.mostSimilar(positive: ["a"], restrictTo: 3), [("c", 0.707107), ("b", 0)])
        // Larger than the vocabulary: all rows.
        #expect(try vectors.mostSimilar(positive: ["a"], restrictTo: 99).count == 4)
    }

    @Test func negativeWordsPushAway() throws {
        let vectors = try planeVectors()
        // unit(c) − unit(b) points at −22.5°: q = (0.9238795, −0.3826834).
        // cos(q, a) = 0.9238795, cos(q, e) = (2·0.9238795 − 0.1·0.3826834) / √4.01, cos(q, d) = −0.9238795.
        expectNeighbours(
            try vectors.mostSimilar(positive: ["c"], negative: ["b"]),
            [("a", 0.9238795), ("e", 0.9036161), ("d", -0.9238795)])
    }

    @Test func similarityAndNSimilarity() throws {
        let vectors = try planeVectors()
        expectClose(try vectors.similarity("a", "c"), rootHalf)
        expectClose(try vectors.similarity("a", "d"), -1)
        // mean(a, b) = (0.5, 0.5) is parallel to c; mean(b, d) = (−0.5, 0.5) is at 135° from a.
        expectClose(try vectors.nSimilarity(["a", "b"], ["c"]), 1)
        expectClose(try vectors.nSimilarity(["a"], ["b", "d"]), -rootHalf)
        #expect(throws: WordQueryError.noWords(query: "nSimilarity")) { try vectors.nSimilarity([], ["a"]) }
    }

    @Test func normalizedVector() throws {
        let vectors = try planeVectors()
        expectClose(try vectors.normalizedVector(for: "c"), [rootHalf, rootHalf])
        expectClose(try vectors.normalizedVector(for: "e"), [2 / root401, 0.1 / root401])
    }

    @Test func mostSimilarToVectorTiesGoToTheEarlierRow() throws {
        let vectors = try planeVectors()
        // (0, −3) is orthogonal to a and d (cosine 0 for both: a, row 0, comes first).
        expectNeighbours(
            vectors.mostSimilar(toVector: [0, -3], topN: 3), [("a", 0), ("d", 0), ("e", -0.1 / root401)])
        expectNeighbours(
            vectors.mostSimilar(toVector: [0, -3], topN: 2, excluding: ["a", "unknown"]),
            [("d", 0), ("e", -0.0499376)])
    }

    @Test func doesntMatchFindsTheOddOne() throws {
        let vectors = try planeVectors()
        // Unit vectors at 0°, 2.9°, 45°, 90°: their mean points at 33°, farthest from b (90°).
        #expect(try vectors.doesntMatch(["a", "e", "c", "b"]) == "b")
        #expect(try vectors.doesntMatch(["a", "e", "d"]) == "d")
        #expect(throws: WordQueryError.noWords(query: "doesntMatch")) { try vectors.doesntMatch([]) }
    }

    @Test func emptyQueriesThrow() throws {
        let vectors = try planeVectors()
        #expect(throws: WordQueryError.noWords(query: "mostSimilar")) { try vectors.mostSimilar(positive: []) }
        #expect(throws: WordQueryError.noWords(query: "mostSimilarCosMul")) {
            try vectors.mostSimilarCosMul(positive: [], negative: ["a"])
        }
        // Only negative words is allowed, as in gensim: the opposite of a.
        #expect(try vectors.mostSimilar(positive: [], negative: ["a"], topN: 1).map(\.word) == ["d"])
    }
}

@Suite struct QueryAnalogyTests {
    /// a = (−1, −2), b = (0, −3), c = (−2, 2), d = (1, 3), e = (2, 3), f = (−1, 0).
    private func analogyVectors() throws -> WordVectors {
        try WordVectors(
            words: ["a", "b", "c", "d", "e", "f"], values: [-1, -2, 0, -3, -2, 2, 1, 3, 2, 3, -1, 0], dimension: 2)
    }

    @Test func cosAddAndCosMulDisagreeWhereOneTermDominates() throws {
        let vectors = try analogyVectors()
        // 3CosAdd: q = normalize(unit(b) + unit(c) − unit(a)) = (−0.39664, 0.91797); cos(q, d) = 0.74543,
        // cos(q, e) = 0.54378. 3CosMul: e is almost opposite a, so s(e, a) = 0.00386 in the denominator
        // lifts e to 0.083975 · 0.59806 / 0.003861 = 13.0 above d. gensim 4.4 gives the same values:
        // most_similar → d 0.74545568, e 0.54380649, f 0.39661592;
        // most_similar_cosmul → e 13.003863, d 3.6939080, f 0.58979005.
        expectNeighbours(
            try vectors.analogy("a", isTo: "b", as: "c", topN: 3),
            [("d", 0.7454557), ("e", 0.5438065), ("f", 0.3966159)])
        expectNeighbours(
            try vectors.analogy("a", isTo: "b", as: "c", method: .cosMul, topN: 3),
            [("e", 13.003863), ("d", 3.693908), ("f", 0.589790)], tolerance: 2e-3)
        // The analogy is mostSimilar with b, c positive and a negative.
        #expect(
            try vectors.analogy("a", isTo: "b", as: "c").map(\.word)
                == vectors.mostSimilar(positive: ["b", "c"], negative: ["a"]).map(\.word))
    }

    @Test func tinySetMatchesGensim() throws {
        let vectors = try tinyVectors()
        // gensim: kv.most_similar(positive=["king","woman"], negative=["man"], topn=4)
        expectNeighbours(
            try vectors.analogy("man", isTo: "king", as: "woman", topN: 4),
            [("queen", 0.95968300), ("Queen", 0.92466527), ("girl", 0.66595489), ("Germany", 0.36573210)])
        // gensim: kv.most_similar_cosmul(positive=["king","woman"], negative=["man"], topn=4)
        expectNeighbours(
            try vectors.analogy("man", isTo: "king", as: "woman", method: .cosMul, topN: 4),
            [("queen", 2.9141936), ("Queen", 2.4348464), ("girl", 1.6777678), ("Germany", 0.8470268)], tolerance: 1e-4)
        // gensim: kv.most_similar("king", topn=5) (ties below rank 5 are ordered arbitrarily by gensim).
        expectNeighbours(
            try vectors.mostSimilar(positive: ["king"], topN: 5),
            [
                ("paris", 0.99750936), ("prince", 0.96768594), ("man", 0.70710677), ("berlin", 0.70710677),
                ("france", 0.70359749),
            ])
        // gensim: kv.most_similar("king", topn=3, restrict_vocab=5)
        expectNeighbours(
            try vectors.mostSimilar(positive: ["king"], topN: 3, restrictTo: 5),
            [("man", 0.70710677), ("the", 0.14002801), ("queen", 0)])
        // gensim: kv.similar_by_vector(np.array([1, 0.5, 0]), topn=3)
        expectNeighbours(
            vectors.mostSimilar(toVector: [1, 0.5, 0], topN: 3),
            [("prince", 0.95202851), ("king", 0.94868326), ("paris", 0.94632041)])
        // gensim: kv.doesnt_match(["king","queen","prince","the"]), kv.n_similarity(["king","man"],["queen","woman"])
        #expect(try vectors.doesntMatch(["king", "queen", "prince", "the"]) == "queen")
        expectClose(try vectors.nSimilarity(["king", "man"], ["queen", "woman"]), -0.6)
    }
}

@Suite struct QueryUnknownWordTests {
    @Test func unknownWordsThrowWithCloseSpellings() throws {
        let vectors = try tinyVectors()
        // "quen": queen (1 insertion) and Queen (2 edits) are within 2; "queen" comes first (closer).
        #expect(throws: WordVectorsError.unknownWord("quen", suggestions: ["queen", "Queen"])) {
            try vectors.mostSimilar(positive: ["quen"])
        }
        // A swap of adjacent letters is one edit (Damerau): "kign" → king.
        #expect(vectors.spellingSuggestions(for: "kign") == ["king"])
        // Equal distances are ordered by row (frequency): "tha" is 1 edit from "the" only.
        #expect(vectors.spellingSuggestions(for: "tha") == ["the"])
        #expect(vectors.spellingSuggestions(for: "xyzzy").isEmpty)
        #expect(throws: WordVectorsError.unknownWord("berlim", suggestions: ["berlin"])) {
            try vectors.similarity("berlim", "paris")
        }
        #expect(throws: WordVectorsError.unknownWord("zzz", suggestions: [])) {
            try vectors.normalizedVector(for: "zzz")
        }
    }

    @Test func suggestionsAreLimitedAndOrderedByDistanceThenRow() throws {
        let words = ["cart", "cat", "cut", "act", "coat", "dog", "at", "c"]
        let vectors = try WordVectors(words: words, values: [Float](repeating: 1, count: words.count), dimension: 1)
        // From "cta": cat 1 (swap); cut, act, at 2 each, kept in row order; the limit drops "at".
        #expect(vectors.spellingSuggestions(for: "cta", limit: 3) == ["cat", "cut", "act"])
        // From "ct": cat, cut, act, at, c 1 each; cart, coat 2; dog 3.
        #expect(vectors.spellingSuggestions(for: "ct", limit: 10) == ["cat", "cut", "act", "at", "c", "cart", "coat"])
        #expect(vectors.spellingSuggestions(for: "ct", maxDistance: 1, searchedWords: 3) == ["cat", "cut"])
    }
}

@Suite struct QueryZeroVectorTests {
    @Test func zeroVectorsAreNeverReturnedAndHaveZeroSimilarity() throws {
        let vectors = try WordVectors(words: ["a", "zero", "b"], values: [1, 0, 0, 0, 1, 1], dimension: 2)
        #expect(try vectors.mostSimilar(positive: ["a"]).map(\.word) == ["b"])
        #expect(try vectors.similarity("a", "zero") == 0)
        #expect(try vectors.normalizedVector(for: "zero") == [0, 0])
        // A zero query vector: every cosine is 0, so the order is by row.
        #expect(try vectors.mostSimilar(positive: ["zero"]).map(\.word) == ["a", "b"])
    }
}
