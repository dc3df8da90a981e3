// NLPNeural: a layer's hyperparameters as JSON values, for save/load and summaries.

/// A JSON value: what a layer's configuration is made of.
public enum JSONValue: Codable, Equatable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let value): return "\"\(value)\""
        case .array(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .object(let values):
            return "{" + values.keys.sorted().map { "\"\($0)\": \(values[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A layer's type and hyperparameters (not its weights): enough to rebuild an unbuilt copy.
///
/// ```swift
/// var configuration = LayerConfiguration(type: "Dense", name: "dense_1")
/// configuration["units"] = .number(16)
/// let units = try configuration.int("units")
/// ```
public struct LayerConfiguration: Codable, Equatable, Sendable {
    /// The layer's type name (`Layer.typeName`), e.g. `"LSTM"`.
    public var type: String
    /// The layer's name in its model.
    public var name: String
    /// The hyperparameters by Keras-style snake_case key.
    public var values: [String: JSONValue]

    /// Creates a configuration.
    public init(type: String, name: String, values: [String: JSONValue] = [:]) {
        self.type = type
        self.name = name
        self.values = values
    }

    /// The value for `key`, or `nil`.
    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// The value for `key` or a `missingKey` error.
    public func value(_ key: String) throws -> JSONValue {
        guard let value = values[key] else { throw LayerConfigurationError.missingKey(layer: name, key: key) }
        return value
    }

    /// An integer value.
    public func int(_ key: String) throws -> Int {
        guard case .number(let x) = try value(key), x == x.rounded(), abs(x) < 1e15 else {
            throw LayerConfigurationError.wrongType(layer: name, key: key, expected: "integer")
        }
        return Int(x)
    }

    /// A floating-point value.
    public func float(_ key: String) throws -> Float {
        guard case .number(let x) = try value(key) else {
            throw LayerConfigurationError.wrongType(layer: name, key: key, expected: "number")
        }
        return Float(x)
    }

    /// A Boolean value.
    public func bool(_ key: String) throws -> Bool {
        guard case .bool(let x) = try value(key) else {
            throw LayerConfigurationError.wrongType(layer: name, key: key, expected: "true or false")
        }
        return x
    }

    /// A string value.
    public func string(_ key: String) throws -> String {
        guard case .string(let x) = try value(key) else {
            throw LayerConfigurationError.wrongType(layer: name, key: key, expected: "string")
        }
        return x
    }

    /// An array of integers.
    public func ints(_ key: String) throws -> [Int] {
        guard case .array(let xs) = try value(key) else {
            throw LayerConfigurationError.wrongType(layer: name, key: key, expected: "array of integers")
        }
        return try xs.map {
            guard case .number(let x) = $0, x == x.rounded(), abs(x) < 1e15 else {
                throw LayerConfigurationError.wrongType(layer: name, key: key, expected: "array of integers")
            }
            return Int(x)
        }
    }

    /// A Codable value stored as JSON (activations, regularizers).
    public func decode<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
        let json = try value(key)
        do {
            let data = try JSONEncoderShim.encode(json)
            return try JSONEncoderShim.decode(T.self, from: data)
        } catch {
            throw LayerConfigurationError.wrongType(layer: name, key: key, expected: "\(T.self)")
        }
    }

    /// Stores a Codable value as JSON.
    public mutating func encode<T: Encodable>(_ value: T, _ key: String) {
        values[key] = try? JSONEncoderShim.decode(JSONValue.self, from: JSONEncoderShim.encode(value))
    }
}

/// Why a configuration cannot rebuild its layer.
public enum LayerConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingKey(layer: String, key: String)
    case wrongType(layer: String, key: String, expected: String)
    case invalidValue(layer: String, key: String, reason: String)
    case unknownLayerType(String)

    public var description: String {
        switch self {
        case .missingKey(let layer, let key): return "layer \(layer): configuration has no \"\(key)\""
        case .wrongType(let layer, let key, let expected):
            return "layer \(layer): configuration value \"\(key)\" is not a \(expected)"
        case .invalidValue(let layer, let key, let reason):
            return "layer \(layer): configuration value \"\(key)\" is invalid: \(reason)"
        case .unknownLayerType(let type): return "unknown layer type \"\(type)\""
        }
    }
}
