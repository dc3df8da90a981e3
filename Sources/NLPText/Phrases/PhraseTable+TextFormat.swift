// Saving and loading phrase tables as text: one `phrase score` per line.
internal import Foundation

/// A phrase table file that cannot be read; messages name the file and line.
public enum PhraseFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A line is not `phrase score`.
    case malformedLine(path: String, line: Int, reason: String)

    /// A message naming the file, the line and what is wrong.
    public var description: String {
        switch self {
        case .malformedLine(let path, let line, let reason):
            "\(path):\(line): \(reason) (expected 'word\u{5F}word score', e.g. 'new_york 512.3')"
        }
    }
}

extension PhraseTable {
    /// The table as text: one `phrase score` line per phrase, highest score first. Scores are
    /// written with Swift's shortest round-trip representation, so loading gives equal values.
    public var text: String {
        var result = ""
        for phrase in phrases {
            result += phrase.text
            result += " "
            result += phrase.score.description
            result += "\n"
        }
        return result
    }

    /// Writes ``text`` to `path` (a temporary file in the same directory, then renamed).
    /// - Throws: ``FileError/writeFailed(path:reason:)``.
    public func write(to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FileError.writeFailed(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Loads a table written by ``write(to:)`` (gzip-compressed files are read too).
    /// - Throws: ``FileError`` when the file cannot be read, ``PhraseFileError/malformedLine(path:line:reason:)``
    ///   for a line that is not `phrase score`.
    public init(contentsOf path: String, delimiter: String = "_") throws {
        let file = try GzipFile(path: path)
        let bytes = try file.readToEnd()
        try self.init(parsing: String(decoding: bytes, as: UTF8.self), delimiter: delimiter, source: path)
    }

    /// Parses the text format: lines `phrase score`, separated by single spaces or tabs; blank
    /// lines and lines starting with `#` are skipped.
    /// - Parameter source: the name used in error messages.
    /// - Throws: ``PhraseFileError/malformedLine(path:line:reason:)`` for a missing or extra field,
    ///   a score that is not a finite number, a phrase without the delimiter between two words, or
    ///   a phrase listed twice.
    public init(parsing text: String, delimiter: String = "_", source: String = "<text>") throws {
        precondition(!delimiter.isEmpty, "the phrase delimiter must not be empty")
        var phrases: [Phrase] = []
        var lineOfPhrase: [String: Int] = [:]
        var lineNumber = 0
        // Split on scalars: "\r\n" is a single Character, so a Character split would miss it.
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let scalars = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
            let line = Substring(scalars)
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            func fail(_ reason: String) -> PhraseFileError {
                .malformedLine(path: source, line: lineNumber, reason: reason)
            }
            guard fields.count == 2 else {
                throw fail(
                    fields.count == 1 ? "missing score after '\(fields[0])'" : "\(fields.count) fields, expected 2")
            }
            let phraseText = String(fields[0])
            guard let score = Double(fields[1]), score.isFinite else {
                throw fail("score '\(fields[1])' is not a finite number")
            }
            guard !Self.splits(of: phraseText, delimiter: delimiter).isEmpty else {
                throw fail("'\(phraseText)' has no '\(delimiter)' between two words")
            }
            if let first = lineOfPhrase[phraseText] {
                throw fail("'\(phraseText)' was already listed on line \(first)")
            }
            lineOfPhrase[phraseText] = lineNumber
            phrases.append(Phrase(text: phraseText, score: score))
        }
        self.init(uncheckedPhrases: phrases, delimiter: delimiter)
    }
}
