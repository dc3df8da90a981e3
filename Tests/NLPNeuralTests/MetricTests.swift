import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Metrics")
struct MetricTests {
    @Test("binary accuracy over two batches (strictly above the threshold is 1)")
    func binaryAccuracy() {
        let metric = BinaryAccuracy()
        #expect(metric.name == "binary_accuracy")
        // Batch 1: 0.9→1 ✓, 0.2→0 ✓, 0.6→1 ✗, 0.5→0 ✗ (0.5 is not above 0.5).
        metric.update(
            predictions: Tensor(shape: [4, 1], scalars: [0.9, 0.2, 0.6, 0.5]), targets: Tensor([1, 0, 0, 1]))
        expectClose(metric.result, 0.5)
        // Batch 2: both right → 4 of 6.
        metric.update(predictions: Tensor(shape: [2, 1], scalars: [0.7, 0.1]), targets: Tensor([1, 0]))
        expectClose(metric.result, 4 / 6)
        metric.reset()
        #expect(metric.result == 0)
        let strict = BinaryAccuracy(threshold: 0.8)
        strict.update(predictions: Tensor([0.7, 0.9]), targets: Tensor([0, 1]))
        #expect(strict.result == 1)
    }

    @Test("categorical and sparse categorical accuracy over two batches")
    func categoricalAccuracy() {
        let categorical = CategoricalAccuracy()
        let sparse = SparseCategoricalAccuracy()
        // Batch 1: argmax 1 (target 1 ✓), argmax 0 (target 2 ✗).
        let p1 = Tensor(rows: [[0.1, 0.8, 0.1], [0.5, 0.3, 0.2]])
        categorical.update(predictions: p1, targets: Tensor(rows: [[0, 1, 0], [0, 0, 1]]))
        sparse.update(predictions: p1, targets: Tensor([1, 2]))
        expectClose(categorical.result, 0.5)
        expectClose(sparse.result, 0.5)
        // Batch 2: argmax 2, target 2 ✓ → 2 of 3.
        let p2 = Tensor(rows: [[0.2, 0.2, 0.6]])
        categorical.update(predictions: p2, targets: Tensor(rows: [[0, 0, 1]]))
        sparse.update(predictions: p2, targets: Tensor(shape: [1, 1], scalars: [2]))
        expectClose(categorical.result, 2 / 3)
        expectClose(sparse.result, 2 / 3)
    }

    @Test("sparse categorical accuracy on sequences [B, T, C]")
    func sparseSequences() {
        let metric = SparseCategoricalAccuracy()
        // Argmaxes per step: [1, 0, 2], [2, 2, 0]; targets [1, 1, 2], [2, 0, 0] → 4 of 6.
        let p = Tensor(
            shape: [2, 3, 3],
            scalars: [
                0, 1, 0, 1, 0, 0, 0, 0, 1,
                0, 0, 1, 0.1, 0.2, 0.7, 0.9, 0, 0.1,
            ])
        metric.update(predictions: p, targets: Tensor(shape: [2, 3], scalars: [1, 1, 2, 2, 0, 0]))
        expectClose(metric.result, 4 / 6)
        // Batch 2 of one sequence, all right → 7 of 9.
        metric.update(
            predictions: Tensor(shape: [1, 3, 3], scalars: [1, 0, 0, 0, 1, 0, 0, 0, 1]),
            targets: Tensor(shape: [1, 3], scalars: [0, 1, 2]))
        expectClose(metric.result, 7 / 9)
    }

    @Test("top-k accuracy: the target among the k highest; ties at the boundary count")
    func topK() {
        let dense = TopKCategoricalAccuracy(k: 2)
        let sparse = SparseTopKCategoricalAccuracy(k: 2)
        // Row 0 order 1, 2, 0: target 2 is second ✓. Row 1 order 0, 1, 2: target 2 ✗.
        let p = Tensor(rows: [[0.1, 0.5, 0.4], [0.6, 0.3, 0.1]])
        dense.update(predictions: p, targets: Tensor(rows: [[0, 0, 1], [0, 0, 1]]))
        sparse.update(predictions: p, targets: Tensor([2, 2]))
        expectClose(dense.result, 0.5)
        expectClose(sparse.result, 0.5)
        // Batch 2: a three-way tie; class 0 counts as in the top 2 (in_top_k) → 2 of 3.
        dense.update(predictions: Tensor(rows: [[0.3, 0.3, 0.3]]), targets: Tensor(rows: [[1, 0, 0]]))
        sparse.update(predictions: Tensor(rows: [[0.3, 0.3, 0.3]]), targets: Tensor([0]))
        expectClose(dense.result, 2 / 3)
        expectClose(sparse.result, 2 / 3)
        #expect(TopKCategoricalAccuracy().k == 5)
    }

    @Test("precision, recall and F1 accumulate counts over batches")
    func precisionRecallF1() {
        let precision = Precision()
        let recall = Recall()
        let f1 = F1Score()
        let metrics: [any Metric] = [precision, recall, f1]
        // Batch 1: TP 0.9, FP 0.8, FN 0.3, TP 0.6 → TP 2, FP 1, FN 1.
        for metric in metrics {
            metric.update(
                predictions: Tensor(shape: [4, 1], scalars: [0.9, 0.8, 0.3, 0.6]), targets: Tensor([1, 0, 1, 1]))
        }
        expectClose(precision.result, 2 / 3)
        expectClose(recall.result, 2 / 3)
        expectClose(f1.result, 2 / 3)
        // Batch 2: TP 0.7, TP 0.9, FN 0.1 → TP 4, FP 1, FN 2.
        for metric in metrics {
            metric.update(predictions: Tensor(shape: [3, 1], scalars: [0.7, 0.9, 0.1]), targets: Tensor([1, 1, 1]))
        }
        expectClose(precision.result, 0.8)
        expectClose(recall.result, 4 / 6)
        expectClose(f1.result, 8 / 11)  // 2·0.8·(2/3) / (0.8 + 2/3)
        for metric in metrics {
            metric.reset()
            #expect(metric.result == 0, "\(metric.name) after reset")
        }
        // No positive predictions nor targets: 0, not NaN.
        precision.update(predictions: Tensor([0.1, 0.2]), targets: Tensor([0, 0]))
        #expect(precision.result == 0)
    }

    @Test("Keras resolution of \"accuracy\" by loss")
    func accuracyForLoss() throws {
        #expect(MetricRegistry.accuracy(for: BinaryCrossentropy()) is BinaryAccuracy)
        #expect(MetricRegistry.accuracy(for: BinaryCrossentropy(fromLogits: true)) is BinaryAccuracy)
        #expect(MetricRegistry.accuracy(for: SparseCategoricalCrossentropy()) is SparseCategoricalAccuracy)
        #expect(MetricRegistry.accuracy(for: CategoricalCrossentropy()) is CategoricalAccuracy)
        #expect(MetricRegistry.accuracy(for: MeanSquaredError()) is CategoricalAccuracy)
        #expect(MetricRegistry.accuracy(for: BinaryCrossentropy()).name == "accuracy")
        let viaName = try MetricRegistry.makeMetric(
            name: "accuracy", configuration: [:], loss: SparseCategoricalCrossentropy())
        #expect(viaName is SparseCategoricalAccuracy && viaName.name == "accuracy")
        #expect(throws: MetricError.accuracyNeedsLoss) {
            try MetricRegistry.makeMetric(name: "accuracy", configuration: [:])
        }
    }

    @Test(
        "MetricRegistry by name, and round trips through name + configuration",
        arguments: [
            "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy", "top_k_categorical_accuracy",
            "sparse_top_k_categorical_accuracy", "precision", "recall", "f1_score",
        ])
    func registry(name: String) throws {
        let metric = try MetricRegistry.makeMetric(name: name, configuration: [:])
        #expect(metric.name == name)
        let copy = try MetricRegistry.makeMetric(name: metric.name, configuration: metric.configuration)
        #expect(type(of: copy) == type(of: metric) && copy.configuration == metric.configuration)
    }

    @Test("MetricRegistry reads k and threshold, keeps a display name, rejects unknown names")
    func registryConfiguration() throws {
        let top3 = try MetricRegistry.makeMetric(
            name: "sparse_top_k_categorical_accuracy", configuration: ["k": .number(3)])
        #expect((top3 as? SparseTopKCategoricalAccuracy)?.k == 3)
        let strict = try MetricRegistry.makeMetric(name: "Precision", configuration: ["threshold": .number(0.7)])
        #expect((strict as? Precision)?.threshold == 0.7 && strict.name == "precision")
        // A metric named "accuracy" rebuilds from its own configuration without the loss.
        let accuracy = MetricRegistry.accuracy(for: BinaryCrossentropy())
        let rebuilt = try MetricRegistry.makeMetric(name: accuracy.name, configuration: accuracy.configuration)
        #expect(rebuilt is BinaryAccuracy && rebuilt.name == "accuracy")
        #expect(throws: MetricError.unknownMetric("auc")) { try MetricRegistry.makeMetric(name: "auc") }
        #expect(throws: MetricError.self) {
            try MetricRegistry.makeMetric(name: "top_k_categorical_accuracy", configuration: ["k": .number(0)])
        }
    }
}
