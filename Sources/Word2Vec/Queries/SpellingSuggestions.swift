// Close spellings for unknown words, so a query error can say "did you mean …?".

extension WordVectors {
    /// Known words spelled within `maxDistance` edits of `word`, closest first, ties broken by row
    /// (the more frequent word first in frequency-sorted vectors).
    ///
    /// The distance is the optimal-string-alignment Damerau–Levenshtein distance over Unicode
    /// scalars: insertions, deletions, substitutions and swaps of two adjacent characters each
    /// count 1. Only the first `searchedWords` rows are searched, which keeps the cost
    /// proportional to a fixed vocabulary size (a few milliseconds for 100,000 words).
    ///
    /// - Parameters:
    ///   - word: the misspelled word.
    ///   - limit: the most suggestions returned.
    ///   - maxDistance: the largest edit distance suggested.
    ///   - searchedWords: how many of the first rows are searched.
    /// - Returns: at most `limit` words, never `word` itself.
    public func spellingSuggestions(
        for word: String, limit: Int = 3, maxDistance: Int = 2, searchedWords: Int = 100_000
    ) -> [String] {
        guard limit > 0, maxDistance >= 0 else { return [] }
        let target = word.unicodeScalars.map(\.value)
        var candidate: [UInt32] = []
        candidate.reserveCapacity(target.count + maxDistance + 1)
        var matcher = BoundedEditDistance(target: target, maxDistance: maxDistance)
        // Best (distance, row) pairs so far; `limit` is small, so a sorted array is enough.
        var best: [(distance: Int, row: Int)] = []
        for row in 0 ..< min(searchedWords, count) {
            candidate.removeAll(keepingCapacity: true)
            var tooLong = false
            for scalar in words[row].unicodeScalars {
                if candidate.count == target.count + maxDistance {
                    tooLong = true
                    break
                }
                candidate.append(scalar.value)
            }
            guard !tooLong, abs(candidate.count - target.count) <= maxDistance, candidate != target,
                let distance = matcher.distance(to: candidate)
            else { continue }
            if best.count == limit, distance >= best[limit - 1].distance { continue }
            let position = best.firstIndex { $0.distance > distance } ?? best.count
            best.insert((distance, row), at: position)
            if best.count > limit { best.removeLast() }
        }
        return best.map { words[$0.row] }
    }

    /// The row of `word`, or an ``WordVectorsError/unknownWord(_:suggestions:)`` error carrying up
    /// to three close spellings.
    func row(of word: String) throws -> Int {
        if let row = index(of: word) { return row }
        throw WordVectorsError.unknownWord(word, suggestions: spellingSuggestions(for: word))
    }
}

/// Optimal-string-alignment distance to a fixed target that gives up once it must exceed
/// `maxDistance`; its three DP rows are allocated once and reused for every candidate.
struct BoundedEditDistance {
    let target: [UInt32]
    let maxDistance: Int
    private var previousPrevious: [Int]
    private var previous: [Int]
    private var current: [Int]

    init(target: [UInt32], maxDistance: Int) {
        self.target = target
        self.maxDistance = maxDistance
        previousPrevious = [Int](repeating: 0, count: target.count + 1)
        previous = previousPrevious
        current = previousPrevious
    }

    /// The distance from `candidate` to the target, or `nil` when it is above `maxDistance`.
    mutating func distance(to candidate: [UInt32]) -> Int? {
        let n = target.count
        for j in 0 ... n { previous[j] = j }
        for i in 1 ..< candidate.count + 1 {
            current[0] = i
            var rowMinimum = i
            for j in 1 ..< n + 1 {
                let cost = candidate[i - 1] == target[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, candidate[i - 1] == target[j - 2], candidate[i - 2] == target[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > maxDistance { return nil }
            swap(&previousPrevious, &previous)
            swap(&previous, &current)
        }
        return previous[n] <= maxDistance ? previous[n] : nil
    }
}
