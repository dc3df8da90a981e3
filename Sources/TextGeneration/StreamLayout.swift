// TextGeneration: char-rnn's batch layout — B parallel streams cut into consecutive T-step chunks.

/// The char-rnn batch layout of a token sequence, for stateful truncated backpropagation.
///
/// For `N` tokens and batch size `B`, `L = ⌊(N − 1) / B⌋`; stream `b` covers tokens
/// `[b·L, b·L + L + 1)`. Batch `k` (`0 ..< ⌊L / T⌋`) has inputs `stream[b][kT ..< kT + T]` and
/// targets one token later, so row `b` of batch `k + 1` continues row `b` of batch `k` and the
/// recurrent state carries over between them.
///
/// ```text
/// N = 21, B = 2, T = 3 → L = 10, 3 batches; stream 0 = ids[0...10], stream 1 = ids[10...20]
/// batch 0: inputs [[0,1,2],[10,11,12]]  targets [[1,2,3],[11,12,13]]
/// ```
public struct StreamLayout: Equatable, Sendable {
    /// The number of tokens laid out.
    public let tokenCount: Int
    /// The number of parallel streams `B`.
    public let batchSize: Int
    /// The steps per batch `T`.
    public let sequenceLength: Int

    /// Lays out `tokenCount` tokens.
    /// - Precondition: `batchSize ≥ 1`, `sequenceLength ≥ 1`.
    public init(tokenCount: Int, batchSize: Int, sequenceLength: Int) {
        precondition(
            batchSize >= 1 && sequenceLength >= 1,
            "batch size \(batchSize) and length \(sequenceLength) must be positive")
        self.tokenCount = tokenCount
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
    }

    /// The length `L` of each stream's input part.
    public var streamLength: Int { max(tokenCount - 1, 0) / batchSize }

    /// The number of batches (one epoch).
    public var batchCount: Int { streamLength / sequenceLength }

    /// The predicted positions per batch (`B · T`).
    public var tokensPerBatch: Int { batchSize * sequenceLength }

    /// The index into the token sequence of the input at row `b`, step `t` of batch `k`
    /// (the target is the next index).
    @inline(__always)
    public func index(batch k: Int, row b: Int, step t: Int) -> Int {
        b * streamLength + k * sequenceLength + t
    }

    /// A layout for a short text: `B` and then `T` shrink until at least one batch fits (used to
    /// score a text shorter than `B · T + 1` tokens); `nil` below 2 tokens.
    public static func fitting(tokenCount: Int, batchSize: Int, sequenceLength: Int) -> StreamLayout? {
        guard tokenCount >= 2 else { return nil }
        let steps = min(sequenceLength, tokenCount - 1)
        let batch = max(1, min(batchSize, (tokenCount - 1) / steps))
        return StreamLayout(tokenCount: tokenCount, batchSize: batch, sequenceLength: steps)
    }
}
