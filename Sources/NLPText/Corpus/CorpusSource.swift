// Where corpus text comes from, and how sources become an ordered list of files.

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// One place corpus text is read from. Files may be plain text or gzip (detected from the
/// content, not the name; see ``GzipFile``).
public enum CorpusSource: Sendable, Hashable {
    /// A plain or gzip-compressed text file.
    case file(String)
    /// The regular files of a directory, sorted by name (byte order), optionally descending into
    /// subdirectories: a subdirectory's files take its place in the sorted order. Hidden entries
    /// (names starting with `.`) and entries that are neither files nor directories are skipped;
    /// symbolic links are followed.
    case directory(String, recursive: Bool)
    /// The process's standard input (plain or gzip), named `<stdin>` in errors.
    case standardInput
    /// An open file descriptor such as a pipe's read end (plain or gzip), named `name` in errors.
    /// It is read through `/dev/fd/<n>` and not closed by the corpus.
    case fileDescriptor(Int32, name: String)

    /// The name errors and statistics use for this source.
    public var name: String {
        switch self {
        case .file(let path), .directory(let path, _): path
        case .standardInput: "<stdin>"
        case .fileDescriptor(_, let name): name
        }
    }
}

/// A concrete input to read: the name shown to users and the path to open.
struct CorpusInput: Sendable, Equatable {
    var name: String
    var openPath: String
}

extension CorpusSource {
    /// The inputs this source reads, in order.
    /// - Throws: ``FileError/cannotOpen(path:reason:)`` when a file or directory is missing or a
    ///   directory cannot be listed; ``CorpusError/noFiles(directory:)`` for an empty directory.
    func inputs() throws -> [CorpusInput] {
        switch self {
        case .file(let path):
            guard FileSystem.kind(of: path) != nil else {
                throw FileError.cannotOpen(path: path, reason: FileSystem.lastError())
            }
            return [CorpusInput(name: path, openPath: path)]
        case .directory(let path, let recursive):
            let files = try FileSystem.regularFiles(in: path, recursive: recursive)
            guard !files.isEmpty else { throw CorpusError.noFiles(directory: path) }
            return files.map { CorpusInput(name: $0, openPath: $0) }
        case .standardInput:
            return [CorpusInput(name: name, openPath: "/dev/stdin")]
        case .fileDescriptor(let descriptor, let name):
            return [CorpusInput(name: name, openPath: "/dev/fd/\(descriptor)")]
        }
    }
}

/// The few file-system questions the corpus asks, answered with POSIX calls.
enum FileSystem {
    enum Kind { case regularFile, directory, other }

    /// What `path` is (following symbolic links), or `nil` when it cannot be examined (`errno`
    /// says why).
    static func kind(of path: String) -> Kind? {
        var info = stat()
        errno = 0
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The system's message for the current `errno`.
    static func lastError() -> String {
        let code = errno
        guard code != 0, let text = strerror(code) else { return "unknown error" }
        return String(cString: text)
    }

    /// The regular files under `directory` in sorted order (see ``CorpusSource/directory(_:recursive:)``).
    static func regularFiles(in directory: String, recursive: Bool) throws -> [String] {
        guard let kind = kind(of: directory) else {
            throw FileError.cannotOpen(path: directory, reason: lastError())
        }
        guard kind == .directory else {
            throw FileError.cannotOpen(path: directory, reason: "not a directory")
        }
        errno = 0
        guard let handle = opendir(directory) else {
            throw FileError.cannotOpen(path: directory, reason: lastError())
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(handle)
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var files: [String] = []
        for name in names {
            let path = prefix + name
            switch FileSystem.kind(of: path) {
            case .regularFile: files.append(path)
            case .directory where recursive: files += try regularFiles(in: path, recursive: true)
            default: continue
            }
        }
        return files
    }
}
