// One file for a whole ensemble: every member's tensors and metadata under a "member<k>." prefix.
import Foundation
import NLPNeural

/// The ensemble's own metadata (key ``metadataKey``): the format version and the member count.
struct SentimentEnsembleMetadata: Codable {
    static let metadataKey = "sentiment_ensemble"
    static let currentVersion = 1
    /// More members than this in a file is treated as damage, not allocated.
    static let maximumMembers = 64
    var version: Int
    var members: Int

    static func prefix(_ member: Int) -> String { "member\(member)." }
}

extension SentimentEnsemble {
    /// Writes the ensemble to one `.safetensors` file, atomically (temporary file, rename): member
    /// `k`'s tensors and metadata (as ``SentimentClassifier/save(to:)`` writes them) under the
    /// prefix `member<k>.`, plus the member count.
    /// - Throws: NLPNeural's `SafeTensorsError`/`ModelArchiveError` when writing fails.
    public func save(to path: String) throws {
        var combined = SafeTensors()
        for (index, member) in members.enumerated() {
            let file = try member.safeTensors(path: path)
            let prefix = SentimentEnsembleMetadata.prefix(index)
            for (name, tensor) in file.tensors { combined.tensors[prefix + name] = tensor }
            for (key, value) in file.metadata { combined.metadata[prefix + key] = value }
        }
        let metadata = SentimentEnsembleMetadata(
            version: SentimentEnsembleMetadata.currentVersion, members: members.count)
        combined.metadata[SentimentEnsembleMetadata.metadataKey] = String(
            decoding: try JSONEncoder().encode(metadata), as: UTF8.self)
        try combined.write(to: path)
    }

    /// Loads an ensemble written by ``save(to:)``.
    /// - Throws: `SafeTensorsError` for a missing or damaged file; ``SentimentError``
    ///   `.invalidModelFile` for a file without ensemble metadata (e.g. a single classifier's file:
    ///   load it with ``SentimentClassifier/load(from:)``), a bad member count, or a damaged member
    ///   (its index is named); `.invalidConfiguration` for members with different labels.
    public static func load(from path: String) throws -> SentimentEnsemble {
        let file = try SafeTensors.read(from: path)
        guard let json = file.metadata[SentimentEnsembleMetadata.metadataKey] else {
            throw SentimentError.invalidModelFile(
                path: path,
                reason: "no '\(SentimentEnsembleMetadata.metadataKey)' metadata: not saved by SentimentEnsemble")
        }
        let metadata: SentimentEnsembleMetadata
        do {
            metadata = try JSONDecoder().decode(SentimentEnsembleMetadata.self, from: Data(json.utf8))
        } catch {
            throw SentimentError.invalidModelFile(path: path, reason: "damaged ensemble metadata: \(error)")
        }
        guard metadata.version == SentimentEnsembleMetadata.currentVersion else {
            throw SentimentError.invalidModelFile(path: path, reason: "unsupported version \(metadata.version)")
        }
        guard (1 ... SentimentEnsembleMetadata.maximumMembers).contains(metadata.members) else {
            throw SentimentError.invalidModelFile(
                path: path,
                reason: "\(metadata.members) members (expected 1...\(SentimentEnsembleMetadata.maximumMembers))")
        }
        var members: [SentimentClassifier] = []
        for index in 0 ..< metadata.members {
            let prefix = SentimentEnsembleMetadata.prefix(index)
            var part = SafeTensors()
            for (name, tensor) in file.tensors where name.hasPrefix(prefix) {
                part.tensors[String(name.dropFirst(prefix.count))] = tensor
            }
            for (key, value) in file.metadata where key.hasPrefix(prefix) {
                part.metadata[String(key.dropFirst(prefix.count))] = value
            }
            do {
                members.append(try SentimentClassifier.load(part, path: path))
            } catch SentimentError.invalidModelFile(_, let reason) {
                throw SentimentError.invalidModelFile(path: path, reason: "member \(index): \(reason)")
            } catch {
                throw SentimentError.invalidModelFile(path: path, reason: "member \(index): \(error)")
            }
        }
        return try SentimentEnsemble(members: members)
    }
}
