// Labelled text examples with named classes: the input of text classifiers.
import NLPCore

/// One example: a text and the id of its label (an index into ``LabeledTextDataset/labelNames``).
public struct LabeledExample: Sendable, Hashable {
    /// The raw text.
    public var text: String
    /// The label id.
    public var label: Int

    /// Creates an example.
    public init(text: String, label: Int) {
        self.text = text
        self.label = label
    }
}

/// Texts with class labels, loaded from a delimited file (``load(delimitedFile:options:)``) or a
/// folder per class (``init(folderPerClass:fileExtension:classes:)``), then shuffled and split.
///
/// Label ids index ``labelNames``; loaders sort the names (as scikit-learn's `LabelEncoder` and
/// Keras' `text_dataset_from_directory` do) unless an order is given.
public struct LabeledTextDataset: Sendable, Equatable {
    /// Class names; the id of a class is its index.
    public let labelNames: [String]
    /// The examples, in file order until shuffled.
    public private(set) var examples: [LabeledExample]

    /// Creates a dataset.
    /// - Precondition: every label id is in `0..<labelNames.count` and names are distinct.
    public init(examples: [LabeledExample], labelNames: [String]) {
        precondition(Set(labelNames).count == labelNames.count, "label names \(labelNames) are not distinct")
        for (index, example) in examples.enumerated() {
            precondition(
                labelNames.indices.contains(example.label),
                "example \(index) has label id \(example.label), but there are \(labelNames.count) labels")
        }
        self.labelNames = labelNames
        self.examples = examples
    }

    /// Creates a dataset from parallel texts and label names; ids follow `labelNames` when given,
    /// otherwise the sorted distinct labels.
    /// - Precondition: `texts.count == labels.count`, and every label is in `labelNames` when given.
    public init(texts: [String], labels: [String], labelNames: [String]? = nil) {
        precondition(texts.count == labels.count, "\(texts.count) texts but \(labels.count) labels")
        let names = labelNames ?? Array(Set(labels)).sorted()
        let ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let examples = zip(texts, labels).map { text, label in
            guard let id = ids[label] else { preconditionFailure("label '\(label)' is not in \(names)") }
            return LabeledExample(text: text, label: id)
        }
        self.init(examples: examples, labelNames: names)
    }

    /// The number of examples.
    public var count: Int { examples.count }
    /// `true` when there is no example.
    public var isEmpty: Bool { examples.isEmpty }
    /// The texts, in order.
    public var texts: [String] { examples.map(\.text) }
    /// The label ids, in order.
    public var labels: [Int] { examples.map(\.label) }

    /// The id of a class name, or `nil`.
    public func labelID(of name: String) -> Int? { labelNames.firstIndex(of: name) }

    /// Examples per class, indexed by label id.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: labelNames.count)
        for example in examples { counts[example.label] += 1 }
        return counts
    }

    /// A one-line summary, e.g. `10568 examples, 2 classes: negative 5326 (50.4%), positive 5242 (49.6%)`
    /// (percentages rounded to 0.1).
    public var classSummary: String {
        let counts = classCounts
        let parts = zip(labelNames, counts).map { name, count in
            let total = max(self.count, 1)
            let percent = Double((count * 1000 + total / 2) / total) / 10  // rounded to 0.1
            return "\(name) \(count) (\(percent)%)"
        }
        return "\(count) examples, \(labelNames.count) classes: " + parts.joined(separator: ", ")
    }

    /// The examples at `indices`, in that order, with the same label names.
    /// - Precondition: every index is valid.
    public func subset<Indices: Sequence<Int>>(_ indices: Indices) -> LabeledTextDataset {
        var dataset = self
        dataset.examples = indices.map { index in
            precondition(examples.indices.contains(index), "index \(index) is not in 0..<\(examples.count)")
            return examples[index]
        }
        return dataset
    }

    /// The examples in a random order drawn from `seed` (Fisher–Yates with ``SplitMix64``): the
    /// same seed gives the same order on every machine.
    public func shuffled(seed: UInt64) -> LabeledTextDataset {
        var rng = SplitMix64(seed: seed)
        return subset(Self.permutation(count: count, using: &rng))
    }

    /// A random permutation of `0..<count` (Fisher–Yates, from the last position down).
    static func permutation(count: Int, using rng: inout SplitMix64) -> [Int] {
        var order = Array(0 ..< count)
        shuffle(&order, using: &rng)
        return order
    }

    /// Shuffles in place with Fisher–Yates; written out so the order does not depend on the
    /// standard library's shuffle algorithm.
    static func shuffle(_ values: inout [Int], using rng: inout SplitMix64) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = rng.nextInt(below: i + 1)
            values.swapAt(i, j)
        }
    }
}
