// Reductions: sum, mean, maximum, minimum and argmax, along one axis or over the whole tensor.
//
// An axis splits the shape into [outer, axisLength, inner]. Reducing the last axis (inner == 1)
// runs one contiguous SIMD loop per row; any other axis adds (or compares) whole inner-length rows
// with SIMD, which for axis 0 of a matrix is a sweep down the rows.
//
// The maxima are named `maximum`/`minimum`, not `max`/`min`: a `Tensor` member called `max` would
// hide `Swift.max(_:_:)` from every unqualified call inside `Tensor` extensions.

extension Tensor {
    // MARK: - Along an axis

    /// The sum along `axis`, accumulated in Double (blocks of Float SIMD sums), so sums of 1e6+
    /// scalars keep Float precision.
    ///
    /// ```swift
    /// Tensor(rows: [[1, 2, 3], [4, 5, 6]]).sum(alongAxis: 0)    // [5, 7, 9]
    /// Tensor(rows: [[1, 2, 3], [4, 5, 6]]).sum(alongAxis: -1)   // [6, 15]
    /// ```
    /// - Parameters:
    ///   - axis: the axis to reduce; negative values count from the end (−1 is the last axis).
    ///   - keepingDimension: keep the reduced axis with length 1 (NumPy `keepdims`), so the result
    ///     broadcasts against `self`.
    /// - Returns: `shape` without `axis` (or with it set to 1). An empty axis sums to 0.
    /// - Precondition: `-rank ≤ axis < rank`.
    public func sum(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        reduced(axis, keepingDimension, "sum") { x, outer, n, inner, out in
            ReductionKernels.sum(x, outer: outer, axisLength: n, inner: inner, into: out, scale: 1)
        }
    }

    /// The arithmetic mean along `axis` (see `sum(alongAxis:keepingDimension:)`).
    /// - Returns: NaN where the axis is empty (NumPy's result).
    /// - Precondition: `-rank ≤ axis < rank`.
    public func mean(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        reduced(axis, keepingDimension, "mean") { x, outer, n, inner, out in
            ReductionKernels.sum(x, outer: outer, axisLength: n, inner: inner, into: out, scale: 1 / Double(n))
        }
    }

    /// The largest scalar along `axis`; NaN if the slice holds a NaN (NumPy `max`).
    /// - Precondition: `-rank ≤ axis < rank`, and the axis is not empty.
    public func maximum(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        reduced(axis, keepingDimension, "maximum", nonEmpty: true) { x, outer, n, inner, out in
            ReductionKernels.extreme(x, outer: outer, axisLength: n, inner: inner, into: out, greatest: true)
        }
    }

    /// The smallest scalar along `axis`; NaN if the slice holds a NaN (NumPy `min`).
    /// - Precondition: `-rank ≤ axis < rank`, and the axis is not empty.
    public func minimum(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        reduced(axis, keepingDimension, "minimum", nonEmpty: true) { x, outer, n, inner, out in
            ReductionKernels.extreme(x, outer: outer, axisLength: n, inner: inner, into: out, greatest: false)
        }
    }

    /// The index of the largest scalar along `axis`, for every position of the other axes in
    /// row-major order (so a `[batch, classes]` tensor gives one class per row).
    ///
    /// Ties go to the first index and a NaN wins over numbers (NumPy `argmax`).
    /// - Returns: `shape.reduce(1, *) / shape[axis]` indices, laid out as `shape` without `axis`.
    /// - Precondition: `-rank ≤ axis < rank`, and the axis is not empty.
    public func argmax(alongAxis axis: Int) -> [Int] {
        argExtreme(axis, greatest: true, "argmax")
    }

    /// The index of the smallest scalar along `axis` (see `argmax(alongAxis:)`).
    /// - Precondition: `-rank ≤ axis < rank`, and the axis is not empty.
    public func argmin(alongAxis axis: Int) -> [Int] {
        argExtreme(axis, greatest: false, "argmin")
    }

    // MARK: - Whole tensor

    /// The sum of all scalars, accumulated in Double; 0 for an empty tensor.
    public func sum() -> Float {
        withUnsafeBufferPointer { Float(ReductionKernels.sum($0.baseAddress!, count: count)) }
    }

    /// The mean of all scalars; NaN for an empty tensor.
    public func mean() -> Float {
        withUnsafeBufferPointer { Float(ReductionKernels.sum($0.baseAddress!, count: count) / Double(count)) }
    }

    /// The largest scalar; NaN if any scalar is NaN.
    /// - Precondition: the tensor is not empty.
    public func maximum() -> Float {
        precondition(count > 0, "maximum() of an empty tensor with shape \(shape)")
        return withUnsafeBufferPointer { ReductionKernels.maximum($0.baseAddress!, count: count) }
    }

    /// The smallest scalar; NaN if any scalar is NaN.
    /// - Precondition: the tensor is not empty.
    public func minimum() -> Float {
        precondition(count > 0, "minimum() of an empty tensor with shape \(shape)")
        return withUnsafeBufferPointer { ReductionKernels.minimum($0.baseAddress!, count: count) }
    }

    /// The row-major (flat) index of the largest scalar; the first one on ties, the first NaN if any.
    /// - Precondition: the tensor is not empty.
    public func argmax() -> Int {
        precondition(count > 0, "argmax() of an empty tensor with shape \(shape)")
        return withUnsafeBufferPointer { ReductionKernels.argExtreme($0.baseAddress!, count: count, greatest: true) }
    }

    /// The row-major (flat) index of the smallest scalar; the first one on ties, the first NaN if any.
    /// - Precondition: the tensor is not empty.
    public func argmin() -> Int {
        precondition(count > 0, "argmin() of an empty tensor with shape \(shape)")
        return withUnsafeBufferPointer { ReductionKernels.argExtreme($0.baseAddress!, count: count, greatest: false) }
    }

    // MARK: - Axis bookkeeping

    /// `axis` made non-negative, checked against the rank, and the `[outer, axisLength, inner]` split.
    func axisSplit(_ axis: Int, _ name: String) -> (axis: Int, outer: Int, length: Int, inner: Int) {
        let resolved = axis < 0 ? axis + rank : axis
        precondition(
            resolved >= 0 && resolved < rank,
            "\(name)(alongAxis: \(axis)): no such axis in shape \(shape) (rank \(rank))")
        let outer = shape[..<resolved].reduce(1, *)
        let inner = shape[(resolved + 1)...].reduce(1, *)
        return (resolved, outer, shape[resolved], inner)
    }

    /// The shape after reducing `axis`.
    func reducedShape(_ axis: Int, keepingDimension: Bool) -> [Int] {
        var result = shape
        if keepingDimension { result[axis] = 1 } else { result.remove(at: axis) }
        return result
    }

    private func reduced(
        _ axis: Int, _ keepingDimension: Bool, _ name: String, nonEmpty: Bool = false,
        _ kernel: (UnsafePointer<Float>, Int, Int, Int, UnsafeMutablePointer<Float>) -> Void
    ) -> Tensor {
        let (axis, outer, length, inner) = axisSplit(axis, name)
        precondition(
            !nonEmpty || length > 0 || outer * inner == 0,
            "\(name)(alongAxis: \(axis)): axis \(axis) of shape \(shape) is empty")
        return withUnsafeBufferPointer { x in
            Tensor(shape: reducedShape(axis, keepingDimension: keepingDimension)) { out in
                if outer * inner > 0 { kernel(x.baseAddress!, outer, length, inner, out.baseAddress!) }
            }
        }
    }

    private func argExtreme(_ axis: Int, greatest: Bool, _ name: String) -> [Int] {
        let (axis, outer, length, inner) = axisSplit(axis, name)
        precondition(
            length > 0 || outer * inner == 0, "\(name)(alongAxis: \(axis)): axis \(axis) of shape \(shape) is empty")
        guard outer * inner > 0 else { return [] }
        return withUnsafeBufferPointer { x in
            ReductionKernels.argExtreme(
                x.baseAddress!, outer: outer, axisLength: length, inner: inner, greatest: greatest)
        }
    }
}

// MARK: - Kernels

/// Reduction loops on raw buffers. A tensor of shape `[outer, axisLength, inner]` is reduced over
/// its middle axis into `[outer, inner]`.
@usableFromInline
enum ReductionKernels {
    /// The sum of `count` scalars: Float SIMD partial sums over blocks of 1024 (16 additions per
    /// lane), each block total added in Double, so the error does not grow with `count`.
    @inlinable
    static func sum(_ p: UnsafePointer<Float>, count: Int) -> Double {
        // Written with `a = a + b`, while loops and scalar Double conversion: `+=`, `stride` and
        // SIMD8<Double>(SIMD8<Float>) each made LLVM shuffle lanes inside the loop (3–5× slower).
        let w = FloatVector.scalarCount
        var total: Double = 0
        var i = 0
        while i &+ 64 &* w <= count {
            var a0 = FloatVector(), a1 = FloatVector(), a2 = FloatVector(), a3 = FloatVector()
            var j = i
            while j < i &+ 64 &* w {
                a0 = a0 + VectorKernels.load(p + j)
                a1 = a1 + VectorKernels.load(p + (j &+ w))
                a2 = a2 + VectorKernels.load(p + (j &+ 2 &* w))
                a3 = a3 + VectorKernels.load(p + (j &+ 3 &* w))
                j &+= 4 &* w
            }
            total += widenedSum((a0 + a1) + (a2 + a3))
            i &+= 64 &* w
        }
        var rest = FloatVector()
        while i &+ w <= count {
            rest = rest + VectorKernels.load(p + i)
            i &+= w
        }
        if i < count { rest = rest + VectorKernels.loadPartial(p + i, count: count &- i, padding: 0) }
        return total + widenedSum(rest)
    }

    /// The 16 lanes added as 8 Float pairs, then in Double.
    @inlinable @inline(__always)
    static func widenedSum(_ v: FloatVector) -> Double {
        let h = v.lowHalf + v.highHalf
        let a = (Double(h[0]) + Double(h[1])) + (Double(h[2]) + Double(h[3]))
        let b = (Double(h[4]) + Double(h[5])) + (Double(h[6]) + Double(h[7]))
        return a + b
    }

    /// `out[o, j] = scale · Σ_k x[o, k, j]`.
    static func sum(
        _ x: UnsafePointer<Float>, outer: Int, axisLength n: Int, inner: Int, into out: UnsafeMutablePointer<Float>,
        scale: Double
    ) {
        if inner == 1 {
            for o in 0 ..< outer { out[o] = Float(sum(x + o * n, count: n) * scale) }
            return
        }
        // Add whole rows with SIMD: Float partial sums over chunks of 64 rows, chunks added in Double.
        let chunk = 64
        var partial = [Float](repeating: 0, count: inner)
        var total = [Double](repeating: 0, count: inner)
        for o in 0 ..< outer {
            let base = x + o * n * inner
            let row = out + o * inner
            for j in 0 ..< inner { total[j] = 0 }
            var k = 0
            while k < n {
                let end = Swift.min(k + chunk, n)
                partial.withUnsafeMutableBufferPointer { acc in
                    let a = acc.baseAddress!
                    a.update(from: base + k * inner, count: inner)
                    for r in (k + 1) ..< end {
                        VectorKernels.binary(a, base + r * inner, a, count: inner) { $0 + $1 }
                    }
                    for j in 0 ..< inner { total[j] += Double(a[j]) }
                }
                k = end
            }
            for j in 0 ..< inner { row[j] = Float(total[j] * scale) }
        }
    }

    /// The largest of `count ≥ 1` scalars; NaN if any is NaN.
    @inlinable
    static func maximum(_ p: UnsafePointer<Float>, count: Int) -> Float { extreme(p, count: count, greatest: true) }

    /// The smallest of `count ≥ 1` scalars; NaN if any is NaN.
    @inlinable
    static func minimum(_ p: UnsafePointer<Float>, count: Int) -> Float { extreme(p, count: count, greatest: false) }

    /// The largest (or smallest) of `count ≥ 1` scalars in four independent SIMD chains, then a
    /// tree across lanes. Inlined so `greatest` is a constant.
    @inlinable @inline(__always)
    static func extreme(_ p: UnsafePointer<Float>, count: Int, greatest: Bool) -> Float {
        let w = FloatVector.scalarCount
        let identity: Float = greatest ? -.infinity : .infinity
        var b0 = FloatVector(repeating: identity)
        var (b1, b2, b3) = (b0, b0, b0)
        var i = 0
        while i &+ 4 &* w <= count {
            b0 = better(VectorKernels.load(p + i), than: b0, greatest: greatest)
            b1 = better(VectorKernels.load(p + (i &+ w)), than: b1, greatest: greatest)
            b2 = better(VectorKernels.load(p + (i &+ 2 &* w)), than: b2, greatest: greatest)
            b3 = better(VectorKernels.load(p + (i &+ 3 &* w)), than: b3, greatest: greatest)
            i &+= 4 &* w
        }
        while i &+ w <= count {
            b0 = better(VectorKernels.load(p + i), than: b0, greatest: greatest)
            i &+= w
        }
        if i < count {
            let tail = VectorKernels.loadPartial(p + i, count: count &- i, padding: identity)
            b0 = better(tail, than: b0, greatest: greatest)
        }
        b0 = better(
            better(b1, than: b0, greatest: greatest), than: better(b3, than: b2, greatest: greatest), greatest: greatest
        )
        let h8 = better(b0.highHalf, than: b0.lowHalf, greatest: greatest)
        let h4 = better(h8.highHalf, than: h8.lowHalf, greatest: greatest)
        let h2 = better(h4[2], than: h4[0], greatest: greatest)
        let h1 = better(h4[3], than: h4[1], greatest: greatest)
        return h2.isNaN ? h2 : better(h1, than: h2, greatest: greatest)
    }

    /// Lanes of `candidate` that beat `best`, or are NaN; the other lanes of `best`. A NaN in
    /// `best` is never replaced, so NaNs propagate. (Written per vector type: in a generic function
    /// the comparisons would be the per-lane protocol versions, which do not vectorize.)
    @inlinable @inline(__always)
    static func better(_ candidate: FloatVector, than best: FloatVector, greatest: Bool) -> FloatVector {
        let wins = greatest ? candidate .> best : candidate .< best
        return best.replacing(with: candidate, where: wins .| (candidate .!= candidate))
    }

    @inlinable @inline(__always)
    static func better(_ candidate: SIMD8<Float>, than best: SIMD8<Float>, greatest: Bool) -> SIMD8<Float> {
        let wins = greatest ? candidate .> best : candidate .< best
        return best.replacing(with: candidate, where: wins .| (candidate .!= candidate))
    }

    @inlinable @inline(__always)
    static func better(_ candidate: SIMD4<Float>, than best: SIMD4<Float>, greatest: Bool) -> SIMD4<Float> {
        let wins = greatest ? candidate .> best : candidate .< best
        return best.replacing(with: candidate, where: wins .| (candidate .!= candidate))
    }

    @inlinable @inline(__always)
    static func better(_ candidate: Float, than best: Float, greatest: Bool) -> Float {
        (greatest ? candidate > best : candidate < best) || candidate.isNaN ? candidate : best
    }

    /// `out[o, j] = max_k x[o, k, j]` (or min), NaN-propagating; `n ≥ 1`.
    static func extreme(
        _ x: UnsafePointer<Float>, outer: Int, axisLength n: Int, inner: Int, into out: UnsafeMutablePointer<Float>,
        greatest: Bool
    ) {
        if inner == 1 {
            for o in 0 ..< outer { out[o] = greatest ? maximum(x + o * n, count: n) : minimum(x + o * n, count: n) }
            return
        }
        for o in 0 ..< outer {
            let base = x + o * n * inner
            let row = out + o * inner
            row.update(from: base, count: inner)
            for k in 1 ..< n {
                if greatest {
                    VectorKernels.binary(row, base + k * inner, row, count: inner) {
                        better($1, than: $0, greatest: true)
                    }
                } else {
                    VectorKernels.binary(row, base + k * inner, row, count: inner) {
                        better($1, than: $0, greatest: false)
                    }
                }
            }
        }
    }

    /// The first index of the largest (or smallest) of `count ≥ 1` scalars, or of the first NaN.
    static func argExtreme(_ p: UnsafePointer<Float>, count: Int, greatest: Bool) -> Int {
        // Find the value with SIMD, then the first vector holding it.
        let target = greatest ? maximum(p, count: count) : minimum(p, count: count)
        let w = FloatVector.scalarCount
        var i = 0
        if !target.isNaN {
            let splat = FloatVector(repeating: target)
            while i + w <= count && !any(VectorKernels.load(p + i) .== splat) { i += w }
        }
        while i < count {
            if p[i] == target || (target.isNaN && p[i].isNaN) { return i }
            i += 1
        }
        preconditionFailure("argExtreme: \(target) not found")
    }

    /// Indices into the middle axis, for each of the `outer · inner` positions in row-major order.
    static func argExtreme(
        _ x: UnsafePointer<Float>, outer: Int, axisLength n: Int, inner: Int, greatest: Bool
    ) -> [Int] {
        var indices = [Int](repeating: 0, count: outer * inner)
        if inner == 1 {
            for o in 0 ..< outer { indices[o] = argExtreme(x + o * n, count: n, greatest: greatest) }
            return indices
        }
        var best = [Float](repeating: 0, count: inner)
        for o in 0 ..< outer {
            let base = x + o * n * inner
            for j in 0 ..< inner { best[j] = base[j] }
            for k in 1 ..< n {
                let row = base + k * inner
                for j in 0 ..< inner where !best[j].isNaN {
                    let v = row[j]
                    if v.isNaN || (greatest ? v > best[j] : v < best[j]) {
                        best[j] = v
                        indices[o * inner + j] = k
                    }
                }
            }
        }
        return indices
    }
}
