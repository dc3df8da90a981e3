import Testing
import Word2Vec
import _TestSupport

/// A hand-written questions file over ``tinyWords`` (line numbers matter for `invalidLines`).
private let tinyQuestions = """
    : family
    man woman king queen
    man woman boy girl
    MAN WOMAN KING QUEEN
    man woman king prince
    man woman king unicorn
    : capital
    france paris germany berlin
    paris france berlin germany
    : gram1-test
    boy girl man woman
    king queen prince girl
    bad line with five words
    the apple king queen
    woman man queen king

    """

private func counts(_ score: AnalogyEvaluation.Score) -> [Int] { [score.correct, score.seen, score.total] }

@Suite struct EvaluationAnalogyTests {
    @Test func parsesSectionsAndSkipsInvalidLines() throws {
        let questions = try AnalogyQuestions(parsing: tinyQuestions)
        #expect(questions.sections.map(\.name) == ["family", "capital", "gram1-test"])
        #expect(questions.sections.map(\.questions.count) == [5, 2, 4])
        #expect(questions.sections.map(\.isSyntactic) == [false, false, true])
        #expect(questions.invalidLines == [13])
        #expect(
            questions.sections[0].questions[2] == .init(a: "MAN", b: "WOMAN", c: "KING", expected: "QUEEN", line: 4))
        #expect(throws: EvaluationFileError.questionBeforeSection(source: "q.txt", line: 1)) {
            try AnalogyQuestions(parsing: "a b c d\n: s\n", source: "q.txt")
        }
    }

    /// Counts worked out from the geometry of the tiny set and confirmed by gensim 4.4
    /// `evaluate_word_analogies(restrict_vocab=r, case_insensitive=ci)` on the same vectors:
    /// - family: king→queen, boy→girl and the upper-case copy (case-insensitive only) are right;
    ///   prince is wrong; unicorn is unknown.
    /// - capital: `france paris germany berlin` — the nearest row is "Germany", a case variant of
    ///   the question word "germany": passed over case-insensitively (then berlin is right),
    ///   predicted and wrong case-sensitively. `paris france berlin germany` is wrong.
    /// - gram1-test: boy girl man woman and woman man queen king are right; "apple" is row 9, so
    ///   restricting to 9 rows makes `the apple king queen` unknown.
    @Test(arguments: [
        (true, 30_000, [[3, 4, 5], [1, 2, 2], [2, 4, 4]], 1),
        (true, 9, [[3, 4, 5], [0, 0, 2], [2, 3, 4]], 4),
        (false, 30_000, [[2, 3, 5], [0, 2, 2], [2, 4, 4]], 2),
        (false, 9, [[2, 3, 5], [0, 0, 2], [2, 3, 4]], 5),
    ])
    func tinyEvaluationCounts(caseInsensitive: Bool, restrictTo: Int, expected: [[Int]], unknown: Int) throws {
        let vectors = try tinyVectors()
        let result = vectors.evaluateAnalogies(
            try AnalogyQuestions(parsing: tinyQuestions), restrictTo: restrictTo, caseInsensitive: caseInsensitive)
        #expect(result.sections.map(counts) == expected)
        #expect(counts(result.semantic) == zip(expected[0], expected[1]).map { $0 + $1 })
        #expect(counts(result.syntactic) == expected[2])
        #expect(counts(result.total) == (0 ..< 3).map { i in expected.reduce(0) { $0 + $1[i] } })
        #expect(result.unknownQuestions == unknown)
        #expect(result.total.seen + unknown == 11)
        #expect(result.searchedWords == min(restrictTo, 15))
    }

    @Test func unknownQuestionsCanCountAsWrong() throws {
        let result = try tinyVectors().evaluateAnalogies(
            try AnalogyQuestions(parsing: tinyQuestions), unknownAsWrong: true)
        #expect(counts(result.total) == [6, 11, 11])
        #expect(result.total.accuracy == 6.0 / 11.0)
        #expect(result.description.contains("family"))
    }

    /// The batched evaluation (one sgemm per block of questions) gives the same answers as asking
    /// ``WordVectors/analogy(_:isTo:as:method:topN:restrictTo:)`` question by question.
    @Test(arguments: AnalogyMethod.allCases)
    func batchedEvaluationEqualsOneQueryAtATime(method: AnalogyMethod) throws {
        let vectors = try QueryCorpora.glove3k()
        let all = try AnalogyQuestions(contentsOf: QueryCorpora.path("questions-words.txt"))
        var subset = all
        subset.sections = all.sections.filter {
            ["family", "capital-common-countries", "gram3-comparative", "gram7-past-tense"].contains($0.name)
        }
        let restrictTo = 2_500
        let batched = vectors.evaluateAnalogies(subset, restrictTo: restrictTo, method: method)
        var correct = 0
        var seen = 0
        let known = Set(vectors.words.prefix(restrictTo))
        for question in subset.sections.flatMap(\.questions) {
            let q = [question.a, question.b, question.c, question.expected].map { $0.lowercased() }
            guard q.allSatisfy(known.contains) else { continue }
            seen += 1
            let answers = try vectors.analogy(
                q[0], isTo: q[1], as: q[2], method: method, topN: 5, restrictTo: restrictTo)
            // GloVe's words are lower case, so no case variant of a question word is passed over.
            if answers.first?.word == q[3] { correct += 1 }
        }
        #expect(batched.total.seen == seen)
        #expect(batched.total.correct == correct)
        #expect(seen > 300)
    }
}

@Suite struct EvaluationWordPairTests {
    private static let pairsText = """
        # comment line
        # Word 1\tWord 2\tHuman
        king\tqueen\t6.5
        KING\tprince\t9.0
        man\twoman\t7.25
        boy\tgirl\t7.25
        apple\tthe\t1.0
        paris\tfrance\t8.5
        unicorn\tking\t3.0
        broken line
        berlin\tgermany\tnot-a-number
        man\tboy\t8.0

        """

    @Test func parsesPairsAndSkipsInvalidLines() {
        let pairs = WordPairs(parsing: Self.pairsText)
        #expect(pairs.pairs.count == 8)
        #expect(pairs.invalidLines == [10, 11])
        #expect(pairs.pairs[1] == .init(first: "KING", second: "prince", score: 9, line: 4))
    }

    /// gensim 4.4 `evaluate_word_pairs(restrict_vocab=r, case_insensitive=ci, dummy4unknown=d)` on the
    /// tiny vectors: (Pearson, its p, Spearman, its p, OOV %).
    @Test(arguments: [
        (
            true, 300_000, false,
            [-0.1341785740233701, 0.7742563690243364, 0.30631873731649006, 0.504027008666588, 12.5]
        ),
        (
            true, 300_000, true,
            [-0.061418419318640755, 0.8851297409498059, 0.2650602409638554, 0.525799317006438, 12.5]
        ),
        (true, 9, false, [0.6765620252978581, 0.20976743318017008, 0.6668859288553503, 0.21889398131323148, 37.5]),
        (
            false, 300_000, false,
            [-0.3103191912597883, 0.5494627719222993, -0.11595420713048968, 0.826848213385815, 25]
        ),
        (false, 9, true, [-0.004337400963567689, 0.9918674751923957, 0.12348479248840162, 0.7708089433796351, 50]),
    ])
    func matchesGensim(caseInsensitive: Bool, restrictTo: Int, unknownAsZero: Bool, expected: [Double]) throws {
        let result = try tinyVectors().evaluateWordPairs(
            WordPairs(parsing: Self.pairsText), restrictTo: restrictTo, caseInsensitive: caseInsensitive,
            unknownAsZero: unknownAsZero)
        let actual = [
            result.pearson, result.pearsonPValue, result.spearman, result.spearmanPValue, result.unknownPercent,
        ]
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) < 1e-6, "\(actual) vs gensim \(expected)") }
    }

    @Test func nothingToEvaluateThrows() throws {
        #expect(throws: EvaluationFileError.self) {
            try tinyVectors().evaluateWordPairs(WordPairs(parsing: "x\ty\t1\n", source: "p.tsv"))
        }
    }
}

@Suite struct EvaluationCorrelationTests {
    @Test func ranksAverageTies() {
        #expect(Correlation.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
        #expect(Correlation.ranks([3, 3, 3]) == [2, 2, 2])
    }

    @Test func spearmanWithTiesByHand() {
        // ranks x = [1, 2.5, 2.5, 4], ranks y = [1, 3, 2, 4]; deviations from 2.5:
        // Σdxdy = 2.25 + 0 + 0 + 2.25 = 4.5, Σdx² = 4.5, Σdy² = 5 → 4.5 / √22.5 = 0.9486833.
        // scipy.stats.spearmanr: 0.9486832980505139, p 0.05131670194948613.
        let rho = Correlation.spearman([1, 2, 2, 3], [1, 3, 2, 4])
        #expect(abs(rho - 4.5 / 22.5.squareRoot()) < 1e-12)
        #expect(abs(Correlation.pValue(correlation: rho, count: 4) - 0.05131670194948613) < 1e-12)
    }

    @Test func pearsonAndPValueMatchScipy() {
        // scipy.stats.pearsonr(range(1, 11), [2,1,4,3,7,5,6,9,8,10]) → 0.9272727272727268, p 0.00011203450639397863.
        let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let y: [Double] = [2, 1, 4, 3, 7, 5, 6, 9, 8, 10]
        let r = Correlation.pearson(x, y)
        #expect(abs(r - 0.9272727272727268) < 1e-12)
        let p = Correlation.pValue(correlation: r, count: 10)
        #expect(abs(p - 0.00011203450639397863) / 0.00011203450639397863 < 1e-9)
        #expect(Correlation.pearson(x, x) == 1)
        #expect(Correlation.pValue(correlation: 0, count: 10) == 1)
    }
}
