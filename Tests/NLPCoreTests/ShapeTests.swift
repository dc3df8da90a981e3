import NLPCore
import Testing
import _TestSupport

@Suite("Reshape, transpose, slicing, concatenation, gather and scatter-add")
struct ShapeTests {
    @Test("reshape keeps scalars and infers one axis")
    func reshape() {
        let t = randomTensor([4, 6], seed: 1)
        #expect(t.reshaped([2, 12]).scalars == t.scalars)
        #expect(t.reshaped([3, -1]).shape == [3, 8])
        #expect(t.reshaped([-1]).shape == [24])
    }

    @Test("transpose matches the naive loop", arguments: [[1, 1], [3, 5], [33, 70], [64, 2]])
    func transpose(shape: [Int]) {
        let t = randomTensor(shape, seed: 2)
        #expect(t.transposed() == ReferenceKernels.transpose(t))
        #expect(t.transposed().transposed() == t)
    }

    @Test("slices and rows along the first axis")
    func slicing() {
        let t = Tensor(shape: [4, 2], scalars: [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(t.slice(1 ..< 3) == Tensor(shape: [2, 2], scalars: [2, 3, 4, 5]))
        #expect(t.slice(2 ..< 2).shape == [0, 2])
        #expect(t[row: 3] == Tensor([6, 7]))
        var u = t
        u[row: 0] = Tensor([9, 9])
        #expect(u.scalars.prefix(2) == [9, 9])
        #expect(t.scalars.prefix(2) == [0, 1])
    }

    @Test("concatenation joins along the first axis")
    func concatenation() {
        let a = randomTensor([2, 3], seed: 3)
        let b = randomTensor([1, 3], seed: 4)
        let c = Tensor.concatenate([a, b])
        #expect(c.shape == [3, 3])
        #expect(c.slice(0 ..< 2) == a && c.slice(2 ..< 3) == b)
    }

    @Test("gather and scatter-add match the naive loops, with repeated indices")
    func gatherScatter() {
        let table = randomTensor([10, 19], seed: 5)
        let indices = [3, 0, 3, 9, 7, 3]
        #expect(table.gatherRows(indices) == ReferenceKernels.gatherRows(table, indices))
        let updates = randomTensor([indices.count, 19], seed: 6)
        var fast = table
        fast.scatterAddRows(indices, updates)
        expectClose(fast, ReferenceKernels.scatterAddRows(table, indices, updates), atol: 1e-6)
    }

    @Test("an out-of-range gather index stops with the index and the row count")
    func gatherOutOfRange() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(zeros: [4, 2]).gatherRows([1, 4])
        }.map { result in
            let message = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(message.contains("index 4 is out of range for 4 rows"))
        }
    }

    @Test("a reshape to the wrong size stops with both shapes")
    func badReshape() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(zeros: [2, 3]).reshaped([4, 2])
        }.map { result in
            let message = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(message.contains("cannot reshape [2, 3] (6 scalars) to [4, 2]"))
        }
    }
}
