// NLPNeural: k-fold cross-validation of Sequential models.
import NLPCore

/// The outcome of `crossValidate`: each fold's evaluation on its held-out samples, their mean and
/// (population) standard deviation.
public struct CrossValidationResult: Sendable {
    /// `evaluate`'s results on each fold's validation samples (`"loss"`, metric names).
    public var folds: [[String: Float]]
    /// Each fold's training history.
    public var histories: [History]
    /// The sample indices held out in each fold.
    public var validationIndices: [[Int]]
    /// The mean of each key over the folds.
    public var mean: [String: Float]
    /// The standard deviation of each key over the folds (divided by k, as NumPy's `std`).
    public var standardDeviation: [String: Float]
}

/// How samples are assigned to folds.
public enum FoldAssignment: Sendable {
    /// Shuffle (seeded), then cut into k nearly equal contiguous parts (scikit-learn `KFold`).
    case plain
    /// Shuffle each class (seeded), then deal its samples round-robin over the folds so every
    /// fold has nearly the same class proportions (like scikit-learn `StratifiedKFold`).
    case stratified
}

/// Trains and evaluates a fresh model on each of `k` folds: fold `i` is held out for validation
/// while the model from `makeModel()` trains on the rest (built with seed `seed + i` if unbuilt).
///
/// ```swift
/// let result = try crossValidate(k: 5, x: x, y: y, seed: 1, epochs: 20) {
///     let model = Sequential([Dense(units: 8, activation: .relu), Dense(units: 1, activation: .sigmoid)])
///     model.compile(optimizer: Adam(), loss: BinaryCrossentropy(), metrics: [BinaryAccuracy()])
///     return model
/// }
/// print(result.mean["accuracy"]!, result.standardDeviation["accuracy"]!)
/// ```
///
/// The held-out fold is also passed as `validationData`, so callbacks such as `EarlyStopping` can
/// monitor `val_loss`; `makeCallbacks` is called once per fold for fresh callback state.
/// - Throws: `TrainingError` for `k` outside `2...N`, non-class targets with `.stratified`, and
///   anything `fit` throws.
public func crossValidate(
    k: Int, x: Tensor, y: Tensor, seed: UInt64 = 0, assignment: FoldAssignment = .plain, epochs: Int = 1,
    batchSize: Int = 32, shuffle: Bool = true, classWeight: [Int: Float]? = nil,
    makeCallbacks: () -> [any Callback] = { [] }, progress: (any TrainingProgressReporter)? = nil,
    makeModel: () throws -> Sequential
) throws -> CrossValidationResult {
    try Sequential.checkSamples(x: x, y: y, sampleWeight: nil, what: "cross-validation")
    let count = x.shape[0]
    guard k >= 2 && k <= count else {
        throw TrainingError.invalidArgument(
            name: "k", value: "\(k)", reason: "must lie in 2...\(count) (the sample count)")
    }
    let folds: [[Int]]
    switch assignment {
    case .plain: folds = CrossValidation.kFoldIndices(count: count, k: k, seed: seed)
    case .stratified:
        folds = CrossValidation.stratifiedKFoldIndices(labels: try ClassLabels.labels(of: y), k: k, seed: seed)
    }
    var results: [[String: Float]] = []
    var histories: [History] = []
    for (foldIndex, held) in folds.enumerated() {
        let heldSet = Set(held)
        let training = (0 ..< count).filter { !heldSet.contains($0) }
        let model = try makeModel()
        let validationX = Sequential.rows(x, held)
        let validationY = Sequential.rows(y, held)
        let history = try model.fit(
            x: Sequential.rows(x, training), y: Sequential.rows(y, training), epochs: epochs, batchSize: batchSize,
            validationData: (validationX, validationY), shuffle: shuffle, seed: seed &+ UInt64(foldIndex),
            classWeight: classWeight, callbacks: makeCallbacks(), progress: progress)
        histories.append(history)
        results.append(try model.evaluate(x: validationX, y: validationY, batchSize: batchSize))
    }
    var mean: [String: Float] = [:]
    var deviation: [String: Float] = [:]
    for key in results[0].keys {
        let values = results.compactMap { $0[key] }.map(Double.init)
        let average = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(values.count)
        mean[key] = Float(average)
        deviation[key] = Float(variance.squareRoot())
    }
    return CrossValidationResult(
        folds: results, histories: histories, validationIndices: folds, mean: mean, standardDeviation: deviation)
}

/// Fold assignments, usable on their own (e.g. for other models).
public enum CrossValidation {
    /// `k` disjoint folds covering `0..<count` once: a seeded shuffle cut into parts whose sizes
    /// differ by at most one (the first `count % k` folds get the extra sample).
    /// - Precondition: `2 ≤ k ≤ count`.
    public static func kFoldIndices(count: Int, k: Int, seed: UInt64) -> [[Int]] {
        precondition(k >= 2 && k <= count, "kFoldIndices: k \(k) must lie in 2...\(count)")
        var order = Array(0 ..< count)
        var rng = SplitMix64(seed: seed)
        Sequential.shuffle(&order, using: &rng)
        var folds: [[Int]] = []
        var start = 0
        for fold in 0 ..< k {
            let size = count / k + (fold < count % k ? 1 : 0)
            folds.append(Array(order[start ..< start + size]))
            start += size
        }
        return folds
    }

    /// `k` disjoint folds covering every sample once, each with nearly the class proportions of the
    /// whole: every class is shuffled (seeded) and dealt round-robin, continuing the deal from one
    /// class to the next so fold sizes differ by at most one.
    /// - Precondition: `2 ≤ k ≤ labels.count`.
    public static func stratifiedKFoldIndices(labels: [Int], k: Int, seed: UInt64) -> [[Int]] {
        precondition(k >= 2 && k <= labels.count, "stratifiedKFoldIndices: k \(k) must lie in 2...\(labels.count)")
        var byClass: [Int: [Int]] = [:]
        for (index, label) in labels.enumerated() { byClass[label, default: []].append(index) }
        var rng = SplitMix64(seed: seed)
        var folds = Array(repeating: [Int](), count: k)
        var next = 0
        for label in byClass.keys.sorted() {
            var members = byClass[label]!
            Sequential.shuffle(&members, using: &rng)
            for index in members {
                folds[next].append(index)
                next = (next + 1) % k
            }
        }
        return folds.map { $0.sorted() }
    }
}
