// NLPNeural: the per-epoch record fit returns.

/// The logs of every epoch of a `fit` call (Keras `History`): `history["loss"]`,
/// `history["val_accuracy"]`, … and the epoch indices.
///
/// Codable as `{"epoch": [0, 1, …], "history": {"loss": [...], …}}`; non-finite values are written
/// as the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (JSON has no such numbers).
public struct History: Codable, Equatable, Sendable {
    /// The 0-based index of each recorded epoch.
    public private(set) var epochs: [Int] = []
    /// Each log key's value per epoch (a key first seen at a later epoch has a shorter series).
    public private(set) var series: [String: [Float]] = [:]

    /// An empty history.
    public init() {}

    /// The values of `key` by epoch, or `nil` when the key was never logged.
    public subscript(key: String) -> [Float]? { series[key] }

    /// The logged keys, sorted.
    public var keys: [String] { series.keys.sorted() }

    /// Records the logs of `epoch`.
    public mutating func append(epoch: Int, logs: [String: Float]) {
        epochs.append(epoch)
        for (key, value) in logs { series[key, default: []].append(value) }
    }

    private enum CodingKeys: String, CodingKey {
        case epochs = "epoch"
        case series = "history"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        epochs = try container.decode([Int].self, forKey: .epochs)
        let raw = try container.decode([String: [JSONValue]].self, forKey: .series)
        series = try raw.mapValues { values in
            try values.map { value in
                switch value {
                case .number(let x): return Float(x)
                case .string("NaN"): return .nan
                case .string("Infinity"): return .infinity
                case .string("-Infinity"): return -.infinity
                default:
                    throw DecodingError.dataCorrupted(
                        .init(
                            codingPath: container.codingPath, debugDescription: "history value \(value) is not a number"
                        ))
                }
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(epochs, forKey: .epochs)
        let raw = series.mapValues { values in
            values.map { x -> JSONValue in
                if x.isNaN { return .string("NaN") }
                if x.isInfinite { return .string(x > 0 ? "Infinity" : "-Infinity") }
                return .number(Double(x))
            }
        }
        try container.encode(raw, forKey: .series)
    }
}

/// The order in which log keys are shown: `loss`, the compiled metrics, other keys (sorted), then
/// the same for `val_` keys.
enum LogKeyOrder {
    static func ordered(_ keys: some Collection<String>, metricNames: [String]) -> [String] {
        let preferred = ["loss"] + metricNames
        func group(_ keys: [String]) -> [String] {
            preferred.filter(keys.contains) + keys.filter { !preferred.contains($0) }.sorted()
        }
        let training = group(keys.filter { !$0.hasPrefix("val_") })
        let validation = group(keys.filter { $0.hasPrefix("val_") }.map { String($0.dropFirst(4)) }).map { "val_" + $0 }
        return training + validation
    }
}
