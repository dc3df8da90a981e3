// Keras Tokenizer's texts_to_matrix / sequences_to_matrix.
import NLPCore

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

extension TextTokenizer {
    /// How ``TextTokenizer/sequencesToMatrix(_:mode:)`` fills a row (Keras `mode`).
    public enum MatrixMode: String, Sendable, CaseIterable {
        /// 1 where the id occurs.
        case binary
        /// The id's count in the sequence.
        case count
        /// The id's count divided by the sequence length (all ids, also those past `numWords`).
        case freq
        /// `(1 + log(count)) * log(1 + documentCount / (1 + indexDocs[id]))`, natural logarithms
        /// (Keras: "weighting scheme 2" of Wikipedia's tf–idf article).
        case tfidf
    }

    /// One row per text (Keras `texts_to_matrix`): ``textsToSequences(_:)`` then
    /// ``sequencesToMatrix(_:mode:)``.
    /// - Throws: ``TokenizerError`` as ``sequencesToMatrix(_:mode:)``.
    public func textsToMatrix(_ texts: some Sequence<String>, mode: MatrixMode = .binary) throws -> Tensor {
        try sequencesToMatrix(textsToSequences(texts), mode: mode)
    }

    /// One row per already split text (Keras `texts_to_matrix` given lists of tokens):
    /// ``textsToSequences(tokenLists:)`` then ``sequencesToMatrix(_:mode:)``.
    /// - Throws: ``TokenizerError`` as ``sequencesToMatrix(_:mode:)``.
    public func textsToMatrix(tokenLists: some Sequence<[String]>, mode: MatrixMode = .binary) throws -> Tensor {
        try sequencesToMatrix(textsToSequences(tokenLists: tokenLists), mode: mode)
    }

    /// A `[sequences.count, width]` matrix of the ids of each sequence (Keras
    /// `sequences_to_matrix`), where `width` is ``numWords``, or `wordIndex.count + 1` when it is
    /// `nil`. Ids `>= width` are skipped. Column 0 stays 0 for fitted text (ids start at 1).
    /// - Throws: ``TokenizerError/unknownMatrixWidth`` without `numWords` before fitting;
    ///   ``TokenizerError/notFitted(operation:)`` for `.tfidf` before any document was fitted.
    /// - Precondition: ids are not negative.
    public func sequencesToMatrix(_ sequences: [[Int]], mode: MatrixMode = .binary) throws -> Tensor {
        let width: Int
        if let numWords, numWords > 0 {
            width = numWords
        } else if !wordIndex.isEmpty {
            width = wordIndex.count + 1
        } else {
            throw TokenizerError.unknownMatrixWidth
        }
        if mode == .tfidf && documentCount == 0 { throw TokenizerError.notFitted(operation: "tfidf mode") }
        let documents = Double(documentCount)
        return Tensor(shape: [sequences.count, width]) { matrix in
            matrix.initialize(repeating: 0)
            for (row, sequence) in sequences.enumerated() where !sequence.isEmpty {
                var counts: [Int: Int] = [:]
                for id in sequence {
                    precondition(id >= 0, "negative id \(id) in sequence \(row)")
                    if id < width { counts[id, default: 0] += 1 }
                }
                for (id, count) in counts {
                    let value: Double
                    switch mode {
                    case .binary: value = 1
                    case .count: value = Double(count)
                    case .freq: value = Double(count) / Double(sequence.count)
                    case .tfidf:
                        let tf = 1 + log(Double(count))
                        let idf = log(1 + documents / Double(1 + (indexDocs[id] ?? 0)))
                        value = tf * idf
                    }
                    matrix[row * width + id] = Float(value)
                }
            }
        }
    }
}
