// Errors of labelled-text datasets: every message names the file (and line) and what is wrong.

/// A dataset file or folder that cannot be loaded, or a split that cannot be made.
public enum DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The requested column is not in the header (or beyond the row width when there is none).
    case missingColumn(path: String, column: String, available: [String])
    /// A row that cannot be used: wrong number of fields, broken quoting, unmapped label, …
    case badRow(path: String, line: Int, reason: String)
    /// A quoted CSV field that is never closed; `line` is where the field starts.
    case unterminatedQuote(path: String, line: Int)
    /// A folder that does not exist or is not a directory.
    case missingFolder(path: String)
    /// A class folder without any text file.
    case emptyFolder(path: String)
    /// A file or folder that holds no usable example.
    case noExamples(path: String, reason: String)
    /// A split that cannot be made from this dataset (e.g. more folds than examples).
    case invalidSplit(reason: String)

    /// A message naming the file and line and what is wrong.
    public var description: String {
        switch self {
        case .missingColumn(let path, let column, let available):
            let choices =
                available.isEmpty ? "" : "; columns are \(available.map { "'\($0)'" }.joined(separator: ", "))"
            return "\(path): no column \(column)\(choices)"
        case .badRow(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .unterminatedQuote(let path, let line):
            return "\(path):\(line): a quoted field starting here is never closed (a stray '\"'?)"
        case .missingFolder(let path):
            return "'\(path)' is not a folder"
        case .emptyFolder(let path):
            return "class folder '\(path)' holds no text file"
        case .noExamples(let path, let reason):
            return "\(path): no examples (\(reason))"
        case .invalidSplit(let reason):
            return "cannot split the dataset: \(reason)"
        }
    }
}
