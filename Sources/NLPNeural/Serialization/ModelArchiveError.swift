// NLPNeural: why a model file cannot be written, read or loaded into layers.

/// Why a model archive cannot be written, read, or loaded into layers. File-format problems of the
/// underlying `.safetensors` file are `SafeTensorsError`s.
public enum ModelArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is a safetensors file but not a model archive (`format` is what it says, if anything).
    case notAModelArchive(path: String, format: String?)
    /// The archive was written by a newer, incompatible version.
    case unsupportedVersion(path: String, version: String)
    /// A required metadata entry is absent.
    case missingMetadata(path: String, key: String)
    /// A metadata entry is not the expected JSON.
    case invalidMetadata(path: String, key: String, reason: String)
    /// The architecture or training description cannot be encoded as JSON (e.g. a NaN value).
    case encodingFailed(key: String, reason: String)
    /// A tensor belongs to no parameter of the model.
    case unexpectedTensor(name: String)
    /// The architecture names a layer type the registry does not know.
    case unknownLayerType(layerIndex: Int, type: String)
    /// A layer cannot be rebuilt from its configuration.
    case invalidLayerConfiguration(layerIndex: Int, reason: String)
    /// The architecture has no input shape, so the layers cannot be built.
    case missingInputShape
    /// The model has a different number of layers than the archive.
    case layerCountMismatch(expected: Int, found: Int)
    /// A layer of the model has a different type than the archived one.
    case layerTypeMismatch(layerIndex: Int, expected: String, found: String)
    /// The archive has no tensor for a parameter of the model.
    case missingTensor(layer: String, parameter: String, key: String)
    /// The archived tensor's shape differs from the model's parameter (`expected` is the model's).
    case shapeMismatch(layer: String, parameter: String, expected: [Int], found: [Int])

    /// A message naming the file (or layer) and what is wrong.
    public var description: String {
        switch self {
        case .notAModelArchive(let path, let format):
            return "\(path): not a model archive (metadata \"format\" is "
                + (format.map { "\"\($0)\"" } ?? "missing") + ", expected \"\(ModelArchive.format)\")"
        case .unsupportedVersion(let path, let version):
            return "\(path): model archive version \"\(version)\" is not supported (this library reads "
                + "version \"\(ModelArchive.version)\")"
        case .missingMetadata(let path, let key): return "\(path): model archive has no \"\(key)\" metadata"
        case .invalidMetadata(let path, let key, let reason):
            return "\(path): model archive metadata \"\(key)\" is invalid: \(reason)"
        case .encodingFailed(let key, let reason): return "cannot encode the model's \(key) as JSON: \(reason)"
        case .unexpectedTensor(let name):
            return "the archive has a tensor \"\(name)\" that belongs to no parameter of the model"
        case .unknownLayerType(let index, let type):
            return "layer \(index) has the unknown type \"\(type)\"; known types: "
                + LayerRegistry.builtInTypes.keys.sorted().joined(separator: ", ")
        case .invalidLayerConfiguration(let index, let reason):
            return "layer \(index) cannot be rebuilt from its configuration: \(reason)"
        case .missingInputShape: return "the archived architecture has no input shape, so its layers cannot be built"
        case .layerCountMismatch(let expected, let found):
            return "the archive describes \(expected) layers but the model has \(found)"
        case .layerTypeMismatch(let index, let expected, let found):
            return "layer \(index) is a \(found) in the model but a \(expected) in the archive"
        case .missingTensor(let layer, let parameter, let key):
            return "layer \(layer): the archive has no tensor \"\(key)\" for parameter \(parameter)"
        case .shapeMismatch(let layer, let parameter, let expected, let found):
            return
                "layer \(layer): parameter \(parameter) has shape \(expected) in the model but \(found) in the archive"
        }
    }
}
