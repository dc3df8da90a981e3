// Keras pad_sequences: id sequences of different lengths as one [n, maxLength] tensor.
import NLPCore

/// Which end of a sequence padding or truncation applies to (Keras `"pre"` / `"post"`).
public enum SequenceEnd: Sendable, Hashable {
    /// The start: padding goes before the ids, truncation drops the first ids.
    case pre
    /// The end: padding goes after the ids, truncation drops the last ids.
    case post
}

/// Pads and truncates id sequences to one length, as Keras `pad_sequences` does.
///
/// ```swift
/// padSequences([[1, 2, 3], [4, 5], [6]], maxLength: 2)
/// // [[2, 3], [4, 5], [0, 6]]: truncated at the start, padded at the start (Keras defaults)
/// ```
///
/// - Parameters:
///   - sequences: token ids, one sequence per row.
///   - maxLength: the row length; `nil` uses the longest sequence (0 when there are none).
///   - padding: where `value` is added to short sequences (default `.pre`, as Keras).
///   - truncating: which ids long sequences lose (default `.pre`, as Keras: keep the last ids).
///   - value: the padding value (default 0).
/// - Returns: a `[sequences.count, maxLength]` tensor of the ids as `Float`s (Keras with
///   `dtype="float32"`; its default `int32` also truncates a fractional `value`).
///
/// Checked against Keras's outputs (`Tests/NLPTextTests/KerasParityTests.swift`). Where Keras
/// raises, this returns an empty result: no sequences with `maxLength == nil` (`np.max([])`) and
/// `maxLength == 0` with `truncating: .pre` (`s[-0:]` keeps the whole sequence).
/// - Precondition: `maxLength` is not negative.
public func padSequences(
    _ sequences: [[Int]], maxLength: Int? = nil, padding: SequenceEnd = .pre, truncating: SequenceEnd = .pre,
    value: Float = 0
) -> Tensor {
    let length = maxLength ?? sequences.lazy.map(\.count).max() ?? 0
    precondition(length >= 0, "maxLength must not be negative, got \(length)")
    return Tensor(shape: [sequences.count, length]) { out in
        out.initialize(repeating: value)
        for (row, sequence) in sequences.enumerated() {
            let kept = min(sequence.count, length)
            let source = truncating == .pre ? sequence.count - kept : 0
            let target = row * length + (padding == .pre ? length - kept : 0)
            for i in 0 ..< kept { out[target + i] = Float(sequence[source + i]) }
        }
    }
}
