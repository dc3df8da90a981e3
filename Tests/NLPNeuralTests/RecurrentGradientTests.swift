// Finite-difference gradient checks for SimpleRNN, GRU and LSTM.
import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Recurrent gradients")
struct RecurrentGradientTests {
    @Test(
        "gradients match finite differences",
        arguments: RecurrentKind.allCases, [(false, false), (true, false), (false, true), (true, true)])
    func gradientCheck(kind: RecurrentKind, flags: (returnSequences: Bool, goBackwards: Bool)) throws {
        for masked in [false, true] {
            let layer = kind.make(units: 4, returnSequences: flags.returnSequences, goBackwards: flags.goBackwards)
            try layer.build(inputShape: [5, 3], seed: 21)
            randomizeBiases(layer, seed: 4)
            let x = randomTensor([3, 5, 3], seed: 8)
            checkLayerGradients(layer, input: x, mask: masked ? paddedMask : nil)
        }
    }

    @Test("gradients with an initial state, including ∂L/∂initialState", arguments: RecurrentKind.allCases)
    func initialStateGradient(kind: RecurrentKind) throws {
        let layer = kind.make(units: 4, returnSequences: true)
        try layer.build(inputShape: [5, 3], seed: 5)
        randomizeBiases(layer, seed: 6)
        let states = (0 ..< kind.stateCount).map { randomTensor([3, 4], seed: 30 + UInt64($0)) }
        layer.initialState = states
        let x = randomTensor([3, 5, 3], seed: 9)
        checkLayerGradients(layer, input: x, mask: paddedMask)

        // ∂L/∂initialState against centred differences of L = Σ y ⊙ probe.
        let probe = randomTensor([3, 5, 4], seed: 10)
        func loss(_ state: [Tensor]) -> Float {
            layer.initialState = state
            let y = layer.forward(x, mask: paddedMask, training: true)
            return Tensor.dot(y.reshaped([-1]), probe.reshaped([-1]))
        }
        layer.initialState = states
        _ = layer.forward(x, mask: paddedMask, training: true)
        _ = layer.backward(probe)
        let analytic = layer.initialStateGradient
        #expect(analytic.count == kind.stateCount)
        let h: Float = 1e-2
        for (k, state) in states.enumerated() {
            var numeric = [Float](repeating: 0, count: state.count)
            for i in 0 ..< state.count {
                var plus = states
                var minus = states
                plus[k].withUnsafeMutableBufferPointer { $0[i] += h }
                minus[k].withUnsafeMutableBufferPointer { $0[i] -= h }
                numeric[i] = (loss(plus) - loss(minus)) / (2 * h)
            }
            expectClose(analytic[k].scalars, numeric, rtol: 1e-2, atol: 2e-3)
        }
    }

    @Test("gradients with non-default activations", arguments: [Activation.relu, .elu(alpha: 1)])
    func otherActivations(activation: Activation) throws {
        let lstm = LSTM(
            units: 3, activation: activation, recurrentActivation: .sigmoid, returnSequences: true, name: "lstm")
        try lstm.build(inputShape: [4, 2], seed: 3)
        checkLayerGradients(lstm, input: randomTensor([2, 4, 2], seed: 4))
        let gru = GRU(units: 3, activation: activation, name: "gru")
        try gru.build(inputShape: [4, 2], seed: 3)
        checkLayerGradients(gru, input: randomTensor([2, 4, 2], seed: 5))
    }

    @Test("gradients without bias", arguments: RecurrentKind.allCases)
    func noBias(kind: RecurrentKind) throws {
        let layer: any Layer =
            switch kind {
            case .simple: SimpleRNN(units: 3, useBias: false, name: "rnn")
            case .gru: GRU(units: 3, useBias: false, name: "rnn")
            case .lstm: LSTM(units: 3, useBias: false, name: "rnn")
            }
        try layer.build(inputShape: [4, 2], seed: 3)
        #expect(layer.parameters.count == 2)
        checkLayerGradients(layer, input: randomTensor([2, 4, 2], seed: 4))
    }
}
