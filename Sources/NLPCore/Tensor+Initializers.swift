// Seeded random initializers: uniform, normal, Glorot, He and orthogonal.

extension Tensor {
    /// Scalars drawn uniformly from `[lower, upper)`.
    public static func uniform(
        shape: [Int], lower: Float = 0, upper: Float = 1, using rng: inout SplitMix64
    ) -> Tensor {
        precondition(lower <= upper, "uniform: lower \(lower) exceeds upper \(upper)")
        let width = upper - lower
        return Tensor(shape: shape) { out in
            for i in 0 ..< out.count { out[i] = lower + width * rng.nextUnitFloat() }
        }
    }

    /// Scalars drawn from a normal distribution `N(mean, standardDeviation²)`.
    public static func normal(
        shape: [Int], mean: Float = 0, standardDeviation: Float = 1, using rng: inout SplitMix64
    ) -> Tensor {
        precondition(standardDeviation >= 0, "normal: negative standard deviation \(standardDeviation)")
        return Tensor(shape: shape) { out in
            for i in 0 ..< out.count { out[i] = mean + standardDeviation * Float(rng.nextGaussian()) }
        }
    }

    /// A normal distribution truncated to two standard deviations (resampling outside), as
    /// Keras's `TruncatedNormal` and `glorot_normal` use.
    public static func truncatedNormal(
        shape: [Int], mean: Float = 0, standardDeviation: Float = 1, using rng: inout SplitMix64
    ) -> Tensor {
        precondition(standardDeviation >= 0, "truncatedNormal: negative standard deviation \(standardDeviation)")
        return Tensor(shape: shape) { out in
            for i in 0 ..< out.count {
                var z = rng.nextGaussian()
                while abs(z) > 2 { z = rng.nextGaussian() }
                out[i] = mean + standardDeviation * Float(z)
            }
        }
    }

    /// Fan-in and fan-out as Keras computes them: the last two axes for matrices, times the
    /// receptive field (all leading axes) for higher ranks.
    static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        case 2: return (shape[0], shape[1])
        default:
            let receptive = shape.dropLast(2).reduce(1, *)
            return (shape[shape.count - 2] * receptive, shape[shape.count - 1] * receptive)
        }
    }

    /// Glorot (Xavier) uniform: `U(±√(6 / (fanIn + fanOut)))`, Keras's default kernel
    /// initializer. For a `[fanIn, fanOut]` kernel.
    public static func glorotUniform(shape: [Int], using rng: inout SplitMix64) -> Tensor {
        let (fanIn, fanOut) = fans(shape)
        let limit = (6 / Float(max(1, fanIn + fanOut))).squareRoot()
        return uniform(shape: shape, lower: -limit, upper: limit, using: &rng)
    }

    /// Glorot (Xavier) normal: truncated `N(0, 2 / (fanIn + fanOut))`, with Keras's correction
    /// 0.8796 of the standard deviation for the truncation.
    public static func glorotNormal(shape: [Int], using rng: inout SplitMix64) -> Tensor {
        let (fanIn, fanOut) = fans(shape)
        let deviation = (2 / Float(max(1, fanIn + fanOut))).squareRoot() / 0.879_625_64
        return truncatedNormal(shape: shape, standardDeviation: deviation, using: &rng)
    }

    /// He uniform: `U(±√(6 / fanIn))`, for ReLU layers.
    public static func heUniform(shape: [Int], using rng: inout SplitMix64) -> Tensor {
        let limit = (6 / Float(max(1, fans(shape).fanIn))).squareRoot()
        return uniform(shape: shape, lower: -limit, upper: limit, using: &rng)
    }

    /// A (semi-)orthogonal matrix times `gain`, Keras's default recurrent initializer.
    ///
    /// Draws a normal `[rows, columns]` matrix (rows = product of all axes but the last), takes
    /// the Q factor of its QR decomposition (modified Gram–Schmidt in Double on the longer side),
    /// with signs fixed by R's diagonal as in Saxe et al. and Keras. Rows are orthonormal when
    /// `rows ≤ columns`, columns when `rows ≥ columns`.
    ///
    /// [1]: Saxe, McClelland, Ganguli, 2014, "Exact solutions to the nonlinear dynamics of
    ///      learning in deep linear neural networks".
    public static func orthogonal(shape: [Int], gain: Float = 1, using rng: inout SplitMix64) -> Tensor {
        precondition(shape.count >= 2, "orthogonal needs at least 2 axes, got \(shape)")
        let columns = shape[shape.count - 1]
        let rows = shape.count == 0 ? 1 : shape.dropLast().reduce(1, *)
        // Work on the taller orientation: vectors of length `length`, `vectorCount` of them.
        let transposed = rows < columns
        let length = transposed ? columns : rows
        let vectorCount = transposed ? rows : columns
        var q = [[Double]](repeating: [], count: vectorCount)
        for j in 0 ..< vectorCount {
            q[j] = (0 ..< length).map { _ in rng.nextGaussian() }
        }
        for j in 0 ..< vectorCount {
            for i in 0 ..< j {
                var projection = 0.0
                for t in 0 ..< length { projection += q[i][t] * q[j][t] }
                for t in 0 ..< length { q[j][t] -= projection * q[i][t] }
            }
            var norm = 0.0
            for t in 0 ..< length { norm += q[j][t] * q[j][t] }
            norm = norm.squareRoot()
            // R's diagonal is positive by construction of Gram–Schmidt: no sign flip needed.
            let inverse = norm > 0 ? 1 / norm : 0
            for t in 0 ..< length { q[j][t] *= inverse }
        }
        return Tensor(shape: shape) { out in
            for r in 0 ..< rows {
                for c in 0 ..< columns {
                    let value = transposed ? q[r][c] : q[c][r]
                    out[r * columns + c] = gain * Float(value)
                }
            }
        }
    }
}
