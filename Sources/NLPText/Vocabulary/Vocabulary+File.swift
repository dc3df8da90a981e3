// word2vec.c's vocabulary file format: `word count` per line (`-save-vocab` / `-read-vocab`).

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

extension Vocabulary {
    /// Writes the vocabulary as word2vec.c's `-save-vocab` does: one `word count` line per
    /// entry in id order, special tokens included. The file is written to a temporary name
    /// next to `path` and renamed into place.
    /// - Throws: ``FileError`` naming the file when it cannot be written.
    public func save(to path: String) throws {
        var text: [UInt8] = []
        text.reserveCapacity(count * 12)
        for id in 0 ..< count {
            text.append(contentsOf: table.bytes(of: id))
            text.append(0x20)
            text.append(contentsOf: String(table.count(at: id)).utf8)
            text.append(0x0A)
        }
        let temporary = path + ".tmp-\(getpid())"
        errno = 0
        guard let file = fopen(temporary, "wb") else {
            throw FileError.cannotOpen(path: path, reason: FileSystem.lastError())
        }
        let written = text.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let failed = written != text.count
        let reason = failed ? FileSystem.lastError() : ""
        if fclose(file) != 0 || failed {
            let message = failed ? reason : FileSystem.lastError()
            unlink(temporary)
            throw FileError.writeFailed(path: path, reason: message)
        }
        guard rename(temporary, path) == 0 else {
            let message = FileSystem.lastError()
            unlink(temporary)
            throw FileError.writeFailed(path: path, reason: message)
        }
    }

    /// Reads a vocabulary file in word2vec.c's `-save-vocab` format (plain or gzip): one
    /// `word count` line per word (word and count separated by spaces or tabs; a CR before the
    /// newline is ignored). Ids follow the file's order. `specialTokens` are placed first: a
    /// special token that opens the file (in order) takes its count from it, as `</s>` does in
    /// word2vec.c's files; otherwise it is added with count 0.
    /// - Throws: ``FileError`` when the file cannot be read;
    ///   ``VocabularyError/malformedLine(path:line:reason:)`` for a blank line, a missing or
    ///   extra field, a count that is not a non-negative integer or a word that is not UTF-8;
    ///   ``VocabularyError/duplicateWordInFile(path:word:line:firstLine:)``.
    public static func load(from path: String, specialTokens: [SpecialToken] = []) throws -> Vocabulary {
        let bytes = try GzipFile(path: path).readToEnd()
        var words: [(word: String, count: Int)] = []
        var firstLine: [String: Int] = [:]
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var line = bytes[start ..< end]
            start = end + 1
            if line.last == 0x0D { line = line.dropLast() }
            let (word, count) = try parseLine(line, path: path, line: lineNumber)
            if let first = firstLine[word] {
                throw VocabularyError.duplicateWordInFile(path: path, word: word, line: lineNumber, firstLine: first)
            }
            firstLine[word] = lineNumber
            words.append((word, count))
        }
        for (position, token) in specialTokens.enumerated() {
            if let line = firstLine[token.text], line != position + 1 || words[position].word != token.text {
                throw VocabularyError.malformedLine(
                    path: path, line: line,
                    reason: "the special token '\(token.text)' must be at line \(position + 1) or absent")
            }
        }
        return try Vocabulary(words: words, specialTokens: specialTokens)
    }

    /// Splits one line into its word and count.
    private static func parseLine(_ line: ArraySlice<UInt8>, path: String, line number: Int) throws -> (String, Int) {
        func fail(_ reason: String) -> VocabularyError { .malformedLine(path: path, line: number, reason: reason) }
        let fields = line.split(whereSeparator: WhitespaceTokenizer.isWhitespace)
        switch fields.count {
        case 0: throw fail("blank line")
        case 1: throw fail("missing count after '\(String(decoding: fields[0], as: UTF8.self))'")
        case 2: break
        default: throw fail("expected 2 fields ('word count'), found \(fields.count)")
        }
        guard let word = String(validating: fields[0], as: UTF8.self) else {
            throw fail("the word is not valid UTF-8")
        }
        let countText = String(decoding: fields[1], as: UTF8.self)
        guard fields[1].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let count = Int(countText) else {
            throw fail("the count '\(countText)' is not a non-negative integer")
        }
        return (word, count)
    }
}
