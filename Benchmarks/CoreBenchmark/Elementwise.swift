// Elementwise throughput: operations returning a new tensor (as numpy's `a + b` does), and two
// in-place ones (`a += b`, `a *= s`) that show the loops' speed without the allocation.
import BenchmarkSupport
import NLPCore

/// One elementwise measurement.
struct ElementwiseResult {
    var op: String
    /// What numpy runs for the same operation.
    var numpyExpression: String
    /// The toolkit call that was timed.
    var api: String
    var count: Int
    /// Bytes read and written per element (4 per float operand and result).
    var bytesPerElement: Int
    var timing: Timing
    var gigaElementsPerSecond: Double { Double(count) / timing.best / 1e9 }
    var gigabytesPerSecond: Double { Double(count * bytesPerElement) / timing.best / 1e9 }
}

/// An elementwise operation of the toolkit to time.
struct ElementwiseOp {
    var name: String
    var numpyExpression: String
    /// The toolkit call that is timed, for the report.
    var api: String
    var bytesPerElement: Int
    /// Range of the uniform input values.
    var lower: Float, upper: Float
    var body: Body

    enum Body {
        /// Returns a new tensor from inputs `a` and `b`.
        case returning((Tensor, Tensor) -> Tensor)
        /// Updates `a` in place from `b`.
        case inPlace((inout Tensor, Tensor) -> Void)
    }

    init(
        name: String, numpyExpression: String, api: String, bytesPerElement: Int, lower: Float, upper: Float,
        _ run: @escaping (Tensor, Tensor) -> Tensor
    ) {
        self.init(
            name: name, numpyExpression: numpyExpression, api: api, bytesPerElement: bytesPerElement, lower: lower,
            upper: upper, body: .returning(run))
    }

    init(
        name: String, numpyExpression: String, api: String, bytesPerElement: Int, lower: Float, upper: Float,
        body: Body
    ) {
        (self.name, self.numpyExpression, self.api, self.bytesPerElement, self.lower, self.upper, self.body) =
            (name, numpyExpression, api, bytesPerElement, lower, upper, body)
    }
}

/// The operations compared with numpy. Sigmoid and tanh come from `Activations.swift`.
func elementwiseOps() -> [ElementwiseOp] {
    let scale: Float = 1.0001
    return [
        ElementwiseOp(name: "add", numpyExpression: "a + b", api: "a + b", bytesPerElement: 12, lower: -1, upper: 1) {
            a, b in a + b
        },
        ElementwiseOp(
            name: "mul_scalar", numpyExpression: "a * s", api: "a * s", bytesPerElement: 8, lower: -1, upper: 1
        ) { a, _ in a * scale },
        ElementwiseOp(
            name: "exp", numpyExpression: "np.exp(a)", api: "a.exp()", bytesPerElement: 8, lower: -10, upper: 10
        ) { a, _ in a.exp() },
    ] + activationOps() + [
        ElementwiseOp(
            name: "add_inplace", numpyExpression: "a += b", api: "a += b", bytesPerElement: 12, lower: -1, upper: 1,
            body: .inPlace { a, b in a += b }),
        ElementwiseOp(
            name: "mul_inplace", numpyExpression: "a *= s", api: "a *= s", bytesPerElement: 8, lower: -1, upper: 1,
            body: .inPlace { a, _ in a *= scale }),
    ]
}

func benchmarkElementwise(counts: [Int], minSeconds: Double) -> [ElementwiseResult] {
    var results: [ElementwiseResult] = []
    for count in counts {
        for op in elementwiseOps() {
            var rng = SplitMix64(seed: 7 &+ UInt64(count))
            let a = Tensor.uniform(shape: [count], lower: op.lower, upper: op.upper, using: &rng)
            let b = Tensor.uniform(shape: [count], lower: op.lower, upper: op.upper, using: &rng)
            let timing: Timing
            switch op.body {
            case .returning(let run):
                timing = measure(warmup: 2, minRepeats: 5, minSeconds: minSeconds, maxRepeats: 2000) {
                    consume(run(a, b))
                }
            case .inPlace(let run):
                var x = a  // the first (warm-up) write copies it out of `a`'s storage
                timing = measure(warmup: 2, minRepeats: 5, minSeconds: minSeconds, maxRepeats: 2000) { run(&x, b) }
                consume(x)
            }
            results.append(
                ElementwiseResult(
                    op: op.name, numpyExpression: op.numpyExpression, api: op.api, count: count,
                    bytesPerElement: op.bytesPerElement, timing: timing))
        }
    }
    return results
}
