// NumPy-style broadcasting for elementwise binary operations.

extension Tensor {
    /// The shape two operands broadcast to, NumPy style: shapes are aligned on the right and each
    /// axis pair must be equal or contain a 1.
    /// - Precondition: the shapes are compatible; the message shows both.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = max(a.count, b.count)
        var shape = [Int](repeating: 1, count: rank)
        for axis in 0 ..< rank {
            let x = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
            let y = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
            precondition(
                x == y || x == 1 || y == 1,
                "shapes \(a) and \(b) cannot be broadcast together (axis \(axis): \(x) vs \(y))")
            shape[axis] = x == 1 ? y : x
        }
        return shape
    }

    /// Strides of `shape` laid over the broadcast `target` shape: 0 along broadcast axes.
    @usableFromInline
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = Tensor.strides(for: shape)
        let lead = target.count - shape.count
        return (0 ..< target.count).map { axis in
            axis < lead || shape[axis - lead] == 1 ? 0 : own[axis - lead]
        }
    }

    /// `op` applied elementwise with broadcasting; same-shape and scalar operands take flat SIMD
    /// loops, everything else walks the outer axes and runs a SIMD loop along the last one.
    @inlinable
    public static func broadcasting(
        _ a: Tensor, _ b: Tensor, _ vector: (FloatVector, FloatVector) -> FloatVector
    ) -> Tensor {
        if a.shape == b.shape {
            return Tensor(shape: a.shape) { out in
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        VectorKernels.binary(
                            pa.baseAddress!, pb.baseAddress!, out.baseAddress!, count: a.count, vector)
                    }
                }
            }
        }
        let shape = broadcastShape(a.shape, b.shape)
        return Tensor(shape: shape) { out in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    broadcastLoop(
                        pa.baseAddress!, broadcastStrides(a.shape, to: shape), pb.baseAddress!,
                        broadcastStrides(b.shape, to: shape), out.baseAddress!, shape: shape, vector)
                }
            }
        }
    }

    /// `a = op(a, b)` in place, broadcasting `b` over `a`.
    /// - Precondition: `b` broadcasts to exactly `a.shape`.
    @inlinable
    public static func formBroadcasting(
        _ a: inout Tensor, _ b: Tensor, _ vector: (FloatVector, FloatVector) -> FloatVector
    ) {
        let shape = a.shape
        precondition(
            broadcastShape(shape, b.shape) == shape,
            "in-place operation: \(b.shape) does not broadcast to the left operand's shape \(shape)")
        let aStrides = broadcastStrides(shape, to: shape)
        let bStrides = broadcastStrides(b.shape, to: shape)
        let same = shape == b.shape
        let count = a.count
        b.withUnsafeBufferPointer { pb in
            a.withUnsafeMutableBufferPointer { pa in
                if same {
                    VectorKernels.binary(
                        pa.baseAddress!, pb.baseAddress!, pa.baseAddress!, count: count, vector)
                } else {
                    broadcastLoop(
                        pa.baseAddress!, aStrides, pb.baseAddress!, bStrides, pa.baseAddress!, shape: shape,
                        vector)
                }
            }
        }
    }

    /// Walks every position of `shape` (row-major) as rows of its last axis.
    @inlinable @inline(__always)
    static func broadcastLoop(
        _ a: UnsafePointer<Float>, _ aStrides: [Int], _ b: UnsafePointer<Float>, _ bStrides: [Int],
        _ out: UnsafeMutablePointer<Float>, shape: [Int],
        _ vector: (FloatVector, FloatVector) -> FloatVector
    ) {
        let count = shape.reduce(1, *)
        if count == 0 { return }
        if shape.isEmpty {
            out[0] = VectorKernels.single(a[0], b[0], vector)
            return
        }
        let rank = shape.count
        let inner = shape[rank - 1]
        let aInner = aStrides[rank - 1]
        let bInner = bStrides[rank - 1]
        var index = [Int](repeating: 0, count: rank - 1)
        var aOffset = 0
        var bOffset = 0
        var outOffset = 0
        while outOffset < count {
            let pa = a + aOffset
            let pb = b + bOffset
            let po = out + outOffset
            switch (aInner, bInner) {
            case (0, 0):
                let value = VectorKernels.single(pa[0], pb[0], vector)
                po.update(repeating: value, count: inner)
            case (_, 0):
                VectorKernels.binary(pa, scalar: pb[0], po, count: inner, vector)
            case (0, _):
                VectorKernels.binary(scalar: pa[0], pb, po, count: inner, vector)
            default:
                VectorKernels.binary(pa, pb, po, count: inner, vector)
            }
            outOffset += inner
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                aOffset += aStrides[axis]
                bOffset += bStrides[axis]
                if index[axis] < shape[axis] { break }
                aOffset -= aStrides[axis] * shape[axis]
                bOffset -= bStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
