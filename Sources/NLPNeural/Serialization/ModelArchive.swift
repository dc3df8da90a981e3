// NLPNeural: a whole model (architecture, weights, training setup, optimizer state) in one file.
import Foundation
import NLPCore

/// A model in one `.safetensors` file, loadable by any safetensors reader.
///
/// ```text
/// __metadata__  "format": "nlptoolkit-model", "version": "1",
///               "architecture": ModelArchitecture as JSON, "training": TrainingConfiguration as JSON (optional)
/// tensors       "layers.<index>.<layerName>.<parameterName>"  every parameter, trainable or not
///               "optimizer.<name>"  each tensor of Optimizer.stateTensors(for:), e.g. "optimizer.0/m"
/// ```
///
/// ```swift
/// let archive = ModelArchive(
///     architecture: ModelArchitecture(name: "model", inputShape: [8], layers: layers), layers: layers,
///     training: TrainingConfiguration(loss: loss, metrics: metrics, optimizer: optimizer),
///     optimizerState: optimizer.stateTensors(for: parameters))
/// try archive.write(to: "model.safetensors")
/// let restored = try ModelArchive.read(from: "model.safetensors").makeLayers()
/// ```
public struct ModelArchive: Sendable {
    /// The `"format"` metadata value that marks a model archive.
    public static let format = "nlptoolkit-model"
    /// The archive version this library writes and reads.
    public static let version = "1"
    /// The prefix of parameter tensors.
    public static let layerPrefix = "layers."
    /// The prefix of optimizer state tensors.
    public static let optimizerPrefix = "optimizer."

    /// The layers' configurations, input shape and model name.
    public var architecture: ModelArchitecture
    /// How the model was compiled, if it was.
    public var training: TrainingConfiguration?
    /// Parameter values by full tensor name (`weightName(layerIndex:layerName:parameterName:)`).
    public var weights: [String: Tensor]
    /// Optimizer state by the names `Optimizer.stateTensors(for:)` gives (without the prefix).
    public var optimizerState: [String: Tensor]

    /// Creates an archive from parts.
    public init(
        architecture: ModelArchitecture, weights: [String: Tensor], training: TrainingConfiguration? = nil,
        optimizerState: [String: Tensor] = [:]
    ) {
        self.architecture = architecture
        self.weights = weights
        self.training = training
        self.optimizerState = optimizerState
    }

    /// Captures the current values of every parameter of `layers` (built, in model order).
    /// - Precondition: `layers` matches `architecture.layers` in count.
    public init(
        architecture: ModelArchitecture, layers: [any Layer], training: TrainingConfiguration? = nil,
        optimizerState: [String: Tensor] = [:]
    ) {
        precondition(
            layers.count == architecture.layers.count,
            "ModelArchive: \(layers.count) layers for an architecture of \(architecture.layers.count)")
        var weights: [String: Tensor] = [:]
        for (index, layer) in layers.enumerated() {
            let layerName = architecture.layers[index].name
            for (parameter, parameterName) in zip(layer.parameters, layer.parameterNames) {
                let key = Self.weightName(layerIndex: index, layerName: layerName, parameterName: parameterName)
                precondition(
                    weights[key] == nil, "ModelArchive: layer \(layerName) has two parameters named \(parameterName)")
                weights[key] = parameter.value
            }
        }
        self.init(architecture: architecture, weights: weights, training: training, optimizerState: optimizerState)
    }

    /// The tensor name of a parameter: `"layers.<index>.<layerName>.<parameterName>"`.
    public static func weightName(layerIndex: Int, layerName: String, parameterName: String) -> String {
        "\(layerPrefix)\(layerIndex).\(layerName).\(parameterName)"
    }

    // MARK: - Writing and reading

    /// The archive as safetensors contents (metadata and tensors).
    /// - Throws: `ModelArchiveError.encodingFailed` when the architecture or training cannot be JSON.
    public func safeTensors() throws -> SafeTensors {
        var metadata = ["format": Self.format, "version": Self.version]
        metadata["architecture"] = try Self.encodeJSON(architecture, key: "architecture")
        if let training { metadata["training"] = try Self.encodeJSON(training, key: "training") }
        var tensors = weights
        for (name, tensor) in optimizerState { tensors[Self.optimizerPrefix + name] = tensor }
        return SafeTensors(tensors: tensors, metadata: metadata)
    }

    /// Writes the archive atomically (temporary file, `fsync`, rename); the target is untouched when
    /// anything fails.
    /// - Throws: `ModelArchiveError.encodingFailed` or `SafeTensorsError.cannotWrite`.
    public func write(to path: String) throws {
        try safeTensors().write(to: path)
    }

    /// Reads and validates an archive.
    /// - Throws: `SafeTensorsError` for a damaged file, `ModelArchiveError` for a file that is not a
    ///   model archive of a supported version, or has unreadable metadata or stray tensors.
    public static func read(from path: String) throws -> ModelArchive {
        try ModelArchive(SafeTensors.read(from: path), source: path)
    }

    /// Interprets safetensors contents as an archive (`source` names it in errors).
    /// - Throws: `ModelArchiveError`.
    public init(_ file: SafeTensors, source: String = "<memory>") throws {
        guard file.metadata["format"] == Self.format else {
            throw ModelArchiveError.notAModelArchive(path: source, format: file.metadata["format"])
        }
        guard let version = file.metadata["version"] else {
            throw ModelArchiveError.missingMetadata(path: source, key: "version")
        }
        guard version == Self.version else {
            throw ModelArchiveError.unsupportedVersion(path: source, version: version)
        }
        guard let architectureJSON = file.metadata["architecture"] else {
            throw ModelArchiveError.missingMetadata(path: source, key: "architecture")
        }
        let architecture = try Self.decodeJSON(
            ModelArchitecture.self, from: architectureJSON, key: "architecture", path: source)
        let training = try file.metadata["training"].map {
            try Self.decodeJSON(TrainingConfiguration.self, from: $0, key: "training", path: source)
        }
        var weights: [String: Tensor] = [:]
        var optimizerState: [String: Tensor] = [:]
        for (name, tensor) in file.tensors {
            if name.hasPrefix(Self.layerPrefix) {
                weights[name] = tensor
            } else if name.hasPrefix(Self.optimizerPrefix) {
                optimizerState[String(name.dropFirst(Self.optimizerPrefix.count))] = tensor
            } else {
                throw ModelArchiveError.unexpectedTensor(name: name)
            }
        }
        self.init(architecture: architecture, weights: weights, training: training, optimizerState: optimizerState)
    }

    private static func encodeJSON<T: Encodable>(_ value: T, key: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw ModelArchiveError.encodingFailed(key: key, reason: "\(error)")
        }
    }

    private static func decodeJSON<T: Decodable>(_ type: T.Type, from text: String, key: String, path: String) throws
        -> T
    {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            throw ModelArchiveError.invalidMetadata(
                path: path, key: key, reason: context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        } catch let DecodingError.keyNotFound(codingKey, context) {
            let location = (context.codingPath + [codingKey]).map(\.stringValue).joined(separator: ".")
            throw ModelArchiveError.invalidMetadata(path: path, key: key, reason: "missing \"\(location)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            let location = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ModelArchiveError.invalidMetadata(path: path, key: key, reason: "wrong type at \"\(location)\"")
        } catch {
            throw ModelArchiveError.invalidMetadata(path: path, key: key, reason: "\(error)")
        }
    }
}
