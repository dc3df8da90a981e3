// The result of an analogy evaluation: accuracy per section, semantic, syntactic and total.

/// Accuracy of word vectors on an analogy test set, per section and in total.
///
/// A question is *seen* when its four words are in the searched vocabulary; the others are
/// skipped (or counted wrong with `unknownAsWrong`). Accuracy is correct / seen.
public struct AnalogyEvaluation: Sendable, CustomStringConvertible {
    /// The counts of one section or of a group of sections.
    public struct Score: Sendable, Equatable {
        /// The section name, or `"semantic"`, `"syntactic"`, `"total"` for groups.
        public var name: String
        /// Questions answered correctly.
        public var correct: Int
        /// Questions answered (all four words known, or counted wrong as unknown).
        public var seen: Int
        /// Questions in the file.
        public var total: Int

        /// `correct / seen`, or 0 when nothing was seen (gensim's convention).
        public var accuracy: Double { seen == 0 ? 0 : Double(correct) / Double(seen) }

        /// A score with the given counts.
        public init(name: String, correct: Int, seen: Int, total: Int) {
            self.name = name
            self.correct = correct
            self.seen = seen
            self.total = total
        }

        /// The sum of several scores, named `name`.
        init(name: String, summing scores: [Score]) {
            self.init(
                name: name, correct: scores.reduce(0) { $0 + $1.correct }, seen: scores.reduce(0) { $0 + $1.seen },
                total: scores.reduce(0) { $0 + $1.total })
        }
    }

    /// One score per section, file order.
    public var sections: [Score]
    /// The sections whose names do not start with `gram`.
    public var semantic: Score
    /// The `gram…` sections.
    public var syntactic: Score
    /// All sections.
    public var total: Score
    /// Questions with a word outside the searched vocabulary.
    public var unknownQuestions: Int
    /// How many rows were searched (and known to the questions).
    public var searchedWords: Int
    /// How answers were ranked.
    public var method: AnalogyMethod
    /// Whether words were matched case-insensitively.
    public var caseInsensitive: Bool

    /// The share of questions with unknown words, in percent (gensim's "OOV ratio").
    public var unknownPercent: Double { total.total == 0 ? 0 : 100 * Double(unknownQuestions) / Double(total.total) }

    /// A table, one line per section then the semantic, syntactic and total lines:
    /// ```text
    /// capital-common-countries   correct 480 / seen 506 (of 506)   94.86%
    /// ```
    public var description: String {
        let rows = sections + [semantic, syntactic, total]
        let width = rows.map(\.name.count).max() ?? 0
        var lines = rows.map { score in
            let name = score.name.padding(toLength: width)
            let percent = Self.percent(score.accuracy)
            return "\(name)  correct \(score.correct) / seen \(score.seen) (of \(score.total))  \(percent)"
        }
        lines.append(
            "questions seen \(total.seen) of \(total.total); \(unknownQuestions) with unknown words "
                + "(\(Self.percent(unknownPercent / 100))); searched \(searchedWords) words, \(method.rawValue), "
                + (caseInsensitive ? "case-insensitive" : "case-sensitive"))
        return lines.joined(separator: "\n")
    }

    /// `0.12345` → `"12.35%"`.
    static func percent(_ fraction: Double) -> String {
        let hundredths = Int((fraction * 10_000).rounded())
        let fractionDigits = String(hundredths % 100)
        return "\(hundredths / 100).\(fractionDigits.count == 1 ? "0" + fractionDigits : fractionDigits)%"
    }
}

extension String {
    /// The string padded with spaces on the right to `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
