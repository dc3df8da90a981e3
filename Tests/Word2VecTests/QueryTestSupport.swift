// Test-only helpers for the query and evaluation tests: the committed corpora and a tiny hand-made
// vector set.
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
    private static let glove3kResult = Result { try WordVectors.load(from: path("glove.6B.50d.top3k.w2v.txt")) }

    /// The GloVe 6B 50d top-3000 vectors.
    static func glove3k() throws -> WordVectors { try glove3kResult.get() }
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
