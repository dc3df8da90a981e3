// What the command-line tools (w2v, sentiment, textgen) share: diagnostics on standard error
// (results go to standard output), the tools' own errors, number formats and SIGINT set-up.
import Foundation

/// Writes a diagnostic line to standard error.
public func printDiagnostic(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes `text` to standard error without a newline (progress lines that redraw with `\r`).
public func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Whether standard error is a terminal (progress redraws in place) or a file or pipe (one line
/// per update, less often).
public var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

/// An error whose description is the whole message, for a tool's own failures.
public struct RuntimeError: Error, CustomStringConvertible {
    /// The message shown to the user.
    public var description: String
    /// An error with this message.
    public init(_ description: String) { self.description = description }
}

/// Installs `handler` for SIGINT, first unblocking the signal: a parent may have started the tool
/// with SIGINT blocked (the mask is inherited). The handler should restore the default action so a
/// second Ctrl-C ends the process at once (model files are only renamed into place when complete).
public func installInterruptHandler(_ handler: @convention(c) (Int32) -> Void) {
    var interruptOnly = sigset_t()
    sigemptyset(&interruptOnly)
    sigaddset(&interruptOnly, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &interruptOnly, nil)
    signal(SIGINT, handler)
}

/// Number and time formats of progress lines.
public enum Format {
    /// `1234567` → `1.23M`.
    public static func compact(_ value: Double) -> String {
        if value >= 1e6 { return String(format: "%.2fM", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1fk", value / 1e3) }
        return String(format: "%.0f", value)
    }

    /// Seconds as `m:ss` (or `h:mm:ss`).
    public static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
