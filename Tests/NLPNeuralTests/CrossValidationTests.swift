import NLPCore
import NLPNeural
import Testing

@Suite("Cross-validation")
struct CrossValidationTests {
    @Test(
        "k-fold covers every sample exactly once, fold sizes differ by at most one",
        arguments: [(10, 3), (7, 7), (100, 5)])
    func kFold(count: Int, k: Int) {
        let folds = CrossValidation.kFoldIndices(count: count, k: k, seed: 9)
        #expect(folds.count == k)
        #expect(folds.flatMap { $0 }.sorted() == Array(0 ..< count))
        let sizes = folds.map(\.count)
        #expect(sizes.max()! - sizes.min()! <= 1)
        #expect(folds == CrossValidation.kFoldIndices(count: count, k: k, seed: 9))
        #expect(folds != CrossValidation.kFoldIndices(count: count, k: k, seed: 10) || count == k)
    }

    @Test("stratified folds keep the class proportions")
    func stratified() {
        // 30 samples of class 0, 10 of class 1 → every one of 5 folds gets 6 and 2.
        let labels = Array(repeating: 0, count: 30) + Array(repeating: 1, count: 10)
        let folds = CrossValidation.stratifiedKFoldIndices(labels: labels, k: 5, seed: 3)
        #expect(folds.flatMap { $0 }.sorted() == Array(0 ..< 40))
        for fold in folds {
            #expect(fold.filter { labels[$0] == 0 }.count == 6)
            #expect(fold.filter { labels[$0] == 1 }.count == 2)
        }
    }

    @Test("crossValidate trains one model per fold and reports per-fold, mean and std")
    func crossValidateRuns() throws {
        let (x, y) = FitTests.line(count: 30)
        var made = 0
        let result = try crossValidate(k: 3, x: x, y: y, seed: 4, epochs: 20, batchSize: 5) {
            made += 1
            let model = Sequential([Dense(units: 1)], inputShape: [1])
            model.compile(optimizer: SGD(learningRate: 0.1), loss: TestOnlyMeanSquaredError())
            return model
        }
        #expect(made == 3)
        #expect(result.validationIndices.flatMap { $0 }.sorted() == Array(0 ..< 30))
        #expect(result.folds.count == 3 && result.histories.count == 3)
        #expect(result.histories.allSatisfy { $0["val_loss"]?.count == 20 })
        let losses = result.folds.map { $0["loss"]! }
        let mean = losses.reduce(0, +) / 3
        let std = (losses.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
        #expect(abs(result.mean["loss"]! - mean) < 1e-6)
        #expect(abs(result.standardDeviation["loss"]! - std) < 1e-6)
        #expect(result.mean["loss"]! < 0.05)
        #expect(throws: TrainingError.self) {
            try crossValidate(k: 1, x: x, y: y) { Sequential([Dense(units: 1)]) }
        }
    }

    @Test("stratified crossValidate needs class targets")
    func stratifiedNeedsClasses() throws {
        let x = Tensor(zeros: [6, 1, 2, 2])
        #expect(throws: TrainingError.needsClassTargets(shape: [6, 2, 2])) {
            try crossValidate(k: 2, x: x, y: Tensor(zeros: [6, 2, 2]), assignment: .stratified) {
                Sequential([Dense(units: 1)])
            }
        }
    }
}
