// Naive reference loops for the activations and reductions, computed in Double with libm.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ReferenceKernels {
    // MARK: - Activations

    /// `activation` applied one scalar (or one last-axis row) at a time, in Double.
    public static func activation(_ activation: Activation, _ x: Tensor) -> Tensor {
        let xs = x.scalars.map(Double.init)
        var out = [Double](repeating: 0, count: xs.count)
        switch activation {
        case .softmax, .logSoftmax:
            let n = x.shape.last ?? 1
            for start in stride(from: 0, to: xs.count, by: Swift.max(n, 1)) {
                let row = Array(xs[start ..< start + n])
                let p = softmaxRow(row)
                for j in 0 ..< n {
                    out[start + j] = activation == .softmax ? p[j] : row[j] - row.max()! - logSumExpShifted(row)
                }
            }
        default:
            for i in 0 ..< xs.count { out[i] = elementwise(activation, xs[i]) }
        }
        return Tensor(shape: x.shape, scalars: out.map(Float.init))
    }

    /// ∂L/∂input of `activation` at `input` for ∂L/∂output `outputGradient`, from the input alone
    /// (the fast kernels use the output where they can), in Double.
    public static func activationBackward(_ activation: Activation, input: Tensor, outputGradient: Tensor) -> Tensor {
        precondition(input.shape == outputGradient.shape, "\(input.shape) vs \(outputGradient.shape)")
        let xs = input.scalars.map(Double.init)
        let gs = outputGradient.scalars.map(Double.init)
        var out = [Double](repeating: 0, count: xs.count)
        switch activation {
        case .softmax, .logSoftmax:
            let n = input.shape.last ?? 1
            for start in stride(from: 0, to: xs.count, by: Swift.max(n, 1)) {
                let p = softmaxRow(Array(xs[start ..< start + n]))
                let g = Array(gs[start ..< start + n])
                let gp = zip(g, p).reduce(0) { $0 + $1.0 * $1.1 }
                let gSum = g.reduce(0, +)
                for j in 0 ..< n {
                    out[start + j] = activation == .softmax ? p[j] * (g[j] - gp) : g[j] - p[j] * gSum
                }
            }
        default:
            for i in 0 ..< xs.count { out[i] = gs[i] * derivative(activation, xs[i]) }
        }
        return Tensor(shape: input.shape, scalars: out.map(Float.init))
    }

    private static func elementwise(_ activation: Activation, _ x: Double) -> Double {
        switch activation {
        case .linear: x
        case .relu: x < 0 ? 0 : x
        case .leakyRelu(let alpha): x < 0 ? Double(alpha) * x : x
        case .sigmoid: 1 / (1 + exp(-x))
        case .tanh: tanh(x)
        case .swish: x / (1 + exp(-x))
        case .elu(let alpha): x > 0 ? x : Double(alpha) * expm1(x)
        case .softmax, .logSoftmax: preconditionFailure("row-wise")
        }
    }

    private static func derivative(_ activation: Activation, _ x: Double) -> Double {
        switch activation {
        case .linear: return 1
        case .relu: return x > 0 ? 1 : 0
        case .leakyRelu(let alpha): return x > 0 ? 1 : Double(alpha)
        case .sigmoid:
            let s = 1 / (1 + exp(-x))
            return s * (1 - s)
        case .tanh: return 1 - tanh(x) * tanh(x)
        case .swish:
            let s = 1 / (1 + exp(-x))
            return s + x * s * (1 - s)
        case .elu(let alpha): return x > 0 ? 1 : Double(alpha) * exp(x)
        case .softmax, .logSoftmax: preconditionFailure("row-wise")
        }
    }

    private static func logSumExpShifted(_ row: [Double]) -> Double {
        let m = row.max()!
        return log(row.reduce(0) { $0 + exp($1 - m) })
    }

    private static func softmaxRow(_ row: [Double]) -> [Double] {
        let m = row.max() ?? 0
        let e = row.map { exp($0 - m) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    // MARK: - Reductions

    /// The sum along `axis`, in Double, by visiting every scalar and dropping `axis` from its index.
    public static func sum(_ x: Tensor, alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        let (values, shape) = fold(x, axis, keepingDimension, initial: 0.0) { $0 + Double($1) }
        return Tensor(shape: shape, scalars: values.map(Float.init))
    }

    /// The mean along `axis`, in Double; NaN for an empty axis.
    public static func mean(_ x: Tensor, alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        let length = Double(x.shape[axis < 0 ? axis + x.rank : axis])
        let (values, shape) = fold(x, axis, keepingDimension, initial: 0.0) { $0 + Double($1) }
        return Tensor(shape: shape, scalars: values.map { Float($0 / length) })
    }

    /// The maximum (or minimum) along `axis`; NaN if the slice holds a NaN.
    public static func extreme(_ x: Tensor, alongAxis axis: Int, greatest: Bool, keepingDimension: Bool = false)
        -> Tensor
    {
        let (values, shape) = fold(x, axis, keepingDimension, initial: Float?.none) { best, v in
            guard let best, !best.isNaN else { return best ?? v }
            return v.isNaN || (greatest ? v > best : v < best) ? v : best
        }
        return Tensor(shape: shape, scalars: values.map { $0! })
    }

    /// The first index of the maximum (or minimum) along `axis`, or of the first NaN.
    public static func argExtreme(_ x: Tensor, alongAxis axis: Int, greatest: Bool) -> [Int] {
        let (values, _) = fold(x, axis, false, initial: (index: -1, value: Float.nan, position: 0)) { best, v in
            let position = best.position
            if best.index >= 0 && (best.value.isNaN || !(v.isNaN || (greatest ? v > best.value : v < best.value))) {
                return (best.index, best.value, position + 1)
            }
            return (position, v, position + 1)
        }
        return values.map(\.index)
    }

    /// Folds every scalar into the output slot its index maps to once `axis` is dropped, visiting
    /// scalars in row-major order (so each slot sees its slice in axis order).
    private static func fold<T>(
        _ x: Tensor, _ axis: Int, _ keepingDimension: Bool, initial: T, _ combine: (T, Float) -> T
    ) -> (values: [T], shape: [Int]) {
        let axis = axis < 0 ? axis + x.rank : axis
        precondition(axis >= 0 && axis < x.rank, "axis \(axis) out of range for shape \(x.shape)")
        var outShape = x.shape
        outShape.remove(at: axis)
        var values = [T](repeating: initial, count: outShape.reduce(1, *))
        let scalars = x.scalars
        for flat in 0 ..< scalars.count {
            var rest = flat
            var index = [Int](repeating: 0, count: x.rank)
            for a in stride(from: x.rank - 1, through: 0, by: -1) {
                index[a] = rest % x.shape[a]
                rest /= x.shape[a]
            }
            index.remove(at: axis)
            var offset = 0
            for a in 0 ..< outShape.count { offset = offset * outShape[a] + index[a] }
            values[offset] = combine(values[offset], scalars[flat])
        }
        if keepingDimension { outShape.insert(1, at: axis) }
        return (values, outShape)
    }
}
