// NLPNeural: metrics by Keras name, and Keras's resolution of "accuracy".

/// Errors raised when a metric is made by name.
public enum MetricError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No built-in metric has this name.
    case unknownMetric(String)
    /// `"accuracy"` depends on the loss, and none was given.
    case accuracyNeedsLoss
    /// A configuration value has the wrong type or range.
    case invalidConfiguration(metric: String, key: String, expected: String)

    public var description: String {
        switch self {
        case .unknownMetric(let name):
            return "unknown metric \"\(name)\"; known: \(MetricRegistry.knownNames.joined(separator: ", "))"
        case .accuracyNeedsLoss:
            return
                "metric \"accuracy\" depends on the loss (binary, sparse or categorical): pass the loss or name the metric, e.g. \"binary_accuracy\""
        case .invalidConfiguration(let metric, let key, let expected):
            return "metric \(metric): configuration value \"\(key)\" is not \(expected)"
        }
    }
}

/// Makes metrics from Keras names and configurations.
///
/// ```swift
/// let accuracy = MetricRegistry.accuracy(for: BinaryCrossentropy())        // BinaryAccuracy named "accuracy"
/// let top3 = try MetricRegistry.makeMetric(name: "sparse_top_k_categorical_accuracy", configuration: ["k": .number(3)])
/// ```
/// A metric's `configuration` holds its `class_name`, so `makeMetric(name: m.name, configuration:
/// m.configuration)` rebuilds it, including one named `"accuracy"`.
public enum MetricRegistry {
    /// Every accepted type name (Keras function names, short aliases and class names).
    public static var knownNames: [String] { canonicalNames.keys.sorted() + ["accuracy", "acc"] }

    private static let canonicalNames: [String: String] = {
        var names: [String: String] = [:]
        let aliases: [String: [String]] = [
            "binary_accuracy": ["BinaryAccuracy"],
            "categorical_accuracy": ["CategoricalAccuracy"],
            "sparse_categorical_accuracy": ["SparseCategoricalAccuracy"],
            "top_k_categorical_accuracy": ["TopKCategoricalAccuracy"],
            "sparse_top_k_categorical_accuracy": ["SparseTopKCategoricalAccuracy"],
            "precision": ["Precision"],
            "recall": ["Recall"],
            "f1_score": ["F1Score", "f1"],
        ]
        for (canonical, others) in aliases {
            names[canonical] = canonical
            for other in others { names[other] = canonical }
        }
        return names
    }()

    /// Keras's meaning of `metrics: ["accuracy"]` for `loss`: `BinaryAccuracy` for binary
    /// crossentropy, `SparseCategoricalAccuracy` for sparse categorical crossentropy,
    /// `CategoricalAccuracy` otherwise; the metric is named `"accuracy"`.
    public static func accuracy(for loss: any Loss) -> any Metric {
        switch loss.name {
        case "binary_crossentropy": return BinaryAccuracy(name: "accuracy")
        case "sparse_categorical_crossentropy": return SparseCategoricalAccuracy(name: "accuracy")
        default: return CategoricalAccuracy(name: "accuracy")
        }
    }

    /// The metric of type `configuration["class_name"]` (or `name` when absent), shown as `name`.
    ///
    /// `"accuracy"`/`"acc"` without a `class_name` resolves through `loss` (see `accuracy(for:)`).
    /// Hyperparameters: `"threshold"` (binary accuracy, precision, recall, F1), `"k"` (top-k).
    /// - Throws: `MetricError.unknownMetric`, `.accuracyNeedsLoss`, `.invalidConfiguration`.
    public static func makeMetric(
        name: String, configuration: [String: JSONValue] = [:], loss: (any Loss)? = nil
    ) throws -> any Metric {
        var typeName = name
        if let className = configuration["class_name"] {
            guard case .string(let value) = className else {
                throw MetricError.invalidConfiguration(metric: name, key: "class_name", expected: "a string")
            }
            typeName = value
        }
        if typeName == "accuracy" || typeName == "acc" {
            guard let loss else { throw MetricError.accuracyNeedsLoss }
            let metric = accuracy(for: loss)
            return name == metric.name ? metric : try makeMetric(name: name, configuration: metric.configuration)
        }
        guard let canonical = canonicalNames[typeName] else { throw MetricError.unknownMetric(typeName) }
        let threshold = try number(configuration, "threshold", metric: name, default: 0.5)
        let k = try number(configuration, "k", metric: name, default: 5)
        guard k >= 1 && k == k.rounded() && k < 1e9 else {
            throw MetricError.invalidConfiguration(metric: name, key: "k", expected: "a positive integer")
        }
        let displayName = name == typeName ? canonical : name
        switch canonical {
        case "binary_accuracy": return BinaryAccuracy(threshold: Float(threshold), name: displayName)
        case "categorical_accuracy": return CategoricalAccuracy(name: displayName)
        case "sparse_categorical_accuracy": return SparseCategoricalAccuracy(name: displayName)
        case "top_k_categorical_accuracy": return TopKCategoricalAccuracy(k: Int(k), name: displayName)
        case "sparse_top_k_categorical_accuracy": return SparseTopKCategoricalAccuracy(k: Int(k), name: displayName)
        case "precision": return Precision(threshold: Float(threshold), name: displayName)
        case "recall": return Recall(threshold: Float(threshold), name: displayName)
        default: return F1Score(threshold: Float(threshold), name: displayName)
        }
    }

    private static func number(
        _ configuration: [String: JSONValue], _ key: String, metric: String, default value: Double
    ) throws -> Double {
        switch configuration[key] {
        case nil, .null?: return value
        case .number(let number)? where number.isFinite: return number
        default: throw MetricError.invalidConfiguration(metric: metric, key: key, expected: "a finite number")
        }
    }
}
