import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// SGD steps on w = [1, −2, 0.5] with the constant gradient g = [0.5, 1, −2], lr = 0.1.
@Suite("SGD")
struct SGDTests {
    static let weights: [Float] = [1, -2, 0.5]
    static let gradient: [Float] = [0.5, 1, -2]

    @Test("plain: w − lr·g")
    func plain() {
        let path = optimizerTrajectory(
            SGD(learningRate: 0.1), weights: Self.weights, gradients: [Self.gradient, Self.gradient])
        // step 1: [1 − 0.05, −2 − 0.1, 0.5 + 0.2] = [0.95, −2.1, 0.7]; step 2 subtracts the same again.
        expectClose(Tensor(path[0]), Tensor([0.95, -2.1, 0.7]))
        expectClose(Tensor(path[1]), Tensor([0.9, -2.2, 0.9]))
    }

    @Test("momentum: m ← 0.9·m − lr·g, w ← w + m")
    func momentum() {
        let path = optimizerTrajectory(
            SGD(learningRate: 0.1, momentum: 0.9), weights: Self.weights, gradients: [Self.gradient, Self.gradient])
        // step 1: m = −0.1·g = [−0.05, −0.1, 0.2]            → w = [0.95, −2.1, 0.7]
        // step 2: m = 0.9·m − 0.1·g = [−0.095, −0.19, 0.38]  → w = [0.855, −2.29, 1.08]
        expectClose(Tensor(path[0]), Tensor([0.95, -2.1, 0.7]))
        expectClose(Tensor(path[1]), Tensor([0.855, -2.29, 1.08]))
    }

    @Test("Nesterov: w ← w + 0.9·m − lr·g")
    func nesterov() {
        let path = optimizerTrajectory(
            SGD(learningRate: 0.1, momentum: 0.9, nesterov: true), weights: Self.weights,
            gradients: [Self.gradient, Self.gradient])
        // step 1: m = [−0.05, −0.1, 0.2]; Δ = 0.9·m − 0.1·g = [−0.095, −0.19, 0.38] → w = [0.905, −2.19, 0.88]
        // step 2: m = [−0.095, −0.19, 0.38]; Δ = [−0.0855−0.05, −0.171−0.1, 0.342+0.2] → w = [0.7695, −2.461, 1.422]
        expectClose(Tensor(path[0]), Tensor([0.905, -2.19, 0.88]))
        expectClose(Tensor(path[1]), Tensor([0.7695, -2.461, 1.422]))
    }

    @Test("frozen parameters are skipped and get no state")
    func frozen() {
        let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
        let trainable = Parameter(name: "a", value: Tensor([1, 1]))
        let frozen = Parameter(name: "b", value: Tensor([1, 1]), isTrainable: false)
        trainable.gradient = Tensor([1, 1])
        frozen.gradient = Tensor([1, 1])
        optimizer.update([trainable, frozen])
        #expect(frozen.value == Tensor([1, 1]))
        expectClose(trainable.value, Tensor([0.9, 0.9]))
        let state = optimizer.stateTensors(for: [trainable, frozen])
        #expect(Set(state.keys) == ["iterations", "0/momentum"])
        #expect(optimizer.iterations == 1)
    }

    @Test("a schedule sets the rate of each step; setting learningRate scales it")
    func schedule() {
        let optimizer = SGD(schedule: PiecewiseConstantDecay(boundaries: [0, 1], values: [1, 0.5, 0.25]))
        // steps 0, 1, 2 use lr 1, 0.5, 0.25: w = 0 − 1 − 0.5 − 0.25 with g = 1
        let path = optimizerTrajectory(optimizer, weights: [0], gradients: [[1], [1], [1]])
        expectClose(Tensor(path.map { $0[0] }), Tensor([-1, -1.5, -1.75]))
        #expect(optimizer.learningRate == 0.25)
        optimizer.learningRate = 0.025  // a tenth of the schedule from now on
        #expect(abs(optimizer.learningRate - 0.025) < 1e-7)
        #expect(optimizer.configuration["learning_rate_scale"] == .number(Double(Float(0.1))))
    }
}
