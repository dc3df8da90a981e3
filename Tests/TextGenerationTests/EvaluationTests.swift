// Scores and the stateful carry: a uniform model's perplexity, chunked passes = one long pass.
import Foundation
import NLPCore
import NLPNeural
import Testing
import TextGeneration
import _TestSupport

@Suite("Evaluation and stateful carry")
struct EvaluationTests {
    @Test("a uniform model (zero logits) has perplexity V and log2 V bits per character", arguments: [1, 2])
    func uniformModel(layers: Int) throws {
        let text = "the quick brown fox jumps\n"
        let model = try Fixtures.characterModel(text, layers: layers)
        let dense = try #require(model.network.layers.last as? Dense)
        dense.kernel!.value = Tensor(zeros: dense.kernel!.value.shape)
        dense.bias!.value = Tensor(zeros: dense.bias!.value.shape)
        let V = Double(model.vocabularySize)
        let evaluation = try model.evaluate(text: text, batchSize: 2, sequenceLength: 5)
        #expect(abs(evaluation.perplexity - V) < 1e-4 * V)
        #expect(abs(evaluation.bitsPerToken - log2(V)) < 1e-5)
        #expect(evaluation.tokens == 20)
    }

    /// Runs `model` over `ids` ([B, N] row-major) in chunks of `steps` with the state carried.
    static func chunkedLogits(_ model: LanguageModel, ids: [[Int]], steps: Int) -> [Float] {
        model.resetStates()
        let (B, N) = (ids.count, ids[0].count)
        var rows = [[Float]](repeating: [], count: B)
        for start in stride(from: 0, to: N, by: steps) {
            let logits = model.forward(model.makeInput(batch: B, steps: steps) { b, t in ids[b][start + t] })
            let perRow = steps * model.vocabularySize
            for b in 0 ..< B { rows[b] += logits.scalars[b * perRow ..< (b + 1) * perRow] }
        }
        model.resetStates()
        return rows.flatMap { $0 }
    }

    @Test(
        "k chunks with carried state give the outputs of one pass over the concatenation",
        arguments: [(RecurrentCell.lstm, 0), (.gru, 0), (.lstm, 6)])
    func carryEqualsOnePass(cell: RecurrentCell, embedding: Int) throws {
        let model = try Fixtures.characterModel("abcdefg\n", cell: cell, layers: 2, units: 10, embedding: embedding)
        var generator = SplitMix64(seed: 4)
        let ids = (0 ..< 3).map { _ in (0 ..< 24).map { _ in generator.nextInt(below: model.vocabularySize) } }
        let whole = Self.chunkedLogits(model, ids: ids, steps: 24)
        let chunked = Self.chunkedLogits(model, ids: ids, steps: 8)
        expectClose(chunked, whole, rtol: 1e-4, atol: 1e-5)
    }

    @Test("evaluation over T-step chunks equals evaluation in one chunk of the whole stream")
    func carriedLossEqualsOnePass() throws {
        let text = "to be or not to be that is the question\n"
        let model = try Fixtures.characterModel(text, layers: 2, units: 8)
        let ids = try model.tokenizer.encode(text)  // 40 tokens: 39 predictions
        let chunked = model.evaluate(ids: ids, layout: StreamLayout(tokenCount: 40, batchSize: 1, sequenceLength: 13))
        let whole = model.evaluate(ids: ids, layout: StreamLayout(tokenCount: 40, batchSize: 1, sequenceLength: 39))
        #expect(chunked.tokens == 39 && whole.tokens == 39)
        #expect(abs(chunked.crossEntropy - whole.crossEntropy) < 1e-5)
    }

    @Test("output-layer gradients of the carried chunks add up to those of one pass")
    func carriedGradients() throws {
        let model = try Fixtures.characterModel("abcdef", layers: 2, units: 8)
        let loss = SparseCategoricalCrossentropy(fromLogits: true)
        var generator = SplitMix64(seed: 9)
        let B = 2
        let ids = (0 ..< B).map { _ in (0 ..< 19).map { _ in generator.nextInt(below: model.vocabularySize) } }
        let dense = try #require(model.network.layers.last as? Dense)

        func gradients(steps: Int) -> [Float] {
            model.resetStates()
            model.network.layers.forEach { $0.zeroGradients() }
            let chunks = 18 / steps
            for c in 0 ..< chunks {
                let x = model.makeInput(batch: B, steps: steps) { b, t in ids[b][c * steps + t] }
                let y = Tensor(shape: [B, steps]) { y in
                    for b in 0 ..< B { for t in 0 ..< steps { y[b * steps + t] = Float(ids[b][c * steps + t + 1]) } }
                }
                var gradient = loss.compute(predictions: model.forward(x, training: true), targets: y).gradient
                gradient = gradient * Tensor([1 / Float(chunks)])
                for layer in model.network.layers.reversed() { gradient = layer.backward(gradient) }
            }
            model.resetStates()
            return dense.kernel!.gradient.scalars + dense.bias!.gradient.scalars
        }
        expectClose(gradients(steps: 6), gradients(steps: 18), rtol: 1e-3, atol: 1e-5)
    }
}
