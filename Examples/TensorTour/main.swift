// A tour of the tensor core: the README's five-line example, then a tiny two-layer forward pass
// with softmax, checked against the naive reference loops.
// Run: swift run -c release tensor-tour
import NLPCore

var rng = SplitMix64(seed: 42)  // same seed → same numbers
let w = Tensor.glorotUniform(shape: [300, 100], using: &rng)
let x = Tensor.normal(shape: [32, 300], using: &rng)
let h = (Tensor.matmul(x, w) + Tensor(zeros: [100])).tanh()  // BLAS sgemm, row broadcast, SIMD tanh
print(h.shape, h.sum(alongAxis: 1).shape)  // [32, 100] [32]

// A second layer and a softmax over 10 classes.
let w2 = Tensor.glorotUniform(shape: [100, 10], using: &rng)
let bias = Tensor.uniform(shape: [10], lower: -0.1, upper: 0.1, using: &rng)
let probabilities = (Tensor.matmul(h, w2) + bias).softmax()
let predicted = probabilities.argmax(alongAxis: 1)
print("class of the first 8 rows:", predicted.prefix(8).map(String.init).joined(separator: " "))
print("rows sum to 1:", probabilities.sum(alongAxis: 1).scalars.allSatisfy { abs($0 - 1) < 1e-5 })

// The fast kernels agree with the naive loops.
let naive = ReferenceKernels.matmul(x, w)
let fast = Tensor.matmul(x, w)
let difference = (fast - naive).magnitude().maximum()
print("max |BLAS − naive loop| over 32×300·300×100:", difference)
print(BLAS.summary)
