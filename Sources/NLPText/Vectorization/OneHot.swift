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

/// One-hot vectors for a tensor of integral ids (Keras `to_categorical`): the result has shape
/// `ids.shape + [depth]`. Padding ids (0) are encoded like any other id.
/// - Precondition: every id is an integer in `0 ..< depth`.
public func oneHot(_ ids: Tensor, depth: Int) -> Tensor {
    precondition(depth > 0, "depth must be positive, got \(depth)")
    let values = ids.scalars.enumerated().map { index, value in
        precondition(
            value >= 0 && value < Float(depth) && value.rounded() == value,
            "id \(value) at index \(index) is not an integer in 0..<\(depth)")
        return Int(value)
    }
    return oneHot(values, shape: ids.shape, depth: depth)
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
