// BenchmarkSupport: what the benchmark executables share — fatal errors, progress lines and JSON output.
import Foundation

/// A benchmark executable's name and the ways it talks: fatal errors and progress on standard
/// error, results on standard output or in a file.
///
/// ```swift
/// let tool = BenchmarkTool(name: "TextBenchmark")
/// tool.log("vocabulary counting")               // stderr: "TextBenchmark: vocabulary counting"
/// guard let path else { tool.fail("--plain PATH is required") }    // stderr, exit status 2
/// ```
public struct BenchmarkTool: Sendable {
    /// The prefix of every message, e.g. `"CoreBenchmark"`.
    public let name: String

    /// A tool whose messages start with `name`.
    public init(name: String) {
        self.name = name
    }

    /// Writes `"<name>: <message>"` to standard error and exits with status 2.
    public func fail(_ message: String) -> Never {
        printError("\(name): \(message)")
        exit(2)
    }

    /// Writes `"<name>: <message>"` to standard error.
    public func log(_ message: String) {
        printError("\(name): \(message)")
    }

    /// Writes `object` as pretty-printed JSON with sorted keys to `path`, or to standard output
    /// followed by a newline when `path` is `"-"`. A file that cannot be written is fatal (`fail`).
    /// - Throws: when `object` cannot be encoded as JSON.
    public func writeJSON(_ object: Any, to path: String) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        if path == "-" {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            do { try data.write(to: URL(fileURLWithPath: path)) } catch { fail("cannot write \(path): \(error)") }
        }
    }
}

/// Writes `line` and a newline to standard error (unbuffered, so it interleaves with progress).
public func printError(_ line: String) {
    FileHandle.standardError.write(Data("\(line)\n".utf8))
}
