// Test-only helpers for the query and evaluation tests: the committed corpora and a small reader
// of the word2vec text format (the toolkit's own readers live in Sources/Word2Vec/Vectors).
import Foundation
import Word2Vec

/// Paths in the committed `corpora/` folder.
enum QueryCorpora {
    /// `corpora/` of this checkout, found from this source file's path (Tests/Word2VecTests/…).
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Word2VecTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("corpora")

    /// The absolute path of `name` inside `corpora/`.
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The GloVe 6B 50d top-3000 vectors, read once (a read error is reported by every test using them).
    private static let glove3kResult = Result { try readWord2VecText(path: path("glove.6B.50d.top3k.w2v.txt")) }

    /// The GloVe 6B 50d top-3000 vectors.
    static func glove3k() throws -> WordVectors { try glove3kResult.get() }
}

/// Why the test reader rejected a file.
struct TestVectorReaderError: Error, CustomStringConvertible {
    var description: String
}

/// Reads word2vec text format: a header `count dimension`, then `word v1 … vd` per line.
func readWord2VecText(path: String) throws -> WordVectors {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
    guard let header = lines.popFirst() else { throw TestVectorReaderError(description: "\(path): empty") }
    let sizes = header.split(separator: " ").compactMap { Int($0) }
    guard sizes.count == 2, sizes[0] == lines.count else {
        throw TestVectorReaderError(description: "\(path): bad header '\(header)' for \(lines.count) lines")
    }
    let dimension = sizes[1]
    var words: [String] = []
    var values: [Float] = []
    values.reserveCapacity(sizes[0] * dimension)
    for (number, line) in zip(2..., lines) {
        let fields = line.split(separator: " ")
        guard fields.count == dimension + 1 else {
            throw TestVectorReaderError(
                description: "\(path):\(number): \(fields.count - 1) values, expected \(dimension)")
        }
        words.append(String(fields[0]))
        for field in fields.dropFirst() {
            guard let value = Float(field) else {
                throw TestVectorReaderError(description: "\(path):\(number): '\(field)' is not a number")
            }
            values.append(value)
        }
    }
    return try WordVectors(words: words, values: values, dimension: dimension)
}

/// Fifteen hand-made 3-d vectors: x is "male − female", y "royal/capital", z "other".
///
/// The same set is used to make the gensim goldens quoted in the tests:
/// ```python
/// kv = KeyedVectors(3); kv.add_vectors(tinyWords, np.array(tinyValues, dtype=np.float32))
/// ```
let tinyWords = [
    "the", "man", "woman", "king", "queen", "prince", "Queen", "boy", "girl", "apple", "france", "paris",
    "germany", "berlin", "Germany",
]
let tinyValues: [[Float]] = [
    [0.1, 0.1, 1], [1, 0, 0], [-1, 0, 0], [1, 1, 0], [-1, 1, 0], [1, 0.8, 0.3], [-0.9, 1.1, 0.1], [0.9, -0.3, 0.2],
    [-0.9, -0.3, 0.2], [0, -0.2, 1], [1, 0, 0.1], [1, 1, 0.1], [0, 0, 1], [0.5, 1, 1], [-0.2, 0.5, 1],
]

/// The tiny vector set.
func tinyVectors() throws -> WordVectors {
    try WordVectors(words: tinyWords, values: tinyValues.flatMap { $0 }, dimension: 3)
}
