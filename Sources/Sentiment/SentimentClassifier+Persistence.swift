// One model file: the network's .safetensors archive with the tokenizer, vocabulary and labels in
// its JSON metadata.
import Foundation
import NLPCore
import NLPNeural

/// What a sentiment model file holds besides the network (metadata key ``metadataKey``).
struct SentimentModelMetadata: Codable {
    static let metadataKey = "sentiment"
    static let currentVersion = 1
    var version: Int
    var labelNames: [String]
    var maxLength: Int
    var tokenizer: SentimentTokenizer
    var configuration: SentimentConfiguration
    var history: History
    var embeddingAlignment: EmbeddingAlignment?
    var trainingSummary: SentimentClassifier.TrainingSummary
}

extension SentimentClassifier {
    /// Writes the classifier to one `.safetensors` file, atomically (temporary file, rename): the
    /// network's weights and architecture (NLPNeural's model archive) plus, in the metadata, the
    /// tokenizer settings and vocabulary, label names, sequence length, configuration and history.
    /// - Throws: NLPNeural's `SafeTensorsError`/`ModelArchiveError` when writing fails (an existing
    ///   file is left as it was).
    public func save(to path: String) throws {
        try safeTensors(path: path).write(to: path)
    }

    /// The weights, architecture and metadata that ``save(to:)`` writes (`path` names the file in errors).
    func safeTensors(path: String) throws -> SafeTensors {
        guard let inputShape = model.inputShape else {
            throw SentimentError.invalidModelFile(path: path, reason: "the network is not built")
        }
        let architecture = ModelArchitecture(name: model.name, inputShape: inputShape, layers: model.layers)
        var file = try ModelArchive(architecture: architecture, layers: model.layers).safeTensors()
        let metadata = SentimentModelMetadata(
            version: SentimentModelMetadata.currentVersion, labelNames: labelNames, maxLength: maxLength,
            tokenizer: tokenizer, configuration: configuration, history: history,
            embeddingAlignment: embeddingAlignment, trainingSummary: trainingSummary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        file.metadata[SentimentModelMetadata.metadataKey] = String(
            decoding: try encoder.encode(metadata), as: UTF8.self)
        return file
    }

    /// Loads a classifier written by ``save(to:)``.
    /// - Throws: `SafeTensorsError` for a missing, unreadable or damaged file; ``SentimentError``
    ///   `.invalidModelFile` for a model file without sentiment metadata (e.g. a plain
    ///   `Sequential`), damaged metadata, or a network that does not match its labels and vocabulary;
    ///   `ModelArchiveError` for missing or mis-shaped weights.
    public static func load(from path: String) throws -> SentimentClassifier {
        try load(SafeTensors.read(from: path), path: path)
    }

    /// The classifier in `file` (read from `path`, which names the file in errors).
    static func load(_ file: SafeTensors, path: String) throws -> SentimentClassifier {
        guard let json = file.metadata[SentimentModelMetadata.metadataKey] else {
            throw SentimentError.invalidModelFile(
                path: path,
                reason: "no '\(SentimentModelMetadata.metadataKey)' metadata: not saved by SentimentClassifier")
        }
        let metadata: SentimentModelMetadata
        do {
            metadata = try JSONDecoder().decode(SentimentModelMetadata.self, from: Data(json.utf8))
        } catch {
            throw SentimentError.invalidModelFile(path: path, reason: "damaged metadata: \(error)")
        }
        guard metadata.version == SentimentModelMetadata.currentVersion else {
            throw SentimentError.invalidModelFile(path: path, reason: "unsupported version \(metadata.version)")
        }
        let archive = try ModelArchive(file, source: path)
        var layers: [any Layer] = []
        for (index, configuration) in archive.architecture.layers.enumerated() {
            do {
                layers.append(try SentimentModelFactory.makeLayer(configuration))
            } catch {
                throw SentimentError.invalidModelFile(path: path, reason: "layer \(index): \(error)")
            }
        }
        guard let inputShape = archive.architecture.inputShape else {
            throw SentimentError.invalidModelFile(path: path, reason: "no input shape")
        }
        var rng = SplitMix64(seed: 0)
        var shape = inputShape
        for layer in layers { shape = try layer.build(inputShape: shape, using: &rng) }
        try archive.loadWeights(into: layers)
        let classes = metadata.labelNames.count
        guard classes >= 2, Set(metadata.labelNames).count == classes,
            shape == [classes == 2 ? 1 : classes]
        else {
            throw SentimentError.invalidModelFile(
                path: path, reason: "the network's output \(shape) does not fit the labels \(metadata.labelNames)")
        }
        guard inputShape == [metadata.maxLength > 0 ? metadata.maxLength : -1] else {
            throw SentimentError.invalidModelFile(
                path: path, reason: "input shape \(inputShape) does not fit sequence length \(metadata.maxLength)")
        }
        let tableSize =
            (layers.first as? BagOfWordsDense)?.vocabularySize ?? (layers.first as? Embedding)?.inputDimension
        guard let tableSize, tableSize >= metadata.tokenizer.tableSize else {
            throw SentimentError.invalidModelFile(
                path: path, reason: "the first layer does not cover the \(metadata.tokenizer.tableSize) token ids")
        }
        let model = Sequential(layers, inputShape: inputShape, name: archive.architecture.name)
        try model.build()
        return SentimentClassifier(
            configuration: metadata.configuration, labelNames: metadata.labelNames, tokenizer: metadata.tokenizer,
            maxLength: metadata.maxLength, model: model, history: metadata.history,
            embeddingAlignment: metadata.embeddingAlignment, trainingSummary: metadata.trainingSummary)
    }
}
