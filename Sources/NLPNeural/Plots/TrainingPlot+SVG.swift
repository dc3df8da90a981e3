// NLPNeural: drawing a TrainingPlot as SVG elements.
import Foundation

extension TrainingPlot {
    /// The chart as a standalone SVG 1.1 document (UTF-8 text, no external resources).
    ///
    /// Elements carry classes for styling and tests: `title`, `plot-area`, `x-axis`/`y-axis` (ticks
    /// and `tick-label`s), `x-label`, `y-label`, one `series` group per series holding `point`
    /// circles or `line` polylines, and a `legend` group with `legend-marker`s and `legend-label`s.
    public func svg() -> String {
        let frame = PlotFrame(width: Double(width), height: Double(height))
        let epochs = series.map(\.values.count).max() ?? 0
        let xScale = AxisScale(
            covering: epochs > 0 ? [1, Double(epochs)] : [1], pixelStart: frame.left, pixelEnd: frame.right,
            targetTickCount: Swift.min(Swift.max(epochs, 2), 10) + 1, integerTicks: true)
        let yScale = AxisScale(
            covering: series.flatMap(\.values), pixelStart: frame.bottom, pixelEnd: frame.top)

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
            <title>\(Self.escape(title))</title>
            <rect width="\(width)" height="\(height)" fill="white"/>
            <text class="title" x="\(Self.format(frame.centerX))" y="\(Self.format(frame.top - 14))" \
            text-anchor="middle" font-size="16">\(Self.escape(title))</text>

            """
        svg += axes(frame: frame, xScale: xScale, yScale: yScale)
        for item in series { svg += draw(item, xScale: xScale, yScale: yScale) }
        svg += legend(frame: frame, avoiding: dataPixels(xScale: xScale, yScale: yScale))
        svg += "</svg>\n"
        return svg
    }

    // MARK: - Parts

    private func axes(frame: PlotFrame, xScale: AxisScale, yScale: AxisScale) -> String {
        var svg = """
            <rect class="plot-area" x="\(Self.format(frame.left))" y="\(Self.format(frame.top))" \
            width="\(Self.format(frame.right - frame.left))" height="\(Self.format(frame.bottom - frame.top))" \
            fill="none" stroke="black" stroke-width="1"/>
            <g class="x-axis" font-size="12" text-anchor="middle">

            """
        for tick in xScale.ticks {
            let x = Self.format(xScale.pixel(tick))
            svg += "<line x1=\"\(x)\" y1=\"\(Self.format(frame.bottom))\" x2=\"\(x)\" "
            svg += "y2=\"\(Self.format(frame.bottom + 5))\" stroke=\"black\"/>\n"
            svg += "<text class=\"tick-label\" x=\"\(x)\" y=\"\(Self.format(frame.bottom + 19))\">"
            svg += "\(xScale.label(tick))</text>\n"
        }
        svg += "</g>\n<g class=\"y-axis\" font-size=\"12\" text-anchor=\"end\">\n"
        for tick in yScale.ticks {
            let y = Self.format(yScale.pixel(tick))
            svg += "<line x1=\"\(Self.format(frame.left - 5))\" y1=\"\(y)\" x2=\"\(Self.format(frame.left))\" "
            svg += "y2=\"\(y)\" stroke=\"black\"/>\n"
            svg += "<text class=\"tick-label\" x=\"\(Self.format(frame.left - 8))\" y=\"\(y)\" "
            svg += "dominant-baseline=\"middle\">\(yScale.label(tick))</text>\n"
        }
        svg += "</g>\n"
        svg += "<text class=\"x-label\" x=\"\(Self.format(frame.centerX))\" y=\"\(Self.format(frame.bottom + 42))\" "
        svg += "text-anchor=\"middle\" font-size=\"13\">\(Self.escape(xLabel))</text>\n"
        let labelX = Self.format(frame.left - 52)
        let labelY = Self.format(frame.centerY)
        svg += "<text class=\"y-label\" x=\"\(labelX)\" y=\"\(labelY)\" transform=\"rotate(-90 \(labelX) \(labelY))\" "
        svg += "text-anchor=\"middle\" font-size=\"13\">\(Self.escape(yLabel))</text>\n"
        return svg
    }

    private func draw(_ item: Series, xScale: AxisScale, yScale: AxisScale) -> String {
        var svg = "<g class=\"series\" data-label=\"\(Self.escape(item.label))\">\n"
        let points: [(Double, Double)?] = item.values.enumerated().map { index, value in
            value.isFinite ? (xScale.pixel(Double(index + 1)), yScale.pixel(value)) : nil
        }
        switch item.style {
        case .dots:
            for case let (x, y)? in points {
                svg += "<circle class=\"point\" cx=\"\(Self.format(x))\" cy=\"\(Self.format(y))\" r=\"3\" "
                svg += "fill=\"\(Self.escape(item.color))\"/>\n"
            }
        case .line:
            // A run of finite values becomes one polyline; a non-finite value breaks the line.
            var runs: [[(Double, Double)]] = [[]]
            for point in points {
                if let point {
                    runs[runs.count - 1].append(point)
                } else if !runs[runs.count - 1].isEmpty {
                    runs.append([])
                }
            }
            for run in runs where !run.isEmpty {
                let coordinates = run.map { "\(Self.format($0.0)),\(Self.format($0.1))" }.joined(separator: " ")
                svg += "<polyline class=\"line\" points=\"\(coordinates)\" fill=\"none\" "
                svg += "stroke=\"\(Self.escape(item.color))\" stroke-width=\"1.5\"/>\n"
            }
        }
        return svg + "</g>\n"
    }

    /// Pixels covered by data: every point, plus samples along line segments.
    private func dataPixels(xScale: AxisScale, yScale: AxisScale) -> [(Double, Double)] {
        var pixels: [(Double, Double)] = []
        for item in series {
            var previous: (Double, Double)?
            for (index, value) in item.values.enumerated() {
                guard value.isFinite else {
                    previous = nil
                    continue
                }
                let point = (xScale.pixel(Double(index + 1)), yScale.pixel(value))
                if item.style == .line, let previous {
                    for step in 1 ..< 10 {
                        let t = Double(step) / 10
                        pixels.append(
                            (previous.0 + t * (point.0 - previous.0), previous.1 + t * (point.1 - previous.1)))
                    }
                }
                pixels.append(point)
                previous = point
            }
        }
        return pixels
    }

    private func legend(frame: PlotFrame, avoiding pixels: [(Double, Double)]) -> String {
        guard !series.isEmpty else { return "" }
        let labels = series.map { item -> String in
            let omitted = item.values.filter { !$0.isFinite }.count
            return omitted == 0 ? item.label : "\(item.label) (\(omitted) non-finite omitted)"
        }
        let rowHeight = 18.0
        let boxWidth = 44 + 7 * Double(labels.map(\.count).max() ?? 0)
        let boxHeight = 8 + rowHeight * Double(labels.count)
        // matplotlib's loc="best": the corner whose box covers the fewest data pixels (upper right wins ties).
        let corners = [
            (frame.right - 10 - boxWidth, frame.top + 10), (frame.left + 10, frame.top + 10),
            (frame.left + 10, frame.bottom - 10 - boxHeight),
            (frame.right - 10 - boxWidth, frame.bottom - 10 - boxHeight),
        ]
        let covered = corners.map { corner in
            pixels.filter {
                $0.0 >= corner.0 - 4 && $0.0 <= corner.0 + boxWidth + 4 && $0.1 >= corner.1 - 4
                    && $0.1 <= corner.1 + boxHeight + 4
            }.count
        }
        let best = covered.indices.min { covered[$0] < covered[$1] }!
        let (left, top) = corners[best]
        var svg = "<g class=\"legend\" font-size=\"12\">\n"
        svg += "<rect x=\"\(Self.format(left))\" y=\"\(Self.format(top))\" width=\"\(Self.format(boxWidth))\" "
        svg += "height=\"\(Self.format(boxHeight))\" fill=\"white\" fill-opacity=\"0.8\" stroke=\"#cccccc\"/>\n"
        for (index, item) in series.enumerated() {
            let y = top + 4 + rowHeight * (Double(index) + 0.5)
            let color = Self.escape(item.color)
            switch item.style {
            case .dots:
                svg += "<circle class=\"legend-marker\" cx=\"\(Self.format(left + 18))\" cy=\"\(Self.format(y))\" "
                svg += "r=\"3\" fill=\"\(color)\"/>\n"
            case .line:
                svg += "<line class=\"legend-marker\" x1=\"\(Self.format(left + 8))\" y1=\"\(Self.format(y))\" "
                svg += "x2=\"\(Self.format(left + 28))\" y2=\"\(Self.format(y))\" "
                svg += "stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
            }
            svg += "<text class=\"legend-label\" x=\"\(Self.format(left + 36))\" y=\"\(Self.format(y))\" "
            svg += "dominant-baseline=\"middle\">\(Self.escape(labels[index]))</text>\n"
        }
        return svg + "</g>\n"
    }

    // MARK: - Text

    /// A coordinate with two decimals.
    static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    /// `text` escaped for XML character data and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\t" || $0 == "\n" }) {
                    result.append(character)
                }
            }
        }
        return result
    }
}

/// The plot area inside the image: margins for the title, tick labels and axis labels.
struct PlotFrame {
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double

    init(width: Double, height: Double) {
        left = 70
        right = width - 20
        top = 40
        bottom = height - 55
    }

    var centerX: Double { (left + right) / 2 }
    var centerY: Double { (top + bottom) / 2 }
}
