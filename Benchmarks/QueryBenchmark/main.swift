// Word-vector queries and evaluations vs gensim (release build, run by Benchmarks/query.sh).
//
//   QueryBenchmark evaluate VECTORS.txt QUESTIONS WORDSIM   JSON lines: analogies, word pairs, neighbours
//   QueryBenchmark timing ROWS DIM DIRECTORY                 writes DIRECTORY/matrix.f32 and questions.txt,
//                                                            then JSON lines of query and evaluation times
// The records have the same keys as Benchmarks/evaluation_peer.py prints, which compares them.
import BenchmarkSupport
import Foundation
import NLPCore
import Word2Vec

/// Reads word2vec text format (header `count dimension`, then `word v1 … vd`).
func readText(_ path: String) throws -> WordVectors {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n")[...]
    let header = lines.removeFirst().split(separator: " ").compactMap { Int($0) }
    precondition(header.count == 2, "\(path): bad header")
    var words: [String] = []
    var values: [Float] = []
    values.reserveCapacity(header[0] * header[1])
    for line in lines {
        let fields = line.split(separator: " ")
        precondition(fields.count == header[1] + 1, "\(path): bad line \(line.prefix(40))")
        words.append(String(fields[0]))
        values.append(contentsOf: fields.dropFirst().map { Float($0)! })
    }
    return try WordVectors(words: words, values: values, dimension: header[1])
}

func emit(_ record: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

func neighbours(_ list: [WordVectors.Neighbour]) -> [[Any]] { list.map { [$0.word, Double($0.similarity)] } }

func evaluate(vectorsPath: String, questionsPath: String, wordsimPath: String) throws {
    let vectors = try readText(vectorsPath)
    let label = vectorsPath
    let questions = try AnalogyQuestions(contentsOf: questionsPath)
    var result: AnalogyEvaluation!
    let seconds = bestTime(3) { result = vectors.evaluateAnalogies(questions) }
    emit([
        "side": "ours", "kind": "analogies", "vectors": label, "seconds": seconds, "accuracy": result.total.accuracy,
        "sections": (result.sections + [result.total]).map {
            ["name": $0.name, "correct": $0.correct, "seen": $0.seen]
        },
    ])
    FileHandle.standardError.write(Data((result.description + "\n").utf8))
    let pairs = try vectors.evaluateWordPairs(WordPairs(contentsOf: wordsimPath))
    emit([
        "side": "ours", "kind": "pairs", "vectors": label, "pearson": pairs.pearson, "pearson_p": pairs.pearsonPValue,
        "spearman": pairs.spearman, "spearman_p": pairs.spearmanPValue, "oov_percent": pairs.unknownPercent,
    ])
    for word in ["king", "paris", "computer", "good", "three"] where vectors.contains(word) {
        emit([
            "side": "ours", "kind": "most_similar", "vectors": label, "query": word,
            "result": neighbours(try vectors.mostSimilar(positive: [word])),
        ])
    }
    for (a, b, c) in [("man", "king", "woman"), ("france", "paris", "germany"), ("good", "better", "bad")]
    where [a, b, c].allSatisfy(vectors.contains) {
        emit([
            "side": "ours", "kind": "analogy", "vectors": label, "query": "\(a):\(b)::\(c)",
            "cosadd": neighbours(try vectors.analogy(a, isTo: b, as: c, topN: 5)),
            "cosmul": neighbours(try vectors.analogy(a, isTo: b, as: c, method: .cosMul, topN: 5)),
        ])
    }
}

func timing(rows: Int, dimension: Int, directory: String) throws {
    var random = SplitMix64(seed: 42)
    let values = (0 ..< rows * dimension).map { _ in Float(random.nextGaussian()) }
    let words = (0 ..< rows).map { "w\($0)" }
    let vectors = try WordVectors(words: words, values: values, dimension: dimension)
    try values.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: URL(fileURLWithPath: "\(directory)/matrix.f32"))
    // 19,544 questions in 14 sections like questions-words.txt, over the first 40,000 words (so
    // some fall outside the 30,000 searched).
    let sizes = [506, 4524, 866, 2467, 506, 992, 812, 1332, 1122, 1056, 1599, 1560, 1332, 870]
    var questionsText = ""
    for (section, size) in sizes.enumerated() {
        questionsText += ": \(section < 5 ? "semantic" : "gram")\(section)\n"
        for _ in 0 ..< size {
            questionsText +=
                (0 ..< 4).map { _ in "w\(random.nextInt(below: min(rows, 40_000)))" }.joined(separator: " ")
                + "\n"
        }
    }
    try questionsText.write(toFile: "\(directory)/questions.txt", atomically: true, encoding: .utf8)
    let shape = "\(rows)x\(dimension)"
    func record(_ task: String, _ seconds: Double, _ extra: [String: Any] = [:]) {
        emit(["side": "ours", "kind": "timing", "task": task, "seconds": seconds].merging(extra) { $1 })
    }
    record(
        "most_similar top10 \(shape)", try bestTime(20) { _ = try vectors.mostSimilar(positive: ["w17"]) },
        ["words": try vectors.mostSimilar(positive: ["w17"]).map(\.word)])
    record(
        "most_similar 2+/1- top10 \(shape)",
        try bestTime(20) { _ = try vectors.mostSimilar(positive: ["w5", "w9"], negative: ["w3"]) })
    record(
        "most_similar_cosmul top10 \(shape)",
        try bestTime(5) { _ = try vectors.mostSimilarCosMul(positive: ["w5", "w9"], negative: ["w3"]) })
    let hundred = (0 ..< 100).map { "w\($0 * 7)" }
    record(
        "most_similar of 100 words top10 \(shape)", try bestTime(3) { _ = try vectors.mostSimilar(eachOf: hundred) })
    record("spelling suggestions \(rows) words", bestTime(5) { _ = vectors.spellingSuggestions(for: "w1234x") })
    let questions = try AnalogyQuestions(contentsOf: "\(directory)/questions.txt")
    var result: AnalogyEvaluation!
    let seconds = bestTime(2) { result = vectors.evaluateAnalogies(questions) }
    record(
        "evaluate_word_analogies \(shape) restrict 30000", seconds,
        ["correct": result.total.correct, "seen": result.total.seen])
    let cosMulSeconds = bestTime(1) { _ = vectors.evaluateAnalogies(questions, method: .cosMul) }
    record("evaluate analogies 3CosMul \(shape) restrict 30000", cosMulSeconds)
}

let arguments = CommandLine.arguments
do {
    switch arguments.count > 1 ? arguments[1] : "" {
    case "evaluate" where arguments.count == 5:
        try evaluate(vectorsPath: arguments[2], questionsPath: arguments[3], wordsimPath: arguments[4])
    case "timing" where arguments.count == 5:
        try timing(rows: Int(arguments[2])!, dimension: Int(arguments[3])!, directory: arguments[4])
    default:
        FileHandle.standardError.write(
            Data("usage: QueryBenchmark evaluate VECTORS.txt QUESTIONS WORDSIM | timing ROWS DIM DIR\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("QueryBenchmark: \(error)\n".utf8))
    exit(1)
}
