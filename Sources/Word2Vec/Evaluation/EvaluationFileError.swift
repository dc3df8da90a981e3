// Errors from reading evaluation data sets (analogy questions, word-pair similarities).

/// Why an evaluation data set could not be read or used; every message names the source.
public enum EvaluationFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be read.
    case cannotRead(path: String, reason: String)
    /// An analogy question came before the first `: section` line.
    case questionBeforeSection(source: String, line: Int)
    /// The evaluation has nothing to score: no valid line, or every pair has unknown words.
    case nothingToEvaluate(source: String, reason: String)

    /// A message for users.
    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): return "cannot read '\(path)': \(reason)"
        case .questionBeforeSection(let source, let line):
            return "\(source):\(line): a question comes before the first ': section' line (is this an analogy file?)"
        case .nothingToEvaluate(let source, let reason): return "nothing to evaluate in \(source): \(reason)"
        }
    }
}
