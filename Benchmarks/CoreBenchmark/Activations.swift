// Sigmoid and tanh timed by the benchmark, through the toolkit's public API
// (`Tensor+Activations.swift`).
import NLPCore

func activationOps() -> [ElementwiseOp] {
    [
        ElementwiseOp(
            name: "sigmoid", numpyExpression: "1/(1+np.exp(-a))", api: "a.sigmoid()", bytesPerElement: 8,
            lower: -10, upper: 10
        ) { a, _ in a.sigmoid() },
        ElementwiseOp(
            name: "tanh", numpyExpression: "np.tanh(a)", api: "a.tanh()", bytesPerElement: 8, lower: -5, upper: 5
        ) { a, _ in a.tanh() },
    ]
}
