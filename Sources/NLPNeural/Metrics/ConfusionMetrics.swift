// NLPNeural: precision, recall and F1 of binary predictions.
import NLPCore

/// True/false positive and false negative counts at a threshold, accumulated over batches.
///
/// A prediction is positive when `p > threshold`; a target is positive when it is not 0 (Keras).
struct BinaryConfusionCounts {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0

    mutating func add(predictions: Tensor, targets: Tensor, threshold: Float, metric: String) {
        precondition(
            predictions.count == targets.count,
            "\(metric): targets \(targets.shape) do not match predictions \(predictions.shape)")
        predictions.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { y in
                for i in 0 ..< p.count {
                    let predicted = p[i] > threshold
                    let actual = y[i] != 0
                    if predicted && actual {
                        truePositives += 1
                    } else if predicted {
                        falsePositives += 1
                    } else if actual {
                        falseNegatives += 1
                    }
                }
            }
        }
    }

    /// `numerator / denominator`, or 0 when the denominator is 0 (Keras `divide_no_nan`).
    static func ratio(_ numerator: Int, _ denominator: Int) -> Float {
        denominator == 0 ? 0 : Float(Double(numerator) / Double(denominator))
    }
}

/// `TP / (TP + FP)`: the fraction of positive predictions that are right (Keras `Precision`).
public final class Precision: Metric {
    public let name: String
    /// Predictions above it are positive.
    public let threshold: Float
    private var counts = BinaryConfusionCounts()

    /// Creates the metric.
    public init(threshold: Float = 0.5, name: String = "precision") {
        self.threshold = threshold
        self.name = name
    }

    public var configuration: [String: JSONValue] {
        ["class_name": .string("precision"), "threshold": .number(Double(threshold))]
    }
    public func reset() { counts = BinaryConfusionCounts() }

    public func update(predictions: Tensor, targets: Tensor) {
        counts.add(predictions: predictions, targets: targets, threshold: threshold, metric: name)
    }

    /// 0 before any positive prediction.
    public var result: Float {
        BinaryConfusionCounts.ratio(counts.truePositives, counts.truePositives + counts.falsePositives)
    }
}

/// `TP / (TP + FN)`: the fraction of positive targets that are found (Keras `Recall`).
public final class Recall: Metric {
    public let name: String
    /// Predictions above it are positive.
    public let threshold: Float
    private var counts = BinaryConfusionCounts()

    /// Creates the metric.
    public init(threshold: Float = 0.5, name: String = "recall") {
        self.threshold = threshold
        self.name = name
    }

    public var configuration: [String: JSONValue] {
        ["class_name": .string("recall"), "threshold": .number(Double(threshold))]
    }
    public func reset() { counts = BinaryConfusionCounts() }

    public func update(predictions: Tensor, targets: Tensor) {
        counts.add(predictions: predictions, targets: targets, threshold: threshold, metric: name)
    }

    /// 0 before any positive target.
    public var result: Float {
        BinaryConfusionCounts.ratio(counts.truePositives, counts.truePositives + counts.falseNegatives)
    }
}

/// The harmonic mean of precision and recall, `2·TP / (2·TP + FP + FN)`, of binary predictions
/// (Keras `F1Score` with `threshold=0.5` on one output).
public final class F1Score: Metric {
    public let name: String
    /// Predictions above it are positive.
    public let threshold: Float
    private var counts = BinaryConfusionCounts()

    /// Creates the metric.
    public init(threshold: Float = 0.5, name: String = "f1_score") {
        self.threshold = threshold
        self.name = name
    }

    public var configuration: [String: JSONValue] {
        ["class_name": .string("f1_score"), "threshold": .number(Double(threshold))]
    }
    public func reset() { counts = BinaryConfusionCounts() }

    public func update(predictions: Tensor, targets: Tensor) {
        counts.add(predictions: predictions, targets: targets, threshold: threshold, metric: name)
    }

    /// 0 when there is no positive prediction nor target.
    public var result: Float {
        let tp = counts.truePositives
        return BinaryConfusionCounts.ratio(2 * tp, 2 * tp + counts.falsePositives + counts.falseNegatives)
    }
}
