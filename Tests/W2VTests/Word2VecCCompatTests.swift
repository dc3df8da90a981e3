import Foundation
import Testing
import _TestSupport

/// `w2v similar`, `analogy` and `evaluate` against the output of Google's word2vec.c tools
/// (`distance`, `word-analogy`, `compute-accuracy`, PyPI `word2vec` 0.11.1, gcc -O3) on the committed
/// fixture corpora/glove.6B.50d.top3k.w2v.bin. The expected rows were printed by those tools
/// (`bash Benchmarks/word2vec_c.sh` fetches and compiles them; `W2VC_PARTS=golden` prints these
/// rows again), so the tests need neither the network nor a C compiler.
@Suite("w2v agrees with word2vec.c's tools")
struct Word2VecCCompatTests {
    static let model = repositoryRoot + "/corpora/glove.6B.50d.top3k.w2v.bin"
    /// Cosines are printed with 6 decimals; summation order may move the last one.
    static let tolerance = 2e-6

    /// `printf 'QUERY\nEXIT\n' | distance glove.6B.50d.top3k.w2v.bin`, first 10 of its 40 rows.
    static let distanceRows: [(query: String, rows: [(String, Double)])] = [
        (
            "king",
            [
                ("prince", 0.823618), ("queen", 0.783904), ("ii", 0.774623), ("son", 0.766719),
                ("kingdom", 0.754216), ("brother", 0.749241), ("lord", 0.738872), ("father", 0.733572),
                ("name", 0.721482), ("henry", 0.702007),
            ]
        ),
        (
            "sweden",
            [
                ("austria", 0.834864), ("norway", 0.821988), ("belgium", 0.814160), ("netherlands", 0.787099),
                ("swedish", 0.784496), ("switzerland", 0.777323), ("germany", 0.763067), ("czech", 0.758674),
                ("poland", 0.723552), ("ireland", 0.679902),
            ]
        ),
        (
            "computer",
            [
                ("computers", 0.916504), ("software", 0.881499), ("technology", 0.852556),
                ("electronic", 0.812587), ("internet", 0.806045), ("digital", 0.799179), ("systems", 0.780047),
                ("web", 0.779342), ("data", 0.760531), ("online", 0.754141),
            ]
        ),
        (
            "new york",  // distance sums the unit vectors of a "sentence"
            [
                ("chicago", 0.836186), ("boston", 0.829167), ("washington", 0.829077), ("on", 0.806198),
                ("angeles", 0.805800), ("now", 0.798776), ("recently", 0.796051), ("opened", 0.795628),
                ("in", 0.792428), ("for", 0.790755),
            ]
        ),
    ]

    @Test("w2v similar (queries on stdin) prints distance's neighbours and cosines", arguments: 0 ..< 4)
    func similarMatchesDistance(index: Int) throws {
        let (query, expected) = Self.distanceRows[index]
        let result = try runProduct("w2v", ["similar", "--model", Self.model, "--top", "10"], input: query + "\n")
        #expect(result.status == 0, "\(result.standardError)")
        expectRows(neighbourRows(result.standardOutput), equal: expected, query: query)
    }

    /// `printf 'B A C\nEXIT\n' | word-analogy ...` (word2vec.c's input order: A − B + C is typed "B A C").
    static let analogyRows: [(a: String, b: String, c: String, rows: [(String, Double)])] = [
        (
            "king", "man", "woman",
            [
                ("queen", 0.852360), ("prince", 0.759214), ("daughter", 0.747388), ("kingdom", 0.733741),
                ("son", 0.708155),
            ]
        ),
        (
            "paris", "france", "germany",
            [
                ("berlin", 0.920396), ("moscow", 0.748101), ("german", 0.720933), ("austria", 0.703341),
                ("london", 0.698633),
            ]
        ),
    ]

    @Test("w2v analogy A B C prints word-analogy's answers to B A C", arguments: 0 ..< 2)
    func analogyMatchesWordAnalogy(index: Int) throws {
        let (a, b, c, expected) = Self.analogyRows[index]
        let result = try runProduct("w2v", ["analogy", a, b, c, "--model", Self.model, "--top", "5"])
        #expect(result.status == 0, "\(result.standardError)")
        expectRows(neighbourRows(result.standardOutput), equal: expected, query: "\(a) − \(b) + \(c)")
    }

    /// `compute-accuracy glove.6B.50d.top3k.w2v.bin 30000 < questions-words.txt`: correct / seen per
    /// section ("ACCURACY TOP1: … (correct / seen)"); "Questions seen / total: 1367 19544".
    static let computeAccuracy: [String: (correct: Int, seen: Int)] = [
        "capital-common-countries": (68, 90), "capital-world": (24, 28), "currency": (1, 28),
        "city-in-state": (7, 35), "family": (62, 72), "gram1-adjective-to-adverb": (5, 30),
        "gram2-opposite": (0, 2), "gram3-comparative": (51, 110), "gram4-superlative": (19, 30),
        "gram5-present-participle": (56, 132), "gram6-nationality-adjective": (444, 450),
        "gram7-past-tense": (124, 240), "gram8-plural": (52, 90), "gram9-plural-verbs": (12, 30),
    ]

    @Test("w2v evaluate --restrict 30000 counts what compute-accuracy counts, section by section")
    func evaluateMatchesComputeAccuracy() throws {
        let result = try runProduct(
            "w2v",
            [
                "evaluate", "--model", Self.model, "--analogies", repositoryRoot + "/corpora/questions-words.txt",
                "--restrict", "30000",
            ])
        #expect(result.status == 0, "\(result.standardError)")
        var counts: [String: (correct: Int, seen: Int, total: Int)] = [:]
        for line in result.standardOutput.split(separator: "\n") {
            // "family                       correct 62 / seen 72 (of 506)  86.11%"
            let fields = line.split(separator: " ")
            guard fields.count >= 8, fields[1] == "correct", let correct = Int(fields[2]), let seen = Int(fields[5]),
                let total = Int(fields[7].dropLast())
            else { continue }
            counts[String(fields[0])] = (correct, seen, total)
        }
        for (section, expected) in Self.computeAccuracy {
            let got = counts[section]
            #expect(
                got?.correct == expected.correct && got?.seen == expected.seen, "\(section): \(String(describing: got))"
            )
        }
        #expect(counts["total"]?.correct == 925)
        #expect(counts["total"]?.seen == 1367 && counts["total"]?.total == 19544)
    }

    private func expectRows(_ got: [(String, Double)], equal expected: [(String, Double)], query: String) {
        #expect(got.map(\.0) == expected.map(\.0), "\(query): \(got)")
        for ((word, cosine), (_, reference)) in zip(got, expected) {
            #expect(abs(cosine - reference) <= Self.tolerance, "\(query): \(word) \(cosine) vs \(reference)")
        }
    }
}

/// The `word cosine` rows under the dashed line of a distance-style table.
private func neighbourRows(_ output: String) -> [(String, Double)] {
    var rows: [(String, Double)] = []
    var inTable = false
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("-----") {
            inTable = true
            continue
        }
        let fields = line.split(separator: " ")
        guard inTable, fields.count == 2, let cosine = Double(fields[1]) else {
            if inTable && !rows.isEmpty { break }
            continue
        }
        rows.append((String(fields[0]), cosine))
    }
    return rows
}
