// Diagnostics on standard error (results go to standard output) and the CLI's own errors.
import Foundation

/// Writes a diagnostic line to standard error.
func printDiagnostic(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes `text` to standard error without a newline (progress lines that redraw with `\r`).
func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Whether standard error is a terminal (progress redraws in place) or a file/pipe (one line per
/// update, less often).
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

/// An error whose description is the whole message, for the CLI's own failures.
struct RuntimeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
