// Reductions along every axis against the reference loops, plus accuracy, ties, NaN and edge shapes.
//
// Defined results for edge cases (NumPy's): a sum along an empty axis is 0, a mean is NaN; the
// sum of an empty tensor is 0 and its mean NaN. Maximum, minimum, argmax and argmin of an empty
// axis or tensor, and any out-of-range axis, stop with a precondition (checked with exit tests).
import NLPCore
import Testing
import _TestSupport

@Suite("ReductionTests")
struct ReductionTests {
    /// Ranks 1–4; inner lengths below, at and above one vector; an axis longer than the 64-row chunk.
    static let shapes: [[Int]] = [
        [37], [1, 1000], [3, 17], [70, 3], [2, 3, 33], [4, 16, 2], [2, 3, 4, 5], [3, 1, 2, 17],
    ]

    static func axes(of shape: [Int]) -> [Int] { Array(-shape.count ..< shape.count) }

    @Test("sum and mean along every axis match the reference", arguments: shapes)
    func sumAndMean(shape: [Int]) {
        let x = randomTensor(shape, seed: 1, lower: -10, upper: 10)
        for axis in Self.axes(of: shape) {
            for keep in [false, true] {
                expectClose(
                    x.sum(alongAxis: axis, keepingDimension: keep),
                    ReferenceKernels.sum(x, alongAxis: axis, keepingDimension: keep), rtol: 1e-5, atol: 1e-4)
                expectClose(
                    x.mean(alongAxis: axis, keepingDimension: keep),
                    ReferenceKernels.mean(x, alongAxis: axis, keepingDimension: keep), rtol: 1e-5, atol: 1e-5)
            }
        }
    }

    @Test("maximum and minimum along every axis match the reference exactly", arguments: shapes)
    func maximumAndMinimum(shape: [Int]) {
        let x = randomTensor(shape, seed: 2, lower: -10, upper: 10)
        for axis in Self.axes(of: shape) {
            for keep in [false, true] {
                #expect(
                    x.maximum(alongAxis: axis, keepingDimension: keep)
                        == ReferenceKernels.extreme(x, alongAxis: axis, greatest: true, keepingDimension: keep))
                #expect(
                    x.minimum(alongAxis: axis, keepingDimension: keep)
                        == ReferenceKernels.extreme(x, alongAxis: axis, greatest: false, keepingDimension: keep))
            }
        }
    }

    @Test("argmax and argmin along every axis match the reference", arguments: shapes)
    func argmaxAndArgmin(shape: [Int]) {
        // Few distinct values, so ties are common.
        let x = randomTensor(shape, seed: 3, lower: 0, upper: 4).map { $0.rounded(.down) }
        for axis in Self.axes(of: shape) {
            #expect(x.argmax(alongAxis: axis) == ReferenceKernels.argExtreme(x, alongAxis: axis, greatest: true))
            #expect(x.argmin(alongAxis: axis) == ReferenceKernels.argExtreme(x, alongAxis: axis, greatest: false))
        }
    }

    @Test("result shapes with and without keepingDimension")
    func resultShapes() {
        let x = Tensor(zeros: [2, 3, 4])
        #expect(x.sum(alongAxis: 0).shape == [3, 4])
        #expect(x.sum(alongAxis: 1, keepingDimension: true).shape == [2, 1, 4])
        #expect(x.mean(alongAxis: -1).shape == [2, 3])
        #expect(x.maximum(alongAxis: -1, keepingDimension: true).shape == [2, 3, 1])
        #expect(x.argmax(alongAxis: 1).count == 8)
        #expect(Tensor([1, 2, 3]).sum(alongAxis: 0).shape == [])
        #expect(Tensor([1, 2, 3]).sum(alongAxis: 0, keepingDimension: true).shape == [1])
    }

    @Test("small worked examples")
    func workedExamples() {
        let x = Tensor(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(x.sum(alongAxis: 0).scalars == [5, 7, 9])
        #expect(x.sum(alongAxis: -1).scalars == [6, 15])
        #expect(x.mean(alongAxis: 1).scalars == [2, 5])
        #expect(x.maximum(alongAxis: 0).scalars == [4, 5, 6])
        #expect(x.minimum(alongAxis: 1).scalars == [1, 4])
        #expect(x.argmax(alongAxis: 1) == [2, 2])
        #expect(x.argmin(alongAxis: 0) == [0, 0, 0])
        #expect(x.sum() == 21 && x.mean() == 3.5 && x.maximum() == 6 && x.minimum() == 1)
        #expect(x.argmax() == 5 && x.argmin() == 0)
    }

    // MARK: - Ties and NaN

    @Test("argmax ties go to the first index, as in NumPy")
    func argmaxTies() {
        #expect(Tensor([1, 3, 3, 2]).argmax() == 1)
        #expect(Tensor([Float](repeating: 7, count: 40)).argmax() == 0)
        #expect(Tensor(rows: [[5, 1], [5, 9], [2, 9]]).argmax(alongAxis: 0) == [0, 1])
        #expect(Tensor(rows: [[5, 5, 1], [0, 9, 9]]).argmax(alongAxis: 1) == [0, 1])
        #expect(Tensor([2, 1, 1, 3]).argmin() == 1)
        var long = [Float](repeating: 0, count: 100)
        long[37] = 5
        long[80] = 5
        #expect(Tensor(long).argmax() == 37)
    }

    @Test("NaN propagates through maximum and minimum; argmax finds the first NaN")
    func nanHandling() {
        let x = Tensor([1, .nan, 3, .nan, 2] + [Float](repeating: 0, count: 20))
        #expect(x.maximum().isNaN && x.minimum().isNaN)
        #expect(x.argmax() == 1 && x.argmin() == 1)
        let rows = Tensor(rows: [[1, .nan], [3, 2], [.nan, 0]])
        #expect(rows.maximum(alongAxis: 0).scalars.allSatisfy { $0.isNaN })
        #expect(rows.argmax(alongAxis: 0) == [2, 0])
        #expect(rows.argmax(alongAxis: 1) == [1, 0, 0])
        #expect(rows.sum(alongAxis: 1).scalars[1] == 5)
    }

    // MARK: - Accuracy

    @Test("sums of 1e6+ scalars stay accurate")
    func largeSums() {
        let count = 1 << 20
        let x = Tensor([Float](repeating: 0.1, count: count))
        let exact = Double(Float(0.1)) * Double(count)
        #expect(abs(Double(x.sum()) - exact) / exact < 1e-6)
        #expect(abs(Double(x.mean()) - Double(Float(0.1))) / 0.1 < 1e-6)
        let rows = Tensor(shape: [count / 4, 4], scalars: x.scalars)
        for total in rows.sum(alongAxis: 0).scalars { #expect(abs(Double(total) - exact / 4) / exact < 1e-6) }
        let column = Tensor(shape: [1, count], scalars: x.scalars)
        #expect(abs(Double(column.sum(alongAxis: -1).scalar) - exact) / exact < 1e-6)
    }

    // MARK: - Empty axes and bad axes

    @Test("empty axes: sums are 0, means NaN; empty outer axes give empty results")
    func emptyAxes() {
        let x = Tensor(zeros: [3, 0])
        #expect(x.sum(alongAxis: 1).scalars == [0, 0, 0])
        #expect(x.mean(alongAxis: 1).scalars.allSatisfy { $0.isNaN })
        #expect(x.sum(alongAxis: 0).shape == [0])
        #expect(x.maximum(alongAxis: 0).shape == [0])
        #expect(x.argmax(alongAxis: 0) == [])
        #expect(Tensor(zeros: [0]).sum() == 0)
        #expect(Tensor(zeros: [0]).mean().isNaN)
        #expect(Tensor(scalar: 4).sum() == 4 && Tensor(scalar: 4).argmax() == 0)
    }

    @Test("bad axes and empty maxima stop with a precondition")
    func preconditions() async {
        await #expect(processExitsWith: .failure) { _ = Tensor(zeros: [2, 3]).sum(alongAxis: 2) }
        await #expect(processExitsWith: .failure) { _ = Tensor(zeros: [2, 3]).mean(alongAxis: -3) }
        await #expect(processExitsWith: .failure) { _ = Tensor(scalar: 1).sum(alongAxis: 0) }
        await #expect(processExitsWith: .failure) { _ = Tensor(zeros: [3, 0]).maximum(alongAxis: 1) }
        await #expect(processExitsWith: .failure) { _ = Tensor(zeros: [3, 0]).argmax(alongAxis: -1) }
        await #expect(processExitsWith: .failure) { _ = Tensor(zeros: [0]).maximum() }
    }
}
