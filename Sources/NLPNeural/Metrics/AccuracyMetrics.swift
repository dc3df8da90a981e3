// NLPNeural: accuracy metrics (binary, categorical, sparse, top-k).
import NLPCore

/// The fraction of scalars where `prediction > threshold` equals the 0/1 target (Keras
/// `BinaryAccuracy`), over every batch since the last `reset()`.
public final class BinaryAccuracy: Metric {
    public let name: String
    /// Predictions above it count as 1.
    public let threshold: Float
    private var correct = 0
    private var total = 0

    /// Creates the metric; `name` is `"accuracy"` when made from Keras's `"accuracy"` string.
    public init(threshold: Float = 0.5, name: String = "binary_accuracy") {
        self.threshold = threshold
        self.name = name
    }

    public var configuration: [String: JSONValue] {
        ["class_name": .string("binary_accuracy"), "threshold": .number(Double(threshold))]
    }

    public func reset() { (correct, total) = (0, 0) }

    /// - Precondition: targets hold as many scalars as predictions (`[batch]` for `[batch, 1]` is fine).
    public func update(predictions: Tensor, targets: Tensor) {
        precondition(
            predictions.count == targets.count,
            "\(name): targets \(targets.shape) do not match predictions \(predictions.shape)")
        let threshold = self.threshold
        predictions.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { y in
                for i in 0 ..< p.count where (p[i] > threshold ? 1 : 0) == y[i] { correct += 1 }
            }
        }
        total += predictions.count
    }

    public var result: Float { total == 0 ? 0 : Float(Double(correct) / Double(total)) }
}

/// The fraction of rows whose predicted class (argmax of the last axis) is the target's argmax
/// (Keras `CategoricalAccuracy`, one-hot targets; `[batch, classes]` or `[batch, time, classes]`).
public final class CategoricalAccuracy: Metric {
    public let name: String
    private var counts = ClassHitCounts()

    /// Creates the metric.
    public init(name: String = "categorical_accuracy") {
        self.name = name
    }

    public var configuration: [String: JSONValue] { ["class_name": .string("categorical_accuracy")] }
    public func reset() { counts = ClassHitCounts() }

    /// - Precondition: targets have the predictions' shape.
    public func update(predictions: Tensor, targets: Tensor) {
        counts.add(predictions: predictions, oneHotTargets: targets, k: 1, metric: name)
    }

    public var result: Float { counts.fraction }
}

/// The fraction of rows whose predicted class (argmax of the last axis) equals the class id target
/// (Keras `SparseCategoricalAccuracy`; predictions `[batch, classes]` with targets `[batch]`, or
/// `[batch, time, classes]` with targets `[batch, time]`).
public final class SparseCategoricalAccuracy: Metric {
    public let name: String
    private var counts = ClassHitCounts()

    /// Creates the metric.
    public init(name: String = "sparse_categorical_accuracy") {
        self.name = name
    }

    public var configuration: [String: JSONValue] { ["class_name": .string("sparse_categorical_accuracy")] }
    public func reset() { counts = ClassHitCounts() }

    /// - Precondition: one target per row of the predictions.
    public func update(predictions: Tensor, targets: Tensor) {
        counts.add(predictions: predictions, classIds: targets, k: 1, metric: name)
    }

    public var result: Float { counts.fraction }
}

/// The fraction of rows whose target class (argmax of the one-hot target) is among the `k` highest
/// predictions (Keras `TopKCategoricalAccuracy`; ties at the boundary count as inside, like
/// `in_top_k`).
public final class TopKCategoricalAccuracy: Metric {
    public let name: String
    /// How many top predictions count as a hit.
    public let k: Int
    private var counts = ClassHitCounts()

    /// Creates the metric.
    /// - Precondition: `k > 0`.
    public init(k: Int = 5, name: String = "top_k_categorical_accuracy") {
        precondition(k > 0, "TopKCategoricalAccuracy: k must be positive, got \(k)")
        self.k = k
        self.name = name
    }

    public var configuration: [String: JSONValue] {
        ["class_name": .string("top_k_categorical_accuracy"), "k": .number(Double(k))]
    }
    public func reset() { counts = ClassHitCounts() }

    public func update(predictions: Tensor, targets: Tensor) {
        counts.add(predictions: predictions, oneHotTargets: targets, k: k, metric: name)
    }

    public var result: Float { counts.fraction }
}

/// The fraction of rows whose class id target is among the `k` highest predictions (Keras
/// `SparseTopKCategoricalAccuracy`).
public final class SparseTopKCategoricalAccuracy: Metric {
    public let name: String
    /// How many top predictions count as a hit.
    public let k: Int
    private var counts = ClassHitCounts()

    /// Creates the metric.
    /// - Precondition: `k > 0`.
    public init(k: Int = 5, name: String = "sparse_top_k_categorical_accuracy") {
        precondition(k > 0, "SparseTopKCategoricalAccuracy: k must be positive, got \(k)")
        self.k = k
        self.name = name
    }

    public var configuration: [String: JSONValue] {
        ["class_name": .string("sparse_top_k_categorical_accuracy"), "k": .number(Double(k))]
    }
    public func reset() { counts = ClassHitCounts() }

    public func update(predictions: Tensor, targets: Tensor) {
        counts.add(predictions: predictions, classIds: targets, k: k, metric: name)
    }

    public var result: Float { counts.fraction }
}

/// Hits and rows of the class-based accuracies.
struct ClassHitCounts {
    var hits = 0
    var rows = 0

    var fraction: Float { rows == 0 ? 0 : Float(Double(hits) / Double(rows)) }

    /// Whether class `target` is among the `k` highest of `row` (fewer than `k` strictly higher).
    static func isInTopK(_ row: UnsafePointer<Float>, width: Int, target: Int, k: Int) -> Bool {
        let value = row[target]
        var higher = 0
        for c in 0 ..< width where row[c] > value {
            higher += 1
            if higher >= k { return false }
        }
        return true
    }

    static func argmax(_ row: UnsafePointer<Float>, width: Int) -> Int {
        var best = 0
        for c in 1 ..< max(width, 1) where row[c] > row[best] { best = c }
        return best
    }

    mutating func add(predictions: Tensor, oneHotTargets targets: Tensor, k: Int, metric: String) {
        precondition(
            predictions.rank >= 2 && targets.shape == predictions.shape,
            "\(metric): targets \(targets.shape) do not match predictions \(predictions.shape) [batch, …, classes]")
        let width = predictions.shape[predictions.rank - 1]
        let count = width == 0 ? 0 : predictions.count / width
        predictions.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { y in
                for r in 0 ..< count {
                    let target = Self.argmax(y.baseAddress! + r * width, width: width)
                    if Self.isInTopK(p.baseAddress! + r * width, width: width, target: target, k: k) { hits += 1 }
                }
            }
        }
        rows += count
    }

    mutating func add(predictions: Tensor, classIds targets: Tensor, k: Int, metric: String) {
        precondition(predictions.rank >= 2, "\(metric): predictions \(predictions.shape) need a class axis")
        let width = predictions.shape[predictions.rank - 1]
        let count = width == 0 ? 0 : predictions.count / width
        precondition(
            targets.count == count,
            "\(metric): targets \(targets.shape) must hold one class id per row of predictions \(predictions.shape)")
        predictions.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { ids in
                for r in 0 ..< count {
                    let id = ids[r]
                    // An id outside the classes (or not an integer) is never a hit.
                    guard id >= 0 && id < Float(width) && id == id.rounded(.towardZero) else { continue }
                    if Self.isInTopK(p.baseAddress! + r * width, width: width, target: Int(id), k: k) { hits += 1 }
                }
            }
        }
        rows += count
    }
}
