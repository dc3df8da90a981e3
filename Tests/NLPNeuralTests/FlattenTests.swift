import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Flatten")
struct FlattenTests {
    @Test("collapses every axis but the batch, and back")
    func flattenAndBack() throws {
        let flatten = Flatten(name: "flatten")
        #expect(try flatten.build(inputShape: [3, 4], seed: 1) == [12])
        let x = randomTensor([2, 3, 4], seed: 1)
        let y = flatten.forward(x, training: true)
        #expect(y.shape == [2, 12])
        #expect(y.scalars == x.scalars)
        let dx = flatten.backward(randomTensor([2, 12], seed: 2))
        #expect(dx.shape == [2, 3, 4])
        #expect(dx.scalars == randomTensor([2, 12], seed: 2).scalars)
        #expect(flatten.outputMask(for: x, mask: Tensor(repeating: 1, shape: [2, 3])) == nil)
    }

    @Test("gradient matches finite differences")
    func gradientCheck() throws {
        let flatten = Flatten(name: "flatten")
        try flatten.build(inputShape: [2, 3], seed: 1)
        checkLayerGradients(flatten, input: randomTensor([2, 2, 3], seed: 4))
    }

    @Test("an unknown axis cannot be flattened")
    func unknownLength() {
        #expect(throws: LayerError.self) { try Flatten(name: "f").build(inputShape: [-1, 8], seed: 1) }
    }

    @Test("configuration round trip")
    func configurationRoundTrip() throws {
        let flatten = Flatten(name: "flatten_1")
        let copy = try Flatten(configuration: flatten.configuration)
        #expect(copy.configuration == flatten.configuration)
        #expect(copy.name == "flatten_1")
    }
}
