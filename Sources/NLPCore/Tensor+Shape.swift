// Reshape, transpose, slicing, concatenation, and row gather / scatter-add.

extension Tensor {
    /// The same scalars with a new shape; one axis may be `-1` to be inferred.
    /// - Precondition: the new shape holds the same number of scalars.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var result = self
        result.reshape(newShape)
        return result
    }

    /// Changes the shape in place without moving scalars; one axis may be `-1` to be inferred.
    /// - Precondition: the new shape holds the same number of scalars.
    public mutating func reshape(_ newShape: [Int]) {
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        precondition(inferred.count <= 1, "reshape \(shape) to \(newShape): more than one -1")
        if let axis = inferred.first {
            let known = newShape.enumerated().filter { $0.offset != axis }.map(\.element).reduce(1, *)
            precondition(
                known > 0 && count % known == 0, "cannot reshape \(shape) (\(count) scalars) to \(newShape)")
            resolved[axis] = count / known
        }
        precondition(
            resolved.allSatisfy { $0 >= 0 } && resolved.reduce(1, *) == count,
            "cannot reshape \(shape) (\(count) scalars) to \(newShape)")
        shape = resolved
    }

    /// The transpose of a rank-2 tensor, copied in cache-friendly 32×32 tiles.
    /// - Precondition: rank 2.
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed() needs a rank-2 tensor, got \(shape)")
        let rows = shape[0]
        let columns = shape[1]
        let tile = 32
        return withUnsafeBufferPointer { src in
            Tensor(shape: [columns, rows]) { dst in
                var r0 = 0
                while r0 < rows {
                    var c0 = 0
                    while c0 < columns {
                        for r in r0 ..< Swift.min(r0 + tile, rows) {
                            for c in c0 ..< Swift.min(c0 + tile, columns) {
                                dst[c * rows + r] = src[r * columns + c]
                            }
                        }
                        c0 += tile
                    }
                    r0 += tile
                }
            }
        }
    }

    // MARK: - First-axis slicing and concatenation

    /// The number of scalars in one entry of the first axis.
    @inlinable
    var rowSize: Int { rank == 0 ? 1 : shape.dropFirst().reduce(1, *) }

    /// Entries `range` of the first axis, e.g. a batch of rows.
    /// - Precondition: rank ≥ 1 and the range lies within the first axis.
    public func slice(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1, "slice of a scalar tensor")
        precondition(
            range.lowerBound >= 0 && range.upperBound <= shape[0],
            "slice \(range) is out of bounds for first axis of \(shape)")
        var newShape = shape
        newShape[0] = range.count
        let size = rowSize
        return Tensor(shape: newShape, scalars: Array(storage[(range.lowerBound * size) ..< (range.upperBound * size)]))
    }

    /// Entry `index` of the first axis, with that axis removed (a row of a matrix).
    /// - Precondition: rank ≥ 1 and `index` within the first axis.
    public subscript(row index: Int) -> Tensor {
        get {
            precondition(rank >= 1 && index >= 0 && index < shape[0], "row \(index) is out of bounds for \(shape)")
            let size = rowSize
            return Tensor(
                shape: Array(shape.dropFirst()), scalars: Array(storage[(index * size) ..< ((index + 1) * size)]))
        }
        set {
            precondition(rank >= 1 && index >= 0 && index < shape[0], "row \(index) is out of bounds for \(shape)")
            precondition(
                newValue.shape == Array(shape.dropFirst()),
                "row of shape \(newValue.shape) does not fit \(shape)")
            let size = rowSize
            storage.replaceSubrange((index * size) ..< ((index + 1) * size), with: newValue.storage)
        }
    }

    /// Joins tensors along the first axis.
    /// - Precondition: at least one tensor, all of rank ≥ 1 with equal trailing axes.
    public static func concatenate(_ tensors: [Tensor]) -> Tensor {
        precondition(!tensors.isEmpty, "concatenate needs at least one tensor")
        let trailing = Array(tensors[0].shape.dropFirst())
        for t in tensors {
            precondition(
                t.rank >= 1 && Array(t.shape.dropFirst()) == trailing,
                "concatenate: shapes \(tensors.map(\.shape)) differ beyond the first axis")
        }
        var scalars: [Float] = []
        scalars.reserveCapacity(tensors.reduce(0) { $0 + $1.count })
        for t in tensors { scalars.append(contentsOf: t.storage) }
        return Tensor(shape: [tensors.reduce(0) { $0 + $1.shape[0] }] + trailing, scalars: scalars)
    }

    // MARK: - Row gather and scatter-add (embeddings)

    /// The rows `indices` of a rank-2 tensor, as `[indices.count, columns]` (an embedding lookup).
    /// - Precondition: rank 2 and every index within the rows.
    public func gatherRows(_ indices: [Int]) -> Tensor {
        precondition(rank == 2, "gatherRows needs a rank-2 tensor, got \(shape)")
        let rows = shape[0]
        let columns = shape[1]
        return withUnsafeBufferPointer { src in
            Tensor(shape: [indices.count, columns]) { dst in
                for (i, r) in indices.enumerated() {
                    precondition(r >= 0 && r < rows, "gatherRows: index \(r) is out of range for \(rows) rows")
                    (dst.baseAddress! + i * columns).update(from: src.baseAddress! + r * columns, count: columns)
                }
            }
        }
    }

    /// Adds row `i` of `values` into row `indices[i]` (repeated indices accumulate): the
    /// gradient of `gatherRows`.
    /// - Precondition: rank-2 `self`; `values` is `[indices.count, columns]`; indices in range.
    public mutating func scatterAddRows(_ indices: [Int], _ values: Tensor) {
        precondition(rank == 2, "scatterAddRows needs a rank-2 tensor, got \(shape)")
        let rows = shape[0]
        let columns = shape[1]
        precondition(
            values.shape == [indices.count, columns],
            "scatterAddRows: values \(values.shape) do not match \(indices.count) indices × \(columns) columns")
        values.withUnsafeBufferPointer { src in
            withUnsafeMutableBufferPointer { dst in
                for (i, r) in indices.enumerated() {
                    precondition(r >= 0 && r < rows, "scatterAddRows: index \(r) is out of range for \(rows) rows")
                    VectorKernels.axpy(
                        1, src.baseAddress! + i * columns, dst.baseAddress! + r * columns, count: columns)
                }
            }
        }
    }
}
