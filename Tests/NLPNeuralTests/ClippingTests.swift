import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// With SGD(lr = 1) from w = 0, the weights after one step are −(clipped gradient).
@Suite("Gradient clipping")
struct ClippingTests {
    static func step(_ optimizer: SGD, gradients: [[Float]]) -> [Tensor] {
        let parameters = gradients.enumerated().map { index, g in
            let p = Parameter(name: "p\(index)", value: Tensor(zeros: [g.count]))
            p.gradient = Tensor(g)
            return p
        }
        optimizer.update(parameters)
        return parameters.map { -$0.value }
    }

    @Test("clipNorm scales each parameter's gradient to norm ≤ c on its own")
    func byNorm() {
        // ‖[3, 4]‖ = 5 > 1 → [0.6, 0.8]; ‖[0.3, 0.4]‖ = 0.5 ≤ 1 → unchanged
        let clipped = Self.step(SGD(learningRate: 1, clipNorm: 1), gradients: [[3, 4], [0.3, 0.4]])
        expectClose(clipped[0], Tensor([0.6, 0.8]))
        expectClose(clipped[1], Tensor([0.3, 0.4]))
    }

    @Test("globalClipNorm scales all gradients by c / max(global norm, c)")
    func byGlobalNorm() {
        // global norm √(3² + 4² + 12²) = 13 → factor 5/13
        let clipped = Self.step(SGD(learningRate: 1, globalClipNorm: 5), gradients: [[3, 4], [0, 12]])
        expectClose(clipped[0], Tensor([15.0 / 13, 20.0 / 13]))
        expectClose(clipped[1], Tensor([0, 60.0 / 13]))
        let unclipped = Self.step(SGD(learningRate: 1, globalClipNorm: 20), gradients: [[3, 4], [0, 12]])
        expectClose(unclipped[1], Tensor([0, 12]))
    }

    @Test("clipValue bounds each scalar")
    func byValue() {
        let clipped = Self.step(SGD(learningRate: 1, clipValue: 0.5), gradients: [[-2, 0.3, 0.7]])
        expectClose(clipped[0], Tensor([-0.5, 0.3, 0.5]))
    }

    @Test("clipping does not modify the stored gradient and applies inside Adam too")
    func gradientUntouched() {
        let parameter = Parameter(name: "w", value: Tensor([0, 0]))
        parameter.gradient = Tensor([30, 40])
        let optimizer = Adam(learningRate: 0.1, clipNorm: 1)
        optimizer.update([parameter])
        #expect(parameter.gradient == Tensor([30, 40]))
        // Adam's first step is −lr·sign(g) whatever the scale, so compare the state instead:
        // m = 0.1·[0.6, 0.8] from the clipped gradient.
        expectClose(optimizer.stateTensors(for: [parameter])["0/momentum"]!, Tensor([0.06, 0.08]))
    }

    @Test("configuration reports the clipping, Keras keys")
    func configuration() {
        let configuration = SGD(clipValue: 0.5).configuration
        #expect(configuration["clipvalue"] == .number(0.5))
        #expect(configuration["clipnorm"] == .null)
        #expect(configuration["global_clipnorm"] == .null)
    }
}
