// Shared fixtures of the training tests: a synthetic grammar corpus in a temporary directory.

import Foundation
import NLPCore
import NLPText
import Word2Vec

/// A temporary directory removed when the value goes away.
final class TrainingTemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "w2v-train-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// Sentences of a tiny grammar: each of the four slots draws from its own word class, so words of
/// one class share their contexts and should end up as each other's neighbours.
enum GrammarCorpus {
    static let classes = ["a", "b", "c", "d"].map { prefix in (0 ..< 6).map { "\(prefix)\($0)" } }

    static func text(sentences: Int, seed: UInt64 = 42) -> String {
        var random = SplitMix64(seed: seed)
        var lines: [String] = []
        for _ in 0 ..< sentences {
            lines.append(classes.map { $0[random.nextInt(below: $0.count)] }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Small, fast options for the grammar corpus.
    static func options(_ architecture: Word2VecOptions.Architecture, seed: UInt64 = 1) -> Word2VecOptions {
        var options = Word2VecOptions(architecture: architecture)
        options.dimension = 16
        options.window = 2
        options.minCount = 1
        options.sample = 0
        options.epochs = 5
        options.threads = 1
        options.seed = seed
        return options
    }

    /// Among `word`'s `count` nearest neighbours (cosine), how many are of its class.
    static func sameClassNeighbours(of word: String, in vectors: WordVectors, count: Int) throws -> Int {
        let target = try vectors.vector(for: word)
        var scored: [(String, Float)] = []
        for (row, other) in vectors.words.enumerated() where other != word && other != "</s>" {
            let v = try vectors.vector(for: other)
            let dot = zip(target, v).map(*).reduce(0, +)
            scored.append((other, dot / (vectors.norms[row] * vectors.norms[vectors.index(of: word)!])))
        }
        scored.sort { $0.1 > $1.1 }
        return scored.prefix(count).filter { $0.0.first == word.first }.count
    }
}

extension Word2VecModel {
    /// A copy of the vectors' values (the storage stays alive during the copy).
    var values: [Float] { withExtendedLifetime(vectors.storage) { Array(vectors.storage.buffer) } }
}
