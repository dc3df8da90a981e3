// NLPNeural: write each epoch's logs to a CSV file (Keras `CSVLogger`).
import Foundation

/// Writes each epoch's logs as a CSV row (Keras `CSVLogger`): a header `epoch,<sorted log keys>`,
/// then one row per epoch with the 0-based epoch. Keys are fixed at the first epoch; a key missing
/// later is written as `NA`.
///
/// The whole file is rewritten at each epoch end through a temporary file and a rename, so readers
/// never see a half-written row. With `append`, rows already in the file are kept (and no second
/// header is written).
public final class CSVLogger: Callback {
    /// The output file.
    public let path: String
    /// The field separator.
    public let separator: Character
    /// Whether rows already in the file are kept.
    public let append: Bool
    private var keys: [String]?
    private var contents = ""

    /// Creates the logger.
    public init(path: String, separator: Character = ",", append: Bool = false) {
        self.path = path
        self.separator = separator
        self.append = append
    }

    public func onTrainBegin(_ model: Sequential) throws {
        keys = nil
        contents = ""
        if append, let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            contents = existing
            if !contents.isEmpty && !contents.hasSuffix("\n") { contents += "\n" }
        }
    }

    public func onEpochEnd(_ model: Sequential, epoch: Int, logs: inout [String: Float]) throws {
        let separator = String(self.separator)
        if keys == nil {
            let sorted = logs.keys.sorted()
            keys = sorted
            if contents.isEmpty { contents = (["epoch"] + sorted).joined(separator: separator) + "\n" }
        }
        let row = [String(epoch)] + keys!.map { key in logs[key].map(CSVLogger.format) ?? "NA" }
        contents += row.joined(separator: separator) + "\n"
        do {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw TrainingError.fileWriteFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// The shortest round-tripping decimal; `nan`, `inf`, `-inf` for non-finite values (as Python writes them).
    static func format(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return value.description
    }
}
