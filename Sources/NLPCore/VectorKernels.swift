// SIMD kernels on raw buffers: the hot loops behind the elementwise tensor operations.
//
// Each kernel walks 16 floats at a time (one AVX-512 register when built with -target-cpu native,
// four SSE registers on baseline x86-64) and finishes the tail one scalar at a time with the same
// vector code on a splatted scalar (a padded partial vector measured ~10% slower on whole loops).
// Pointers are taken once per call by the Tensor methods; the kernels are @inlinable so callers in
// other modules get them specialized and inlined.

/// The SIMD width used by the kernels.
public typealias FloatVector = SIMD16<Float>

/// SIMD loops over contiguous `Float` buffers. Every reference loop lives in `ReferenceKernels`.
public enum VectorKernels {
    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> FloatVector {
        UnsafeRawPointer(p).loadUnaligned(as: FloatVector.self)
    }

    @inlinable @inline(__always)
    static func store(_ v: FloatVector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: FloatVector.self)
    }

    /// `out[i] = op(a[i], b[i])` for `i < count`; the tail runs the same vector code on splatted
    /// scalars, so every element gets identical arithmetic. `out` may alias `a` or `b`.
    @inlinable @inline(__always)
    public static func binary(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
        count: Int, _ op: (FloatVector, FloatVector) -> FloatVector
    ) {
        var i = 0
        while i + FloatVector.scalarCount <= count {
            store(op(load(a + i), load(b + i)), out + i)
            i += FloatVector.scalarCount
        }
        while i < count {
            out[i] = single(a[i], b[i], op)
            i += 1
        }
    }

    /// `out[i] = op(a[i], s)` for `i < count`. `out` may alias `a`.
    @inlinable @inline(__always)
    public static func binary(
        _ a: UnsafePointer<Float>, scalar s: Float, _ out: UnsafeMutablePointer<Float>, count: Int,
        _ op: (FloatVector, FloatVector) -> FloatVector
    ) {
        let splat = FloatVector(repeating: s)
        var i = 0
        while i + FloatVector.scalarCount <= count {
            store(op(load(a + i), splat), out + i)
            i += FloatVector.scalarCount
        }
        while i < count {
            out[i] = op(FloatVector(repeating: a[i]), splat)[0]
            i += 1
        }
    }

    /// `out[i] = op(s, b[i])` for `i < count`. `out` may alias `b`.
    @inlinable @inline(__always)
    public static func binary(
        scalar s: Float, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int,
        _ op: (FloatVector, FloatVector) -> FloatVector
    ) {
        let splat = FloatVector(repeating: s)
        unary(b, out, count: count) { op(splat, $0) }
    }

    /// `out[i] = op(a[i])` for `i < count`, the tail through splatted scalars. `out` may alias `a`.
    @inlinable @inline(__always)
    public static func unary(
        _ a: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int,
        _ op: (FloatVector) -> FloatVector
    ) {
        var i = 0
        while i + FloatVector.scalarCount <= count {
            store(op(load(a + i)), out + i)
            i += FloatVector.scalarCount
        }
        while i < count {
            out[i] = op(FloatVector(repeating: a[i]))[0]
            i += 1
        }
    }

    /// `op` of two single scalars, computed with the same vector code as the loops.
    @inlinable @inline(__always)
    public static func single(_ a: Float, _ b: Float, _ op: (FloatVector, FloatVector) -> FloatVector) -> Float {
        op(FloatVector(repeating: a), FloatVector(repeating: b))[0]
    }

    /// The dot product `Σ a[i]·b[i]`, accumulated in two SIMD registers.
    @inlinable
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var s0 = FloatVector()
        var s1 = FloatVector()
        var i = 0
        let w = FloatVector.scalarCount
        while i + 2 * w <= count {
            s0 = s0.addingProduct(load(a + i), load(b + i))
            s1 = s1.addingProduct(load(a + i + w), load(b + i + w))
            i += 2 * w
        }
        if i + w <= count {
            s0 = s0.addingProduct(load(a + i), load(b + i))
            i += w
        }
        var sum = horizontalSum(s0 + s1)
        while i < count {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// `y[i] += alpha · x[i]`.
    @inlinable
    public static func axpy(
        _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int
    ) {
        let a = FloatVector(repeating: alpha)
        var i = 0
        while i + FloatVector.scalarCount <= count {
            store(load(y + i).addingProduct(a, load(x + i)), y + i)
            i += FloatVector.scalarCount
        }
        while i < count {
            y[i] += alpha * x[i]
            i += 1
        }
    }

    /// `x[i] *= factor`.
    @inlinable
    public static func scale(_ x: UnsafeMutablePointer<Float>, by factor: Float, count: Int) {
        binary(x, scalar: factor, x, count: count) { $0 * $1 }
    }

    /// The sum of `count` scalars, accumulated in SIMD registers.
    @inlinable
    public static func sum(_ a: UnsafePointer<Float>, count: Int) -> Float {
        var s0 = FloatVector()
        var i = 0
        while i + FloatVector.scalarCount <= count {
            s0 = s0 + load(a + i)  // `+=` on SIMD types defeats vectorization here
            i += FloatVector.scalarCount
        }
        var total = horizontalSum(s0)
        while i < count {
            total += a[i]
            i += 1
        }
        return total
    }
}

// MARK: - Partial vectors for tails

extension VectorKernels {
    /// The first `count` (< 16) scalars at `p` in the low lanes, `padding` in the rest; lets a
    /// kernel finish its tail with the same vector code as its body.
    @inlinable @inline(__always)
    static func loadPartial(_ p: UnsafePointer<Float>, count: Int, padding: Float) -> FloatVector {
        var v = FloatVector(repeating: padding)
        withUnsafeMutableBytes(of: &v) { $0.baseAddress!.copyMemory(from: p, byteCount: count * 4) }
        return v
    }

    /// Stores the low `count` (< 16) lanes of `v` at `p`.
    @inlinable @inline(__always)
    static func storePartial(_ v: FloatVector, _ p: UnsafeMutablePointer<Float>, count: Int) {
        withUnsafeBytes(of: v) { UnsafeMutableRawPointer(p).copyMemory(from: $0.baseAddress!, byteCount: count * 4) }
    }

    /// The sum of the 16 lanes as a tree of halves (4 dependent additions; `v.sum()` adds the lanes
    /// one after another, since Float addition may not be reassociated).
    @inlinable @inline(__always)
    static func horizontalSum(_ v: FloatVector) -> Float {
        let h8 = v.lowHalf + v.highHalf
        let h4 = h8.lowHalf + h8.highHalf
        let h2 = h4.lowHalf + h4.highHalf
        return h2[0] + h2[1]
    }
}
