// Diagnostics on standard error (results go to standard output), formatting helpers and SIGINT.
import Foundation
import Synchronization

/// Writes a diagnostic line to standard error.
func printDiagnostic(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes `text` to standard error without a newline (progress lines that redraw with `\r`).
func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Whether standard error is a terminal (progress redraws in place) or a file or pipe.
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

/// Set by the SIGINT handler: training stops after the current batch and saves.
let interruptRequested = Atomic<Bool>(false)

/// Installs a SIGINT handler that asks training to stop; a second Ctrl-C ends the process at once
/// (model files are only renamed into place when complete).
func installInterruptHandler() {
    var interruptOnly = sigset_t()
    sigemptyset(&interruptOnly)
    sigaddset(&interruptOnly, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &interruptOnly, nil)
    signal(SIGINT) { _ in
        interruptRequested.store(true, ordering: .relaxed)
        signal(SIGINT, SIG_DFL)
    }
}

enum Format {
    /// `1234567` → `1.23M`.
    static func compact(_ value: Double) -> String {
        if value >= 1e6 { return String(format: "%.2fM", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1fk", value / 1e3) }
        return String(format: "%.0f", value)
    }

    /// Seconds as `m:ss` (or `h:mm:ss`).
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
