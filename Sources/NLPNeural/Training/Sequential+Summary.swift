// NLPNeural: the Keras-style model summary table.

extension Sequential {
    /// A table of the layers, their output shapes and parameter counts, in Keras's layout
    /// (`model.summary()` of tf.keras 2.x, 65 columns):
    ///
    /// ```
    /// Model: "sequential"
    /// _________________________________________________________________
    ///  Layer (type)                Output Shape              Param #
    /// =================================================================
    ///  dense (Dense)               (None, 16)                80
    ///
    ///  dense_1 (Dense)             (None, 1)                 17
    ///
    /// =================================================================
    /// Total params: 97
    /// Trainable params: 97
    /// Non-trainable params: 0
    /// _________________________________________________________________
    /// ```
    ///
    /// Rows are padded with spaces to the full width, as Keras prints them. A model that is not
    /// built but has an input shape is built first (seed 0); otherwise shapes show as `?`.
    public func summary() -> String {
        if !isBuilt, declaredInputShape != nil || inputShape != nil { try? build() }
        let lineLength = 65
        let positions = [29, 55, 65]
        var lines = ["Model: \"\(name)\"", String(repeating: "_", count: lineLength)]
        lines += Sequential.summaryRow(["Layer (type)", "Output Shape", "Param #"], positions: positions)
        lines.append(String(repeating: "=", count: lineLength))
        let built = isBuilt
        for (index, layer) in layers.enumerated() {
            let shape = built ? Sequential.formatShape(layerOutputShapes[index]) : "?"
            let count = built ? String(layer.parameterCount) : "0 (unused)"
            lines += Sequential.summaryRow(
                ["\(layer.name) (\(type(of: layer).typeName))", shape, count], positions: positions)
            lines.append(String(repeating: " ", count: lineLength))
        }
        lines.append(String(repeating: "=", count: lineLength))
        let trainable = parameters.reduce(0) { $0 + ($1.isTrainable ? $1.count : 0) }
        let all = parameters.reduce(0) { $0 + $1.count }
        lines.append("Total params: \(Sequential.grouped(all))")
        lines.append("Trainable params: \(Sequential.grouped(trainable))")
        lines.append("Non-trainable params: \(Sequential.grouped(all - trainable))")
        lines.append(String(repeating: "_", count: lineLength))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Keras's `print_row`: each field cut to its column (2 spaces kept between columns), long
    /// fields continued on following lines, breaking after `),` `},` `],` when present.
    static func summaryRow(_ fields: [String], positions: [Int]) -> [String] {
        var left = fields.map { Array($0) }
        var lines: [String] = []
        while left.contains(where: { !$0.isEmpty }) {
            var line: [Character] = []
            for column in left.indices {
                let start = column > 0 ? positions[column - 1] : 0
                let space = column != positions.count - 1 ? 2 : 0
                var cutoff = positions[column] - start - space
                var fit = Array(left[column].prefix(cutoff))
                let text = String(fit)
                let breaks = ["),", "},", "],", "',"].compactMap { marker in
                    text.range(of: marker).map { text.distance(from: text.startIndex, to: $0.upperBound) }
                }
                if let earliest = breaks.min() {
                    cutoff = earliest
                    fit = Array(fit.prefix(cutoff))
                }
                if column == 0 { line.append(" ") }
                line += fit
                line += Array(repeating: " ", count: space)
                left[column] = Array(left[column].dropFirst(min(cutoff, left[column].count)))
                if positions[column] > line.count {
                    line += Array(repeating: " ", count: positions[column] - line.count)
                }
            }
            lines.append(String(line))
        }
        return lines
    }

    /// `(None, 500, 32)`; unknown axes (`-1`) print as `None`, a scalar sample as `(None,)`.
    static func formatShape(_ shape: [Int]) -> String {
        let parts = ["None"] + shape.map { $0 < 0 ? "None" : String($0) }
        return parts.count == 1 ? "(None,)" : "(" + parts.joined(separator: ", ") + ")"
    }

    /// `328353` → `"328,353"`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(abs(value)))
        var result: [Character] = []
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + String(result)
    }
}
