import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("GlobalPooling1D")
struct PoolingTests {
    /// [2, 3, 2]: sample 0 steps [1, 2], [3, -4], [5, 6]; sample 1 steps [-1, 0], [7, 8], [9, 10].
    static let x = Tensor(shape: [2, 3, 2], scalars: [1, 2, 3, -4, 5, 6, -1, 0, 7, 8, 9, 10])
    /// Sample 0: all steps real; sample 1: only step 0 and 1 real.
    static let mask = Tensor(shape: [2, 3], scalars: [1, 1, 1, 1, 1, 0])

    @Test("average over every step, and over real steps only with a mask")
    func average() throws {
        let pool = GlobalAveragePooling1D(name: "avg")
        #expect(try pool.build(inputShape: [-1, 2], seed: 1) == [2])
        expectClose(pool(Self.x), Tensor(rows: [[3, 4 / 3], [5, 6]]))
        let masked = pool.forward(Self.x, mask: Self.mask, training: false)
        expectClose(masked, Tensor(rows: [[3, 4 / 3], [3, 4]]))
        #expect(pool.outputMask(for: Self.x, mask: Self.mask) == nil)
        // Backward spreads each gradient evenly over the real steps.
        let dx = pool.backward(Tensor(rows: [[3, 6], [2, 4]]))
        expectClose(dx, Tensor(shape: [2, 3, 2], scalars: [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 0, 0]))
    }

    @Test("max over every step, and over real steps only with a mask")
    func maximum() throws {
        let pool = GlobalMaxPooling1D(name: "max")
        #expect(try pool.build(inputShape: [3, 2], seed: 1) == [2])
        #expect(pool(Self.x) == Tensor(rows: [[5, 6], [9, 10]]))
        let masked = pool.forward(Self.x, mask: Self.mask, training: false)
        #expect(masked == Tensor(rows: [[5, 6], [7, 8]]))
        // The gradient goes to the winning real step only.
        let dx = pool.backward(Tensor(rows: [[1, 2], [3, 4]]))
        #expect(dx == Tensor(shape: [2, 3, 2], scalars: [0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0]))
    }

    @Test("a row of padding only pools to zeros")
    func allPadding() throws {
        let mask = Tensor(shape: [2, 3], scalars: [0, 0, 0, 1, 0, 0])
        let average = GlobalAveragePooling1D()
        try average.build(inputShape: [3, 2], seed: 1)
        #expect(average.forward(Self.x, mask: mask, training: false) == Tensor(rows: [[0, 0], [-1, 0]]))
        let maximum = GlobalMaxPooling1D()
        try maximum.build(inputShape: [3, 2], seed: 1)
        #expect(maximum.forward(Self.x, mask: mask, training: false) == Tensor(rows: [[0, 0], [-1, 0]]))
        #expect(maximum.backward(Tensor(repeating: 1, shape: [2, 2])).scalars == [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0])
    }

    @Test("average pooling gradient matches finite differences", arguments: [false, true])
    func averageGradientCheck(masked: Bool) throws {
        let pool = GlobalAveragePooling1D(name: "avg")
        try pool.build(inputShape: [4, 3], seed: 1)
        let mask = masked ? Tensor(shape: [2, 4], scalars: [1, 1, 1, 0, 1, 0, 0, 0]) : nil
        checkLayerGradients(pool, input: randomTensor([2, 4, 3], seed: 3), mask: mask)
    }

    @Test("max pooling gradient matches finite differences", arguments: [false, true])
    func maxGradientCheck(masked: Bool) throws {
        let pool = GlobalMaxPooling1D(name: "max")
        try pool.build(inputShape: [4, 3], seed: 1)
        let mask = masked ? Tensor(shape: [2, 4], scalars: [1, 1, 1, 0, 0, 1, 1, 0]) : nil
        // Distinct values at least 0.1 apart (> h) so no finite step changes the winner.
        var rng = SplitMix64(seed: 4)
        var values = (0 ..< 24).map { Float($0) * 0.1 }
        values.shuffle(using: &rng)
        checkLayerGradients(pool, input: Tensor(shape: [2, 4, 3], scalars: values), mask: mask)
    }

    @Test("build needs [time, features]; configurations round-trip")
    func buildAndConfiguration() throws {
        #expect(throws: LayerError.self) { try GlobalAveragePooling1D(name: "a").build(inputShape: [8], seed: 1) }
        #expect(throws: LayerError.self) { try GlobalMaxPooling1D(name: "m").build(inputShape: [4, -1], seed: 1) }
        let average = GlobalAveragePooling1D(name: "avg")
        #expect(try GlobalAveragePooling1D(configuration: average.configuration).configuration == average.configuration)
        let maximum = GlobalMaxPooling1D(name: "max")
        #expect(try GlobalMaxPooling1D(configuration: maximum.configuration).configuration == maximum.configuration)
    }
}
