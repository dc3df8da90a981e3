// NLPNeural: per-epoch training curves as standalone SVG (the Keras book's loss/accuracy figures).

/// A line chart of per-epoch values, rendered as a standalone SVG document.
///
/// The classic figure from *Deep Learning with Python* (Chollet), in matplotlib terms:
/// ```python
/// plt.plot(epochs, loss, "bo", label="Training loss")      # blue dots
/// plt.plot(epochs, val_loss, "b", label="Validation loss") # blue line
/// plt.title("Training and validation loss"); plt.xlabel("Epochs"); plt.ylabel("Loss"); plt.legend()
/// ```
/// is
/// ```swift
/// let plot = TrainingPlot.trainingAndValidation(history, metric: "loss")!
/// try plot.write(to: "loss.svg")
/// ```
/// Epochs are numbered from 1. Non-finite values (NaN, ±∞) are left out: dots are skipped and
/// lines break there, and the legend says how many were omitted.
public struct TrainingPlot: Sendable {
    /// How a series is drawn.
    public enum Style: Sendable, Equatable {
        /// One dot per epoch (matplotlib `"bo"`), used for training values.
        case dots
        /// A line through the epochs (matplotlib `"b"`), used for validation values.
        case line
    }

    /// One labelled series of per-epoch values.
    public struct Series: Sendable, Equatable {
        /// The legend text.
        public var label: String
        /// The value of each epoch (epoch 1 first).
        public var values: [Double]
        /// Dots or a line.
        public var style: Style
        /// An SVG color (`"#0000ff"`, `"blue"`).
        public var color: String

        /// Creates a series.
        public init(label: String, values: [Double], style: Style, color: String = TrainingPlot.palette[0]) {
            self.label = label
            self.values = values
            self.style = style
            self.color = color
        }
    }

    /// matplotlib's `"b"` blue, then the tab10 colors.
    public static let palette = [
        "#0000ff", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// The title above the chart.
    public var title: String
    /// The label under the x axis.
    public var xLabel: String
    /// The label beside the y axis.
    public var yLabel: String
    /// The series, drawn in order (the legend lists them in this order).
    public var series: [Series]
    /// The image width in pixels.
    public var width: Int
    /// The image height in pixels.
    public var height: Int

    /// Creates a chart.
    /// - Precondition: `width ≥ 200` and `height ≥ 150`.
    public init(
        title: String, xLabel: String = "Epochs", yLabel: String, series: [Series], width: Int = 640,
        height: Int = 480
    ) {
        precondition(width >= 200 && height >= 150, "TrainingPlot: \(width)×\(height) is too small (min 200×150)")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.width = width
        self.height = height
    }

    /// Creates a chart from named series (in name order); names in `dotted` are drawn as dots, the
    /// others as lines. A series and its `"val_"` partner share a color.
    public init(
        title: String, xLabel: String = "Epochs", yLabel: String, values: [String: [Double]], dotted: Set<String>
    ) {
        let bases = Array(Set(values.keys.map(Self.baseName))).sorted()
        let series = values.keys.sorted().map { name in
            Series(
                label: name, values: values[name]!, style: dotted.contains(name) ? .dots : .line,
                color: Self.palette[bases.firstIndex(of: Self.baseName(name))! % Self.palette.count])
        }
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, series: series)
    }

    /// The Keras-book figure for one metric of a training history: `history[metric]` as dots
    /// labelled "Training <metric>", `history["val_" + metric]` (when present) as a line labelled
    /// "Validation <metric>", titled "Training and validation <metric>".
    /// - Returns: `nil` when the history has no `metric`.
    public static func trainingAndValidation(_ history: [String: [Double]], metric: String) -> TrainingPlot? {
        guard let training = history[metric] else { return nil }
        let words = String(metric.map { $0 == "_" ? " " : $0 })
        var series = [Series(label: "Training \(words)", values: training, style: .dots)]
        if let validation = history["val_" + metric] {
            series.append(Series(label: "Validation \(words)", values: validation, style: .line))
        }
        return TrainingPlot(
            title: "Training and validation \(words)", yLabel: words.prefix(1).uppercased() + words.dropFirst(),
            series: series)
    }

    /// Writes `svg()` atomically (temporary file, `fsync`, rename).
    /// - Throws: `TrainingPlotError.cannotWrite`; the target is then unchanged.
    public func write(to path: String) throws {
        let document = svg()
        do {
            try AtomicFileWriter.write(to: path) { try $0.write(Array(document.utf8)) }
        } catch let failure as AtomicWriteFailure {
            throw TrainingPlotError.cannotWrite(path: failure.path, reason: failure.reason)
        }
    }

    private static func baseName(_ name: String) -> String {
        name.hasPrefix("val_") ? String(name.dropFirst(4)) : name
    }
}

/// Why a chart cannot be saved.
public enum TrainingPlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file system refused the write (the target is unchanged).
    case cannotWrite(path: String, reason: String)

    /// A message naming the file (or layer) and what is wrong.
    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "\(path): cannot write the chart: \(reason)"
        }
    }
}
