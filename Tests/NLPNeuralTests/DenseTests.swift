import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Dense")
struct DenseTests {
    @Test("forward is x·W + b through the activation")
    func forwardMatchesFormula() throws {
        let dense = Dense(units: 2, activation: .relu)
        try dense.build(inputShape: [3], seed: 1)
        dense.kernel!.value = Tensor(rows: [[1, -1], [0, 2], [1, 0]])
        dense.bias!.value = Tensor([0.5, -3])
        let y = dense(Tensor(rows: [[1, 2, 3], [-1, 0, 0]]))
        // row 0: [1+0+3+0.5, -1+4+0-3] = [4.5, 0]; row 1: relu([-0.5, 1-3]) = [0, 0]
        expectClose(y, Tensor(rows: [[4.5, 0], [0, 0]]))
    }

    @Test("gradients match finite differences", arguments: [Activation.linear, .tanh, .sigmoid, .softmax])
    func gradientCheck(activation: Activation) throws {
        let dense = Dense(units: 4, activation: activation, name: "dense")
        try dense.build(inputShape: [5], seed: 3)
        var rng = SplitMix64(seed: 11)
        checkLayerGradients(dense, input: .normal(shape: [3, 5], using: &rng))
    }

    @Test("acts on the last axis of sequences")
    func sequenceInput() throws {
        let dense = Dense(units: 3, activation: .tanh, name: "dense")
        #expect(try dense.build(inputShape: [4, 5], seed: 2) == [4, 3])
        var rng = SplitMix64(seed: 5)
        let x = Tensor.normal(shape: [2, 4, 5], using: &rng)
        #expect(dense(x).shape == [2, 4, 3])
        checkLayerGradients(dense, input: x)
    }

    @Test("parameter count and configuration round trip")
    func configurationRoundTrip() throws {
        let dense = Dense(units: 16, activation: .relu, kernelRegularizer: .l2(0.01), name: "dense_1")
        try dense.build(inputShape: [10000], seed: 1)
        #expect(dense.parameterCount == 160_016)
        let copy = try LayerRegistry.makeLayer(dense.configuration)
        #expect(copy.configuration == dense.configuration)
        #expect(copy.description == dense.description)
    }
}
