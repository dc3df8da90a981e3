// BenchmarkSupport: reading a benchmark's `--flag value` arguments one at a time.
import Foundation

/// The command-line arguments of a benchmark executable, read flag by flag. A missing or bad
/// value ends the program through `BenchmarkTool.fail` (exit status 2) with a message naming the
/// flag.
///
/// ```swift
/// var arguments = BenchmarkArguments(tool)
/// while let flag = arguments.nextFlag() {
///     switch flag {
///     case "--threads": options.threads = arguments.positiveInt(flag)
///     case "--json": options.jsonPath = arguments.value(flag)
///     default: tool.fail("unknown option \(flag)")
///     }
/// }
/// ```
public struct BenchmarkArguments {
    /// Where failures are reported.
    public let tool: BenchmarkTool
    private var remaining: ArraySlice<String>

    /// The arguments after the program name (`arguments[0]`).
    public init(_ tool: BenchmarkTool, arguments: [String] = CommandLine.arguments) {
        self.tool = tool
        self.remaining = arguments.dropFirst()
    }

    /// The next argument without consuming it, or `nil` at the end.
    public var peek: String? { remaining.first }

    /// Consumes and returns the next argument, or `nil` at the end.
    public mutating func nextFlag() -> String? { remaining.popFirst() }

    /// Consumes the value that follows `flag`; fails with `"<flag> needs a value"` at the end.
    public mutating func value(_ flag: String) -> String {
        guard let value = remaining.popFirst() else { tool.fail("\(flag) needs a value") }
        return value
    }

    /// Consumes an integer > 0; fails with `"<flag> needs a positive integer"` otherwise.
    public mutating func positiveInt(_ flag: String) -> Int {
        guard let value = Int(value(flag)), value > 0 else { tool.fail("\(flag) needs a positive integer") }
        return value
    }

    /// Consumes a number > 0; fails with `"<flag> needs a positive number"` otherwise.
    public mutating func positiveDouble(_ flag: String) -> Double {
        guard let value = Double(value(flag)), value > 0 else { tool.fail("\(flag) needs a positive number") }
        return value
    }

    /// Consumes a seed (a `UInt64`); fails with `"<flag> needs a non-negative integer"` otherwise.
    public mutating func seed(_ flag: String) -> UInt64 {
        guard let value = UInt64(value(flag)) else { tool.fail("\(flag) needs a non-negative integer") }
        return value
    }
}
