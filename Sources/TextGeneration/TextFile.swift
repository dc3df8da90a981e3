// TextGeneration: reading a training text (plain or gzip) as validated UTF-8.
import NLPText

/// Reads text files for language models.
public enum TextFile {
    /// The whole file (plain or `.gz`, detected from the content) as a string.
    /// - Throws: `FileError` when the file cannot be opened or read,
    ///   `TextGenerationError.invalidUTF8` for bytes that are not UTF-8 and `.emptyText` for an
    ///   empty file.
    public static func read(_ path: String) throws -> String {
        let file = try GzipFile(path: path)
        let bytes = try file.readToEnd()
        return try decode(bytes, path: path)
    }

    /// Decodes bytes as strict UTF-8 (a leading byte-order mark is dropped).
    /// - Throws: `TextGenerationError.invalidUTF8` or `.emptyText`, naming `path`.
    public static func decode(_ bytes: [UInt8], path: String) throws -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard !body.isEmpty else { throw TextGenerationError.emptyText(path: path) }
        var iterator = body.makeIterator()
        var decoder = UTF8()
        var offset = body.startIndex
        var consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error:
                offset = body.startIndex + consumed
                throw TextGenerationError.invalidUTF8(path: path, offset: offset)
            }
        }
        return String(decoding: body, as: UTF8.self)
    }
}
