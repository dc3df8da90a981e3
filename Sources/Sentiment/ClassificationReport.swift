// Accuracy, precision, recall, F1 and the confusion matrix of a classifier on labelled texts.

/// Scores of predicted against true labels (scikit-learn's `classification_report` and
/// `confusion_matrix`).
///
/// ``precision``, ``recall`` and ``f1`` are the positive class's (the second label) for two
/// classes, and macro averages otherwise. A class never predicted has precision 0 (scikit-learn's
/// `zero_division=0`).
public struct ClassificationReport: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Class names, by id.
    public var labelNames: [String]
    /// `confusion[true][predicted]` counts.
    public var confusion: [[Int]]

    /// Counts the pairs.
    /// - Precondition: equal counts, ids in `0..<labelNames.count`.
    public init(labelNames: [String], trueLabels: [Int], predictedLabels: [Int]) {
        precondition(
            trueLabels.count == predictedLabels.count,
            "\(trueLabels.count) true labels but \(predictedLabels.count) predictions")
        let classes = labelNames.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (truth, prediction) in zip(trueLabels, predictedLabels) {
            precondition(
                (0 ..< classes).contains(truth) && (0 ..< classes).contains(prediction),
                "label ids \(truth), \(prediction) are not in 0..<\(classes)")
            confusion[truth][prediction] += 1
        }
        self.labelNames = labelNames
        self.confusion = confusion
    }

    /// The number of scored texts.
    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The share of correct predictions.
    public var accuracy: Double {
        let correct = confusion.indices.reduce(0) { $0 + confusion[$1][$1] }
        return count == 0 ? 0 : Double(correct) / Double(count)
    }

    /// Texts of each class (the support).
    public var support: [Int] { confusion.map { $0.reduce(0, +) } }

    /// Precision of each class: correct predictions of it / predictions of it.
    public var classPrecision: [Double] {
        confusion.indices.map { c in
            let predicted = confusion.reduce(0) { $0 + $1[c] }
            return predicted == 0 ? 0 : Double(confusion[c][c]) / Double(predicted)
        }
    }

    /// Recall of each class: correct predictions of it / texts of it.
    public var classRecall: [Double] {
        confusion.indices.map { c in
            let actual = confusion[c].reduce(0, +)
            return actual == 0 ? 0 : Double(confusion[c][c]) / Double(actual)
        }
    }

    /// F1 of each class.
    public var classF1: [Double] {
        zip(classPrecision, classRecall).map { p, r in p + r == 0 ? 0 : 2 * p * r / (p + r) }
    }

    /// Whether the scores are the positive class's (two classes) rather than macro averages.
    public var isBinary: Bool { labelNames.count == 2 }

    /// Positive-class (binary) or macro-averaged precision.
    public var precision: Double { isBinary ? classPrecision[1] : Self.mean(classPrecision) }
    /// Positive-class (binary) or macro-averaged recall.
    public var recall: Double { isBinary ? classRecall[1] : Self.mean(classRecall) }
    /// Positive-class (binary) or macro-averaged F1 (the mean of the per-class F1s).
    public var f1: Double { isBinary ? classF1[1] : Self.mean(classF1) }
    /// The macro average of the per-class F1s.
    public var macroF1: Double { Self.mean(classF1) }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// A per-class table, the summary scores and the confusion matrix:
    ///
    /// ```text
    /// class      precision  recall  f1      support
    /// negative   0.7912     0.8034  0.7973  531
    /// positive   0.8001     0.7877  0.7938  527
    ///
    /// accuracy 0.7956 (1058 texts); positive class 'positive': precision 0.8001, recall 0.7877, f1 0.7938
    ///
    /// confusion (rows: true, columns: predicted)
    ///            negative  positive
    /// negative   427       104
    /// positive   112       415
    /// ```
    public var description: String {
        let nameWidth = max(labelNames.map(\.count).max() ?? 0, 5) + 2
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(width - text.count, 1))
        }
        var lines = [pad("class", nameWidth) + pad("precision", 11) + pad("recall", 8) + pad("f1", 8) + "support"]
        for c in labelNames.indices {
            lines.append(
                pad(labelNames[c], nameWidth) + pad(String(classPrecision[c], places: 4), 11)
                    + pad(String(classRecall[c], places: 4), 8) + pad(String(classF1[c], places: 4), 8)
                    + "\(support[c])")
        }
        lines.append("")
        let scores =
            "precision \(String(precision, places: 4)), recall \(String(recall, places: 4)), f1 \(String(f1, places: 4))"
        lines.append(
            "accuracy \(String(accuracy, places: 4)) (\(count) texts); "
                + (isBinary ? "positive class '\(labelNames[1])': " : "macro average: ") + scores)
        lines.append("")
        lines.append("confusion (rows: true, columns: predicted)")
        let cellWidth = max(labelNames.map(\.count).max() ?? 0, String(count).count) + 2
        lines.append(pad("", nameWidth) + labelNames.map { pad($0, cellWidth) }.joined())
        for c in labelNames.indices {
            lines.append(pad(labelNames[c], nameWidth) + confusion[c].map { pad("\($0)", cellWidth) }.joined())
        }
        return lines.map { $0.trailingSpacesRemoved }.joined(separator: "\n")
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
