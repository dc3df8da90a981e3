// SIGINT during training: stop cleanly (nothing half-written), a second Ctrl-C ends at once.
import CommandLineSupport
import Foundation
import Word2Vec

/// The cancellation token of the running training, set from the SIGINT handler.
let interruptCancellation = TrainingCancellation()

/// Installs a SIGINT handler that cancels training; the default action is restored, so a second
/// interrupt ends the process immediately (still leaving no partial model file: models are only
/// ever renamed into place when complete).
func installInterruptHandler() {
    CommandLineSupport.installInterruptHandler { _ in
        interruptCancellation.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
