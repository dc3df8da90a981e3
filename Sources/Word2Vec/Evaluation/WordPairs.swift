// A word-similarity data set: word pairs with a human similarity score (WordSim-353, SimLex-999).

/// Word pairs with a human similarity score, read like gensim's `evaluate_word_pairs` reads them:
/// ```text
/// # comment
/// tiger<TAB>cat<TAB>7.35
/// ```
/// Lines starting with `#` are comments. Every other line must split on `delimiter` into exactly
/// three fields, the last a number; other lines are skipped and listed in ``invalidLines`` (gensim
/// logs and skips them). Fields are not trimmed, as in gensim, except around the number.
public struct WordPairs: Sendable {
    /// One judged pair.
    public struct Pair: Sendable, Equatable {
        /// The first word.
        public var first: String
        /// The second word.
        public var second: String
        /// The human similarity score.
        public var score: Double
        /// The line in the file (from 1).
        public var line: Int

        /// A pair with its score, read from `line`.
        public init(first: String, second: String, score: Double, line: Int = 0) {
            self.first = first
            self.second = second
            self.score = score
            self.line = line
        }
    }

    /// The pairs, file order.
    public var pairs: [Pair]
    /// Non-comment lines skipped because they were not `word delimiter word delimiter number`.
    public var invalidLines: [Int]
    /// Where the pairs came from (a path, for messages).
    public var source: String

    /// Reads a word-pair file (plain or gzip) whose fields are separated by `delimiter`.
    /// - Throws: ``EvaluationFileError/cannotRead(path:reason:)``.
    public init(contentsOf path: String, delimiter: Character = "\t") throws {
        self.init(parsing: try EvaluationText.read(path: path), delimiter: delimiter, source: path)
    }

    /// Parses pairs from `text`; `source` names it in messages.
    public init(parsing text: String, delimiter: Character = "\t", source: String = "<text>") {
        self.source = source
        pairs = []
        invalidLines = []
        for (number, line) in EvaluationText.lines(text) where !line.hasPrefix("#") {
            let fields = line.split(separator: delimiter, omittingEmptySubsequences: false)
            guard fields.count == 3, let score = Double(String(fields[2]).trimmingWhitespace()) else {
                invalidLines.append(number)
                continue
            }
            pairs.append(Pair(first: String(fields[0]), second: String(fields[1]), score: score, line: number))
        }
    }
}
