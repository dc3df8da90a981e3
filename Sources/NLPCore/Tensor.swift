// NLPCore: the Float32 tensor shared by every part of the toolkit.

#if canImport(Glibc)
    import Glibc
#endif

/// A dense, row-major array of `Float` with a shape.
///
/// `Tensor` is a value type with copy-on-write storage: copies are cheap until one of them is
/// mutated. Scalars are laid out row-major (the last axis varies fastest), so a `[rows, columns]`
/// tensor stores row 0, then row 1, and so on.
///
/// ```swift
/// var a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// a[1, 2] = 60
/// let b = a.reshaped([3, 2])
/// ```
///
/// - Important: a copy kept elsewhere (a cache, `let snapshot = t`) makes the next in-place write
///   copy the whole buffer. Keep inputs in caches, not parameter values.
public struct Tensor: Equatable, Sendable {
    /// The size of each axis; `[]` for a scalar.
    public internal(set) var shape: [Int]
    /// The scalars in row-major order.
    @usableFromInline internal var storage: [Float]

    /// Creates a tensor from scalars in row-major order.
    /// - Precondition: `scalars.count` equals the product of `shape`, and no axis is negative.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative axis in shape \(shape)")
        precondition(
            scalars.count == shape.reduce(1, *),
            "\(scalars.count) scalars do not fill shape \(shape) (which holds \(shape.reduce(1, *)))")
        self.shape = shape
        self.storage = scalars
    }

    /// Creates a tensor of the given shape with every scalar equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape) { $0.initialize(repeating: value) }
    }

    /// Creates a tensor of zeros.
    @inlinable
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// Creates a rank-0 tensor holding one scalar.
    @inlinable
    public init(scalar: Float) { self.init(shape: [], scalars: [scalar]) }

    /// Creates a rank-1 tensor.
    @inlinable
    public init(_ scalars: [Float]) { self.init(shape: [scalars.count], scalars: scalars) }

    /// Creates a rank-2 tensor from rows of equal length.
    /// - Precondition: every row has the same length.
    public init(rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() {
            precondition(
                row.count == columns, "row \(index) has \(row.count) scalars, row 0 has \(columns)")
        }
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// Creates a tensor by calling `body` once with an uninitialized buffer of
    /// `shape.reduce(1, *)` scalars, which `body` must fill completely.
    public init(
        shape: [Int], unsafeUninitializedCapacity body: (UnsafeMutableBufferPointer<Float>) throws -> Void
    ) rethrows {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative axis in shape \(shape)")
        let count = shape.reduce(1, *)
        self.shape = shape
        self.storage = try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            Tensor.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            try body(buffer)
            initialized = count
        }
    }

    /// Asks the kernel to back large fresh buffers with 2 MiB pages (transparent huge pages in
    /// `madvise` mode), as NumPy does: a new 64 MiB tensor then takes 32 page faults, not 16,384,
    /// which made fresh-result operations on 16M floats ~5x slower than NumPy before.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            let huge = 2 << 20
            guard buffer.count >= 2 * huge, let base = buffer.baseAddress else { return }
            let start = (UInt(bitPattern: base) + UInt(huge - 1)) & ~UInt(huge - 1)
            let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~UInt(huge - 1)
            if end > start {
                _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_HUGEPAGE)
            }
        #endif
    }

    // MARK: - Properties

    /// The scalars in row-major order.
    @inlinable public var scalars: [Float] { storage }
    /// The number of scalars.
    @inlinable public var count: Int { storage.count }
    /// The number of axes.
    @inlinable public var rank: Int { shape.count }
    /// The only scalar of a one-element tensor.
    /// - Precondition: the tensor holds exactly one scalar.
    @inlinable public var scalar: Float {
        precondition(storage.count == 1, "scalar of a tensor with shape \(shape)")
        return storage[0]
    }

    /// The row-major strides, in scalars, of each axis.
    @inlinable public var strides: [Int] { Tensor.strides(for: shape) }

    /// Row-major strides for a shape.
    @inlinable
    public static func strides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    // MARK: - Element access

    /// The scalar at a full multi-dimensional index.
    /// - Precondition: one index per axis, each within its axis.
    @inlinable
    public subscript(indices: Int...) -> Float {
        get { storage[offset(of: indices)] }
        set { storage[offset(of: indices)] = newValue }
    }

    @inlinable
    func offset(of indices: [Int]) -> Int {
        precondition(
            indices.count == shape.count,
            "index \(indices) has \(indices.count) axes, shape \(shape) has \(shape.count)")
        var offset = 0
        for axis in 0 ..< indices.count {
            precondition(
                indices[axis] >= 0 && indices[axis] < shape[axis],
                "index \(indices) is out of bounds for shape \(shape)")
            offset = offset * shape[axis] + indices[axis]
        }
        return offset
    }

    // MARK: - Raw memory

    /// Calls `body` with the scalars' contiguous storage.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the scalars' contiguous storage, made unique first (copy-on-write).
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }
}

// MARK: - Description

extension Tensor: CustomStringConvertible {
    /// A compact description: the shape and up to the first 8 scalars.
    public var description: String {
        let shown = storage.prefix(8).map { "\($0)" }.joined(separator: ", ")
        let more = storage.count > 8 ? ", … (\(storage.count) scalars)" : ""
        return "Tensor(shape: \(shape), scalars: [\(shown)\(more)])"
    }
}
