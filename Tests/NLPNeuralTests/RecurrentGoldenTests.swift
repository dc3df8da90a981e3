// LSTM, GRU and SimpleRNN against PyTorch: outputs, final states and gradients for tiny inputs.
//
// The goldens come from Tests/NLPNeuralTests/Fixtures/generate_rnn_goldens.py (PyTorch in float64,
// weights converted to the Keras layout; GRU gate blocks reordered from PyTorch's r, z, n to z, r, h).
// Tolerances: Float32 against float64, rtol 1e-4, atol 1e-5.
import Foundation
import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// One PyTorch case (see the generator for the meaning of each field).
struct RecurrentGolden: Decodable {
    var batch, steps, input_size, units: Int
    var x, h0, kernel, recurrent_kernel, bias, probe, output, h_n: [Double]
    var grad_x, grad_kernel, grad_recurrent_kernel, grad_bias, grad_h0: [Double]
    var c0, c_n, grad_c0: [Double]?
}

struct RecurrentGoldens: Decodable {
    var lstm, gru, simple_rnn: RecurrentGolden

    static func load() throws -> RecurrentGoldens {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/rnn-goldens.json")
        return try JSONDecoder().decode(RecurrentGoldens.self, from: Data(contentsOf: url))
    }
}

@Suite("Recurrent goldens (PyTorch)")
struct RecurrentGoldenTests {
    func floats(_ values: [Double]) -> [Float] { values.map { Float($0) } }

    @Test("forward, final state and gradients match PyTorch", arguments: RecurrentKind.allCases)
    func matchesPyTorch(kind: RecurrentKind) throws {
        let goldens = try RecurrentGoldens.load()
        let g =
            switch kind {
            case .lstm: goldens.lstm
            case .gru: goldens.gru
            case .simple: goldens.simple_rnn
            }
        let (B, T, D, H) = (g.batch, g.steps, g.input_size, g.units)
        let layer = kind.make(units: H, returnSequences: true)
        try layer.build(inputShape: [T, D], seed: 1)
        let (kernel, recurrent, bias) = (layer.parameters[0], layer.parameters[1], layer.parameters[2])
        kernel.value = Tensor(shape: kernel.value.shape, scalars: floats(g.kernel))
        recurrent.value = Tensor(shape: recurrent.value.shape, scalars: floats(g.recurrent_kernel))
        bias.value = Tensor(shape: bias.value.shape, scalars: floats(g.bias))
        var state = [Tensor(shape: [B, H], scalars: floats(g.h0))]
        if let c0 = g.c0 { state.append(Tensor(shape: [B, H], scalars: floats(c0))) }
        layer.initialState = state

        let x = Tensor(shape: [B, T, D], scalars: floats(g.x))
        let y = layer.forward(x, mask: nil, training: true)
        expectClose(y.scalars, floats(g.output), rtol: 1e-4, atol: 1e-5)
        expectClose(layer.finalState[0].scalars, floats(g.h_n), rtol: 1e-4, atol: 1e-5)
        if let cn = g.c_n { expectClose(layer.finalState[1].scalars, floats(cn), rtol: 1e-4, atol: 1e-5) }

        layer.zeroGradients()
        let dx = layer.backward(Tensor(shape: [B, T, H], scalars: floats(g.probe)))
        expectClose(dx.scalars, floats(g.grad_x), rtol: 1e-4, atol: 1e-5)
        expectClose(kernel.gradient.scalars, floats(g.grad_kernel), rtol: 1e-4, atol: 1e-5)
        expectClose(recurrent.gradient.scalars, floats(g.grad_recurrent_kernel), rtol: 1e-4, atol: 1e-5)
        expectClose(bias.gradient.scalars, floats(g.grad_bias), rtol: 1e-4, atol: 1e-5)
        expectClose(layer.initialStateGradient[0].scalars, floats(g.grad_h0), rtol: 1e-4, atol: 1e-5)
        if let gc = g.grad_c0 { expectClose(layer.initialStateGradient[1].scalars, floats(gc), rtol: 1e-4, atol: 1e-5) }
    }
}
