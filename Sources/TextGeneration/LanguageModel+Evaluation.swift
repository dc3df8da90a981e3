// TextGeneration: scoring text — cross-entropy, bits per character and perplexity.
import Foundation
import NLPCore

/// How well a model predicts a text: the mean cross-entropy of each next token.
///
/// ```swift
/// bitsPerToken = crossEntropy / ln 2        perplexity = e^crossEntropy
/// ```
/// A model that gives every token the same probability scores `crossEntropy = ln V`,
/// `perplexity = V` and `bitsPerToken = log₂ V`.
public struct Evaluation: Codable, Equatable, Sendable {
    /// The mean cross-entropy in nats per predicted token.
    public var crossEntropy: Double
    /// The number of predicted tokens.
    public var tokens: Int

    /// Creates an evaluation from its parts.
    public init(crossEntropy: Double, tokens: Int) {
        self.crossEntropy = crossEntropy
        self.tokens = tokens
    }

    /// Bits per token (bits per character for a character model).
    public var bitsPerToken: Double { crossEntropy / M_LN2 }
    /// The perplexity `e^crossEntropy`.
    public var perplexity: Double { exp(crossEntropy) }
}

extension LanguageModel {
    /// Scores `ids` with the char-rnn stream layout (`B` streams of `T`-step chunks, the state
    /// carried from zeros across the chunks, no dropout); the recurrent state is reset before and
    /// after. `B` and `T` shrink for a text too short for one full batch.
    /// - Throws: `TextGenerationError.textTooShort` for fewer than 2 tokens.
    public func evaluate(ids: [Int], batchSize: Int = 64, sequenceLength: Int = 100) throws -> Evaluation {
        guard
            let layout = StreamLayout.fitting(
                tokenCount: ids.count, batchSize: batchSize, sequenceLength: sequenceLength)
        else { throw TextGenerationError.textTooShort(what: "the text", tokens: ids.count, needed: 2) }
        return evaluate(ids: ids, layout: layout)
    }

    /// Scores `text` (see ``evaluate(ids:batchSize:sequenceLength:)``).
    /// - Throws: `TextGenerationError.unknownToken` for a character outside the vocabulary,
    ///   `.textTooShort` for fewer than 2 tokens.
    public func evaluate(text: String, batchSize: Int = 64, sequenceLength: Int = 100) throws -> Evaluation {
        try evaluate(ids: tokenizer.encode(text), batchSize: batchSize, sequenceLength: sequenceLength)
    }

    /// Scores the batches of `layout` over `ids` exactly (every batch of the layout, from zero state).
    public func evaluate(ids: [Int], layout: StreamLayout) -> Evaluation {
        precondition(layout.tokenCount == ids.count, "layout for \(layout.tokenCount) tokens, got \(ids.count)")
        resetStates()
        defer { resetStates() }
        var total: Double = 0
        let (B, T) = (layout.batchSize, layout.sequenceLength)
        for k in 0 ..< layout.batchCount {
            let input = makeInput(batch: B, steps: T) { b, t in ids[layout.index(batch: k, row: b, step: t)] }
            let logits = forward(input, training: false)
            total += Self.crossEntropySum(logits: logits) { row in
                ids[layout.index(batch: k, row: row / T, step: row % T) + 1]
            }
        }
        let count = layout.batchCount * layout.tokensPerBatch
        return Evaluation(crossEntropy: count > 0 ? total / Double(count) : 0, tokens: count)
    }

    /// Σ over rows of `logsumexp(logits[row]) − logits[row][target(row)]`, in nats.
    static func crossEntropySum(logits: Tensor, target: (Int) -> Int) -> Double {
        let V = logits.shape[logits.rank - 1]
        let rows = logits.count / V
        return logits.withUnsafeBufferPointer { z in
            var total: Double = 0
            for r in 0 ..< rows {
                let row = z.baseAddress! + r * V
                total += Double(logSumExp(row, count: V) - row[target(r)])
            }
            return total
        }
    }

    /// `log Σ e^x` over `count` values, shifted by the maximum.
    static func logSumExp(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var maximum = -Float.infinity
        for i in 0 ..< count { maximum = max(maximum, x[i]) }
        var sum: Float = 0
        for i in 0 ..< count { sum += Foundation.exp(x[i] - maximum) }
        return maximum + Foundation.log(sum)
    }
}
