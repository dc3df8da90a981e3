import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("ActivationLayer")
struct ActivationLayerTests {
    static let activations: [Activation] = [
        .linear, .relu, .leakyRelu(alpha: 0.2), .sigmoid, .tanh, .softmax, .logSoftmax, .swish, .elu(alpha: 1),
    ]

    @Test("forward applies the activation", arguments: activations)
    func forward(activation: Activation) throws {
        let layer = ActivationLayer(activation)
        #expect(try layer.build(inputShape: [3, 4], seed: 1) == [3, 4])
        let x = randomTensor([2, 3, 4], seed: 3, lower: -2, upper: 2)
        #expect(layer(x) == activation.apply(x))
    }

    @Test("gradient matches finite differences", arguments: activations)
    func gradientCheck(activation: Activation) throws {
        let layer = ActivationLayer(activation, name: "activation")
        try layer.build(inputShape: [5], seed: 1)
        // Keep inputs away from the kinks of relu/leakyRelu (|x| ≥ 0.1 > h).
        var x = randomTensor([3, 5], seed: 8, lower: -2, upper: 2)
        x.withUnsafeMutableBufferPointer { values in
            for i in 0 ..< values.count where abs(values[i]) < 0.1 { values[i] += values[i] < 0 ? -0.2 : 0.2 }
        }
        checkLayerGradients(layer, input: x)
    }

    @Test("typeName is Activation and the configuration round-trips")
    func configurationRoundTrip() throws {
        #expect(ActivationLayer.typeName == "Activation")
        let layer = ActivationLayer(.leakyRelu(alpha: 0.1), name: "act")
        let copy = try ActivationLayer(configuration: layer.configuration)
        #expect(copy.configuration == layer.configuration)
        #expect(copy.activation == .leakyRelu(alpha: 0.1))
        #expect(copy.parameterCount == 0)
    }
}
