// Row-major Float32 rows behind a stable pointer: owned memory or a memory-mapped file region.

/// `rowCount × dimension` Float32 values, row-major, at a stable address for the object's life.
///
/// The memory is either owned (copied in from an array) or adopted from elsewhere — a read-only
/// memory-mapped file region — with a closure that releases it when the storage is freed. Rows are
/// never written through this type, which is what makes sharing it between threads safe.
public final class VectorStorage: @unchecked Sendable {
    /// The number of rows (words).
    public let rowCount: Int
    /// The number of values per row.
    public let dimension: Int
    /// The first value of row 0; row `i` starts at `base + i * dimension`.
    public let base: UnsafePointer<Float>
    private let release: @Sendable () -> Void

    /// Storage holding a copy of `values` (`rowCount × dimension`, row-major).
    /// - Precondition: `values.count == rowCount * dimension`.
    public init(copying values: [Float], rowCount: Int, dimension: Int) {
        precondition(rowCount >= 0 && dimension >= 0, "bad shape \(rowCount)×\(dimension)")
        precondition(
            values.count == rowCount * dimension,
            "\(values.count) values do not fill \(rowCount)×\(dimension)")
        let memory = UnsafeMutablePointer<Float>.allocate(capacity: max(values.count, 1))
        values.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { memory.initialize(from: address, count: values.count) }
        }
        self.rowCount = rowCount
        self.dimension = dimension
        base = UnsafePointer(memory)
        let address = UInt(bitPattern: memory)
        release = { UnsafeMutablePointer<Float>(bitPattern: address)?.deallocate() }
    }

    /// Storage over memory owned elsewhere (for example a memory-mapped file), released by
    /// `release` when this object is freed. The memory must hold `rowCount × dimension` floats,
    /// stay valid until `release` runs, and never change.
    public init(
        adopting base: UnsafePointer<Float>, rowCount: Int, dimension: Int,
        release: @escaping @Sendable () -> Void
    ) {
        precondition(rowCount >= 0 && dimension >= 0, "bad shape \(rowCount)×\(dimension)")
        self.rowCount = rowCount
        self.dimension = dimension
        self.base = base
        self.release = release
    }

    deinit { release() }

    /// All values, row-major.
    public var buffer: UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: base, count: rowCount * dimension)
    }

    /// Row `index`.
    /// - Precondition: `0 <= index < rowCount`.
    public func row(_ index: Int) -> UnsafeBufferPointer<Float> {
        precondition(index >= 0 && index < rowCount, "row \(index) is out of range 0..<\(rowCount)")
        return UnsafeBufferPointer(start: base + index * dimension, count: dimension)
    }
}
