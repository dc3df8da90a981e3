// An analogy test set in the questions-words format of word2vec and gensim.

/// Analogy questions `a b c d` ("a is to b as c is to d") grouped in sections, read from the
/// format of word2vec's `questions-words.txt`:
/// ```text
/// : capital-common-countries
/// Athens Greece Baghdad Iraq
/// ```
/// A line starting with `": "` opens a section named by the rest of the line (gensim strips the
/// leading `:` and spaces). Every other line must hold four whitespace-separated words; lines with
/// another number of words are skipped and listed in ``invalidLines`` (gensim logs and skips
/// them), and blank lines are ignored.
public struct AnalogyQuestions: Sendable {
    /// One question `a : b :: c : expected`.
    public struct Question: Sendable, Equatable {
        /// The first word of the question.
        public var a: String
        /// The word `a` relates to.
        public var b: String
        /// The word whose partner is asked for.
        public var c: String
        /// The expected answer.
        public var expected: String
        /// The line in the file (from 1).
        public var line: Int

        /// A question `a : b :: c : expected` read from `line`.
        public init(a: String, b: String, c: String, expected: String, line: Int = 0) {
            self.a = a
            self.b = b
            self.c = c
            self.expected = expected
            self.line = line
        }
    }

    /// A named group of questions, e.g. `capital-common-countries` or `gram3-comparative`.
    public struct Section: Sendable, Equatable {
        /// The section name.
        public var name: String
        /// The questions, file order.
        public var questions: [Question]

        /// A section named `name` holding `questions`.
        public init(name: String, questions: [Question]) {
            self.name = name
            self.questions = questions
        }

        /// Whether the section is syntactic: its name starts with `gram` (gensim and the paper's
        /// split; word2vec.c's `compute-accuracy` counts its first five sections as semantic,
        /// which is the same split for `questions-words.txt`).
        public var isSyntactic: Bool { name.hasPrefix("gram") }
    }

    /// The sections, file order.
    public var sections: [Section]
    /// Lines skipped because they did not hold four words.
    public var invalidLines: [Int]
    /// Where the questions came from (a path, for messages).
    public var source: String

    /// The number of questions in all sections.
    public var questionCount: Int { sections.reduce(0) { $0 + $1.questions.count } }

    /// Reads a questions file (plain or gzip).
    /// - Throws: ``EvaluationFileError``.
    public init(contentsOf path: String) throws {
        try self.init(parsing: EvaluationText.read(path: path), source: path)
    }

    /// Parses questions from `text`; `source` names it in errors.
    /// - Throws: ``EvaluationFileError/questionBeforeSection(source:line:)``.
    public init(parsing text: String, source: String = "<text>") throws {
        self.source = source
        sections = []
        invalidLines = []
        for (number, line) in EvaluationText.lines(text) {
            if line.hasPrefix(": ") {
                let name = line.drop { $0 == ":" || $0 == " " }
                sections.append(Section(name: String(name).trimmingWhitespace(), questions: []))
                continue
            }
            let words = line.split(whereSeparator: \.isWhitespace)
            if words.isEmpty { continue }
            guard !sections.isEmpty else {
                throw EvaluationFileError.questionBeforeSection(source: source, line: number)
            }
            guard words.count == 4 else {
                invalidLines.append(number)
                continue
            }
            sections[sections.count - 1].questions.append(
                Question(
                    a: String(words[0]), b: String(words[1]), c: String(words[2]), expected: String(words[3]),
                    line: number))
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return String(self[start ..< end])
    }
}
