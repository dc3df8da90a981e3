// NLPNeural: the nonzeros of a mostly-zero recurrent input (one-hot characters), for x·W and ∂W.
import NLPCore

/// The nonzero entries of each time-major input row, kept when every row of a batch slice has
/// few of them (a one-hot character input has one in 100).
///
/// A one-hot row makes `x_t · W` a copy of one row of `W`, and its share of `∂W = xᵀ · δZ` one
/// row update, instead of `D` multiply-adds per output column: for char-rnn (`D` = 100, `4H` =
/// 1024, 6400 rows) that is 2 × 0.66 G multiply-adds of a 6.8 G training step. The engine records
/// the nonzeros while it copies the input (the scan stops at the first row with too many), and
/// uses them when a whole slice qualified; the results equal the dense products up to the order
/// of the additions (a zero input entry contributes nothing, even against a non-finite weight).
///
/// Rows hold at most `capacity` entries: `depth / 8` (at most 64), where gathering rows of `W`
/// stays well ahead of the packed dense product. Inputs narrower than 16 features are never
/// scanned.
final class SparseInputRows {
    /// The narrowest input worth scanning.
    static let minimumDepth = 16

    /// The most nonzeros a row of `depth` features may hold and still be gathered: `depth / 8`,
    /// at most 64 (so a wide dense input does not reserve a large buffer it never fills).
    static func capacity(depth: Int) -> Int { min(depth / 8, 64) }

    private var indices: UnsafeMutablePointer<Int32>
    private var indexCapacity: Int
    private let values = RecurrentBuffer()
    private var counts: UnsafeMutablePointer<Int32>
    private var countCapacity: Int
    private var sliceFlags: UnsafeMutablePointer<Bool>
    private var sliceCapacity: Int
    /// Entries per row.
    private(set) var capacity = 0
    /// Rows recorded.
    private(set) var rows = 0
    private var batch = 0

    init() {
        (indexCapacity, countCapacity, sliceCapacity) = (16, 16, 16)
        indices = .allocate(capacity: indexCapacity)
        counts = .allocate(capacity: countCapacity)
        sliceFlags = .allocate(capacity: sliceCapacity)
    }

    deinit {
        indices.deallocate()
        counts.deallocate()
        sliceFlags.deallocate()
    }

    /// Makes room for `rows` rows of `depth` features in slices of a batch of `batch` rows, every
    /// slice marked dense.
    func prepare(rows: Int, depth: Int, batch: Int) {
        capacity = Self.capacity(depth: depth)
        self.rows = rows
        self.batch = batch
        let entries = rows * capacity
        if entries > indexCapacity {
            indices.deallocate()
            indexCapacity = max(entries, indexCapacity + indexCapacity / 2)
            indices = .allocate(capacity: indexCapacity)
        }
        values.reserve(entries)
        if rows > countCapacity {
            counts.deallocate()
            countCapacity = max(rows, countCapacity + countCapacity / 2)
            counts = .allocate(capacity: countCapacity)
        }
        if batch > sliceCapacity {
            sliceFlags.deallocate()
            sliceCapacity = max(batch, sliceCapacity + sliceCapacity / 2)
            sliceFlags = .allocate(capacity: sliceCapacity)
        }
        sliceFlags.update(repeating: false, count: batch)
    }

    /// Records the nonzeros of `x[0 ..< depth]` as row `row`; `false` when there are more than
    /// `capacity` (the row is then incomplete and its slice must run dense).
    @inline(__always)
    func record(row: Int, _ x: UnsafePointer<Float>, depth: Int) -> Bool {
        let index = indices + row * capacity
        let value = values.pointer + row * capacity
        var count = 0
        var j = 0
        while j < depth {
            let lanes = min(16, depth - j)
            let v = lanes == 16 ? RecurrentMath.load(x + j) : RecurrentMath.partial(x + j, lanes)
            if any(v .!= 0) {
                for k in 0 ..< lanes where v[k] != 0 {
                    guard count < capacity else { return false }
                    index[count] = Int32(j + k)
                    value[count] = v[k]
                    count += 1
                }
            }
            j += 16
        }
        counts[row] = Int32(count)
        return true
    }

    /// Marks whether the slice of batch rows `rows` recorded all its rows, at every step.
    func setSlice(_ rows: Range<Int>, sparse: Bool) {
        (sliceFlags + rows.lowerBound).update(repeating: sparse, count: rows.count)
    }

    /// Whether the slice of batch rows starting at `start` recorded all its rows.
    func isSparse(slice start: Int) -> Bool { start < batch && sliceFlags[start] }

    /// Whether every slice of the latest pass recorded all its rows (`∂W` can then be gathered).
    var coversAllRows: Bool {
        guard batch > 0, rows > 0 else { return false }
        return (0 ..< batch).allSatisfy { sliceFlags[$0] }
    }

    /// `z[r, :] = Σ_e value_e · w[index_e, :]` (`[width]` rows of `w`) for `count` recorded rows
    /// from `firstRow`, `z` rows `ldz` apart.
    func gather(
        firstRow: Int, count: Int, weights w: UnsafePointer<Float>, width: Int, into z: UnsafeMutablePointer<Float>,
        ldz: Int
    ) {
        for r in 0 ..< count {
            let row = firstRow + r
            let n = Int(counts[row])
            let index = indices + row * capacity
            let value = values.pointer + row * capacity
            let target = z + r * ldz
            if n == 0 {
                target.update(repeating: 0, count: width)
                continue
            }
            let first = w + Int(index[0]) * width
            let scale = FloatVector(repeating: value[0])
            if value[0] == 1 {
                target.update(from: first, count: width)
            } else {
                RecurrentMath.map1(first, target, count: width) { $0 * scale }
            }
            for e in 1 ..< n {
                let source = w + Int(index[e]) * width
                let scale = FloatVector(repeating: value[e])
                RecurrentMath.map2(source, target, target, count: width) { $1.addingProduct($0, scale) }
            }
        }
    }

    /// For the columns in `range` of `[rows, width]` row-major `dz`: `∂W[index_e, j] += value_e ·
    /// dz[r, j]` over every recorded row `r` in order (`∂W` is `[depth, width]`), and
    /// `biasGradient[j] += Σ_r dz[r, j]` when given. Disjoint column ranges may run concurrently.
    func addKernelGradient(
        _ dz: UnsafePointer<Float>, width: Int, columns range: Range<Int>,
        into kernelGradient: UnsafeMutablePointer<Float>?,
        biasGradient: UnsafeMutablePointer<Float>?
    ) {
        let (first, count) = (range.lowerBound, range.count)
        for row in 0 ..< rows {
            let g = dz + row * width + first
            if let biasGradient {
                let sums = biasGradient + first
                RecurrentMath.map2(sums, g, sums, count: count) { $0 + $1 }
            }
            guard let kernelGradient else { continue }
            let index = indices + row * capacity
            let value = values.pointer + row * capacity
            for e in 0 ..< Int(counts[row]) {
                let target = kernelGradient + Int(index[e]) * width + first
                let scale = FloatVector(repeating: value[e])
                RecurrentMath.map2(g, target, target, count: count) { $1.addingProduct($0, scale) }
            }
        }
    }
}
