// Small models and texts shared by the TextGeneration tests (debug builds: keep them tiny).
import Foundation
import NLPCore
import NLPNeural
import TextGeneration

enum Fixtures {
    /// A short repetitive text a tiny model learns within a few hundred steps.
    static let repetitive = String(repeating: "abcabd abcabd\n", count: 60)

    /// A tiny character model over `text`'s characters.
    static func characterModel(
        _ text: String = repetitive, cell: RecurrentCell = .lstm, layers: Int = 1, units: Int = 12,
        embedding: Int = 0, dropout: Float = 0, seed: UInt64 = 3
    ) throws -> LanguageModel {
        try LanguageModel(
            tokenizer: .characters(fitting: text),
            configuration: LanguageModelConfiguration(
                cell: cell, layers: layers, units: units, embeddingDimension: embedding, dropout: dropout),
            seed: seed)
    }

    /// Quick training options: small batches, no validation unless asked.
    static func options(epochs: Int = 1, batchSize: Int = 4, sequenceLength: Int = 10) -> TrainingOptions {
        var options = TrainingOptions()
        options.epochs = epochs
        options.batchSize = batchSize
        options.sequenceLength = sequenceLength
        options.validationFraction = 0.1
        options.patience = nil
        options.learningRate = 0.01
        return options
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("textgen-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The Shakespeare excerpt committed under corpora/ (the first `characters` characters).
    static func shakespeare(characters: Int) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try TextFile.read(root.appendingPathComponent("corpora/shakespeare-complete.txt.gz").path)
        return String(text.unicodeScalars.prefix(characters))
    }
}
