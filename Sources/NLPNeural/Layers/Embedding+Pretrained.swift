// NLPNeural: embedding tables built from pretrained word vectors.
import NLPCore

/// A `[vocabulary, dimension]` table aligned to a vocabulary, and how much of it was found.
public struct AlignedEmbeddingMatrix: Sendable {
    /// Row `i` is the vector of `vocabulary[i]` (pretrained when found, random otherwise).
    public var matrix: Tensor
    /// How many vocabulary words had a pretrained vector.
    public var foundCount: Int
    /// The vocabulary words without a pretrained vector, in vocabulary order.
    public var missingWords: [String]
}

/// Why pretrained vectors cannot fill an embedding table.
public enum EmbeddingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The lookup returned a vector of the wrong length for `word`.
    case dimensionMismatch(word: String, expected: Int, actual: Int)
    /// The vocabulary is empty.
    case emptyVocabulary

    public var description: String {
        switch self {
        case .dimensionMismatch(let word, let expected, let actual):
            return
                "pretrained vector for \"\(word)\" has \(actual) values, expected \(expected) (vectors of another model?)"
        case .emptyVocabulary: return "cannot build an embedding table for an empty vocabulary"
        }
    }
}

extension Embedding {
    /// Builds a table whose row `i` is `lookup(vocabulary[i])`, e.g. word2vec vectors for a Keras
    /// tokenizer's vocabulary; words the lookup does not know get random rows from
    /// `missingInitializer` (Keras default embedding range), so they can still be trained.
    ///
    /// ```swift
    /// let aligned = try Embedding.alignedMatrix(
    ///     vocabulary: vocabulary, dimension: 100, lookup: { vectors.vector(for: $0) }, using: &rng)
    /// let embedding = Embedding(weights: aligned.matrix, maskZero: true, isTrainable: false)
    /// ```
    /// - Parameters:
    ///   - vocabulary: the words by id (id 0 is usually padding; it gets a row like any other).
    ///   - dimension: the vector length.
    ///   - lookup: the pretrained vector of a word, or `nil` when it has none.
    ///   - missingInitializer: how rows of unknown words start.
    ///   - rng: the generator for those rows.
    /// - Returns: the matrix, the number of words found and the missing words.
    /// - Throws: `EmbeddingError.dimensionMismatch` when a found vector has another length;
    ///   `EmbeddingError.emptyVocabulary`.
    /// - Precondition: `dimension > 0`.
    public static func alignedMatrix(
        vocabulary: [String], dimension: Int, lookup: (String) -> [Float]?,
        missingInitializer: WeightInitializer = .uniform(lower: -0.05, upper: 0.05), using rng: inout SplitMix64
    ) throws -> AlignedEmbeddingMatrix {
        precondition(dimension > 0, "Embedding.alignedMatrix: dimension must be positive, got \(dimension)")
        guard !vocabulary.isEmpty else { throw EmbeddingError.emptyVocabulary }
        var matrix = missingInitializer.make(shape: [vocabulary.count, dimension], using: &rng)
        var foundCount = 0
        var missingWords: [String] = []
        try matrix.withUnsafeMutableBufferPointer { rows in
            for (index, word) in vocabulary.enumerated() {
                guard let vector = lookup(word) else {
                    missingWords.append(word)
                    continue
                }
                guard vector.count == dimension else {
                    throw EmbeddingError.dimensionMismatch(word: word, expected: dimension, actual: vector.count)
                }
                vector.withUnsafeBufferPointer { source in
                    (rows.baseAddress! + index * dimension).update(from: source.baseAddress!, count: dimension)
                }
                foundCount += 1
            }
        }
        return AlignedEmbeddingMatrix(matrix: matrix, foundCount: foundCount, missingWords: missingWords)
    }
}
