// Errors of vocabulary building and vocabulary files.

/// A vocabulary that cannot be built, saved or loaded; messages name the word or file and line.
public enum VocabularyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A word appears twice in a word list.
    case duplicateWord(String)
    /// A word cannot be stored (empty, or containing whitespace the file format cannot hold).
    case invalidWord(String, reason: String)
    /// A line of a vocabulary file is not `word count`.
    case malformedLine(path: String, line: Int, reason: String)
    /// A vocabulary file lists a word twice.
    case duplicateWordInFile(path: String, word: String, line: Int, firstLine: Int)

    /// A message naming the word, or the file and line, and what is wrong.
    public var description: String {
        switch self {
        case .duplicateWord(let word): "the word '\(word)' appears twice"
        case .invalidWord(let word, let reason): "invalid vocabulary word '\(word)': \(reason)"
        case .malformedLine(let path, let line, let reason):
            "\(path):\(line): \(reason) (a vocabulary file has one 'word count' per line, "
                + "as word2vec -save-vocab writes)"
        case .duplicateWordInFile(let path, let word, let line, let firstLine):
            "\(path):\(line): the word '\(word)' was already listed on line \(firstLine)"
        }
    }
}
