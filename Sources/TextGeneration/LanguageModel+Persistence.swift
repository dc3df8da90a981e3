// TextGeneration: model files — one .safetensors file with the tokenizer and training state as
// metadata.
import Foundation
import NLPCore
import NLPNeural

/// The `"textgen"` metadata of a model file (JSON).
struct LanguageModelMetadata: Codable {
    static let key = "textgen"
    static let version = 1
    var version: Int
    var tokenizer: LanguageModelTokenizer
    var configuration: LanguageModelConfiguration
    var training: TrainingState?
}

extension LanguageModel {
    /// Writes the model (weights, network, tokenizer) to one `.safetensors` file, atomically.
    /// ``LanguageModel/load(from:)`` reads it back; any safetensors reader sees the weights.
    /// - Throws: `SafeTensorsError.cannotWrite` or `ModelArchiveError` when writing fails (an existing
    ///   file is then left unchanged).
    public func save(to path: String) throws {
        try save(to: path, optimizer: nil, state: nil)
    }

    /// Writes the model with an optimizer's state and a training state (a checkpoint).
    func save(to path: String, optimizer: (any Optimizer)?, state: TrainingState?) throws {
        guard let inputShape = network.inputShape else {
            throw TrainingError.notBuilt(reason: "the language model's network is not built")
        }
        let architecture = ModelArchitecture(name: network.name, inputShape: inputShape, layers: network.layers)
        let training = TrainingConfiguration(
            loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: [], optimizer: optimizer)
        let archive = ModelArchive(
            architecture: architecture, layers: network.layers, training: training,
            optimizerState: optimizer?.stateTensors(for: network.parameters) ?? [:])
        var file = try archive.safeTensors()
        let metadata = LanguageModelMetadata(
            version: LanguageModelMetadata.version, tokenizer: tokenizer, configuration: configuration,
            training: state)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        file.metadata[LanguageModelMetadata.key] = String(decoding: try encoder.encode(metadata), as: UTF8.self)
        try file.write(to: path)
    }

    /// Loads a model written by ``save(to:)`` or by a trainer's checkpoint.
    /// - Throws: `SafeTensorsError` for a missing or damaged file, `TextGenerationError.invalidModelFile`
    ///   for a file that is not a language model or does not fit its own description.
    public static func load(from path: String) throws -> LanguageModel {
        try loadCheckpoint(from: path).model
    }

    /// The model, its archive (optimizer state) and the training state of a file.
    static func loadCheckpoint(from path: String) throws -> (
        model: LanguageModel, archive: ModelArchive, state: TrainingState?
    ) {
        let file = try SafeTensors.read(from: path)
        guard let json = file.metadata[LanguageModelMetadata.key] else {
            throw TextGenerationError.invalidModelFile(path: path, reason: "no \"textgen\" metadata")
        }
        let metadata: LanguageModelMetadata
        do {
            metadata = try JSONDecoder().decode(LanguageModelMetadata.self, from: Data(json.utf8))
        } catch {
            throw TextGenerationError.invalidModelFile(path: path, reason: "unreadable metadata (\(error))")
        }
        guard metadata.version == LanguageModelMetadata.version else {
            throw TextGenerationError.invalidModelFile(path: path, reason: "unsupported version \(metadata.version)")
        }
        let archive = try ModelArchive(file, source: path)
        let layers = try archive.makeLayers()
        let network = Sequential(layers, inputShape: archive.architecture.inputShape, name: archive.architecture.name)
        try network.build()
        let V = metadata.tokenizer.count
        let expectedInput = metadata.configuration.embeddingDimension > 0 ? [-1] : [-1, V]
        let recurrent = layers.compactMap { $0 as? any RecurrentLayer }
        guard network.inputShape == expectedInput, network.outputShape == [-1, V],
            recurrent.count == metadata.configuration.layers,
            recurrent.allSatisfy({ $0.stateful && $0.returnSequences })
        else {
            throw TextGenerationError.invalidModelFile(
                path: path, reason: "the network does not match its configuration and vocabulary of \(V) tokens")
        }
        let model = LanguageModel(
            tokenizer: metadata.tokenizer, configuration: metadata.configuration, network: network)
        return (model, archive, metadata.training)
    }
}
