import NLPCore
import Testing

@testable import NLPText

/// Expected values follow Keras `pad_sequences` and `to_categorical` (the docs' examples).
@Suite("padSequences and oneHot")
struct PaddingTests {
    static let sequences = [[1], [2, 3], [4, 5, 6]]

    @Test(
        "pad_sequences: Keras docs examples and truncation",
        arguments: [
            // pad_sequences(sequence) → pre-padding with 0 to the longest
            (
                nil as Int?, SequenceEnd.pre, SequenceEnd.pre, Float(0),
                [[0, 0, 1], [0, 2, 3], [4, 5, 6]] as [[Float]]
            ),
            // pad_sequences(sequence, value=-1)
            (nil, .pre, .pre, -1, [[-1, -1, 1], [-1, 2, 3], [4, 5, 6]]),
            // pad_sequences(sequence, padding='post')
            (nil, .post, .pre, 0, [[1, 0, 0], [2, 3, 0], [4, 5, 6]]),
            // pad_sequences(sequence, maxlen=2): truncating='pre' keeps the last ids
            (2, .pre, .pre, 0, [[0, 1], [2, 3], [5, 6]]),
            // pad_sequences(sequence, maxlen=2, truncating='post')
            (2, .pre, .post, 0, [[0, 1], [2, 3], [4, 5]]),
            // pad_sequences(sequence, maxlen=2, padding='post', truncating='post')
            (2, .post, .post, 0, [[1, 0], [2, 3], [4, 5]]),
            // pad_sequences(sequence, maxlen=5, padding='post')
            (5, .post, .pre, 0, [[1, 0, 0, 0, 0], [2, 3, 0, 0, 0], [4, 5, 6, 0, 0]]),
        ])
    func pad(maxLength: Int?, padding: SequenceEnd, truncating: SequenceEnd, value: Float, expected: [[Float]]) {
        let padded = padSequences(
            Self.sequences, maxLength: maxLength, padding: padding, truncating: truncating, value: value)
        #expect(padded == Tensor(rows: expected))
    }

    @Test("Empty input, empty sequences, zero length")
    func edges() {
        #expect(padSequences([]).shape == [0, 0])
        #expect(padSequences([], maxLength: 3).shape == [0, 3])
        #expect(padSequences([[], [7]]) == Tensor(rows: [[0], [7]]))
        #expect(padSequences([[], []]).shape == [2, 0])
        #expect(padSequences(Self.sequences, maxLength: 0).shape == [3, 0])
    }

    @Test("oneHot of one sequence, of sequences, of a padded tensor (to_categorical)")
    func oneHotEncoding() {
        // to_categorical([0, 1, 2, 3], num_classes=4) → the identity
        #expect(
            oneHot([0, 1, 2, 3], depth: 4)
                == Tensor(rows: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]))
        let batch = oneHot([[2, 0], [1, 1]], depth: 3)
        #expect(batch.shape == [2, 2, 3])
        #expect(batch.scalars == [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 0])
        let padded = padSequences([[1], [2, 1]])  // [[0, 1], [2, 1]]
        let encoded = oneHot(padded, depth: 3)
        #expect(encoded.shape == [2, 2, 3])
        #expect(encoded.scalars == [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0])
        #expect(oneHot([Int](), depth: 5).shape == [0, 5])
    }
}
