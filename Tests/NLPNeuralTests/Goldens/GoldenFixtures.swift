// Loads the committed golden fixtures written by generate_goldens.py (tests never run Python).
import Foundation
import NLPCore
import NLPNeural

/// One fixture file from `Tests/NLPNeuralTests/Goldens/fixtures/`: its cases and tolerances.
///
/// The files are found next to this source file (`#filePath`), so no resource bundle is needed.
struct GoldenFixture {
    /// What the file holds, from the generator.
    let description: String
    /// The PyTorch version that produced the numbers.
    let torchVersion: String
    /// Relative tolerance the generator recommends.
    let rtol: Float
    /// Absolute tolerance the generator recommends.
    let atol: Float
    /// The cases in file order.
    let cases: [GoldenCase]

    /// The directory holding the fixtures.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    /// The path of a fixture file such as `"python.safetensors"`.
    static func path(_ fileName: String) -> String { directory.appendingPathComponent(fileName).path }

    /// Loads `fixtures/<name>.json`.
    static func load(_ name: String) throws -> GoldenFixture {
        let data = try Data(contentsOf: directory.appendingPathComponent(name + ".json"))
        guard case .object(let root) = try JSONDecoder().decode(JSONValue.self, from: data) else {
            throw GoldenFixtureError.malformed(file: name, reason: "the root is not an object")
        }
        guard case .array(let cases) = root["cases"] else {
            throw GoldenFixtureError.malformed(file: name, reason: "no \"cases\" array")
        }
        var rtol: Float = 1e-5
        var atol: Float = 1e-6
        if case .object(let tolerances) = root["tolerances"] {
            if case .number(let x) = tolerances["rtol"] { rtol = Float(x) }
            if case .number(let x) = tolerances["atol"] { atol = Float(x) }
        }
        var description = ""
        if case .string(let text) = root["description"] { description = text }
        var version = ""
        if case .string(let text) = root["torch_version"] { version = text }
        return GoldenFixture(
            description: description, torchVersion: version, rtol: rtol, atol: atol,
            cases: try cases.map { try GoldenCase(file: name, $0) })
    }

    /// The case named `name`.
    func `case`(_ name: String) throws -> GoldenCase {
        guard let found = cases.first(where: { $0.name == name }) else {
            throw GoldenFixtureError.missing(file: "fixture", key: name)
        }
        return found
    }
}

/// One case of a fixture: named tensors, numbers, strings and flags.
struct GoldenCase: CustomStringConvertible {
    /// The fixture file (for messages).
    let file: String
    /// The case's name, e.g. `"lstm_sequences_initial_state"`.
    let name: String
    /// Every field of the case.
    let fields: [String: JSONValue]

    init(file: String, _ value: JSONValue) throws {
        guard case .object(let fields) = value, case .string(let name) = fields["name"] else {
            throw GoldenFixtureError.malformed(file: file, reason: "a case is not an object with a name")
        }
        self.file = file
        self.name = name
        self.fields = fields
    }

    var description: String { name }

    /// Whether the case has a field `key`.
    func has(_ key: String) -> Bool { fields[key] != nil }

    /// A tensor field `{"shape": [...], "values": [...]}`.
    func tensor(_ key: String) throws -> Tensor { try Self.tensor(fields[key], file: file, key: "\(name).\(key)") }

    /// A list of tensors (states, per-parameter lists).
    func tensors(_ key: String) throws -> [Tensor] {
        guard case .array(let items) = fields[key] else {
            throw GoldenFixtureError.missing(file: file, key: "\(name).\(key)")
        }
        return try items.enumerated().map { try Self.tensor($1, file: file, key: "\(name).\(key)[\($0)]") }
    }

    /// A dictionary of tensors.
    func tensorDictionary(_ key: String) throws -> [String: Tensor] {
        guard case .object(let items) = fields[key] else {
            throw GoldenFixtureError.missing(file: file, key: "\(name).\(key)")
        }
        return try items.reduce(into: [:]) { result, item in
            result[item.key] = try Self.tensor(item.value, file: file, key: "\(name).\(key).\(item.key)")
        }
    }

    /// A number field.
    func float(_ key: String) throws -> Float {
        guard case .number(let x) = fields[key] else {
            throw GoldenFixtureError.missing(file: file, key: "\(name).\(key)")
        }
        return Float(x)
    }

    /// An integer field.
    func int(_ key: String) throws -> Int { Int(try float(key)) }

    /// A Boolean field.
    func bool(_ key: String) throws -> Bool {
        guard case .bool(let x) = fields[key] else {
            throw GoldenFixtureError.missing(file: file, key: "\(name).\(key)")
        }
        return x
    }

    /// A string field.
    func string(_ key: String) throws -> String {
        guard case .string(let x) = fields[key] else {
            throw GoldenFixtureError.missing(file: file, key: "\(name).\(key)")
        }
        return x
    }

    /// A string-to-string dictionary field.
    func strings(_ key: String) throws -> [String: String] {
        guard case .object(let items) = fields[key] else {
            throw GoldenFixtureError.missing(file: file, key: "\(name).\(key)")
        }
        return try items.mapValues {
            guard case .string(let x) = $0 else { throw GoldenFixtureError.missing(file: file, key: "\(name).\(key)") }
            return x
        }
    }

    private static func tensor(_ value: JSONValue?, file: String, key: String) throws -> Tensor {
        guard case .object(let object) = value, case .array(let shapeValues) = object["shape"],
            case .array(let scalarValues) = object["values"]
        else { throw GoldenFixtureError.missing(file: file, key: key) }
        let shape = try shapeValues.map {
            guard case .number(let x) = $0 else {
                throw GoldenFixtureError.malformed(file: file, reason: "\(key): shape")
            }
            return Int(x)
        }
        let scalars = try scalarValues.map {
            guard case .number(let x) = $0 else {
                throw GoldenFixtureError.malformed(file: file, reason: "\(key): values")
            }
            return Float(x)
        }
        guard scalars.count == shape.reduce(1, *) else {
            throw GoldenFixtureError.malformed(file: file, reason: "\(key): \(scalars.count) values for shape \(shape)")
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}

/// Why a fixture cannot be used.
enum GoldenFixtureError: Error, CustomStringConvertible {
    case malformed(file: String, reason: String)
    case missing(file: String, key: String)

    var description: String {
        switch self {
        case .malformed(let file, let reason): return "golden fixture \(file): \(reason)"
        case .missing(let file, let key): return "golden fixture \(file): no usable \"\(key)\""
        }
    }
}
