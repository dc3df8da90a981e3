import Testing

@testable import Sentiment

@Suite("ClassificationReport")
struct ClassificationReportTests {
    @Test("binary scores are the positive class's, as scikit-learn computes them")
    func binary() {
        // true:      0 0 0 0 1 1 1 1 1 1
        // predicted: 0 0 1 1 1 1 1 1 0 0  → TP 4, FP 2, FN 2, TN 2
        let report = ClassificationReport(
            labelNames: ["neg", "pos"], trueLabels: [0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
            predictedLabels: [0, 0, 1, 1, 1, 1, 1, 1, 0, 0])
        #expect(report.confusion == [[2, 2], [2, 4]])
        #expect(abs(report.accuracy - 0.6) < 1e-12)
        #expect(abs(report.precision - 4.0 / 6) < 1e-12)
        #expect(abs(report.recall - 4.0 / 6) < 1e-12)
        #expect(abs(report.f1 - 4.0 / 6) < 1e-12)
        #expect(report.description.contains("accuracy 0.6000 (10 texts)"))
        #expect(report.description.contains("confusion (rows: true, columns: predicted)"))
    }

    @Test("multi-class scores are macro averages; a class never predicted has precision 0")
    func multiClass() {
        let report = ClassificationReport(
            labelNames: ["a", "b", "c"], trueLabels: [0, 0, 1, 1, 2, 2], predictedLabels: [0, 0, 1, 0, 1, 1])
        // Class b is predicted 3 times, once correctly; class c never.
        #expect(report.classPrecision == [2.0 / 3, 1.0 / 3, 0])
        #expect(report.classRecall == [1, 0.5, 0])
        #expect(abs(report.precision - 1.0 / 3) < 1e-12)
        #expect(abs(report.recall - 0.5) < 1e-12)
        // F1: a 2·(2/3)/(5/3) = 0.8, b 2·(1/6)/(5/6) = 0.4, c 0.
        #expect(abs(report.f1 - 0.4) < 1e-12)
        #expect(report.description.contains("macro average"))
    }
}
