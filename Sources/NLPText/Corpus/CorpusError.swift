// Errors about corpus contents (opening and reading failures are `FileError`s).

/// A corpus input that cannot be used as text; every message names the file.
///
/// Failures to open or read a file (missing, unreadable, corrupt gzip) are ``FileError``s.
public enum CorpusError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file holds a NUL byte near its start, so it is binary data, not text.
    case binaryFile(path: String, byteOffset: Int)
    /// A directory given as a corpus holds no regular files.
    case noFiles(directory: String)

    /// The file or directory the error is about.
    public var path: String {
        switch self {
        case .binaryFile(let path, _), .noFiles(let path): path
        }
    }

    /// A message naming the file and what was wrong.
    public var description: String {
        switch self {
        case .binaryFile(let path, let offset):
            "'\(path)' looks like a binary file (a NUL byte at offset \(offset)), not text; "
                + "is it the right file? (gzip files are decompressed automatically)"
        case .noFiles(let directory):
            "the directory '\(directory)' holds no regular files (hidden files are skipped)"
        }
    }
}
