// Reading an evaluation file as lines of text (plain or gzip), with 1-based line numbers.
import NLPText

enum EvaluationText {
    /// The whole file as text (gzip is unpacked; invalid UTF-8 becomes U+FFFD).
    static func read(path: String) throws -> String {
        do {
            let file = try GzipFile(path: path)
            defer { file.close() }
            return String(decoding: try file.readToEnd(), as: UTF8.self)
        } catch let error as FileError {
            throw EvaluationFileError.cannotRead(path: path, reason: error.description)
        }
    }

    /// The lines of `text` without their `\n` or `\r\n` ends, numbered from 1.
    static func lines(_ text: String) -> [(number: Int, text: Substring)] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.enumerated().map { offset, line in
            (number: offset + 1, text: line.hasSuffix("\r") ? line.dropLast() : line)
        }
    }
}
