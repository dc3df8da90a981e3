// NLPNeural: growable scratch buffers for the recurrent time loops.
import NLPCore

/// A heap buffer of `Float`s that only grows, so forward/backward passes with repeating shapes
/// allocate nothing after the first batch.
///
/// The recurrent engine keeps one of these per cached quantity (projections, gates, states, …);
/// `reserve(_:)` returns the base pointer, valid until the next `reserve` with a larger count.
final class RecurrentBuffer {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init() {
        capacity = 16
        pointer = .allocate(capacity: capacity)
    }

    deinit { pointer.deallocate() }

    /// Makes room for `count` scalars (contents are not kept when it grows) and returns the base.
    @discardableResult
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            capacity = max(count, capacity + capacity / 2)
            pointer = .allocate(capacity: capacity)
        }
        return pointer
    }

    /// Makes room for `count` scalars and sets them to zero.
    @discardableResult
    func reserveZeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = reserve(count)
        p.update(repeating: 0, count: count)
        return p
    }
}
