import Foundation
import NLPNeural
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG parsed with Foundation's XMLParser: every element with its attributes and text.
final class ParsedSVG: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        /// The `class` attributes of the enclosing elements, innermost last.
        var ancestorClasses: [String]
    }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private(set) var error: Error?

    /// Parses `svg`; `nil` when it is not well-formed XML.
    static func parse(_ svg: String) -> ParsedSVG? {
        let document = ParsedSVG()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = document
        guard parser.parse(), document.error == nil else { return nil }
        return document
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let ancestors = stack.compactMap { elements[$0].attributes["class"] }
        elements.append(Element(name: name, attributes: attributes, text: "", ancestorClasses: ancestors))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = stack.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    /// Elements named `name` with class `className`.
    func elements(_ name: String, class className: String) -> [Element] {
        elements.filter { $0.name == name && $0.attributes["class"] == className }
    }

    /// The text of elements with class `className`.
    func texts(class className: String) -> [String] {
        elements.filter { $0.attributes["class"] == className }.map(\.text)
    }

    /// The data points of the series labelled `label`: circles, or polylines' points.
    func points(of label: String) -> [[(x: Double, y: Double)]] {
        guard let group = elements.firstIndex(where: { $0.attributes["data-label"] == label }) else { return [] }
        var result: [[(x: Double, y: Double)]] = []
        for element in elements[(group + 1)...] {
            guard element.ancestorClasses.last == "series" else { break }
            if element.name == "circle", let x = Double(element.attributes["cx"] ?? ""),
                let y = Double(element.attributes["cy"] ?? "")
            {
                result.append([(x, y)])
            } else if element.name == "polyline", let points = element.attributes["points"] {
                result.append(
                    points.split(separator: " ").map {
                        let pair = $0.split(separator: ",").compactMap { Double($0) }
                        return (pair[0], pair[1])
                    })
            }
        }
        return result
    }

    /// The plot area rectangle (x, y, width, height).
    var plotArea: (x: Double, y: Double, width: Double, height: Double)? {
        guard let rect = elements("rect", class: "plot-area").first else { return nil }
        let value = { (key: String) in Double(rect.attributes[key] ?? "") ?? .nan }
        return (value("x"), value("y"), value("width"), value("height"))
    }
}

@Suite("TrainingPlot")
struct PlotTests {
    static let history: [String: [Double]] = [
        "loss": [0.69, 0.52, 0.41, 0.33, 0.27, 0.22],
        "val_loss": [0.61, 0.50, 0.45, 0.44, 0.46, 0.49],
        "accuracy": [0.55, 0.74, 0.83, 0.88, 0.91, 0.94],
        "val_accuracy": [0.65, 0.78, 0.81, 0.82, 0.82, 0.81],
    ]

    @Test("the Keras-book loss figure: dots for training, a line for validation, labels and legend")
    func cholletLossFigure() throws {
        let plot = try #require(TrainingPlot.trainingAndValidation(Self.history, metric: "loss"))
        let svg = try #require(ParsedSVG.parse(plot.svg()), "well-formed XML")
        #expect(svg.elements.first?.name == "svg")
        #expect(svg.texts(class: "title") == ["Training and validation loss"])
        #expect(svg.texts(class: "x-label") == ["Epochs"])
        #expect(svg.texts(class: "y-label") == ["Loss"])
        #expect(svg.texts(class: "legend-label") == ["Training loss", "Validation loss"])
        #expect(svg.elements("circle", class: "point").count == 6)
        #expect(svg.elements("polyline", class: "line").count == 1)
        let training = svg.points(of: "Training loss").flatMap { $0 }
        let validation = try #require(svg.points(of: "Validation loss").first)
        #expect(training.count == 6 && validation.count == 6)
        // Same epochs, same x; all points inside the plot area.
        #expect(training.map(\.x) == validation.map(\.x))
        let area = try #require(svg.plotArea)
        for point in training + validation {
            #expect(point.x > area.x && point.x < area.x + area.width)
            #expect(point.y > area.y && point.y < area.y + area.height)
        }
        // Blue, like matplotlib's "bo" and "b".
        #expect(svg.elements("circle", class: "point").allSatisfy { $0.attributes["fill"] == "#0000ff" })
        #expect(svg.elements("polyline", class: "line").first?.attributes["stroke"] == "#0000ff")
    }

    @Test("values map to coordinates monotonically", arguments: ["loss", "accuracy"])
    func monotonicMapping(metric: String) throws {
        let plot = try #require(TrainingPlot.trainingAndValidation(Self.history, metric: metric))
        let svg = try #require(ParsedSVG.parse(plot.svg()))
        let pairs = zip(
            Self.history[metric]! + Self.history["val_" + metric]!,
            svg.points(of: "Training \(metric)").flatMap { $0 } + svg.points(of: "Validation \(metric)").flatMap { $0 })
        for (a, pointA) in pairs {
            for (b, pointB) in pairs where a < b {
                #expect(pointA.y > pointB.y, "a larger value is drawn higher: \(a) vs \(b)")
            }
        }
        // The legend sits in a corner free of data (matplotlib's loc="best").
        let box = try #require(svg.elements.first { $0.name == "rect" && $0.ancestorClasses.last == "legend" })
        let value = { (key: String) in Double(box.attributes[key] ?? "") ?? .nan }
        for (_, point) in pairs {
            let inside =
                point.x >= value("x") && point.x <= value("x") + value("width") && point.y >= value("y")
                && point.y <= value("y") + value("height")
            #expect(!inside, "point \(point) under the legend")
        }
        let xs = svg.points(of: "Training \(metric)").flatMap { $0 }.map(\.x)
        #expect(xs == xs.sorted() && Set(xs).count == xs.count)
        #expect(svg.texts(class: "title") == ["Training and validation \(metric)"])
        // Ticks: epochs are integers, y labels are numbers in order.
        let tickLabels = svg.texts(class: "tick-label")
        #expect(tickLabels.allSatisfy { Double($0) != nil }, "\(tickLabels)")
    }

    @Test("non-finite values are skipped and break the line")
    func nonFiniteValues() throws {
        let plot = TrainingPlot(
            title: "Diverging", yLabel: "Loss",
            values: ["loss": [1, .nan, 2, .infinity, 3], "val_loss": [1, 2, .nan, 3, 4]], dotted: ["loss"])
        let text = plot.svg()
        let svg = try #require(ParsedSVG.parse(text))
        #expect(svg.elements("circle", class: "point").count == 3)
        let runs = svg.points(of: "val_loss")
        #expect(runs.map(\.count) == [2, 2])
        let coordinates = (svg.points(of: "loss") + runs).flatMap { $0 }.flatMap { [$0.x, $0.y] }
        #expect(coordinates.count == 14 && coordinates.allSatisfy(\.isFinite))
        #expect(!text.contains("NaN") && !text.contains("nan,") && !text.contains("inf"))
        #expect(svg.texts(class: "legend-label") == ["loss (2 non-finite omitted)", "val_loss (1 non-finite omitted)"])
    }

    @Test("a single epoch, a constant series and an empty chart still draw")
    func degenerateSeries() throws {
        let single = TrainingPlot(
            title: "One", yLabel: "Loss", values: ["loss": [0.5], "val_loss": [0.7]], dotted: ["loss"])
        let singleSVG = try #require(ParsedSVG.parse(single.svg()))
        #expect(singleSVG.elements("circle", class: "point").count == 1)
        #expect(singleSVG.points(of: "val_loss").map(\.count) == [1])
        #expect(singleSVG.texts(class: "tick-label").contains("1"))

        let constant = TrainingPlot(
            title: "Flat", yLabel: "Accuracy", values: ["accuracy": [0.8, 0.8, 0.8]], dotted: [])
        let constantSVG = try #require(ParsedSVG.parse(constant.svg()))
        let line = try #require(constantSVG.points(of: "accuracy").first)
        #expect(line.count == 3 && Set(line.map(\.y)).count == 1)
        let area = try #require(constantSVG.plotArea)
        #expect(line.allSatisfy { $0.y > area.y && $0.y < area.y + area.height })

        for values in [[String: [Double]](), ["loss": []], ["loss": [.nan, .nan]]] {
            let empty = TrainingPlot(title: "Empty", yLabel: "Loss", values: values, dotted: ["loss"])
            #expect(ParsedSVG.parse(empty.svg()) != nil, "\(values)")
        }
        #expect(TrainingPlot.trainingAndValidation(Self.history, metric: "precision") == nil)
    }

    @Test("epoch ticks are whole numbers, y ticks are round numbers", arguments: [1, 6, 13, 100, 1000])
    func ticks(epochs: Int) throws {
        let values = (0 ..< epochs).map { 0.9 * pow(0.97, Double($0)) }
        let plot = TrainingPlot(title: "t", yLabel: "Loss", values: ["loss": values], dotted: ["loss"])
        let svg = try #require(ParsedSVG.parse(plot.svg()))
        let labels = svg.elements.filter { $0.attributes["class"] == "tick-label" }
        let xTicks = labels.filter { $0.ancestorClasses.last == "x-axis" }.map(\.text)
        let yTicks = labels.filter { $0.ancestorClasses.last == "y-axis" }.compactMap { Double($0.text) }
        #expect(xTicks.allSatisfy { Int($0) != nil }, "\(xTicks)")
        #expect((2 ... 11).contains(xTicks.count) || epochs == 1, "\(xTicks)")
        if epochs == 6 { #expect(xTicks == ["1", "2", "3", "4", "5", "6"]) }
        #expect(yTicks.count >= 3 && yTicks == yTicks.sorted(), "\(yTicks)")
    }

    @Test("text is escaped")
    func escaping() throws {
        let plot = TrainingPlot(
            title: "a < b & \"c\" > 'd'", yLabel: "<y>", series: [.init(label: "x&y", values: [1, 2], style: .line)])
        let svg = try #require(ParsedSVG.parse(plot.svg()))
        #expect(svg.texts(class: "title") == ["a < b & \"c\" > 'd'"])
        #expect(svg.texts(class: "y-label") == ["<y>"])
        #expect(svg.texts(class: "legend-label") == ["x&y"])
    }

    @Test("write(to:) stores the SVG atomically and reports failures")
    func writing() throws {
        let directory = try makeIOTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plot = try #require(TrainingPlot.trainingAndValidation(Self.history, metric: "accuracy"))
        let path = directory.appendingPathComponent("accuracy.svg").path
        try plot.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == plot.svg())
        let missing = directory.appendingPathComponent("nope/accuracy.svg").path
        #expect(throws: TrainingPlotError.self) { try plot.write(to: missing) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["accuracy.svg"])
    }
}
