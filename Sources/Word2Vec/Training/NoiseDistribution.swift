// Drawing negative samples from the unigram distribution raised to a power, in O(1).

import Foundation
import NLPCore

/// The noise distribution of negative sampling, `P(w) ∝ count(w)^exponent`, sampled with
/// Walker's alias method: exact probabilities, two small tables, one random draw per sample
/// (word2vec.c approximates the same distribution with a 10⁸-entry table; gensim bisects a
/// cumulative table).
///
/// Ids below `firstID` (word2vec.c's `</s>`) are never drawn.
public struct NoiseDistribution: Sendable {
    /// Probability (scaled to 2³²) of keeping the drawn slot rather than its alias.
    let threshold: [UInt32]
    /// The alias of each slot (an id).
    let alias: [Int32]
    /// The first id that can be drawn.
    public let firstID: Int

    /// The distribution over ids `firstID ..< counts.count`.
    /// - Precondition: at least one of those ids has a positive count.
    public init(counts: [Int], exponent: Double, firstID: Int = 1) {
        let ids = firstID ..< counts.count
        var weights = ids.map { counts[$0] > 0 ? pow(Double(counts[$0]), exponent) : 0 }
        let total = weights.reduce(0, +)
        precondition(total > 0 && total.isFinite, "the noise distribution needs a word with a positive count")
        let n = weights.count
        for i in 0 ..< n { weights[i] *= Double(n) / total }
        var threshold = [UInt32](repeating: UInt32.max, count: n)
        var alias = (0 ..< n).map { Int32($0 + firstID) }
        var small: [Int] = []
        var large: [Int] = []
        for i in 0 ..< n { if weights[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.last {
            threshold[s] = UInt32(min(weights[s] * 4_294_967_296.0, 4_294_967_295.0))
            alias[s] = Int32(l + firstID)
            weights[l] -= 1 - weights[s]
            if weights[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        self.threshold = threshold
        self.alias = alias
        self.firstID = firstID
    }

    /// The probability of drawing each id (0 below ``firstID``), from the tables.
    public func probabilities() -> [Double] {
        let n = threshold.count
        var result = [Double](repeating: 0, count: n + firstID)
        for slot in 0 ..< n {
            let keep = threshold[slot] == UInt32.max ? 1.0 : Double(threshold[slot]) / 4_294_967_296.0
            result[slot + firstID] += keep / Double(n)
            result[Int(alias[slot])] += (1 - keep) / Double(n)
        }
        return result
    }

    /// One id drawn with `random` (64 bits: the high half picks a slot, the low half decides).
    @inline(__always)
    static func draw(
        _ random: UInt64, threshold: UnsafePointer<UInt32>, alias: UnsafePointer<Int32>, slots: Int, firstID: Int
    ) -> Int {
        let slot = Int(truncatingIfNeeded: ((random >> 32) &* UInt64(slots)) >> 32)
        return UInt32(truncatingIfNeeded: random) < threshold[slot] ? slot + firstID : Int(alias[slot])
    }

    /// One id drawn from `generator`.
    public func sample(using generator: inout SplitMix64) -> Int {
        threshold.withUnsafeBufferPointer { t in
            alias.withUnsafeBufferPointer { a in
                NoiseDistribution.draw(
                    generator.next(), threshold: t.baseAddress!, alias: a.baseAddress!, slots: t.count, firstID: firstID
                )
            }
        }
    }
}

/// Subsampling of frequent words (word2vec.c): a word with count `f` among `total` training words
/// is kept with probability `(√(f / (sample·total)) + 1) · sample·total / f` (capped at 1).
public enum Subsampling {
    /// The keep probability of each id (1 for every word when `sample` is 0).
    public static func keepProbabilities(counts: [Int], sample: Double, totalWords: Int) -> [Double] {
        guard sample > 0 else { return counts.map { _ in 1 } }
        let threshold = sample * Double(totalWords)
        return counts.map { count in
            guard count > 0 else { return 1 }
            let f = Double(count)
            return min(1, ((f / threshold).squareRoot() + 1) * threshold / f)
        }
    }
}
