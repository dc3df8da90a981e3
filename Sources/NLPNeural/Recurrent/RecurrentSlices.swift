// NLPNeural: running a time loop on several slices of the batch at once.
import Dispatch

/// Splits a batch into row slices that run a whole time loop each, concurrently.
///
/// Rows of a recurrent batch never interact, so the forward and backward time loops can run one
/// slice of rows per thread from the first step to the last with no synchronization inside the
/// loop (one hand-off per pass instead of one per step: the IMDB layers' per-step products are
/// far too small to split). Slices start at multiples of `PackedPanels.rowBlock` rows.
enum RecurrentSlices {
    /// Calls `body` with `slices` disjoint row ranges covering `0 ..< batch`, concurrently when
    /// there is more than one (the calling thread runs one of them).
    static func run(batch: Int, slices: Int, _ body: (Range<Int>) -> Void) {
        guard slices > 1, batch > 1 else {
            body(0 ..< batch)
            return
        }
        let block = PackedPanels.rowBlock
        let blocks = (batch + block - 1) / block
        let parts = min(slices, blocks)
        let ranges = (0 ..< parts).map { i in
            min(batch, (blocks * i / parts) * block) ..< min(batch, (blocks * (i + 1) / parts) * block)
        }
        // The slices touch disjoint rows of the caller's buffers and `body` returns before `run`
        // does, so handing the non-Sendable closure to the worker threads is safe.
        withoutActuallyEscaping(body) { body in
            let task = SliceTask(body: body, ranges: ranges)
            DispatchQueue.concurrentPerform(iterations: parts) { i in task.body(task.ranges[i]) }
        }
    }
}

/// The closure and ranges of one `RecurrentSlices.run`, shared with the worker threads.
private struct SliceTask: @unchecked Sendable {
    let body: (Range<Int>) -> Void
    let ranges: [Range<Int>]
}
