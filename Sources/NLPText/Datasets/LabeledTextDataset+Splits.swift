// Seeded train/validation/test splits and stratified k-fold cross-validation.
import NLPCore

/// A dataset cut into training, validation and test parts.
public struct DatasetSplit: Sendable, Equatable {
    /// The training examples.
    public var train: LabeledTextDataset
    /// The validation examples (empty for a fraction of 0).
    public var validation: LabeledTextDataset
    /// The test examples.
    public var test: LabeledTextDataset
}

/// One fold of cross-validation: indices into the dataset, each list ascending.
public struct Fold: Sendable, Equatable {
    /// The examples to train on (every example not in ``test``).
    public var train: [Int]
    /// The held-out examples.
    public var test: [Int]
}

extension LabeledTextDataset {
    /// Part sizes for `count` examples, summing to `count` (largest-remainder rounding).
    ///
    /// Each part first gets `⌊fraction · count⌋`; the examples left over go one each to the parts
    /// with the largest fractional remainders, earlier parts first on ties. 10 examples at
    /// 0.8/0.1/0.1 → 8/1/1; 7 → quotas 5.6/0.7/0.7 → 5/1/1; 5 at 0.5/0.5 → 3/2.
    /// - Precondition: fractions are ≥ 0 and sum to 1 (within 1e-9).
    public static func splitSizes(count: Int, fractions: [Double]) -> [Int] {
        precondition(count >= 0, "count \(count) must not be negative")
        precondition(fractions.allSatisfy { $0 >= 0 && $0.isFinite }, "fractions \(fractions) must be ≥ 0")
        let total = fractions.reduce(0, +)
        precondition(abs(total - 1) <= 1e-9, "fractions \(fractions) sum to \(total), not 1")
        let quotas = fractions.map { $0 * Double(count) }
        var sizes = quotas.map { Int($0.rounded(.down)) }
        let order = quotas.indices.sorted { a, b in
            let ra = quotas[a] - Double(sizes[a])
            let rb = quotas[b] - Double(sizes[b])
            return ra != rb ? ra > rb : a < b
        }
        var left = count - sizes.reduce(0, +)
        for part in order where left > 0 {
            sizes[part] += 1
            left -= 1
        }
        return sizes
    }

    /// Splits into train/validation/test by fractions, in an order drawn from `seed`.
    ///
    /// Sizes follow ``splitSizes(count:fractions:)``. With `stratified: true` each class is spread
    /// over the parts in proportion (scikit-learn's `train_test_split(stratify=)`): the examples,
    /// shuffled and grouped by class, are dealt to the parts by a smooth schedule (each position
    /// goes to the part furthest behind its share; in simulations every prefix stays within one
    /// example of each share), so every class lands in each part within two examples of its
    /// proportional count while the part sizes stay exact. The parts are then shuffled again.
    /// - Precondition: fractions are ≥ 0 and sum to 1.
    public func split(train: Double, validation: Double = 0, test: Double, seed: UInt64, stratified: Bool = false)
        -> DatasetSplit
    {
        let sizes = Self.splitSizes(count: count, fractions: [train, validation, test])
        var rng = SplitMix64(seed: seed)
        var order = Self.permutation(count: count, using: &rng)
        var parts: [[Int]] = [[], [], []]
        if stratified {
            // Stable grouping by class keeps each class in its shuffled order.
            order = order.enumerated().sorted { a, b in
                let la = examples[a.element].label
                let lb = examples[b.element].label
                return la != lb ? la < lb : a.offset < b.offset
            }.map(\.element)
            var assigned = [0, 0, 0]
            for (position, index) in order.enumerated() {
                // The part furthest behind its share of the first position+1 examples.
                var best = 0
                var bestDeficit = Int.min
                for part in 0 ..< 3 {
                    let deficit = (position + 1) * sizes[part] - assigned[part] * count
                    if deficit > bestDeficit {
                        best = part
                        bestDeficit = deficit
                    }
                }
                assigned[best] += 1
                parts[best].append(index)
            }
            for part in 0 ..< 3 { Self.shuffle(&parts[part], using: &rng) }
        } else {
            parts[0] = Array(order[0 ..< sizes[0]])
            parts[1] = Array(order[sizes[0] ..< sizes[0] + sizes[1]])
            parts[2] = Array(order[(sizes[0] + sizes[1])...])
        }
        return DatasetSplit(train: subset(parts[0]), validation: subset(parts[1]), test: subset(parts[2]))
    }

    /// Stratified k-fold cross-validation (scikit-learn's `StratifiedKFold(n_splits: k,
    /// shuffle: seed != nil, random_state: seed)`).
    ///
    /// Each class's examples (shuffled with `seed`, or in dataset order when `seed` is `nil`) are
    /// dealt round-robin to the folds, continuing from class to class, so a class of `n` examples
    /// puts ⌊n/k⌋ or ⌈n/k⌉ in every fold and fold sizes differ by at most one. Every example is in
    /// exactly one test fold. A class smaller than `k` leaves some folds without it.
    /// - Throws: ``DatasetError/invalidSplit(reason:)`` when there are fewer examples than folds.
    /// - Precondition: `k ≥ 2`.
    public func stratifiedKFold(k: Int, seed: UInt64?) throws -> [Fold] {
        precondition(k >= 2, "k-fold needs k ≥ 2, not \(k)")
        guard count >= k else {
            throw DatasetError.invalidSplit(reason: "\(k) folds need at least \(k) examples, the dataset has \(count)")
        }
        var order = Array(0 ..< count)
        if let seed {
            var rng = SplitMix64(seed: seed)
            Self.shuffle(&order, using: &rng)
        }
        order = order.enumerated().sorted { a, b in
            let la = examples[a.element].label
            let lb = examples[b.element].label
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
        var foldOf = [Int](repeating: 0, count: count)
        for (position, index) in order.enumerated() { foldOf[index] = position % k }
        return (0 ..< k).map { fold in
            Fold(
                train: (0 ..< count).filter { foldOf[$0] != fold },
                test: (0 ..< count).filter { foldOf[$0] == fold })
        }
    }
}
