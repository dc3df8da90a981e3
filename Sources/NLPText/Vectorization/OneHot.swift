// One-hot encoding of token ids (Keras to_categorical).
import NLPCore

/// One-hot vectors for the ids of one sequence: a `[ids.count, depth]` tensor with a 1 in
/// column `ids[t]` of row `t`.
/// - Precondition: every id is in `0 ..< depth`.
public func oneHot(_ ids: [Int], depth: Int) -> Tensor {
    oneHot(ids, shape: [ids.count], depth: depth)
}

/// One-hot vectors for equally long id sequences (e.g. padded): a `[n, length, depth]` tensor.
/// - Precondition: the sequences have one length; every id is in `0 ..< depth`.
public func oneHot(_ sequences: [[Int]], depth: Int) -> Tensor {
    let length = sequences.first?.count ?? 0
    for (row, sequence) in sequences.enumerated() {
        precondition(sequence.count == length, "sequence \(row) has \(sequence.count) ids, sequence 0 has \(length)")
    }
    return oneHot(sequences.flatMap { $0 }, shape: [sequences.count, length], depth: depth)
}

/// One-hot vectors for a tensor of integral ids, exactly as Keras `to_categorical(ids, num_classes)`:
/// the result has shape `ids.shape + [depth]`, except that a last axis of length 1 is dropped
/// first when `ids` has two axes or more (a `[n, 1]` label column gives `[n, depth]`, as in Keras).
/// Padding ids (0) are encoded like any other id.
///
/// - Parameter depth: the number of classes; `nil` uses the largest id + 1 (Keras
///   `num_classes=None`).
/// - Precondition: every id is an integer in `0 ..< depth`; with `depth == nil`, `ids` is not empty.
public func oneHot(_ ids: Tensor, depth: Int? = nil) -> Tensor {
    var shape = ids.shape
    if shape.count > 1 && shape.last == 1 { shape.removeLast() }
    let depth =
        depth
        ?? {
            precondition(ids.count > 0, "depth is nil and there are no ids to take it from")
            return Int(ids.scalars.max()!) + 1
        }()
    precondition(depth > 0, "depth must be positive, got \(depth)")
    let values = ids.scalars.enumerated().map { index, value in
        precondition(
            value >= 0 && value < Float(depth) && value.rounded() == value,
            "id \(value) at index \(index) is not an integer in 0..<\(depth)")
        return Int(value)
    }
    return oneHot(values, shape: shape, depth: depth)
}

private func oneHot(_ ids: [Int], shape: [Int], depth: Int) -> Tensor {
    precondition(depth > 0, "depth must be positive, got \(depth)")
    return Tensor(shape: shape + [depth]) { out in
        out.initialize(repeating: 0)
        for (position, id) in ids.enumerated() {
            precondition(id >= 0 && id < depth, "id \(id) at position \(position) is outside 0..<\(depth)")
            out[position * depth + id] = 1
        }
    }
}
