// TextVectorization's output: id sequences or bag-of-words rows.
import NLPCore

extension TextVectorization {
    /// Encodes `texts` per ``outputMode``: ids `[n, length]` (``OutputMode/int``, padded with 0
    /// or truncated at the end to ``outputSequenceLength``, or to the longest text), or rows
    /// `[n, outputWidth]` (the bag-of-words modes).
    public func callAsFunction(_ texts: [String]) -> Tensor {
        let sequences = texts.map { tokens(of: $0).map { id(for: $0) } }
        switch outputMode {
        case .int:
            return padSequences(
                sequences, maxLength: outputSequenceLength ?? sequences.lazy.map(\.count).max() ?? 0,
                padding: .post, truncating: .post)
        case .multiHot, .count, .tfIdf:
            return bagOfWords(sequences)
        }
    }

    /// Encodes one text: ids `[length]` or one row `[outputWidth]`.
    public func callAsFunction(_ text: String) -> Tensor {
        let batch = self([text])
        return batch.reshaped(Array(batch.shape.dropFirst()))
    }

    private func bagOfWords(_ sequences: [[Int]]) -> Tensor {
        let width = outputWidth
        let mode = outputMode
        let weights = idfWeights
        return Tensor(shape: [sequences.count, width]) { out in
            out.initialize(repeating: 0)
            for (row, sequence) in sequences.enumerated() {
                let base = row * width
                for id in sequence {
                    switch mode {
                    case .multiHot: out[base + id] = 1
                    default: out[base + id] += 1
                    }
                }
                if mode == .tfIdf {
                    for id in Set(sequence) { out[base + id] *= weights[id] }
                }
            }
        }
    }
}
