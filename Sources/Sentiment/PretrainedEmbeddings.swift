// Word vectors from the toolkit's word2vec, aligned to a classifier's vocabulary.
import NLPCore
import NLPNeural
import Word2Vec

/// Pretrained word vectors for the embedding layer of a sequence model, and whether they are
/// trained further.
public struct PretrainedEmbeddings: Sendable {
    /// The vectors (any file `WordVectors.load(from:)` reads: word2vec `.bin`/`.txt`, `.w2vmodel`).
    public var vectors: WordVectors
    /// Keep the vectors fixed (`true`) or fine-tune them with the classifier (`false`).
    public var freeze: Bool
    /// Where the vectors came from (reported, and stored in saved models).
    public var source: String

    /// Wraps loaded vectors.
    public init(vectors: WordVectors, freeze: Bool = false, source: String = "<memory>") {
        self.vectors = vectors
        self.freeze = freeze
        self.source = source
    }

    /// Loads vectors from a file.
    /// - Throws: ``SentimentError/invalidEmbeddings(path:reason:)`` naming the file and the problem.
    public init(contentsOf path: String, freeze: Bool = false) throws {
        do {
            self.init(vectors: try WordVectors.load(from: path), freeze: freeze, source: path)
        } catch {
            throw SentimentError.invalidEmbeddings(path: path, reason: "\(error)")
        }
    }

    /// The `[tokenizer.tableSize, dimension]` table: row `id` holds the vector of the token with
    /// that id, or a random row (Keras's uniform ±0.05) for tokens the vectors do not have and for
    /// the padding row 0.
    func alignedMatrix(for tokenizer: SentimentTokenizer, using rng: inout SplitMix64) throws
        -> (matrix: Tensor, alignment: EmbeddingAlignment)
    {
        let vectors = self.vectors
        let aligned = try Embedding.alignedMatrix(
            vocabulary: [""] + tokenizer.words, dimension: vectors.dimension,
            lookup: { word in word.isEmpty ? nil : (try? vectors.vector(for: word)) }, using: &rng)
        let alignment = EmbeddingAlignment(
            source: source, found: aligned.foundCount, vocabularySize: tokenizer.words.count,
            missingExamples: Array(aligned.missingWords.dropFirst().prefix(10)), frozen: freeze)
        return (aligned.matrix, alignment)
    }
}

/// How much of a classifier's vocabulary pretrained vectors covered.
public struct EmbeddingAlignment: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The vectors' file (or `<memory>`).
    public var source: String
    /// Vocabulary tokens that had a vector.
    public var found: Int
    /// Vocabulary tokens (padding excluded).
    public var vocabularySize: Int
    /// Up to 10 tokens without a vector, most frequent first.
    public var missingExamples: [String]
    /// Whether the vectors were kept fixed.
    public var frozen: Bool

    /// `found 17,960 of 18,345 words (97.9%) in vectors.bin, frozen`.
    public var description: String {
        let percent = vocabularySize == 0 ? 0 : Double(found) / Double(vocabularySize) * 100
        return "found \(found) of \(vocabularySize) words (\((percent * 10).rounded() / 10)%) in \(source), "
            + (frozen ? "frozen" : "fine-tuned")
    }
}
