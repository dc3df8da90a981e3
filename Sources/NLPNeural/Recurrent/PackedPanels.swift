// NLPNeural: the recurrent kernel packed once per pass, and the small GEMM each time step runs on it.
import NLPCore

/// A `[K, N]` matrix packed into column panels of 32, multiplied at every time step by the small
/// `[rows, K]` state matrix: `C (+)= A · P`.
///
/// OpenBLAS packs its `B` operand again at every call; for the per-step product `h · U` that is
/// the whole recurrent kernel (1 MB for LSTM(256)) 100–500 times per pass, 15–18 % of a char-rnn
/// step. Here `U` (forward) or `Uᵀ` (backward) is packed once per pass and each step runs an
/// AVX-512 micro-kernel of 8 rows × 32 columns (16 accumulators, the `A` scalars broadcast) over
/// panels that stay in L1/L2. No allocation once the shapes repeat.
///
/// Layout: panel `p` holds, for each `k`, the 32 scalars `P[k, 32p ..< 32p + 32]` (zero-padded past
/// `N`), so the micro-kernel reads one contiguous stream per panel.
final class PackedPanels {
    /// Columns per panel (two 16-lane vectors).
    static let panelWidth = 32
    /// The `K` extent processed per pass over the panels (a 32 KB slice of a panel stays in L1).
    static let depthBlock = 256
    /// Rows of `A` per micro-kernel call.
    static let rowBlock = 8

    private let storage = RecurrentBuffer()
    /// `K`.
    private(set) var depth = 0
    /// `N`.
    private(set) var columns = 0

    private var panelCount: Int { (columns + Self.panelWidth - 1) / Self.panelWidth }

    /// Packs the `[k, n]` matrix whose element `(i, j)` is `source[i·rowStride + j·columnStride]`
    /// (`columnStride: 1` for a row-major matrix, `rowStride: 1` for the transpose of one).
    func pack(_ source: UnsafePointer<Float>, depth k: Int, columns n: Int, rowStride: Int, columnStride: Int) {
        precondition(k > 0 && n > 0, "PackedPanels: empty matrix [\(k), \(n)]")
        depth = k
        columns = n
        let width = Self.panelWidth
        let packed = storage.reserve(panelCount * k * width)
        for panel in 0 ..< panelCount {
            let first = panel * width
            let used = min(width, n - first)
            let base = packed + panel * k * width
            for i in 0 ..< k {
                let target = base + i * width
                let row = source + i * rowStride + first * columnStride
                if columnStride == 1 {
                    target.update(from: row, count: used)
                } else {
                    for j in 0 ..< used { target[j] = row[j * columnStride] }
                }
                if used < width { (target + used).update(repeating: 0, count: width - used) }
            }
        }
    }

    /// `c[r, j] = (accumulate ? c[r, j] : 0) + Σ_k a[r, k]·P[k, j]` for `r < rows`, `j < N`.
    func multiply(
        _ a: UnsafePointer<Float>, lda: Int, rows: Int, into c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    ) {
        let (k, n, width) = (depth, columns, Self.panelWidth)
        let packed = UnsafePointer(storage.pointer)
        var start = 0
        while start < k {
            let depth = min(Self.depthBlock, k - start)
            let add = accumulate || start > 0
            for panel in 0 ..< panelCount {
                let used = min(width, n - panel * width)
                let p = packed + panel * k * width + start * width
                let cPanel = c + panel * width
                var r = 0
                while r + Self.rowBlock <= rows {
                    Self.kernel8(
                        a + r * lda + start, lda: lda, panel: p, depth: depth, c: cPanel + r * ldc, ldc: ldc,
                        used: used, accumulate: add)
                    r += Self.rowBlock
                }
                while r < rows {
                    Self.kernel1(
                        a + r * lda + start, panel: p, depth: depth, c: cPanel + r * ldc, used: used, accumulate: add)
                    r += 1
                }
            }
            start += depth
        }
    }

    // MARK: - Micro-kernels

    /// Writes `v0 ‖ v1` (32 lanes) to the first `used` columns of a C row, adding when `accumulate`.
    @inline(__always)
    private static func storeRow(
        _ v0: FloatVector, _ v1: FloatVector, _ row: UnsafeMutablePointer<Float>, used: Int, accumulate: Bool
    ) {
        if used == 32 {
            if accumulate {
                RecurrentMath.store(RecurrentMath.load(row) + v0, row)
                RecurrentMath.store(RecurrentMath.load(row + 16) + v1, row + 16)
            } else {
                RecurrentMath.store(v0, row)
                RecurrentMath.store(v1, row + 16)
            }
            return
        }
        for j in 0 ..< used {
            let value = j < 16 ? v0[j] : v1[j - 16]
            row[j] = accumulate ? row[j] + value : value
        }
    }

    /// 8 rows × 32 columns over `depth` steps of k.
    @inline(__always)
    private static func kernel8(
        _ a: UnsafePointer<Float>, lda: Int, panel: UnsafePointer<Float>, depth: Int, c: UnsafeMutablePointer<Float>,
        ldc: Int, used: Int, accumulate: Bool
    ) {
        let zero = FloatVector(repeating: 0)
        var (c00, c01, c10, c11, c20, c21, c30, c31) = (zero, zero, zero, zero, zero, zero, zero, zero)
        var (c40, c41, c50, c51, c60, c61, c70, c71) = (zero, zero, zero, zero, zero, zero, zero, zero)
        let (a0, a1, a2, a3) = (a, a + lda, a + 2 * lda, a + 3 * lda)
        let (a4, a5, a6, a7) = (a + 4 * lda, a + 5 * lda, a + 6 * lda, a + 7 * lda)
        var b = panel
        for i in 0 ..< depth {
            let b0 = RecurrentMath.load(b)
            let b1 = RecurrentMath.load(b + 16)
            var x = FloatVector(repeating: a0[i])
            c00 = c00.addingProduct(x, b0)
            c01 = c01.addingProduct(x, b1)
            x = FloatVector(repeating: a1[i])
            c10 = c10.addingProduct(x, b0)
            c11 = c11.addingProduct(x, b1)
            x = FloatVector(repeating: a2[i])
            c20 = c20.addingProduct(x, b0)
            c21 = c21.addingProduct(x, b1)
            x = FloatVector(repeating: a3[i])
            c30 = c30.addingProduct(x, b0)
            c31 = c31.addingProduct(x, b1)
            x = FloatVector(repeating: a4[i])
            c40 = c40.addingProduct(x, b0)
            c41 = c41.addingProduct(x, b1)
            x = FloatVector(repeating: a5[i])
            c50 = c50.addingProduct(x, b0)
            c51 = c51.addingProduct(x, b1)
            x = FloatVector(repeating: a6[i])
            c60 = c60.addingProduct(x, b0)
            c61 = c61.addingProduct(x, b1)
            x = FloatVector(repeating: a7[i])
            c70 = c70.addingProduct(x, b0)
            c71 = c71.addingProduct(x, b1)
            b += 32
        }
        storeRow(c00, c01, c, used: used, accumulate: accumulate)
        storeRow(c10, c11, c + ldc, used: used, accumulate: accumulate)
        storeRow(c20, c21, c + 2 * ldc, used: used, accumulate: accumulate)
        storeRow(c30, c31, c + 3 * ldc, used: used, accumulate: accumulate)
        storeRow(c40, c41, c + 4 * ldc, used: used, accumulate: accumulate)
        storeRow(c50, c51, c + 5 * ldc, used: used, accumulate: accumulate)
        storeRow(c60, c61, c + 6 * ldc, used: used, accumulate: accumulate)
        storeRow(c70, c71, c + 7 * ldc, used: used, accumulate: accumulate)
    }

    /// One row × 32 columns (the rows left over after the 8-row blocks).
    @inline(__always)
    private static func kernel1(
        _ a: UnsafePointer<Float>, panel: UnsafePointer<Float>, depth: Int, c: UnsafeMutablePointer<Float>,
        used: Int, accumulate: Bool
    ) {
        var c0 = FloatVector(repeating: 0)
        var c1 = FloatVector(repeating: 0)
        var b = panel
        for i in 0 ..< depth {
            let x = FloatVector(repeating: a[i])
            c0 = c0.addingProduct(x, RecurrentMath.load(b))
            c1 = c1.addingProduct(x, RecurrentMath.load(b + 16))
            b += 32
        }
        storeRow(c0, c1, c, used: used, accumulate: accumulate)
    }
}
