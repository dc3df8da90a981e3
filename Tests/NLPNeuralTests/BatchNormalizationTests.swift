import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("BatchNormalization")
struct BatchNormalizationTests {
    @Test("training normalizes each feature with batch statistics and updates the moving averages")
    func trainingForward() throws {
        let bn = BatchNormalization(name: "bn")
        #expect(try bn.build(inputShape: [2], seed: 1) == [2])
        // Feature 0: 1, 2, 3 (mean 2, variance 2/3); feature 1: 10, 10, 40 (mean 20, variance 200).
        let x = Tensor(rows: [[1, 10], [2, 10], [3, 40]])
        let y = bn.forward(x, training: true)
        let s0 = (Float(2) / 3 + 1e-3).squareRoot()
        let s1 = (Float(200) + 1e-3).squareRoot()
        expectClose(y, Tensor(rows: [[-1 / s0, -10 / s1], [0, -10 / s1], [1 / s0, 20 / s1]]), rtol: 1e-4)
        // moving = 0.99·moving + 0.01·batch, from mean 0 and variance 1.
        expectClose(bn.movingMean!.value, Tensor([0.02, 0.2]))
        expectClose(bn.movingVariance!.value, Tensor([0.99 + 0.01 * 2 / 3, 0.99 + 2]), rtol: 1e-5)
    }

    @Test("inference uses the moving statistics, gamma and beta")
    func inference() throws {
        let bn = BatchNormalization(momentum: 0.9, epsilon: 0.01, name: "bn")
        try bn.build(inputShape: [2], seed: 1)
        bn.movingMean!.value = Tensor([1, -1])
        bn.movingVariance!.value = Tensor([3.99, 0.24])
        bn.gamma!.value = Tensor([2, 1])
        bn.beta!.value = Tensor([0.5, 0])
        let y = bn(Tensor(rows: [[3, -1], [1, 0]]))
        // (x − μ)/√(v + ε): feature 0 /2, feature 1 /0.5; then ·gamma + beta.
        expectClose(y, Tensor(rows: [[2.5, 0], [0.5, 2]]))
        #expect(bn.movingMean!.value == Tensor([1, -1]), "inference leaves the moving statistics alone")
    }

    @Test("gradients match finite differences in training mode", arguments: [[4, 3], [2, 3, 3]])
    func gradientCheck(shape: [Int]) throws {
        let bn = BatchNormalization(name: "bn")
        try bn.build(inputShape: Array(shape.dropFirst()), seed: 1)
        bn.gamma!.value = randomTensor([3], seed: 2, lower: 0.5, upper: 1.5)
        bn.beta!.value = randomTensor([3], seed: 3)
        checkLayerGradients(bn, input: randomTensor(shape, seed: 4, lower: -2, upper: 2), tolerance: 2e-2)
    }

    @Test("masked sequences: padded steps stay out of the statistics; gradient check")
    func masked() throws {
        let bn = BatchNormalization(name: "bn")
        try bn.build(inputShape: [3, 2], seed: 1)
        let x = randomTensor([2, 3, 2], seed: 5, lower: -2, upper: 2)
        let mask = Tensor(shape: [2, 3], scalars: [1, 1, 0, 1, 1, 1])
        // The statistics of the real steps equal those of the same steps without padding.
        let real = Tensor(shape: [5, 2], scalars: Array(x.scalars[0 ..< 4]) + Array(x.scalars[6 ..< 12]))
        let reference = BatchNormalization(name: "reference")
        try reference.build(inputShape: [2], seed: 1)
        let expected = reference.forward(real, training: true)
        let y = bn.forward(x, mask: mask, training: true)
        expectClose(Array(y.scalars[0 ..< 4]) + Array(y.scalars[6 ..< 12]), expected.scalars, rtol: 1e-4, atol: 1e-5)
        expectClose(bn.movingMean!.value, reference.movingMean!.value)
        checkLayerGradients(bn, input: x, mask: mask, tolerance: 2e-2)
    }

    @Test("inference-mode backward is gamma/σ times the gradient")
    func inferenceBackward() throws {
        let bn = BatchNormalization(epsilon: 0.01, name: "bn")
        try bn.build(inputShape: [1], seed: 1)
        bn.movingVariance!.value = Tensor([0.24])
        bn.gamma!.value = Tensor([3])
        _ = bn.forward(Tensor(rows: [[1], [2]]), training: false)
        expectClose(bn.backward(Tensor(rows: [[1], [-2]])), Tensor(rows: [[6], [-12]]))
    }

    @Test("Keras parameters: gamma, beta trainable; moving statistics not; configuration round trip")
    func parametersAndConfiguration() throws {
        let bn = BatchNormalization(momentum: 0.9, epsilon: 1e-5, name: "bn")
        try bn.build(inputShape: [-1, 64], seed: 1)
        #expect(bn.parameters.map(\.name) == ["gamma", "beta", "moving_mean", "moving_variance"])
        #expect(bn.parameterCount == 256)
        #expect(bn.trainableParameterCount == 128)
        let copy = try BatchNormalization(configuration: bn.configuration)
        #expect(copy.configuration == bn.configuration)
        #expect(copy.momentum == 0.9 && copy.epsilon == 1e-5)
    }

    @Test("a mask reaching a [batch, features] input is ignored")
    func maskOnVectorsIgnored() throws {
        let bn = BatchNormalization(name: "bn")
        try bn.build(inputShape: [2], seed: 1)
        let x = randomTensor([3, 2], seed: 1)
        let unmasked = bn.forward(x, training: true)
        let masked = bn.forward(
            x, mask: Tensor(shape: [3, 4], scalars: [Float](repeating: 1, count: 12)), training: true)
        #expect(masked == unmasked)
    }
}
