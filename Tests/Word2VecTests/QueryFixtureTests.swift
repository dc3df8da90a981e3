import Testing
import Word2Vec
import _TestSupport

/// Queries and evaluations on real vectors: the committed GloVe 6B 50d top-3000 fixture.
///
/// The expected values were produced by gensim 4.4 on `glove.6B.50d.top3k.w2v.bin` (the same floats as
/// the text file) by `Benchmarks/evaluation_peer.py evaluate`; `Benchmarks/query.sh` repeats the full
/// comparison.
@Suite struct QueryFixtureTests {
    @Test func kingsNeighboursIncludeQueenAndPrince() throws {
        let neighbours = try QueryCorpora.glove3k().mostSimilar(positive: ["king"])
        // gensim: prince 0.82361794, queen 0.78390431, ii 0.77462304, son 0.76671940, kingdom 0.75421607, …
        #expect(
            neighbours.map(\.word) == [
                "prince", "queen", "ii", "son", "kingdom", "brother", "lord", "father", "name", "henry",
            ])
        expectClose(
            Array(neighbours.prefix(3).map(\.similarity)), [0.82361794, 0.78390431, 0.77462304], rtol: 0, atol: 1e-5)
    }

    @Test func kingMinusManPlusWomanIsQueen() throws {
        let vectors = try QueryCorpora.glove3k()
        // gensim most_similar(positive=["king","woman"], negative=["man"], topn=5):
        // queen 0.85236043, prince 0.75921440, daughter 0.74738836, kingdom 0.73374122, son 0.70815510.
        let cosAdd = try vectors.analogy("man", isTo: "king", as: "woman", topN: 5)
        #expect(cosAdd.map(\.word) == ["queen", "prince", "daughter", "kingdom", "son"])
        expectClose(cosAdd[0].similarity, 0.85236043, rtol: 0, atol: 1e-5)
        // gensim most_similar_cosmul: queen 0.92889088, daughter 0.87051606, prince 0.87025547, …
        let cosMul = try vectors.analogy("man", isTo: "king", as: "woman", method: .cosMul, topN: 3)
        #expect(cosMul.map(\.word) == ["queen", "daughter", "prince"])
        expectClose(cosMul.map(\.similarity), [0.92889088, 0.87051606, 0.87025547], rtol: 0, atol: 1e-5)
        #expect(try vectors.analogy("france", isTo: "paris", as: "germany", topN: 1).first?.word == "berlin")
        // gensim doesnt_match gives the same odd ones out.
        #expect(try vectors.doesntMatch(["france", "germany", "italy", "car"]) == "car")
        #expect(try vectors.doesntMatch(["monday", "tuesday", "river", "friday"]) == "river")
    }

    @Test func unknownWordSuggestions() throws {
        // been, seen (one substitution) and queen (one insertion) are all 1 edit away: frequency orders them.
        #expect(throws: WordVectorsError.unknownWord("qeen", suggestions: ["been", "seen", "queen"])) {
            try QueryCorpora.glove3k().mostSimilar(positive: ["king", "qeen"])
        }
    }

    /// gensim `evaluate_word_analogies(questions-words.txt, restrict_vocab=30000, case_insensitive=True)`
    /// on these vectors: per section (correct, seen), total 925 / 1,367 = 0.6766642282370153.
    @Test func analogyAccuracyEqualsGensim() throws {
        let questions = try AnalogyQuestions(contentsOf: QueryCorpora.path("questions-words.txt"))
        #expect(questions.questionCount == 19_544 && questions.sections.count == 14 && questions.invalidLines.isEmpty)
        let result = try QueryCorpora.glove3k().evaluateAnalogies(questions)
        let gensim = [
            (68, 90), (24, 28), (1, 28), (7, 35), (62, 72), (5, 30), (0, 2), (51, 110), (19, 30), (56, 132), (444, 450),
            (124, 240), (52, 90), (12, 30),
        ]
        #expect(result.sections.map(\.correct) == gensim.map(\.0))
        #expect(result.sections.map(\.seen) == gensim.map(\.1))
        #expect(
            result.sections.map(\.total) == [
                506, 4524, 866, 2467, 506, 992, 812, 1332, 1122, 1056, 1599, 1560, 1332, 870,
            ])
        #expect(result.total.correct == 925 && result.total.seen == 1367 && result.total.total == 19_544)
        #expect(result.semantic.correct == 162 && result.semantic.seen == 253)
        #expect(result.syntactic.correct == 763 && result.syntactic.seen == 1114)
        #expect(abs(result.total.accuracy - 0.6766642282370153) < 1e-12)
        #expect(result.unknownQuestions == 19_544 - 1367)
    }

    /// gensim `evaluate_word_pairs(wordsim353.tsv)` on these vectors: Pearson 0.6330912804424067
    /// (p 7.734733987244427e-18), Spearman 0.6207355456045569 (p 5.016997827980895e-17), OOV 58.35694050991501%.
    @Test func wordSimilarityEqualsGensim() throws {
        let pairs = try WordPairs(contentsOf: QueryCorpora.path("wordsim353.tsv"))
        #expect(pairs.pairs.count == 353 && pairs.invalidLines.isEmpty)
        let result = try QueryCorpora.glove3k().evaluateWordPairs(pairs)
        #expect(result.pairsUsed == 147 && result.unknownPairs == 206)
        #expect(abs(result.pearson - 0.6330912804424067) < 1e-6)
        #expect(abs(result.spearman - 0.6207355456045569) < 1e-6)
        #expect(abs(result.unknownPercent - 58.35694050991501) < 1e-9)
        // The p-values move ~150× faster than r here, so Float32 rounding in the cosines shows at 1e-5.
        #expect(abs(result.pearsonPValue / 7.734733987244427e-18 - 1) < 1e-4)
        #expect(abs(result.spearmanPValue / 5.016997827980895e-17 - 1) < 1e-4)
    }
}

@Suite struct QueryBatchTests {
    @Test(arguments: [nil, 1_000] as [Int?])
    func batchedNeighboursEqualSingleQueries(restrictTo: Int?) throws {
        let vectors = try QueryCorpora.glove3k()
        let queries = ["king", "paris", "computer", "good", "three", "the", "employment"]
        let batched = try vectors.mostSimilar(eachOf: queries, topN: 7, restrictTo: restrictTo)
        #expect(batched.count == queries.count)
        for (query, neighbours) in zip(queries, batched) {
            let single = try vectors.mostSimilar(positive: [query], topN: 7, restrictTo: restrictTo)
            // sgemm and sgemv may round differently in the last bit; the words must agree.
            #expect(neighbours.map(\.word) == single.map(\.word), "\(query)")
            expectClose(neighbours.map(\.similarity), single.map(\.similarity), rtol: 0, atol: 1e-5)
        }
        #expect(throws: WordVectorsError.self) { try vectors.mostSimilar(eachOf: ["king", "kingz"]) }
    }
}
