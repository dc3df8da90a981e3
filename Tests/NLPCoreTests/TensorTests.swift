import NLPCore
import Testing
import _TestSupport

@Suite("Tensor basics")
struct TensorTests {
    @Test("row-major layout and multi-index access")
    func layout() {
        var t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t[0, 2] == 3)
        #expect(t[1, 0] == 4)
        t[1, 2] = 60
        #expect(t.scalars == [1, 2, 3, 4, 5, 60])
        #expect(t.strides == [3, 1])
        #expect(Tensor.strides(for: [2, 3, 4]) == [12, 4, 1])
        #expect(t.rank == 2 && t.count == 6)
    }

    @Test("convenience initializers")
    func initializers() {
        #expect(Tensor(zeros: [2, 2]).scalars == [0, 0, 0, 0])
        #expect(Tensor(repeating: 7, shape: [3]).scalars == [7, 7, 7])
        #expect(Tensor(scalar: 2.5).shape == [])
        #expect(Tensor(scalar: 2.5).scalar == 2.5)
        #expect(Tensor([1, 2]).shape == [2])
        #expect(Tensor(rows: [[1, 2], [3, 4], [5, 6]]).shape == [3, 2])
        #expect(Tensor(zeros: [0, 5]).count == 0)
    }

    @Test("copy-on-write: a copy is unaffected by writes to the original")
    func copyOnWrite() {
        var a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        let b = a
        a[0, 0] = 100
        #expect(b.scalars == [1, 2, 3, 4])
        #expect(a.scalars == [100, 2, 3, 4])
        var c = b
        c += Tensor(scalar: 1)
        #expect(b.scalars == [1, 2, 3, 4])
        #expect(c.scalars == [2, 3, 4, 5])
    }

    @Test("copy-on-write: a uniquely held tensor is mutated in place, a shared one is copied")
    func inPlaceWhenUnique() {
        var a = Tensor(repeating: 1, shape: [1024])
        let before = a.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        a *= 2
        a += Tensor(repeating: 1, shape: [1024])
        let after = a.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        #expect(before == after, "in-place ops on a unique tensor must not reallocate")
        let shared = a
        a *= 2
        let copied = a.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let original = shared.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        #expect(copied != original)
        #expect(shared.scalars.allSatisfy { $0 == 3 })
        #expect(a.scalars.allSatisfy { $0 == 6 })
    }

    @Test("description shows shape and leading scalars")
    func description() {
        #expect(Tensor([1, 2]).description == "Tensor(shape: [2], scalars: [1.0, 2.0])")
        #expect(Tensor(zeros: [10]).description.contains("(10 scalars)"))
    }

    @Test("scalar counts that do not fill the shape stop with the shape in the message")
    func badShapeMessage() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 3], scalars: [1, 2, 3])
        }.map { result in
            let message = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(message.contains("3 scalars do not fill shape [2, 3]"))
        }
    }
}
