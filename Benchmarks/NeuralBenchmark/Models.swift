// NeuralBenchmark: the benchmarked models, with a hand-written training step.
//
// Sequential, the optimizers and Embedding are written in parallel by other helpers, so each
// model here chains layers by hand: a row gather for the embedding, the recurrent layer, a Dense
// head, a fused loss gradient and a plain SGD update. After the merge, `trainStep` can become
// `Sequential([Embedding, LSTM, Dense]).trainOnBatch` with RMSprop (see `BenchmarkModel`).
import NLPCore
import NLPNeural

/// A model the benchmark can train and run.
protocol BenchmarkModel {
    /// Samples per batch.
    var batchSize: Int { get }
    /// One forward + backward + SGD update on the fixed batch; returns the loss.
    func trainStep() -> Float
    /// One inference forward pass on the fixed batch; returns one output scalar.
    func predict() -> Float
}

/// `param -= lr · gradient` for every trainable parameter, then zero gradients.
func sgdUpdate(_ parameters: [Parameter], learningRate: Float) {
    for p in parameters where p.isTrainable {
        let count = p.count
        p.gradient.withUnsafeBufferPointer { g in
            p.value.withUnsafeMutableBufferPointer { w in
                VectorKernels.axpy(-learningRate, g.baseAddress!, w.baseAddress!, count: count)
            }
        }
        p.zeroGradient()
    }
}

/// Token classifier: Embedding(V, E) → recurrent(H) → Dense(1, sigmoid), binary cross-entropy.
/// The Keras IMDB example: V 10000, E 32, H 32, 500 tokens, batch 128.
final class SequenceClassifier: BenchmarkModel {
    let batchSize: Int
    let steps: Int
    let embeddings: Parameter
    let recurrent: any Layer
    let head = Dense(units: 1, activation: .linear)
    let tokens: [Int]
    let labels: [Float]
    let learningRate: Float = 0.01

    init(vocabulary: Int, embedding: Int, recurrent: any Layer, steps: Int, batchSize: Int, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        self.batchSize = batchSize
        self.steps = steps
        self.recurrent = recurrent
        embeddings = Parameter(
            name: "embeddings", value: .uniform(shape: [vocabulary, embedding], lower: -0.05, upper: 0.05, using: &rng))
        try recurrent.build(inputShape: [steps, embedding], using: &rng)
        try head.build(inputShape: [recurrent.parameters[1].value.shape[0]], using: &rng)
        tokens = (0 ..< batchSize * steps).map { _ in 1 + rng.nextInt(below: vocabulary - 1) }
        labels = (0 ..< batchSize).map { _ in Float(rng.nextInt(below: 2)) }
    }

    private func embed() -> Tensor {
        embeddings.value.gatherRows(tokens).reshaped([batchSize, steps, embeddings.value.shape[1]])
    }

    func trainStep() -> Float {
        let x = embed()
        let h = recurrent.forward(x, mask: nil, training: true)
        let logits = head.forward(h, mask: nil, training: true)
        // Sigmoid + binary cross-entropy, fused: ∂L/∂logit = (σ(z) − y) / B.
        var loss: Float = 0
        let gradient = Tensor(shape: [batchSize, 1]) { g in
            logits.withUnsafeBufferPointer { z in
                for i in 0 ..< batchSize {
                    let p = SIMDMath.sigmoid(z[i])
                    loss -= labels[i] == 1 ? SIMDMath.log(max(p, 1e-7)) : SIMDMath.log(max(1 - p, 1e-7))
                    g[i] = (p - labels[i]) / Float(batchSize)
                }
            }
        }
        let dh = head.backward(gradient)
        let dx = recurrent.backward(dh)
        embeddings.gradient.scatterAddRows(tokens, dx.reshaped([batchSize * steps, embeddings.value.shape[1]]))
        sgdUpdate([embeddings] + recurrent.parameters + head.parameters, learningRate: learningRate)
        return loss / Float(batchSize)
    }

    func predict() -> Float {
        let h = recurrent.forward(embed(), mask: nil, training: false)
        return head.forward(h, mask: nil, training: false).scalars[0]
    }
}

/// Character model: one-hot `[B, T, V]` → LSTM(H, returnSequences) → Dense(V) per step, softmax
/// cross-entropy on the next character (char-rnn).
final class CharacterModel: BenchmarkModel {
    let batchSize: Int
    let steps: Int
    let vocabulary: Int
    let recurrent: any Layer
    let head: Dense
    let input: Tensor
    let targets: [Int]
    let learningRate: Float = 0.01

    init(vocabulary: Int, recurrent: any Layer, steps: Int, batchSize: Int, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        self.batchSize = batchSize
        self.steps = steps
        self.vocabulary = vocabulary
        self.recurrent = recurrent
        head = Dense(units: vocabulary)
        try recurrent.build(inputShape: [steps, vocabulary], using: &rng)
        try head.build(inputShape: [steps, recurrent.parameters[1].value.shape[0]], using: &rng)
        let ids = (0 ..< batchSize * (steps + 1)).map { _ in rng.nextInt(below: vocabulary) }
        input = Tensor(shape: [batchSize, steps, vocabulary]) { x in
            x.update(repeating: 0)
            for b in 0 ..< batchSize {
                for t in 0 ..< steps { x[(b * steps + t) * vocabulary + ids[b * (steps + 1) + t]] = 1 }
            }
        }
        targets = (0 ..< batchSize).flatMap { b in (1 ... steps).map { ids[b * (steps + 1) + $0] } }
    }

    func trainStep() -> Float {
        let h = recurrent.forward(input, mask: nil, training: true)
        let logits = head.forward(h, mask: nil, training: true)
        // Softmax + cross-entropy, fused: ∂L/∂logits = (softmax − onehot) / (B·T).
        let rows = batchSize * steps
        var gradient = Activation.softmax.apply(logits)
        var loss: Float = 0
        gradient.withUnsafeMutableBufferPointer { p in
            let scale = 1 / Float(rows)
            for r in 0 ..< rows {
                let row = p.baseAddress! + r * vocabulary
                loss -= SIMDMath.log(max(row[targets[r]], 1e-7))
                row[targets[r]] -= 1
                VectorKernels.scale(row, by: scale, count: vocabulary)
            }
        }
        let dh = head.backward(gradient)
        _ = recurrent.backward(dh)
        sgdUpdate(recurrent.parameters + head.parameters, learningRate: learningRate)
        return loss / Float(rows)
    }

    func predict() -> Float {
        let h = recurrent.forward(input, mask: nil, training: false)
        return head.forward(h, mask: nil, training: false).scalars[0]
    }
}
