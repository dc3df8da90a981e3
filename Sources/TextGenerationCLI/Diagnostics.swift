// SIGINT during training: stop after the current batch and save; a second Ctrl-C ends at once.
import CommandLineSupport
import Foundation
import Synchronization

/// Set by the SIGINT handler: training stops after the current batch and saves.
let interruptRequested = Atomic<Bool>(false)

/// Installs a SIGINT handler that asks training to stop; a second Ctrl-C ends the process at once
/// (model files are only renamed into place when complete).
func installInterruptHandler() {
    CommandLineSupport.installInterruptHandler { _ in
        interruptRequested.store(true, ordering: .relaxed)
        signal(SIGINT, SIG_DFL)
    }
}
