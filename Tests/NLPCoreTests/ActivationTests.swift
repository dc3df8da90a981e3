// Activation forward and backward passes against the Double reference loops and finite differences.
import Foundation
import NLPCore
import Testing
import _TestSupport

@Suite("ActivationTests")
struct ActivationTests {
    static let activations: [Activation] = [
        .linear, .relu, .leakyRelu(), .leakyRelu(alpha: 0.01), .sigmoid, .tanh, .softmax, .logSoftmax, .swish,
        .elu(), .elu(alpha: 0.5),
    ]
    /// Counts that exercise a tail only, exactly one vector, a vector plus tail, and long bodies.
    static let counts = [1, 15, 16, 17, 33, 1000]
    /// Rank 2 and 3 shapes: softmax rows shorter, equal to and longer than one vector.
    static let shapes: [[Int]] = [[3, 17], [4, 16], [2, 3, 5], [2, 2, 40]]

    /// Inputs in [-4, 4) with nothing within 0.05 of 0, so finite differences never straddle a kink.
    static func input(_ shape: [Int], seed: UInt64) -> Tensor {
        randomTensor(shape, seed: seed, lower: -4, upper: 4).map { abs($0) < 0.05 ? $0 + 0.1 : $0 }
    }

    // MARK: - Forward and backward against the reference

    @Test("forward matches the reference, rank 1", arguments: activations, counts)
    func forwardRank1(activation: Activation, count: Int) {
        let x = Self.input([count], seed: UInt64(count))
        expectClose(activation.apply(x), ReferenceKernels.activation(activation, x), rtol: 2e-6, atol: 1e-6)
    }

    @Test("forward matches the reference, ranks 2 and 3", arguments: activations, shapes)
    func forwardHigherRank(activation: Activation, shape: [Int]) {
        let x = Self.input(shape, seed: 7)
        expectClose(activation.apply(x), ReferenceKernels.activation(activation, x), rtol: 2e-6, atol: 1e-6)
    }

    @Test(
        "backward matches the reference", arguments: activations,
        [[1], [15], [16], [17], [33], [1000], [3, 17], [2, 3, 5]])
    func backwardMatchesReference(activation: Activation, shape: [Int]) {
        let x = Self.input(shape, seed: 11)
        let g = randomTensor(shape, seed: 12)
        let y = activation.apply(x)
        let dx = activation.backward(input: x, output: y, outputGradient: g)
        // Output-based derivatives such as y(1 − y) lose a few bits where y is near 1.
        expectClose(
            dx, ReferenceKernels.activationBackward(activation, input: x, outputGradient: g), rtol: 1e-4, atol: 1e-6)
    }

    // MARK: - Finite differences

    /// `∂/∂x_i Σ apply(x) ⊙ g` by centred differences with h = 1e-2 in Float32.
    static func numericGradient(_ activation: Activation, _ x: Tensor, _ g: Tensor, h: Float = 1e-2) -> [Float] {
        func loss(_ scalars: [Float]) -> Double {
            let y = activation.apply(Tensor(shape: x.shape, scalars: scalars))
            return zip(y.scalars, g.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        return (0 ..< x.count).map { i in
            var plus = x.scalars
            var minus = x.scalars
            plus[i] += h
            minus[i] -= h
            return Float((loss(plus) - loss(minus)) / (Double(plus[i]) - Double(minus[i])))
        }
    }

    @Test(
        "backward matches centred finite differences", arguments: activations,
        [[1], [15], [16], [17], [33], [3, 17], [2, 3, 5]])
    func backwardMatchesFiniteDifferences(activation: Activation, shape: [Int]) {
        let x = Self.input(shape, seed: 21)
        let g = randomTensor(shape, seed: 22)
        let dx = activation.backward(input: x, output: activation.apply(x), outputGradient: g)
        expectClose(dx.scalars, Self.numericGradient(activation, x, g), rtol: 1e-2, atol: 1e-3)
    }

    // MARK: - Softmax

    @Test("softmax is stable for huge inputs")
    func softmaxHugeInputs() {
        let x = Tensor(rows: [
            [1000, -1000, 999, 0], [-1000, -1000, -1000, -1000], [1000, 1000, 1000, 1000], [88, 89, 90, 1000],
        ])
        let y = x.softmax()
        #expect(y.scalars.allSatisfy { $0.isFinite })
        expectClose(y.sum(alongAxis: -1).scalars, [1, 1, 1, 1], rtol: 1e-6)
        expectClose(y.scalars[0], 1 / (1 + Float(Foundation.exp(-1.0))), rtol: 1e-6)
        expectClose(Array(y.scalars[4 ..< 12]), [Float](repeating: 0.25, count: 8))
        let logY = x.logSoftmax()
        #expect(logY.scalars.allSatisfy { $0.isFinite })
        expectClose(logY.scalars[1], -2000 - Float(Foundation.log1p(Foundation.exp(-1.0))), rtol: 1e-6)
    }

    @Test("logSoftmax equals log(softmax) where the softmax is not tiny", arguments: [[1, 7], [3, 17], [2, 5, 33]])
    func logSoftmaxIsLogOfSoftmax(shape: [Int]) {
        let x = randomTensor(shape, seed: 31, lower: -20, upper: 20)
        let p = x.softmax().scalars
        let logP = x.logSoftmax().scalars
        for i in 0 ..< p.count where p[i] > 1e-30 {
            expectClose(logP[i], Foundation.log(p[i]), rtol: 1e-5, atol: 2e-6)
        }
    }

    @Test("softmax rows sum to 1 and every value lies in [0, 1]", arguments: [[1], [16], [5, 17], [3, 2, 100]])
    func softmaxRowsSumToOne(shape: [Int]) {
        let y = randomTensor(shape, seed: 41, lower: -30, upper: 30).softmax()
        #expect(y.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        let sums = y.sum(alongAxis: -1).scalars
        expectClose(sums, [Float](repeating: 1, count: sums.count), rtol: 1e-6)
    }

    @Test("softmax of a rank-0 tensor is 1; empty tensors keep their shape")
    func softmaxEdgeShapes() {
        #expect(Tensor(scalar: 3).softmax().scalars == [1])
        #expect(Tensor(scalar: 3).logSoftmax().scalars == [0])
        for shape in [[0], [0, 5], [3, 0]] {
            for activation in Self.activations {
                let empty = Tensor(zeros: shape)
                #expect(activation.apply(empty).shape == shape)
                #expect(activation.backward(input: empty, output: empty, outputGradient: empty).shape == shape)
            }
        }
    }

    // MARK: - Edge values

    @Test("elementwise values at edges")
    func edgeValues() {
        let x = Tensor([-Float.infinity, -100, -1e-20, 0, 1e-20, 100, .infinity])
        #expect(x.relu().scalars == [0, 0, 0, 0, 1e-20, 100, .infinity])
        #expect(x.sigmoid().scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(x.tanh().scalars == [-1, -1, -1e-20, 0, 1e-20, 1, 1])
        #expect(Tensor([Float.nan]).relu().scalars[0].isNaN)
        #expect(Tensor([Float.nan]).sigmoid().scalars[0].isNaN)
        #expect(Tensor([Float.nan]).tanh().scalars[0].isNaN)
        expectClose(Tensor([-1e-6, -1e-3]).elu().scalars, [-1e-6 + 5e-13, -0.000_999_500_17], rtol: 1e-6)
    }

    // MARK: - Raw buffers and API

    @Test("pointer variants in place equal the tensor versions", arguments: activations, [[17], [3, 17]])
    func inPlaceVariants(activation: Activation, shape: [Int]) {
        let x = Self.input(shape, seed: 51)
        let g = randomTensor(shape, seed: 52)
        let y = activation.apply(x)
        var inPlace = x
        activation.applyInPlace(&inPlace)
        #expect(inPlace == y)
        var gradient = g
        let rowLength = shape.last!
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                gradient.withUnsafeMutableBufferPointer { pg in
                    // Only the buffers this activation reads are passed; the gradient is updated in place.
                    activation.backward(
                        input: activation.backwardReadsInput ? px.baseAddress! : nil,
                        output: activation.backwardReadsOutput ? py.baseAddress! : nil,
                        outputGradient: pg.baseAddress!, into: pg.baseAddress!, count: x.count, rowLength: rowLength)
                }
            }
        }
        #expect(gradient == activation.backward(input: x, output: y, outputGradient: g))
    }

    @Test("convenience methods equal apply")
    func convenienceMethods() {
        let x = Self.input([2, 19], seed: 61)
        #expect(x.relu() == Activation.relu.apply(x))
        #expect(x.leakyRelu() == Activation.leakyRelu(alpha: 0.3).apply(x))
        #expect(x.leakyRelu(alpha: 0.1) == Activation.leakyRelu(alpha: 0.1).apply(x))
        #expect(x.sigmoid() == Activation.sigmoid.apply(x))
        #expect(x.tanh() == Activation.tanh.apply(x))
        #expect(x.swish() == Activation.swish.apply(x))
        #expect(x.elu() == Activation.elu(alpha: 1).apply(x))
        #expect(x.softmax() == Activation.softmax.apply(x))
        #expect(x.logSoftmax() == Activation.logSoftmax.apply(x))
        #expect(Activation.linear.apply(x) == x)
    }

    @Test("Codable round trip and descriptions")
    func codableAndDescription() throws {
        for activation in Self.activations {
            let data = try JSONEncoder().encode(activation)
            #expect(try JSONDecoder().decode(Activation.self, from: data) == activation)
        }
        #expect(Activation.leakyRelu().description == "leakyRelu(alpha: 0.3)")
        #expect(Activation.elu().description == "elu(alpha: 1.0)")
        #expect(Activation.softmax.description == "softmax")
        #expect(Activation.leakyRelu() != Activation.leakyRelu(alpha: 0.2))
    }
}
