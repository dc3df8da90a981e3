import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Sequential")
struct SequentialTests {
    @Test(
        "layers are named Keras style, unique per model",
        arguments: [
            ("Dense", "dense"), ("LSTM", "lstm"), ("SimpleRNN", "simple_rnn"), ("GRU", "gru"),
            ("BatchNormalization", "batch_normalization"), ("GlobalAveragePooling1D", "global_average_pooling1d"),
            ("Embedding", "embedding"), ("Activation", "activation"),
        ])
    func snakeCase(typeName: String, expected: String) {
        #expect(Sequential.snakeCase(typeName) == expected)
    }

    @Test("auto names: dense, dense_1, …; given names are kept")
    func naming() {
        let model = Sequential([Dense(units: 2), Dense(units: 2, name: "head"), Dense(units: 2)])
        model.add(Dense(units: 1))
        #expect(model.layers.map(\.name) == ["dense", "head", "dense_1", "dense_2"])
    }

    @Test("build chains output shapes and is deterministic by seed")
    func build() throws {
        let model = Sequential([Dense(units: 8, activation: .relu), Dense(units: 3)], inputShape: [5])
        try model.build(seed: 4)
        #expect(model.layerOutputShapes == [[8], [3]])
        #expect(model.outputShape == [3])
        #expect(model.parameters.map(\.value.shape) == [[5, 8], [8], [8, 3], [3]])
        let twin = Sequential([Dense(units: 8, activation: .relu), Dense(units: 3)], inputShape: [5])
        try twin.build(seed: 4)
        #expect(twin.weights() == model.weights())
        #expect(throws: TrainingError.self) { try Sequential([Dense(units: 1)]).build() }
    }

    @Test("predict in batches equals one forward pass")
    func predict() throws {
        let model = Sequential([Dense(units: 4, activation: .tanh), Dense(units: 2)], inputShape: [3])
        try model.build(seed: 1)
        var rng = SplitMix64(seed: 2)
        let x = Tensor.normal(shape: [10, 3], using: &rng)
        var direct = x
        for layer in model.layers { direct = layer(direct) }
        expectClose(try model.predict(x, batchSize: 3), direct)
        #expect(throws: TrainingError.self) { try model.predict(Tensor(zeros: [2, 4])) }
    }

    @Test("weights() copies, setWeights() restores in place")
    func weights() throws {
        let model = Sequential([Dense(units: 2)], inputShape: [2])
        try model.build(seed: 3)
        let saved = model.weights()
        model.parameters[0].value.withUnsafeMutableBufferPointer { $0[0] += 1 }
        #expect(saved != model.weights())
        try model.setWeights(saved)
        #expect(saved == model.weights())
        #expect(throws: TrainingError.self) { try model.setWeights([Tensor(zeros: [3])]) }
    }

    @Test("masks created by a layer reach the following layers")
    func masks() throws {
        let creator = TestOnlyMaskLayer(createsMask: true)
        let receiver = TestOnlyMaskLayer(createsMask: false)
        let model = Sequential([creator, receiver], inputShape: [2])
        _ = try model.predict(Tensor(rows: [[0, 1], [2, 3]]))
        #expect(creator.receivedMasks.count == 1 && creator.receivedMasks[0] == nil)
        #expect(receiver.receivedMasks == [Tensor([0, 1])])
        #expect(model.layers.map(\.name) == ["test_only_mask", "test_only_mask_1"])
    }

    @Test("kernel regularizer: penalty in the loss, gradient in the step")
    func kernelRegularizer() throws {
        // x = [[1, 2], [3, 4]], w = [1, 1] → y = [3, 7]; targets 0 → MSE = (9 + 49)/2 = 29
        // penalty 0.5·(1 + 1) = 1 → loss 30
        // dL/dy = 2y/2 = [3, 7]; dW = xᵀ·dy = [3 + 21, 6 + 28] = [24, 34]; + 2·0.5·w = [25, 35]
        // SGD lr 0.01 → w = [0.75, 0.65]
        let model = Sequential([constantDense(units: 1, value: 1, kernelRegularizer: .l2(0.5))], inputShape: [2])
        model.compile(optimizer: SGD(learningRate: 0.01), loss: TestOnlyMeanSquaredError())
        let logs = try model.trainOnBatch(x: Tensor(rows: [[1, 2], [3, 4]]), y: Tensor(rows: [[0], [0]]))
        #expect(abs(logs["loss"]! - 30) < 1e-5)
        expectClose(model.parameters[0].value, Tensor(shape: [2, 1], scalars: [0.75, 0.65]))
    }

    @Test("activity regularizer: penalty / batch in the loss, gradient into the layer's output")
    func activityRegularizer() throws {
        // y = [3, 7]; MSE 29; activity l2(0.1): 0.1·(9 + 49)/2 = 2.9 → loss 31.9
        // dL/dy = [3, 7] + 2·0.1·y/2 = [3.3, 7.7]; dW = [3.3 + 23.1, 6.6 + 30.8] = [26.4, 37.4]
        // SGD lr 0.01 → w = [0.736, 0.626]
        let model = Sequential([constantDense(units: 1, value: 1, activityRegularizer: .l2(0.1))], inputShape: [2])
        model.compile(optimizer: SGD(learningRate: 0.01), loss: TestOnlyMeanSquaredError())
        let x = Tensor(rows: [[1, 2], [3, 4]])
        let y = Tensor(rows: [[0], [0]])
        #expect(abs(try model.evaluate(x: x, y: y)["loss"]! - 31.9) < 1e-4)
        let logs = try model.trainOnBatch(x: x, y: y)
        #expect(abs(logs["loss"]! - 31.9) < 1e-4)
        expectClose(model.parameters[0].value, Tensor(shape: [2, 1], scalars: [0.736, 0.626]), rtol: 1e-5)
    }

    @Test("a frozen parameter does not change in training")
    func frozenParameter() throws {
        let model = Sequential([Dense(units: 3, activation: .tanh), Dense(units: 1)], inputShape: [2])
        try model.build(seed: 2)
        model.parameters[0].isTrainable = false
        let frozen = model.parameters[0].value
        model.compile(optimizer: Adam(learningRate: 0.1), loss: TestOnlyMeanSquaredError())
        let before = model.parameters[2].value
        try model.trainOnBatch(x: Tensor(rows: [[1, 2], [3, 4]]), y: Tensor(rows: [[1], [0]]))
        #expect(model.parameters[0].value == frozen)
        #expect(model.parameters[2].value != before)
        #expect(model.trainableParameters.count == 3)
    }

    @Test("training before compile, and mismatched sample counts, throw clear errors")
    func errors() throws {
        let model = Sequential([Dense(units: 1)], inputShape: [2])
        #expect(throws: TrainingError.notCompiled) {
            try model.fit(x: Tensor(zeros: [2, 2]), y: Tensor(zeros: [2, 1]))
        }
        model.compile(optimizer: SGD(), loss: TestOnlyMeanSquaredError())
        do {
            try model.fit(x: Tensor(zeros: [3, 2]), y: Tensor(zeros: [2, 1]))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "training y has 2 samples, expected 3 (samples are on axis 0)")
        }
        #expect(throws: TrainingError.self) {
            try model.fit(x: Tensor(zeros: [3, 2]), y: Tensor(zeros: [3, 1]), batchSize: 0)
        }
        #expect(throws: TrainingError.self) {
            try model.fit(x: Tensor(zeros: [3, 2]), y: Tensor(zeros: [3, 1]), validationSplit: 1)
        }
        #expect(throws: TrainingError.incompatibleInput(expected: [2], got: [5])) {
            try model.fit(x: Tensor(zeros: [3, 5]), y: Tensor(zeros: [3, 1]))
        }
    }
}
