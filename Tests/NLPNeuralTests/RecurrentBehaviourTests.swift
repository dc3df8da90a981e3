// Behaviour of the recurrent layers: state, masking, direction, dropout, configuration.
import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Recurrent behaviour")
struct RecurrentBehaviourTests {
    @Test("Keras parameter counts")
    func parameterCounts() throws {
        let expected: [(any Layer, Int)] = [
            (LSTM(units: 32), 8_320), (GRU(units: 32), 6_336), (SimpleRNN(units: 32), 2_080),
        ]
        for (layer, count) in expected {
            try layer.build(inputShape: [-1, 32], seed: 1)
            #expect(layer.parameterCount == count, "\(layer)")
        }
        let lstm = LSTM(units: 3)
        try lstm.build(inputShape: [7, 2], seed: 1)
        #expect(lstm.parameters.map(\.name) == ["kernel", "recurrent_kernel", "bias"])
        #expect(lstm.kernel!.value.shape == [2, 12] && lstm.recurrentKernel!.value.shape == [3, 12])
        #expect(lstm.bias!.value.scalars == [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0], "unit forget bias")
        let gru = GRU(units: 3)
        try gru.build(inputShape: [7, 2], seed: 1)
        #expect(gru.bias!.value.shape == [2, 9])
    }

    @Test("output shapes and build errors", arguments: RecurrentKind.allCases)
    func shapes(kind: RecurrentKind) throws {
        let sequences = kind.make(units: 6, returnSequences: true)
        #expect(try sequences.build(inputShape: [-1, 4], seed: 1) == [-1, 6])
        #expect(sequences.forward(randomTensor([2, 7, 4], seed: 1), training: false).shape == [2, 7, 6])
        let last = kind.make(units: 6)
        #expect(try last.build(inputShape: [9, 4], seed: 1) == [6])
        #expect(last.forward(randomTensor([2, 9, 4], seed: 1), training: false).shape == [2, 6])
        #expect(throws: LayerError.self) { try kind.make(units: 2).build(inputShape: [4], seed: 1) }
        #expect(throws: LayerError.self) { try last.build(inputShape: [9, 5], seed: 1) }
    }

    @Test("the last state equals the last step of the sequence output", arguments: RecurrentKind.allCases)
    func lastStateIsLastStep(kind: RecurrentKind) throws {
        let sequences = kind.make(units: 5, returnSequences: true)
        try sequences.build(inputShape: [6, 3], seed: 2)
        let last = kind.make(units: 5)
        try last.build(inputShape: [6, 3], seed: 2)
        let x = randomTensor([2, 6, 3], seed: 3)
        let y = sequences.forward(x, training: false)
        let h = last.forward(x, training: false)
        expectClose(h, timeSteps(y, 5 ..< 6).reshaped([2, 5]))
        expectClose(last.finalState[0], h)
    }

    @Test("goBackwards reads the reversed sequence", arguments: RecurrentKind.allCases)
    func goBackwards(kind: RecurrentKind) throws {
        let backwards = kind.make(units: 4, returnSequences: true, goBackwards: true)
        try backwards.build(inputShape: [5, 3], seed: 4)
        let forwards = kind.make(units: 4, returnSequences: true)
        try forwards.build(inputShape: [5, 3], seed: 4)
        let x = randomTensor([2, 5, 3], seed: 5)
        let reversed = reverseTime(x)
        expectClose(backwards.forward(x, training: false), forwards.forward(reversed, training: false), rtol: 1e-6)
    }

    @Test("masked steps carry the state and repeat the previous output", arguments: RecurrentKind.allCases)
    func maskedSteps(kind: RecurrentKind) throws {
        let layer = kind.make(units: 4, returnSequences: true)
        try layer.build(inputShape: [5, 3], seed: 6)
        let x = randomTensor([3, 5, 3], seed: 7)
        let y = layer.forward(x, mask: paddedMask, training: false)
        #expect(layer.outputMask(for: x, mask: paddedMask) == paddedMask)
        func step(_ b: Int, _ t: Int) -> [Float] { (0 ..< 4).map { y[b, t, $0] } }
        // Row 1 is padded at steps 3 and 4: outputs repeat step 2, and the final state is step 2's.
        #expect(step(1, 3) == step(1, 2) && step(1, 4) == step(1, 2))
        #expect(layer.finalState[0].scalars[4 ..< 8].elementsEqual(step(1, 2)))
        // Row 2 is padded at steps 0 and 1: the state stays zero there.
        #expect(step(2, 0) == [0, 0, 0, 0] && step(2, 1) == [0, 0, 0, 0])
        // Padding changes nothing else: row 1 truncated to 3 steps gives the same last state.
        let last = kind.make(units: 4)
        try last.build(inputShape: [5, 3], seed: 6)
        let truncated = timeSteps(x.slice(1 ..< 2), 0 ..< 3)
        expectClose(last.forward(truncated, training: false).scalars, step(1, 2), rtol: 1e-6)
        #expect(last.outputMask(for: x, mask: paddedMask) == nil)
        // Pre-padding: row 2 equals the unpadded sequence of its last three steps.
        let tail = timeSteps(x.slice(2 ..< 3), 2 ..< 5)
        expectClose(last.forward(tail, training: false).scalars, step(2, 4), rtol: 1e-6)
    }

    @Test("a stateful layer run on two halves matches one run on the whole", arguments: RecurrentKind.allCases)
    func statefulCarry(kind: RecurrentKind) throws {
        let whole = kind.make(units: 5, returnSequences: true)
        try whole.build(inputShape: [-1, 3], seed: 8)
        let halves = kind.make(units: 5, returnSequences: true, stateful: true)
        try halves.build(inputShape: [-1, 3], seed: 8)
        let x = randomTensor([2, 8, 3], seed: 9)
        let expected = whole.forward(x, training: false)
        let first = halves.forward(timeSteps(x, 0 ..< 4), training: false)
        let second = halves.forward(timeSteps(x, 4 ..< 8), training: false)
        expectClose(joinTime([first, second]), expected, rtol: 1e-5, atol: 1e-6)
        for (a, b) in zip(halves.finalState, whole.finalState) { expectClose(a, b, rtol: 1e-5, atol: 1e-6) }
        // resetStates starts again from zeros.
        halves.resetStates()
        #expect(halves.initialState == nil)
        expectClose(halves.forward(timeSteps(x, 0 ..< 4), training: false), first)
    }

    @Test("an explicit initial state is used and a non-stateful layer does not keep its final state")
    func explicitInitialState() throws {
        let lstm = LSTM(units: 3)
        try lstm.build(inputShape: [4, 2], seed: 1)
        let x = randomTensor([2, 4, 2], seed: 2)
        let zeroStart = lstm(x)
        lstm.initialState = [Tensor(zeros: [2, 3]), Tensor(zeros: [2, 3])]
        expectClose(lstm(x), zeroStart)
        lstm.initialState = [randomTensor([2, 3], seed: 3), randomTensor([2, 3], seed: 4)]
        let started = lstm(x)
        #expect(started != zeroStart)
        expectClose(lstm(x), started)
        #expect(lstm.finalState.count == 2 && lstm.finalState[1].shape == [2, 3])
    }

    @Test("dropout: masks only in training, fixed over time, seeded", arguments: RecurrentKind.allCases)
    func dropout(kind: RecurrentKind) throws {
        func make() throws -> any RecurrentLayer {
            let layer = kind.make(units: 6, returnSequences: true, dropout: 0.5, recurrentDropout: 0.3)
            try layer.build(inputShape: [5, 4], seed: 10)
            return layer
        }
        let (a, b) = (try make(), try make())
        let plain = kind.make(units: 6, returnSequences: true)
        try plain.build(inputShape: [5, 4], seed: 10)
        let x = randomTensor([3, 5, 4], seed: 11)
        expectClose(a.forward(x, training: false), plain.forward(x, training: false))
        let trainA = a.forward(x, training: true)
        #expect(trainA != plain.forward(x, training: true))
        expectClose(trainA, b.forward(x, training: true), rtol: 0, atol: 0)
        #expect(a.forward(x, training: true) != trainA, "a fresh mask per batch")
        _ = a.forward(x, training: true)
        // With recurrent dropout, gradients still flow; ∂x has the input's shape.
        #expect(a.backward(Tensor(repeating: 1, shape: [3, 5, 6])).shape == [3, 5, 4])
    }

    @Test("configuration round trips", arguments: RecurrentKind.allCases)
    func configurationRoundTrip(kind: RecurrentKind) throws {
        let layer = kind.make(
            units: 7, returnSequences: true, goBackwards: true, stateful: true, dropout: 0.25, recurrentDropout: 0.125,
            name: "rnn_3")
        let configuration = layer.configuration
        let copy: any Layer =
            switch kind {
            case .simple: try SimpleRNN(configuration: configuration)
            case .gru: try GRU(configuration: configuration)
            case .lstm: try LSTM(configuration: configuration)
            }
        #expect(copy.configuration == configuration)
        #expect(copy.description == layer.description)
        #expect(configuration["units"] == .number(7) && configuration["go_backwards"] == .bool(true))
        var bad = configuration
        bad["dropout"] = .number(1.5)
        #expect(throws: LayerConfigurationError.self) { try LSTM(configuration: bad) }
        bad = configuration
        bad["units"] = nil
        #expect(throws: LayerConfigurationError.self) { try GRU(configuration: bad) }
    }
}

@Suite("Recurrent batches")
struct RecurrentBatchTests {
    @Test("a masked batch matches its samples run one at a time", arguments: RecurrentKind.allCases)
    func batchMatchesSingleSamples(kind: RecurrentKind) throws {
        let (B, T, D, H) = (40, 6, 3, 5)
        let layer = kind.make(units: H, returnSequences: true)
        try layer.build(inputShape: [T, D], seed: 3)
        randomizeBiases(layer, seed: 4)
        let x = randomTensor([B, T, D], seed: 5)
        let mask = Tensor(shape: [B, T], scalars: (0 ..< B * T).map { i in (i % T) < T - (i / T) % 3 ? 1 : 0 })
        let probe = randomTensor([B, T, H], seed: 6)
        layer.zeroGradients()
        let y = layer.forward(x, mask: mask, training: true)
        let dx = layer.backward(probe)
        let batched = layer.parameters.map(\.gradient)
        layer.zeroGradients()
        for b in 0 ..< B {
            let yb = layer.forward(x.slice(b ..< b + 1), mask: mask.slice(b ..< b + 1), training: true)
            expectClose(yb.scalars, Array(y.scalars[b * T * H ..< (b + 1) * T * H]), rtol: 1e-5, atol: 1e-6)
            let dxb = layer.backward(probe.slice(b ..< b + 1))
            expectClose(dxb.scalars, Array(dx.scalars[b * T * D ..< (b + 1) * T * D]), rtol: 1e-4, atol: 1e-5)
        }
        for (single, whole) in zip(layer.parameters.map(\.gradient), batched) {
            expectClose(single, whole, rtol: 1e-4, atol: 1e-4)
        }
    }
}
