// Bidirectional: merge modes, alignment of the backward half, gradients, configuration.
import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Bidirectional")
struct BidirectionalTests {
    @Test(
        "gradients match finite differences",
        arguments: Bidirectional.MergeMode.allCases, [false, true])
    func gradientCheck(mode: Bidirectional.MergeMode, returnSequences: Bool) throws {
        for kind in RecurrentKind.allCases {
            let layer = Bidirectional(
                kind.make(units: 3, returnSequences: returnSequences), mergeMode: mode, name: "bi")
            try layer.build(inputShape: [5, 2], seed: 12)
            randomizeBiases(layer, seed: 13)
            checkLayerGradients(layer, input: randomTensor([3, 5, 2], seed: 14), mask: paddedMask)
        }
    }

    @Test("halves are the layer and its goBackwards copy, aligned by step")
    func alignment() throws {
        let bi = Bidirectional(GRU(units: 4, returnSequences: true, name: "gru"))
        #expect(try bi.build(inputShape: [6, 3], seed: 2) == [6, 8])
        #expect(bi.forwardLayer.name == "forward_gru" && bi.backwardLayer.name == "backward_gru")
        #expect(!bi.forwardLayer.goBackwards && bi.backwardLayer.goBackwards)
        #expect(bi.parameterCount == 2 * bi.forwardLayer.parameterCount)
        let x = randomTensor([2, 6, 3], seed: 3)
        let y = bi(x)
        let forward = bi.forwardLayer(x)
        // The backward half at step t equals a forward GRU (same weights) on the reversed input at T−1−t.
        let reader = GRU(units: 4, returnSequences: true)
        try reader.build(inputShape: [6, 3], seed: 0)
        for (target, source) in zip(reader.parameters, bi.backwardLayer.parameters) { target.value = source.value }
        let backward = reverseTime(reader(reverseTime(x)))
        for b in 0 ..< 2 {
            for t in 0 ..< 6 {
                for j in 0 ..< 4 {
                    #expect(abs(y[b, t, j] - forward[b, t, j]) < 1e-6)
                    #expect(abs(y[b, t, 4 + j] - backward[b, t, j]) < 1e-5)
                }
            }
        }
    }

    @Test("merge modes and masks", arguments: Bidirectional.MergeMode.allCases)
    func mergeModes(mode: Bidirectional.MergeMode) throws {
        let bi = Bidirectional(LSTM(units: 3), mergeMode: mode)
        #expect(try bi.build(inputShape: [5, 2], seed: 4) == [mode == .concat ? 6 : 3])
        let x = randomTensor([3, 5, 2], seed: 5)
        let y = bi.forward(x, mask: paddedMask, training: false)
        let (f, g) = (bi.forwardLayer.finalState[0], bi.backwardLayer.finalState[0])
        let expected: Tensor =
            switch mode {
            case .concat:
                Tensor(rows: (0 ..< 3).map { f.slice($0 ..< $0 + 1).scalars + g.slice($0 ..< $0 + 1).scalars })
            case .sum: f + g
            case .multiply: f * g
            case .average: (f + g) * Tensor(scalar: 0.5)
            }
        expectClose(y, expected)
        #expect(bi.outputMask(for: x, mask: paddedMask) == nil)
    }

    @Test("configuration round trips")
    func configurationRoundTrip() throws {
        let bi = Bidirectional(
            LSTM(units: 5, returnSequences: true, dropout: 0.1, name: "lstm"), mergeMode: .multiply, name: "bi")
        let copy = try Bidirectional(configuration: bi.configuration)
        #expect(copy.configuration == bi.configuration)
        #expect(copy.mergeMode == .multiply && copy.forwardLayer.name == "forward_lstm")
        #expect(bi.configuration["merge_mode"] == .string("mul"))
        var bad = bi.configuration
        bad["merge_mode"] = .string("max")
        #expect(throws: LayerConfigurationError.self) { try Bidirectional(configuration: bad) }
    }
}
