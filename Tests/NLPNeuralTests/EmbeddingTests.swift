import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Embedding")
struct EmbeddingTests {
    /// A 4×2 table with recognizable rows: row v = [10v, 10v + 1].
    static func table() -> Tensor { Tensor(rows: [[0, 1], [10, 11], [20, 21], [30, 31]]) }

    @Test("forward gathers the row of each id")
    func forwardGathersRows() throws {
        let embedding = Embedding(weights: Self.table(), name: "embedding")
        #expect(try embedding.build(inputShape: [3], seed: 1) == [3, 2])
        let y = embedding(Tensor(shape: [2, 3], scalars: [1, 0, 3, 2, 2, 1]))
        #expect(y.shape == [2, 3, 2])
        #expect(y.scalars == [10, 11, 0, 1, 30, 31, 20, 21, 20, 21, 10, 11])
    }

    @Test("backward scatter-adds only the rows used, accumulates repeats, and returns zeros")
    func backwardScatterAdds() throws {
        let embedding = Embedding(weights: Self.table(), name: "embedding")
        try embedding.build(inputShape: [3], seed: 1)
        let ids = Tensor(shape: [1, 3], scalars: [2, 0, 2])
        _ = embedding.forward(ids, training: true)
        let dx = embedding.backward(Tensor(shape: [1, 3, 2], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(dx == Tensor(zeros: [1, 3]))
        // row 0 gets step 1; row 2 gets steps 0 and 2; rows 1 and 3 stay zero.
        #expect(embedding.embeddings!.gradient.scalars == [3, 4, 0, 0, 6, 8, 0, 0])
        // A second backward adds on top (zeroing is the training loop's job).
        _ = embedding.forward(ids, training: true)
        _ = embedding.backward(Tensor(shape: [1, 3, 2], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(embedding.embeddings!.gradient.scalars == [6, 8, 0, 0, 12, 16, 0, 0])
    }

    @Test("embeddings gradient matches finite differences", arguments: [false, true])
    func gradientCheck(maskZero: Bool) throws {
        let embedding = Embedding(inputDimension: 6, outputDimension: 3, maskZero: maskZero, name: "embedding")
        try embedding.build(inputShape: [4], seed: 3)
        // Ids are integers: only the table is perturbed (the input gradient must still be zeros).
        let ids = Tensor(shape: [2, 4], scalars: [1, 5, 5, 0, 2, 3, 1, 4])
        checkLayerGradients(embedding, input: ids, checkInput: false)
        let dx = embedding.backward(Tensor(repeating: 1, shape: [2, 4, 3]))
        #expect(dx == Tensor(zeros: [2, 4]))
    }

    @Test("maskZero makes ids != 0 the mask; without it the input mask passes through")
    func outputMask() throws {
        let ids = Tensor(shape: [2, 3], scalars: [4, 2, 0, 0, 0, 1])
        let masking = Embedding(inputDimension: 5, outputDimension: 2, maskZero: true)
        try masking.build(inputShape: [3], seed: 1)
        #expect(masking.outputMask(for: ids, mask: nil) == Tensor(shape: [2, 3], scalars: [1, 1, 0, 0, 0, 1]))
        let plain = Embedding(inputDimension: 5, outputDimension: 2)
        try plain.build(inputShape: [3], seed: 1)
        #expect(plain.outputMask(for: ids, mask: nil) == nil)
        let given = Tensor(repeating: 1, shape: [2, 3])
        #expect(plain.outputMask(for: ids, mask: given) == given)
    }

    @Test("a frozen embedding adds no gradient and counts no trainable parameters")
    func frozen() throws {
        let embedding = Embedding(weights: Self.table(), isTrainable: false, name: "frozen")
        try embedding.build(inputShape: [2], seed: 1)
        #expect(embedding.parameterCount == 8)
        #expect(embedding.trainableParameterCount == 0)
        _ = embedding.forward(Tensor(shape: [1, 2], scalars: [1, 3]), training: true)
        _ = embedding.backward(Tensor(repeating: 1, shape: [1, 2, 2]))
        #expect(embedding.embeddings!.gradient == Tensor(zeros: [4, 2]))
        // Unfreezing later (fine-tuning) makes the parameter trainable again.
        embedding.isTrainable = true
        #expect(embedding.trainableParameterCount == 8)
    }

    @Test("Keras parameter count: Embedding(10000, 32) has 320,000; variable-length input")
    func parameterCount() throws {
        let embedding = Embedding(inputDimension: 10000, outputDimension: 32, name: "embedding")
        #expect(try embedding.build(inputShape: [-1], seed: 1) == [-1, 32])
        #expect(embedding.parameterCount == 320_000)
        #expect(embedding.parameters.map(\.name) == ["embeddings"])
        // Default initializer: U(−0.05, 0.05).
        let values = embedding.embeddings!.value
        #expect(values.maximum() < 0.05 && values.minimum() >= -0.05 && values.maximum() > 0.04)
    }

    @Test("configuration round trip")
    func configurationRoundTrip() throws {
        let embedding = Embedding(
            inputDimension: 100, outputDimension: 8, maskZero: true, isTrainable: false,
            embeddingsInitializer: .normal(standardDeviation: 0.1), embeddingsRegularizer: .l2(1e-4), name: "emb")
        let copy = try Embedding(configuration: embedding.configuration)
        #expect(copy.configuration == embedding.configuration)
        #expect(copy.description == embedding.description)
        #expect(copy.maskZero && !copy.isTrainable && copy.embeddingsRegularizer == .l2(1e-4))
    }

    @Test("aligned matrix: found rows copied, missing rows random, counts reported")
    func alignedMatrix() throws {
        let vectors: [String: [Float]] = ["good": [1, 2, 3], "bad": [-1, -2, -3]]
        var rng = SplitMix64(seed: 9)
        let aligned = try Embedding.alignedMatrix(
            vocabulary: ["<pad>", "good", "movie", "bad"], dimension: 3, lookup: { vectors[$0] }, using: &rng)
        #expect(aligned.foundCount == 2)
        #expect(aligned.missingWords == ["<pad>", "movie"])
        #expect(aligned.matrix.shape == [4, 3])
        #expect(aligned.matrix[row: 1].scalars == [1, 2, 3])
        #expect(aligned.matrix[row: 3].scalars == [-1, -2, -3])
        for row in [0, 2] {
            let values = aligned.matrix[row: row].scalars
            #expect(values.allSatisfy { abs($0) <= 0.05 } && values.contains { $0 != 0 })
        }
        // Same seed, same matrix.
        var again = SplitMix64(seed: 9)
        let repeated = try Embedding.alignedMatrix(
            vocabulary: ["<pad>", "good", "movie", "bad"], dimension: 3, lookup: { vectors[$0] }, using: &again)
        #expect(repeated.matrix == aligned.matrix)
        let embedding = Embedding(weights: aligned.matrix, maskZero: true)
        #expect(embedding.inputDimension == 4 && embedding.outputDimension == 3)
    }

    @Test("aligned matrix rejects vectors of another length")
    func alignedMatrixDimensionMismatch() {
        var rng = SplitMix64(seed: 1)
        #expect(throws: EmbeddingError.dimensionMismatch(word: "b", expected: 3, actual: 2)) {
            try Embedding.alignedMatrix(
                vocabulary: ["a", "b"], dimension: 3, lookup: { $0 == "b" ? [1, 2] : nil }, using: &rng)
        }
        #expect(throws: EmbeddingError.emptyVocabulary) {
            try Embedding.alignedMatrix(vocabulary: [], dimension: 3, lookup: { _ in nil }, using: &rng)
        }
    }

    @Test("an id out of range stops with a precondition")
    func idOutOfRange() async {
        await #expect(processExitsWith: .failure) {
            let embedding = Embedding(inputDimension: 5, outputDimension: 2)
            try embedding.build(inputShape: [2], seed: 1)
            _ = embedding(Tensor(shape: [1, 2], scalars: [1, 5]))
        }
        await #expect(processExitsWith: .failure) {
            let embedding = Embedding(inputDimension: 5, outputDimension: 2)
            try embedding.build(inputShape: [2], seed: 1)
            _ = embedding(Tensor(shape: [1, 2], scalars: [1, 2.5]))
        }
    }

    @Test("build rejects an empty or invalid input shape")
    func buildRejectsBadShapes() {
        let embedding = Embedding(inputDimension: 5, outputDimension: 2, name: "e")
        #expect(throws: LayerError.self) { try embedding.build(inputShape: [], seed: 1) }
        #expect(throws: LayerError.self) { try embedding.build(inputShape: [0], seed: 1) }
    }
}
