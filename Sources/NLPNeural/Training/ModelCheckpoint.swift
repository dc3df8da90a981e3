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
            if let format,
                !(format.dropLast().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") })
                    || !["d", "f", "e"].contains(format.last)
            {
                throw TrainingError.invalidArgument(
                    name: "pathTemplate", value: template,
                    reason: "format \"\(format)\" of {\(key)} is not like 02d, .4f or .3e")
            }
            if let format, format.hasSuffix("d") {
                result += String(format: "%" + format.dropLast() + "ld", Int(value))
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
