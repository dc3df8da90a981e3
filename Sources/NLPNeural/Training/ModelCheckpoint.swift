// NLPNeural: save the model during training (Keras `ModelCheckpoint`).
import Foundation

/// Saves the model at the end of each epoch, or only when `monitor` improves (Keras
/// `ModelCheckpoint` with `save_freq="epoch"`).
///
/// Saving is done by the `save` closure (e.g. a `ModelArchive` writer), called with the model and
/// the path made from `pathTemplate`: `{epoch}` is the 1-based epoch, `{epoch:02d}` the same
/// zero-padded, `{val_loss}` or `{val_loss:.4f}` a log value (as in Keras's `filepath`).
public final class ModelCheckpoint: Callback {
    /// The path with `{…}` placeholders.
    public let pathTemplate: String
    /// The log key compared when `saveBestOnly`.
    public let monitor: String
    /// Whether to save only when `monitor` improves on the best value so far.
    public let saveBestOnly: Bool
    /// Whether smaller or larger is better.
    public let mode: MonitorMode
    private let save: (Sequential, String) throws -> Void

    /// The best monitored value so far.
    public private(set) var best: Float = .infinity
    /// The paths saved to, in order.
    public private(set) var savedPaths: [String] = []
    private var direction: MonitorMode = .min

    /// Creates the callback.
    public init(
        pathTemplate: String, monitor: String = "val_loss", saveBestOnly: Bool = false, mode: MonitorMode = .auto,
        save: @escaping (Sequential, String) throws -> Void
    ) {
        self.pathTemplate = pathTemplate
        self.monitor = monitor
        self.saveBestOnly = saveBestOnly
        self.mode = mode
        self.save = save
    }

    public func onTrainBegin(_ model: Sequential) throws {
        direction = mode.resolved(for: monitor)
        best = direction == .min ? .infinity : -.infinity
        savedPaths = []
    }

    public func onEpochEnd(_ model: Sequential, epoch: Int, logs: inout [String: Float]) throws {
        if saveBestOnly {
            guard let current = logs[monitor] else {
                throw TrainingError.missingMonitor(
                    callback: "ModelCheckpoint", key: monitor, available: logs.keys.sorted())
            }
            let improved = direction == .min ? current < best : current > best
            guard improved else { return }
            best = current
        }
        let path = try ModelCheckpoint.path(pathTemplate, epoch: epoch, logs: logs)
        try save(model, path)
        savedPaths.append(path)
    }

    /// Fills `{epoch}`, `{epoch:02d}`, `{key}` and `{key:.Nf}` placeholders.
    static func path(_ template: String, epoch: Int, logs: [String: Float]) throws -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let field = rest[rest.index(after: open) ..< close]
            let parts = field.split(separator: ":", maxSplits: 1).map(String.init)
            let key = parts.first ?? ""
            let format = parts.count > 1 ? parts[1] : nil
            let value: Double
            if key == "epoch" {
                value = Double(epoch + 1)
            } else if let logged = logs[key] {
                value = Double(logged)
            } else {
                throw TrainingError.unknownPathKey(template: template, key: key)
            }
            if let format, format.hasSuffix("d") {
                result += String(format: "%" + format.dropLast() + "d", Int(value))
            } else if let format, format.hasSuffix("f") || format.hasSuffix("e") {
                result += String(format: "%" + format, value)
            } else if key == "epoch" {
                result += String(Int(value))
            } else {
                result += String(Float(value))
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

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
