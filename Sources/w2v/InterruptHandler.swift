// SIGINT during training: stop cleanly (nothing half-written), a second Ctrl-C ends at once.
import Foundation
import Word2Vec

/// The cancellation token of the running training, set from the SIGINT handler.
let interruptCancellation = TrainingCancellation()

/// Installs a SIGINT handler that asks training to stop; the default action is restored, so a
/// second interrupt ends the process immediately (still leaving no partial model file: models
/// are only ever renamed into place when complete).
func installInterruptHandler() {
    // A parent may have started us with SIGINT blocked (the mask is inherited): unblock it.
    var interruptOnly = sigset_t()
    sigemptyset(&interruptOnly)
    sigaddset(&interruptOnly, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &interruptOnly, nil)
    signal(SIGINT) { _ in
        interruptCancellation.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
