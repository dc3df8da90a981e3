import Foundation
import Testing

@testable import NLPText

/// The tiny corpus behind the hand-computed scores:
/// ```
/// new york city | new york times | i love new york | new ideas | york minster
/// ```
/// count(new) = 4, count(york) = 4, every other word 1; N = 3 + 3 + 4 + 2 + 2 = 14 words.
/// Bigrams: new york 3; york city, york times, i love, love new, new ideas, york minster 1 each.
/// Table entries: 8 distinct words + 7 distinct bigrams = 15.
private let tinyCorpus: [[String]] = [
    ["new", "york", "city"], ["new", "york", "times"], ["i", "love", "new", "york"], ["new", "ideas"],
    ["york", "minster"],
]

private func counts(_ sentences: [[String]], _ options: PhraseOptions) -> PhraseCounts {
    var counts = PhraseCounts(options: options)
    counts.learn(sentences: sentences)
    return counts
}

@Suite("Phrase detection (word2phrase, gensim Phrases)")
struct PhraseTests {
    @Test("Counts of the tiny corpus")
    func tinyCounts() {
        let c = counts(tinyCorpus, PhraseOptions(minCount: 1, threshold: 0))
        #expect(c.totalWords == 14)
        #expect(c.count(of: "new") == 4 && c.count(of: "york") == 4 && c.count(of: "city") == 1)
        #expect(c.count(of: "new", "york") == 3)
        #expect(c.count(of: "york", "new") == 0, "pairs are ordered and never cross sentences")
        #expect(c.distinctWords == 8 && c.distinctBigrams == 7 && c.tableSize == 15)
    }

    /// One scoring case: scorer, δ, the pair and the expected score (`nil`: not a candidate).
    struct ScoreCase: Sendable, CustomStringConvertible {
        var scoring: PhraseScoring
        var minCount: Int
        var first: String
        var second: String
        var expected: Double?
        init(_ scoring: PhraseScoring, _ minCount: Int, _ first: String, _ second: String, _ expected: Double?) {
            (self.scoring, self.minCount, self.first, self.second, self.expected) =
                (scoring, minCount, first, second, expected)
        }
        var description: String { "\(scoring) δ=\(minCount) \(first) \(second)" }
    }

    static let npmiNewYork: Double = log((3.0 / 14) / (4.0 / 14 * 4.0 / 14)) / -log(3.0 / 14)  // ≈ 0.6265

    static let scoreCases: [ScoreCase] = [
        // word2phrase: (count(ab) − δ) / (count(a)·count(b)) · N, N = 14 words
        ScoreCase(.word2phrase, 1, "new", "york", 2.0 / 16 * 14),  // (3−1)/(4·4)·14 = 1.75
        ScoreCase(.word2phrase, 2, "new", "york", 1.0 / 16 * 14),  // (3−2)/16·14 = 0.875
        ScoreCase(.word2phrase, 0, "new", "york", 3.0 / 16 * 14),  // 3/16·14 = 2.625
        ScoreCase(.word2phrase, 0, "york", "city", 1.0 / 4 * 14),  // 1/(4·1)·14 = 3.5: rare pairs win without δ
        ScoreCase(.word2phrase, 0, "i", "love", 14),  // 1/(1·1)·14
        ScoreCase(.word2phrase, 1, "i", "love", 0),  // (1−1)/1·14
        ScoreCase(.word2phrase, 2, "york", "city", nil),  // count(city) = 1 < δ = 2: not a candidate
        ScoreCase(.word2phrase, 5, "new", "york", nil),  // count(new) = 4 < 5
        ScoreCase(.word2phrase, 4, "new", "york", nil),  // count(new york) = 3 < 4 (not −0.875)
        ScoreCase(.gensimOriginal, 4, "new", "york", -1.0 / 16 * 15),  // gensim scores it: (3−4)/16·15
        ScoreCase(.word2phrase, 1, "york", "new", nil),  // never seen in this order
        // gensim original_scorer: the same with N = 15 table entries, no minimum on the words
        ScoreCase(.gensimOriginal, 1, "new", "york", 2.0 / 16 * 15),  // 1.875
        ScoreCase(.gensimOriginal, 2, "york", "city", -1.0 / 4 * 15),  // (1−2)/4·15 = −3.75
        // npmi: ln(p(ab)/(p(a)p(b))) / −ln p(ab) with p = count/14
        ScoreCase(.npmi, 1, "new", "york", npmiNewYork),
        ScoreCase(.npmi, 1, "i", "love", 1),  // ln(14)/ln(14): perfectly associated
        ScoreCase(.npmi, 2, "i", "love", nil),  // count(ab) = 1 < δ
    ]

    @Test("Scores equal the hand-computed values", arguments: scoreCases)
    func scores(_ test: ScoreCase) {
        let c = counts(tinyCorpus, PhraseOptions(minCount: test.minCount, threshold: 0, scoring: test.scoring))
        let score = c.score(of: test.first, test.second)
        if let expected = test.expected, let score {
            #expect(abs(score - expected) < 1e-12, "\(test): \(score) vs \(expected)")
        } else {
            #expect(score == test.expected, "\(test)")
        }
    }

    /// gensim 4.4.0 on the same corpus (run once by hand; tests never run Python):
    /// ```python
    /// from gensim.models.phrases import Phrases
    /// Phrases(corpus, min_count=1, threshold=-1, scoring="npmi").export_phrases()
    /// Phrases(corpus, min_count=2, threshold=0.0001, scoring="default").export_phrases()
    /// ```
    @Test(
        "Tables equal gensim's export_phrases",
        arguments: [
            (
                PhraseOptions(minCount: 1, threshold: -1, scoring: .npmi),
                [
                    "i_love": 0.9999999999999998, "love_new": 0.47470092992561286, "new_ideas": 0.47470092992561286,
                    "new_york": 0.6264948572590444, "york_city": 0.47470092992561286,
                    "york_minster": 0.47470092992561286, "york_times": 0.47470092992561286,
                ]
            ),
            (PhraseOptions(minCount: 2, threshold: 0.0001, scoring: .gensimOriginal), ["new_york": 0.9375]),
            (PhraseOptions(minCount: 1, threshold: 0.0001, scoring: .gensimOriginal), ["new_york": 1.875]),
        ])
    func gensimGolden(options: PhraseOptions, expected: [String: Double]) {
        let table = counts(tinyCorpus, options).makeTable()
        #expect(Set(table.phrases.map(\.text)) == Set(expected.keys))
        for (text, score) in expected {
            #expect(abs((table.score(of: text) ?? .nan) - score) < 1e-12, "\(text)")
        }
    }

    @Test("npmi of new york is about 0.6265")
    func npmiValue() throws {
        let c = counts(tinyCorpus, PhraseOptions(minCount: 1, threshold: 0.5, scoring: .npmi))
        // ln 2.625 / ln(14/3) = 0.9650809 / 1.5404450 = 0.6264949
        #expect(abs(try #require(c.score(of: "new", "york")) - 0.626495) < 1e-6)
        #expect(c.makeTable().phrases.map(\.text) == ["i_love", "new_york"], "1 > 0.6265 > 0.5")
    }

    @Test(
        "Threshold (strictly greater) and min count select the phrases",
        arguments: [
            (1, 1.7, ["new_york"]),  // 1.75 > 1.7
            (1, 1.75, []),  // 1.75 is not > 1.75
            (0, 3.0, ["i_love", "ideas_new", "love_new", "new_ideas", "york_city", "york_minster", "york_times"]),
            (0, 3.5, ["i_love"]),  // 14 > 3.5; york city 3.5 is not
            (2, 0.8, ["new_york"]),  // 0.875; the count-1 words are not candidates
            (5, -100, []),  // no word reaches 5
        ])
    func thresholdAndMinCount(minCount: Int, threshold: Double, expected: [String]) {
        let table = counts(tinyCorpus, PhraseOptions(minCount: minCount, threshold: threshold)).makeTable()
        // "ideas_new" never occurs; it is listed to check that it is absent.
        let expectedSet = Set(expected).subtracting(["ideas_new"])
        #expect(Set(table.phrases.map(\.text)) == expectedSet)
    }

    @Test("Tables sort by score, then text")
    func tableOrder() {
        let table = counts(tinyCorpus, PhraseOptions(minCount: 0, threshold: 2)).makeTable()
        // i love 14, love new / new ideas / york city / york minster / york times 3.5, new york 2.625
        #expect(table.phrases.first == Phrase(text: "i_love", score: 14))
        #expect(table.phrases.last?.text == "new_york")
        #expect(
            table.phrases.map(\.text)[1 ... 5] == ["love_new", "new_ideas", "york_city", "york_minster", "york_times"])
    }

    @Test(
        "Greedy left-to-right application: a word joins at most one phrase",
        arguments: [
            (["a", "b", "c"], ["a_b", "c"]),
            (["x", "a", "b", "c"], ["x", "a_b", "c"]),
            (["b", "c", "a", "b"], ["b_c", "a_b"]),
            (["a", "b", "b", "c"], ["a_b", "b_c"]),
            (["a", "a", "b"], ["a", "a_b"]),
            (["a"], ["a"]),
            ([], []),
            (["c", "b", "a"], ["c", "b", "a"]),
        ])
    func greedy(sentence: [String], expected: [String]) {
        let table = PhraseTable(phrases: [Phrase(text: "a_b", score: 5), Phrase(text: "b_c", score: 9)])
        #expect(table.apply(to: sentence) == expected)
        #expect(table.apply(to: sentence.map { Substring($0) }) == expected, "Substring input")
    }

    @Test("A learned table joins like word2phrase")
    func learnedApplication() {
        let table = counts(tinyCorpus, PhraseOptions(minCount: 1, threshold: 1)).makeTable()
        #expect(table.apply(to: ["i", "love", "new", "york", "city"]) == ["i", "love", "new_york", "city"])
        #expect(table.joins("new", "york") && !table.joins("york", "city"))
    }

    /// Pass 1 on `new york times` ×10, `new car` ×5, `york road` ×5, `times square` ×5 (δ = 1, threshold 2):
    /// N = 60; new york (10−1)/(15·15)·60 = 2.4, york times 2.4, the rest (5−1)/(15·5)·60 = 3.2.
    /// Greedy: `new york times` → `new_york times`.
    /// Pass 2: N = 35, count(new_york) = count(times) = 10, together 10 → (10−1)/(10·10)·35 = 3.15 > 2.
    @Test("Two passes make trigrams")
    func trigrams() throws {
        let corpus =
            Array(repeating: ["new", "york", "times"], count: 10) + Array(repeating: ["new", "car"], count: 5)
            + Array(repeating: ["york", "road"], count: 5) + Array(repeating: ["times", "square"], count: 5)
        let options = PhraseOptions(minCount: 1, threshold: 2)
        let model = PhraseModel.learn(sentences: corpus, passes: 2, options: options)
        #expect(model.tables.count == 2)
        #expect(abs(try #require(model.tables[0].score(of: "new_york")) - 2.4) < 1e-12)
        #expect(abs(try #require(model.tables[1].score(of: "new_york_times")) - 3.15) < 1e-12)
        #expect(model.apply(to: ["new", "york", "times"]) == ["new_york_times"])
        #expect(model.tables[0].apply(to: ["new", "york", "times"]) == ["new_york", "times"])
    }

    /// Pass 1 on `u s a f` ×10 plus `u n`, `a m`, `s r`, `f b` ×5 (N = 80): u s, s a, a f score
    /// (10−1)/(15·15)·80 = 3.2; greedy gives `u_s a_f`. Pass 2 (N = 40): (10−1)/(10·10)·40 = 3.6.
    @Test("Two passes make 4-grams")
    func fourGrams() throws {
        let corpus =
            Array(repeating: ["u", "s", "a", "f"], count: 10) + Array(repeating: ["u", "n"], count: 5)
            + Array(repeating: ["a", "m"], count: 5) + Array(repeating: ["s", "r"], count: 5)
            + Array(repeating: ["f", "b"], count: 5)
        let model = PhraseModel.learn(sentences: corpus, passes: 2, options: PhraseOptions(minCount: 1, threshold: 2))
        #expect(abs(try #require(model.tables[1].score(of: "u_s_a_f")) - 3.6) < 1e-12)
        #expect(model.apply(to: ["u", "s", "a", "f", "x"]) == ["u_s_a_f", "x"])
    }

    @Test("Pruning inside one long sentence (text8 style) keeps frequent counts exact")
    func pruningInOneSentence() {
        // One sentence: new york w0 new york w1 … new york w199.
        let sentence = (0 ..< 200).flatMap { ["new", "york", "w\($0)"] }
        let c = counts([sentence], PhraseOptions(minCount: 1, threshold: 0, maxTableSize: 30))
        #expect(c.pruneCount > 0)
        #expect(c.tableSize <= 30)
        #expect(c.totalWords == 600)
        #expect(c.count(of: "new") == 200 && c.count(of: "york") == 200 && c.count(of: "new", "york") == 200)
        #expect(c.makeTable().phrases.map(\.text) == ["new_york"])
    }

    @Test("Streaming batches give the same counts as one call")
    func streaming() {
        let options = PhraseOptions(minCount: 1, threshold: 1)
        var batched = PhraseCounts(options: options)
        batched.learn(sentences: tinyCorpus[0 ..< 2])
        batched.learn(sentences: tinyCorpus[2...].map { $0.map { Substring($0) } })
        let whole = counts(tinyCorpus, options)
        #expect(batched.totalWords == whole.totalWords && batched.tableSize == whole.tableSize)
        #expect(batched.makeTable() == whole.makeTable())
    }

    @Test("Pruning bounds the table and keeps frequent entries exact")
    func pruning() throws {
        // 200 sentences "new york w<i>": 200 distinct rare words and 200 rare bigrams.
        let corpus = (0 ..< 200).map { ["new", "york", "w\($0)"] }
        let c = counts(corpus, PhraseOptions(minCount: 1, threshold: 0, maxTableSize: 30))
        #expect(c.pruneCount > 0)
        #expect(c.tableSize <= 30)
        #expect(c.totalWords == 600)
        #expect(c.count(of: "new") == 200 && c.count(of: "new", "york") == 200)
        // (200 − 1)/(200·200)·600
        #expect(abs(try #require(c.score(of: "new", "york")) - 199.0 / 40000 * 600) < 1e-12)
    }
}
