// Bounded top-N selection over similarity scores: the last step of every nearest-neighbour query.

/// The `capacity` best `(row, score)` pairs offered so far, kept in a binary heap whose root is the
/// worst of them, so each offer costs O(1) when it loses and O(log N) when it wins.
///
/// "Better" means a higher score, and for equal scores the lower row (the more frequent word in
/// frequency-sorted vectors). NaN scores (rows with a zero norm) are never kept.
struct TopScores {
    /// The most pairs kept.
    let capacity: Int
    private var scores: [Float] = []
    private var rows: [Int] = []

    /// An empty selection keeping at most `capacity` pairs.
    init(capacity: Int) {
        precondition(capacity >= 0, "top-N capacity must be non-negative, got \(capacity)")
        self.capacity = capacity
        scores.reserveCapacity(capacity)
        rows.reserveCapacity(capacity)
    }

    /// The lowest score kept, once the selection is full (a fast pre-filter for callers).
    var threshold: Float { scores.count == capacity && capacity > 0 ? scores[0] : -.infinity }

    /// Considers `row` with `score`.
    @inline(__always)
    mutating func offer(_ score: Float, row: Int) {
        guard !score.isNaN, capacity > 0 else { return }
        if scores.count < capacity {
            scores.append(score)
            rows.append(row)
            siftUp(scores.count - 1)
        } else if Self.isWorse(scores[0], rows[0], than: score, row) {
            scores[0] = score
            rows[0] = row
            siftDown(0)
        }
    }

    /// The kept pairs, best first.
    func sorted() -> [(row: Int, score: Float)] {
        zip(rows, scores).map { (row: $0.0, score: $0.1) }.sorted {
            Self.isWorse($1.score, $1.row, than: $0.score, $0.row)
        }
    }

    @inline(__always)
    private static func isWorse(_ score: Float, _ row: Int, than otherScore: Float, _ otherRow: Int) -> Bool {
        score < otherScore || (score == otherScore && row > otherRow)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.isWorse(scores[child], rows[child], than: scores[parent], rows[parent]) else { return }
            scores.swapAt(child, parent)
            rows.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < scores.count else { return }
            var worst = left
            let right = left + 1
            if right < scores.count, Self.isWorse(scores[right], rows[right], than: scores[left], rows[left]) {
                worst = right
            }
            guard Self.isWorse(scores[worst], rows[worst], than: scores[parent], rows[parent]) else { return }
            scores.swapAt(worst, parent)
            rows.swapAt(worst, parent)
            parent = worst
        }
    }
}

extension TopScores {
    /// The best `count` rows of `scores` (row `i` has score `scores[i]`), best first, leaving out
    /// the rows in `excluded`.
    static func best(
        _ count: Int, of scores: UnsafeBufferPointer<Float>, excluding excluded: [Int] = []
    ) -> [(row: Int, score: Float)] {
        var top = TopScores(capacity: min(count, scores.count))
        var threshold = top.threshold
        for row in 0 ..< scores.count {
            let score = scores[row]
            // `>=` lets an equal score through; `offer` then prefers the lower row.
            guard score >= threshold, !excluded.contains(row) else { continue }
            top.offer(score, row: row)
            threshold = top.threshold
        }
        return top.sorted()
    }
}
