// Shared helpers for the recurrent-layer tests.
import NLPCore
import NLPNeural

/// The three recurrent layer types, for parameterised tests.
enum RecurrentKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case simple, gru, lstm

    var description: String { rawValue }

    /// An unbuilt layer of this kind.
    func make(
        units: Int, returnSequences: Bool = false, goBackwards: Bool = false, stateful: Bool = false,
        dropout: Float = 0, recurrentDropout: Float = 0, name: String = "rnn"
    ) -> any RecurrentLayer {
        switch self {
        case .simple:
            SimpleRNN(
                units: units, returnSequences: returnSequences, goBackwards: goBackwards, stateful: stateful,
                dropout: dropout, recurrentDropout: recurrentDropout, name: name)
        case .gru:
            GRU(
                units: units, returnSequences: returnSequences, goBackwards: goBackwards, stateful: stateful,
                dropout: dropout, recurrentDropout: recurrentDropout, name: name)
        case .lstm:
            LSTM(
                units: units, returnSequences: returnSequences, goBackwards: goBackwards, stateful: stateful,
                dropout: dropout, recurrentDropout: recurrentDropout, name: name)
        }
    }

    /// The number of state tensors.
    var stateCount: Int { self == .lstm ? 2 : 1 }
}

/// A `[3, 5]` mask: one full row, one post-padded row, one pre-padded row.
let paddedMask = Tensor(rows: [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 0, 1, 1, 1]])

/// Gives a built layer's biases random values, so gradient checks do not start from zeros.
func randomizeBiases(_ layer: any Layer, seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    for parameter in layer.parameters where parameter.name.hasSuffix("bias") {
        parameter.value = .uniform(shape: parameter.value.shape, lower: -0.5, upper: 0.5, using: &rng)
    }
}

/// Steps `range` of a `[B, T, F]` tensor.
func timeSteps(_ x: Tensor, _ range: Range<Int>) -> Tensor {
    let (B, T, F) = (x.shape[0], x.shape[1], x.shape[2])
    var scalars: [Float] = []
    for b in 0 ..< B {
        scalars += x.scalars[(b * T + range.lowerBound) * F ..< (b * T + range.upperBound) * F]
    }
    return Tensor(shape: [B, range.count, F], scalars: scalars)
}

/// `[B, T, F]` tensors joined along the time axis.
func joinTime(_ parts: [Tensor]) -> Tensor {
    let (B, F) = (parts[0].shape[0], parts[0].shape[2])
    var scalars: [Float] = []
    for b in 0 ..< B {
        for part in parts { scalars += timeSteps(part.slice(b ..< b + 1), 0 ..< part.shape[1]).scalars }
    }
    return Tensor(shape: [B, parts.reduce(0) { $0 + $1.shape[1] }, F], scalars: scalars)
}

/// A `[B, T, F]` tensor with its time axis reversed.
func reverseTime(_ x: Tensor) -> Tensor {
    joinTime((0 ..< x.shape[1]).reversed().map { timeSteps(x, $0 ..< $0 + 1) })
}
