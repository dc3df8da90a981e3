// Small learning tests: LSTM and GRU learn the sign of a sequence's sum with plain SGD.
import NLPCore
import NLPNeural
import Testing

@Suite("Recurrent learning")
struct RecurrentLearningTests {
    /// `[n, T, 1]` values in [−1, 1) and labels 1 when their sum is positive.
    static func signOfSum(count: Int, steps: Int, rng: inout SplitMix64) -> (Tensor, [Float]) {
        let x = Tensor.uniform(shape: [count, steps, 1], lower: -1, upper: 1, using: &rng)
        let labels = (0 ..< count).map { i in x.scalars[i * steps ..< (i + 1) * steps].reduce(0, +) > 0 ? Float(1) : 0 }
        return (x, labels)
    }

    @Test("learns the sign of the sum of 10 values to > 95% accuracy", arguments: [RecurrentKind.lstm, .gru])
    func signOfSum(kind: RecurrentKind) throws {
        let (steps, batch) = (10, 32)
        let recurrent = kind.make(units: 8)
        let head = Dense(units: 1, activation: .sigmoid)
        var rng = SplitMix64(seed: 42)
        try recurrent.build(inputShape: [steps, 1], using: &rng)
        try head.build(inputShape: [8], using: &rng)
        let parameters = recurrent.parameters + head.parameters
        let (trainX, trainY) = Self.signOfSum(count: 2048, steps: steps, rng: &rng)
        let (testX, testY) = Self.signOfSum(count: 1000, steps: steps, rng: &rng)

        for epoch in 0 ..< 8 {
            // Plain SGD, with a smaller step for the last epochs to settle near the boundary.
            let learningRate: Float = epoch < 5 ? 1 : 0.3
            for start in stride(from: 0, to: 2048, by: batch) {
                let x = trainX.slice(start ..< start + batch)
                let y = Array(trainY[start ..< start + batch])
                for p in parameters { p.zeroGradient() }
                let p = head.forward(recurrent.forward(x, mask: nil, training: true), mask: nil, training: true)
                // Binary cross-entropy, mean over the batch: ∂L/∂p = (p − y) / (p(1 − p)) / B.
                let gradient = Tensor(
                    shape: [batch, 1],
                    scalars: (0 ..< batch).map { i in
                        let q = min(max(p.scalars[i], 1e-6), 1 - 1e-6)
                        return (q - y[i]) / (q * (1 - q)) / Float(batch)
                    })
                _ = recurrent.backward(head.backward(gradient))
                for parameter in parameters {
                    parameter.value = parameter.value - parameter.gradient * Tensor(scalar: learningRate)
                }
            }
        }
        let predictions = head(recurrent(testX)).scalars
        let correct = zip(predictions, testY).filter { ($0 > 0.5) == ($1 == 1) }.count
        #expect(Double(correct) / 1000 > 0.95, "\(kind) accuracy \(correct)/1000")
    }
}
