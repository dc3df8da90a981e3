// NeuralBenchmark: the benchmarked models, built and trained through the library's public API.
//
// Each model is a `Sequential` compiled with `RMSprop()` (Keras defaults: lr 0.001, rho 0.9,
// epsilon 1e-7) and timed through `trainOnBatch` (one forward, loss, backward and optimizer step
// on a fixed batch) and `predict` (one inference forward pass over the same batch), the way a Keras
// user would run them. Benchmarks/torch_peer.py builds the same models with torch.nn.
import NLPCore
import NLPNeural

/// A compiled model with a fixed batch to train and run on.
struct BenchmarkModel {
    /// The model, compiled.
    let model: Sequential
    /// Inputs `[batch, …]`.
    let x: Tensor
    /// Targets `[batch, …]`.
    let y: Tensor

    /// Samples per batch.
    var batchSize: Int { x.shape[0] }

    /// One `trainOnBatch` step; returns the loss.
    func trainStep() -> Float {
        do {
            return try model.trainOnBatch(x: x, y: y)["loss"]!
        } catch {
            tool.fail("trainOnBatch failed: \(error)")
        }
    }

    /// One `predict` over the batch; returns one output scalar (so the work is not optimized away).
    func predict() -> Float {
        do {
            return try model.predict(x, batchSize: batchSize).withUnsafeBufferPointer { $0[0] }
        } catch {
            tool.fail("predict failed: \(error)")
        }
    }
}

/// The Keras IMDB example: `Embedding(V, E) → recurrent(H) → Dense(1, sigmoid)`, binary
/// cross-entropy, RMSprop; random token ids in `1 ..< V` and random 0/1 labels.
func sequenceClassifier(
    vocabulary: Int, embedding: Int, recurrent: any Layer, steps: Int, batchSize: Int, seed: UInt64
) throws -> BenchmarkModel {
    var rng = SplitMix64(seed: seed)
    let model = Sequential(
        [
            Embedding(inputDimension: vocabulary, outputDimension: embedding), recurrent,
            Dense(units: 1, activation: .sigmoid),
        ], inputShape: [steps])
    try model.build(seed: seed)
    model.compile(optimizer: RMSprop(), loss: BinaryCrossentropy())
    let x = Tensor(shape: [batchSize, steps]) { ids in
        for i in 0 ..< ids.count { ids[i] = Float(1 + rng.nextInt(below: vocabulary - 1)) }
    }
    let y = Tensor(shape: [batchSize]) { labels in
        for i in 0 ..< labels.count { labels[i] = Float(rng.nextInt(below: 2)) }
    }
    return BenchmarkModel(model: model, x: x, y: y)
}

/// char-rnn (Keras's lstm_text_generation with a per-step head): one-hot `[B, T, V]` →
/// `LSTM(H, returnSequences: true)` → `Dense(V)` per step, sparse categorical cross-entropy on
/// logits against the next character, RMSprop.
func characterModel(vocabulary: Int, units: Int, steps: Int, batchSize: Int, seed: UInt64) throws
    -> BenchmarkModel
{
    var rng = SplitMix64(seed: seed)
    let model = Sequential(
        [LSTM(units: units, returnSequences: true), Dense(units: vocabulary)], inputShape: [steps, vocabulary])
    try model.build(seed: seed)
    model.compile(optimizer: RMSprop(), loss: SparseCategoricalCrossentropy(fromLogits: true))
    let ids = (0 ..< batchSize * (steps + 1)).map { _ in rng.nextInt(below: vocabulary) }
    let x = Tensor(shape: [batchSize, steps, vocabulary]) { x in
        x.update(repeating: 0)
        for b in 0 ..< batchSize {
            for t in 0 ..< steps { x[(b * steps + t) * vocabulary + ids[b * (steps + 1) + t]] = 1 }
        }
    }
    let y = Tensor(shape: [batchSize, steps]) { y in
        for b in 0 ..< batchSize {
            for t in 0 ..< steps { y[b * steps + t] = Float(ids[b * (steps + 1) + t + 1]) }
        }
    }
    return BenchmarkModel(model: model, x: x, y: y)
}
