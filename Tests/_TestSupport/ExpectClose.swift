// Shared test helpers: approximate comparison of tensors and scalars.
import NLPCore
import Testing

/// The first mismatch between two scalar arrays under `|a − b| ≤ atol + rtol·|b|`, or `nil`.
///
/// NaNs compare equal only to NaNs, and infinities only to the same infinity.
public func firstMismatch(
    _ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-6
) -> (index: Int, actual: Float, expected: Float, maxDifference: Float)? {
    precondition(actual.count == expected.count, "\(actual.count) vs \(expected.count) scalars")
    var first: (Int, Float, Float)?
    var maxDifference: Float = 0
    for i in 0 ..< actual.count {
        let a = actual[i]
        let e = expected[i]
        let close: Bool
        if a.isNaN || e.isNaN {
            close = a.isNaN && e.isNaN
        } else if a.isInfinite || e.isInfinite {
            close = a == e
        } else {
            let difference = abs(a - e)
            maxDifference = max(maxDifference, difference)
            close = difference <= atol + rtol * abs(e)
        }
        if !close && first == nil { first = (i, a, e) }
    }
    guard let (index, a, e) = first else { return nil }
    return (index, a, e, maxDifference)
}

/// Expects two tensors to have the same shape and approximately equal scalars; on failure it
/// reports the first mismatching index and the largest difference.
public func expectClose(
    _ actual: Tensor, _ expected: Tensor, rtol: Float = 1e-5, atol: Float = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.shape == expected.shape, "shape \(actual.shape) vs expected \(expected.shape)",
        sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    expectClose(actual.scalars, expected.scalars, rtol: rtol, atol: atol, sourceLocation: sourceLocation)
}

/// Expects two scalar arrays to be approximately equal (see `firstMismatch`).
public func expectClose(
    _ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.count == expected.count, "\(actual.count) vs expected \(expected.count) scalars",
        sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    if let m = firstMismatch(actual, expected, rtol: rtol, atol: atol) {
        Issue.record(
            "mismatch at index \(m.index): \(m.actual) vs expected \(m.expected) (max |difference| \(m.maxDifference), rtol \(rtol), atol \(atol))",
            sourceLocation: sourceLocation)
    }
}

/// Expects two scalars to be approximately equal.
public func expectClose(
    _ actual: Float, _ expected: Float, rtol: Float = 1e-5, atol: Float = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose([actual], [expected], rtol: rtol, atol: atol, sourceLocation: sourceLocation)
}

/// A tensor of uniform values in `[lower, upper)` from a seeded generator, for test inputs.
public func randomTensor(
    _ shape: [Int], seed: UInt64, lower: Float = -1, upper: Float = 1
) -> Tensor {
    var rng = SplitMix64(seed: seed)
    let count = shape.reduce(1, *)
    let scalars = (0 ..< count).map { _ in lower + (upper - lower) * rng.nextUnitFloat() }
    return Tensor(shape: shape, scalars: scalars)
}
