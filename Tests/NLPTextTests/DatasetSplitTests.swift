import Testing

@testable import NLPText

/// A dataset with `counts[c]` examples of class c, texts "c<class>-<i>", classes interleaved.
private func makeDataset(classCounts: [Int]) -> LabeledTextDataset {
    var examples: [LabeledExample] = []
    var remaining = classCounts
    var next = [Int](repeating: 0, count: classCounts.count)
    while remaining.contains(where: { $0 > 0 }) {
        for c in classCounts.indices where remaining[c] > 0 {
            examples.append(LabeledExample(text: "c\(c)-\(next[c])", label: c))
            next[c] += 1
            remaining[c] -= 1
        }
    }
    return LabeledTextDataset(examples: examples, labelNames: classCounts.indices.map { "class\($0)" })
}

@Suite("Shuffles, splits and stratified k-fold")
struct DatasetSplitTests {
    @Test("The same seed gives the same shuffle; the shuffle is a permutation")
    func shuffleDeterminism() {
        let dataset = makeDataset(classCounts: [30, 20])
        let a = dataset.shuffled(seed: 42)
        #expect(a == dataset.shuffled(seed: 42))
        #expect(a != dataset.shuffled(seed: 43))
        #expect(a != dataset)
        #expect(a.texts.sorted() == dataset.texts.sorted())
        #expect(a.classCounts == dataset.classCounts)
    }

    /// (count, fractions, expected sizes)
    static let sizeCases: [(Int, [Double], [Int])] = [
        (10, [0.8, 0.1, 0.1], [8, 1, 1]),
        (7, [0.8, 0.1, 0.1], [5, 1, 1]),  // quotas 5.6/0.7/0.7 → 5/0/0, two left → the .7s
        (5, [0.5, 0.5], [3, 2]),  // tie → earlier part
        (0, [0.8, 0.1, 0.1], [0, 0, 0]),
        (3, [1.0 / 3, 1.0 / 3, 1.0 / 3], [1, 1, 1]),
        (100, [0.7, 0.2, 0.1], [70, 20, 10]),
        (100, [0.29, 0.71], [29, 71]),  // 0.29·100 = 28.999… still rounds to 29
        (10_568, [0.8, 0.1, 0.1], [8454, 1057, 1057]),  // 8454.4/1056.8/1056.8
    ]

    @Test("Split sizes use largest-remainder rounding", arguments: sizeCases)
    func sizes(count: Int, fractions: [Double], expected: [Int]) {
        #expect(LabeledTextDataset.splitSizes(count: count, fractions: fractions) == expected)
    }

    @Test("A split partitions the examples, with exact sizes, deterministically", arguments: [false, true])
    func split(stratified: Bool) {
        let dataset = makeDataset(classCounts: [37, 25, 8])
        let split = dataset.split(train: 0.7, validation: 0.15, test: 0.15, seed: 9, stratified: stratified)
        #expect([split.train.count, split.validation.count, split.test.count] == [49, 11, 10])  // 49/10.5/10.5
        let all = split.train.texts + split.validation.texts + split.test.texts
        #expect(all.sorted() == dataset.texts.sorted(), "every example exactly once")
        #expect(split == dataset.split(train: 0.7, validation: 0.15, test: 0.15, seed: 9, stratified: stratified))
        #expect(split != dataset.split(train: 0.7, validation: 0.15, test: 0.15, seed: 10, stratified: stratified))
    }

    @Test(
        "Stratified splits keep each class within 2 of its share in every part",
        arguments: [[50, 50], [7, 13, 30], [1, 1, 98], [3, 400, 97, 11], [5, 5, 5, 5, 5]])
    func stratified(classCounts: [Int]) {
        let dataset = makeDataset(classCounts: classCounts)
        for seed: UInt64 in 0 ..< 20 {
            let split = dataset.split(train: 0.6, validation: 0.25, test: 0.15, seed: seed, stratified: true)
            for part in [split.train, split.validation, split.test] {
                let share = Double(part.count) / Double(dataset.count)
                for (c, n) in classCounts.enumerated() {
                    let ideal = Double(n) * share
                    #expect(
                        abs(Double(part.classCounts[c]) - ideal) < 2, "class \(c): \(part.classCounts[c]) vs \(ideal)")
                }
            }
        }
    }

    @Test(
        "Stratified k-fold: each example in one test fold, per-fold class counts within 1 of n/k",
        arguments: [([50, 50], 5), ([7, 13, 30], 10), ([1, 1, 98], 3), ([3, 400, 97, 11], 7), ([4, 4], 8)])
    func stratifiedKFold(classCounts: [Int], k: Int) throws {
        let dataset = makeDataset(classCounts: classCounts)
        let folds = try dataset.stratifiedKFold(k: k, seed: 123)
        #expect(folds.count == k)
        var timesInTest = [Int](repeating: 0, count: dataset.count)
        for fold in folds {
            for index in fold.test { timesInTest[index] += 1 }
            #expect(fold.test == fold.test.sorted() && fold.train == fold.train.sorted())
            #expect(Set(fold.train).isDisjoint(with: fold.test))
            #expect(fold.train.count + fold.test.count == dataset.count)
            let counts = dataset.subset(fold.test).classCounts
            for (c, n) in classCounts.enumerated() {
                let ideal = Double(n) / Double(k)
                #expect(abs(Double(counts[c]) - ideal) < 1, "class \(c) has \(counts[c]) in a fold, ideal \(ideal)")
            }
        }
        #expect(timesInTest.allSatisfy { $0 == 1 })
        let sizes = folds.map(\.test.count)
        #expect(sizes.max()! - sizes.min()! <= 1)
        #expect(try dataset.stratifiedKFold(k: k, seed: 123) == folds, "same seed, same folds")
    }

    @Test("Without a seed, k-fold keeps dataset order within each class")
    func unshuffledKFold() throws {
        let dataset = makeDataset(classCounts: [4, 2])  // order: c0-0 c1-0 c0-1 c1-1 c0-2 c0-3
        let folds = try dataset.stratifiedKFold(k: 2, seed: nil)
        // class 0 (indices 0, 2, 4, 5) then class 1 (1, 3) dealt round-robin: 0→f0 2→f1 4→f0 5→f1 1→f0 3→f1
        #expect(folds.map(\.test) == [[0, 1, 4], [2, 3, 5]])
    }

    @Test("More folds than examples is an error")
    func tooManyFolds() {
        let dataset = makeDataset(classCounts: [2, 1])
        #expect(throws: DatasetError.invalidSplit(reason: "5 folds need at least 5 examples, the dataset has 3")) {
            try dataset.stratifiedKFold(k: 5, seed: 1)
        }
    }
}
