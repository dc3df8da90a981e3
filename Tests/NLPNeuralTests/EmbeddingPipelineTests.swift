import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// The IMDB-style stack without `Sequential`: Embedding(maskZero) → GlobalAveragePooling1D →
/// Dense(sigmoid) → binary crossentropy, trained by plain SGD on a synthetic task.
@Suite("Embedding pipeline")
struct EmbeddingPipelineTests {
    /// Padded sequences of ids 1...19; the label is 1 when "low" ids (1...9) outnumber high ones.
    static func batch(size: Int, length: Int, using rng: inout SplitMix64) -> (ids: Tensor, labels: Tensor) {
        var ids = [Float](repeating: 0, count: size * length)
        var labels = [Float](repeating: 0, count: size)
        for b in 0 ..< size {
            let real = 3 + rng.nextInt(below: length - 2)
            var low = 0
            for t in 0 ..< real {
                let id = 1 + rng.nextInt(below: 19)
                ids[b * length + t] = Float(id)
                low += id <= 9 ? 1 : -1
            }
            labels[b] = low > 0 ? 1 : 0
        }
        return (Tensor(shape: [size, length], scalars: ids), Tensor(shape: [size, 1], scalars: labels))
    }

    @Test("loss falls and accuracy passes 90% with masks flowing from Embedding to pooling")
    func trainsOnSyntheticTask() throws {
        let embedding = Embedding(inputDimension: 20, outputDimension: 8, maskZero: true, name: "embedding")
        let pooling = GlobalAveragePooling1D(name: "pooling")
        let dense = Dense(units: 1, activation: .sigmoid, name: "dense")
        var rng = SplitMix64(seed: 21)
        try embedding.build(inputShape: [12], using: &rng)
        try pooling.build(inputShape: [12, 8], using: &rng)
        try dense.build(inputShape: [8], using: &rng)
        let loss = BinaryCrossentropy()
        let accuracy = MetricRegistry.accuracy(for: loss)
        let layers: [any Layer] = [embedding, pooling, dense]
        var firstLoss: Float = 0
        var lastLoss: Float = 0
        for step in 0 ..< 300 {
            let (ids, labels) = Self.batch(size: 32, length: 12, using: &rng)
            for layer in layers { layer.zeroGradients() }
            let mask = embedding.outputMask(for: ids, mask: nil)
            let vectors = embedding.forward(ids, mask: nil, training: true)
            let pooled = pooling.forward(vectors, mask: mask, training: true)
            let probabilities = dense.forward(pooled, mask: nil, training: true)
            let result = loss.compute(predictions: probabilities, targets: labels)
            _ = embedding.backward(pooling.backward(dense.backward(result.gradient)))
            for parameter in layers.flatMap(\.parameters) where parameter.isTrainable {
                parameter.value = parameter.value - parameter.gradient * 1.0
            }
            if step == 0 { firstLoss = result.value }
            lastLoss = result.value
        }
        #expect(lastLoss < firstLoss / 2, "loss \(firstLoss) → \(lastLoss)")
        let (ids, labels) = Self.batch(size: 500, length: 12, using: &rng)
        let mask = embedding.outputMask(for: ids, mask: nil)
        let probabilities = dense(pooling.forward(embedding(ids), mask: mask, training: false))
        accuracy.update(predictions: probabilities, targets: labels)
        #expect(accuracy.result > 0.9, "held-out accuracy \(accuracy.result)")
    }
}
