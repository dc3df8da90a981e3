import NLPCore
import Testing
import _TestSupport

@Suite("Elementwise arithmetic with broadcasting")
struct BroadcastingTests {
    /// Shape pairs covering same shape, scalar, row, column, outer-product and rank-3 cases, with
    /// lengths that exercise the 16-lane body and the scalar tail.
    static let shapePairs: [([Int], [Int])] = [
        ([37], [37]), ([3, 17], [3, 17]), ([5, 33], []), ([], [5, 33]), ([5, 33], [1]),
        ([4, 19], [19]), ([19], [4, 19]), ([6, 40], [6, 1]), ([6, 1], [6, 40]), ([7, 1], [1, 18]),
        ([2, 3, 20], [3, 20]), ([2, 1, 20], [5, 1]), ([2, 3, 1], [1, 1, 16]), ([1], [1]),
        ([0, 4], [4]), ([3, 0], [3, 1]),
    ]

    @Test("+ − × ÷ match the reference broadcast", arguments: shapePairs)
    func matchesReference(shapes: ([Int], [Int])) {
        let a = randomTensor(shapes.0, seed: 1)
        let b = randomTensor(shapes.1, seed: 2, lower: 0.5, upper: 2)
        expectClose(a + b, ReferenceKernels.broadcast(a, b, +))
        expectClose(a - b, ReferenceKernels.broadcast(a, b, -))
        expectClose(a * b, ReferenceKernels.broadcast(a, b, *))
        expectClose(a / b, ReferenceKernels.broadcast(a, b, /))
    }

    @Test("result shapes follow NumPy")
    func shapes() {
        #expect(Tensor.broadcastShape([4, 1, 3], [5, 1]) == [4, 5, 3])
        #expect(Tensor.broadcastShape([], [2, 2]) == [2, 2])
        #expect(Tensor.broadcastShape([0, 3], [1, 3]) == [0, 3])
    }

    @Test("in-place operators broadcast the right operand over the left")
    func inPlace() {
        var a = randomTensor([5, 21], seed: 3)
        let original = a
        let row = randomTensor([21], seed: 4)
        let column = randomTensor([5, 1], seed: 5, lower: 1, upper: 2)
        a += row
        expectClose(a, ReferenceKernels.broadcast(original, row, +))
        a -= row
        a *= column
        expectClose(a, ReferenceKernels.broadcast(original, column, *), rtol: 1e-5, atol: 1e-6)
        a /= column
        expectClose(a, original, atol: 1e-6)
    }

    @Test("scalar operators and maps")
    func scalarOps() {
        let a = randomTensor([35], seed: 6, lower: 0.1, upper: 3)
        expectClose(a + 2, a.map { $0 + 2 })
        expectClose(2 - a, a.map { 2 - $0 })
        expectClose(a * 3, a.map { $0 * 3 })
        expectClose(1 / a, a.map { 1 / $0 })
        expectClose(-a, a.map { -$0 })
        expectClose(a.squared(), a.map { $0 * $0 })
        expectClose(a.squareRoot(), a.map { $0.squareRoot() })
        expectClose((-a).magnitude(), a)
        expectClose(a.clamped(lower: 1, upper: 2), a.map { min(max($0, 1), 2) })
        var b = a
        b.addScaled(a, by: -0.5)
        expectClose(b, a * 0.5)
        expectClose(a.log().exp(), a, rtol: 1e-5)
    }

    @Test("incompatible shapes stop with both shapes in the message")
    func incompatible() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(zeros: [2, 3]) + Tensor(zeros: [4])
        }.map { result in
            let message = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(message.contains("shapes [2, 3] and [4] cannot be broadcast together"))
        }
        await #expect(processExitsWith: .failure) {
            var a = Tensor(zeros: [3])
            a += Tensor(zeros: [2, 3])
        }
    }
}
