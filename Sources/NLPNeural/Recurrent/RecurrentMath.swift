// NLPNeural: fused SIMD loops for the gate arithmetic of the recurrent cells.
import NLPCore

/// Fused elementwise loops on 16 lanes for the gate arithmetic; the tail of a row (< 16 scalars)
/// is one zero-padded vector.
enum RecurrentMath {
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> FloatVector {
        UnsafeRawPointer(p).loadUnaligned(as: FloatVector.self)
    }

    @inline(__always)
    static func store(_ v: FloatVector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: FloatVector.self)
    }

    /// A vector of `a[j ..< j + rest]`, zero-padded.
    @inline(__always)
    static func partial(_ a: UnsafePointer<Float>, _ rest: Int) -> FloatVector {
        var v = FloatVector(repeating: 0)
        for k in 0 ..< rest { v[k] = a[k] }
        return v
    }

    /// Stores the first `rest` lanes of `v`.
    @inline(__always)
    static func storePartial(_ v: FloatVector, _ out: UnsafeMutablePointer<Float>, _ rest: Int) {
        for k in 0 ..< rest { out[k] = v[k] }
    }

    // Gate rows are short (H = 8 has no full vector), so tails are one zero-padded vector rather
    // than one splatted vector per scalar.

    /// `out[j] = op(a[j])` for `j < count`; `out` may alias `a`.
    @inline(__always)
    static func map1(
        _ a: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int, _ op: (FloatVector) -> FloatVector
    ) {
        var j = 0
        while j + 16 <= count {
            store(op(load(a + j)), out + j)
            j += 16
        }
        if j < count { storePartial(op(partial(a + j, count - j)), out + j, count - j) }
    }

    /// `out[j] = op(a[j], b[j])` for `j < count`; `out` may alias an input.
    @inline(__always)
    static func map2(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int,
        _ op: (FloatVector, FloatVector) -> FloatVector
    ) {
        var j = 0
        while j + 16 <= count {
            store(op(load(a + j), load(b + j)), out + j)
            j += 16
        }
        let rest = count - j
        if rest > 0 { storePartial(op(partial(a + j, rest), partial(b + j, rest)), out + j, rest) }
    }

    /// `out[j] = op(a[j], b[j], c[j])` for `j < count`; `out` may alias an input.
    @inline(__always)
    static func map3(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>,
        _ out: UnsafeMutablePointer<Float>, count: Int,
        _ op: (FloatVector, FloatVector, FloatVector) -> FloatVector
    ) {
        var j = 0
        while j + 16 <= count {
            store(op(load(a + j), load(b + j), load(c + j)), out + j)
            j += 16
        }
        let rest = count - j
        if rest > 0 {
            storePartial(op(partial(a + j, rest), partial(b + j, rest), partial(c + j, rest)), out + j, rest)
        }
    }

    /// `out[j] = op(a[j], b[j], c[j], d[j])` for `j < count`; `out` may alias an input.
    @inline(__always)
    static func map4(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>,
        _ d: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int,
        _ op: (FloatVector, FloatVector, FloatVector, FloatVector) -> FloatVector
    ) {
        var j = 0
        while j + 16 <= count {
            store(op(load(a + j), load(b + j), load(c + j), load(d + j)), out + j)
            j += 16
        }
        let rest = count - j
        if rest > 0 {
            storePartial(
                op(partial(a + j, rest), partial(b + j, rest), partial(c + j, rest), partial(d + j, rest)), out + j,
                rest)
        }
    }

    /// `sums[j] += Σ_rows m[row, j]` for the columns `j` in `range` of a row-major `[rows, columns]`
    /// matrix (rows in order, so every column's sum is the same whatever the ranges).
    static func addColumnSums(
        _ m: UnsafePointer<Float>, rows: Int, columns: Int, range: Range<Int>, into sums: UnsafeMutablePointer<Float>
    ) {
        let (first, count) = (range.lowerBound, range.count)
        for row in 0 ..< rows {
            let r = m + row * columns + first
            map2(sums + first, r, sums + first, count: count) { $0 + $1 }
        }
    }

    /// `c[i, j] += t[j, i]` for a row-major `[rows, columns]` `t` and `[columns, rows]` `c`, in
    /// 32 × 32 tiles.
    static func addTransposed(
        _ t: UnsafePointer<Float>, rows: Int, columns: Int, into c: UnsafeMutablePointer<Float>
    ) {
        let tile = 32
        for j0 in stride(from: 0, to: rows, by: tile) {
            let j1 = min(j0 + tile, rows)
            for i0 in stride(from: 0, to: columns, by: tile) {
                for i in i0 ..< min(i0 + tile, columns) {
                    let target = c + i * rows
                    for j in j0 ..< j1 { target[j] += t[j * columns + i] }
                }
            }
        }
    }
}
