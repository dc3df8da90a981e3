import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("fit")
struct FitTests {
    /// y = 2x + 1 on 100 points in [−1, 1).
    static func line(count: Int = 100, seed: UInt64 = 1) -> (x: Tensor, y: Tensor) {
        var rng = SplitMix64(seed: seed)
        let xs = (0 ..< count).map { _ in rng.nextUnitFloat() * 2 - 1 }
        return (Tensor(shape: [count, 1], scalars: xs), Tensor(shape: [count, 1], scalars: xs.map { 2 * $0 + 1 }))
    }

    /// Noisy XOR: points in [−1, 1]², label 1 when x₁·x₂ > 0, points within 0.1 of an axis dropped.
    static func xor(count: Int, seed: UInt64) -> (x: Tensor, y: Tensor) {
        var rng = SplitMix64(seed: seed)
        var xs: [Float] = []
        var ys: [Float] = []
        while ys.count < count {
            let a = rng.nextUnitFloat() * 2 - 1
            let b = rng.nextUnitFloat() * 2 - 1
            if abs(a) < 0.1 || abs(b) < 0.1 { continue }
            xs += [a, b]
            ys.append(a * b > 0 ? 1 : 0)
        }
        return (Tensor(shape: [count, 2], scalars: xs), Tensor(shape: [count, 1], scalars: ys))
    }

    @Test("Dense(1) + SGD + MSE learns y = 2x + 1 to loss < 0.01")
    func learnsLine() throws {
        let (x, y) = Self.line()
        let model = Sequential([Dense(units: 1)], inputShape: [1])
        model.compile(optimizer: SGD(learningRate: 0.1), loss: TestOnlyMeanSquaredError())
        let history = try model.fit(x: x, y: y, epochs: 30, batchSize: 10, seed: 3)
        #expect(history["loss"]!.last! < 0.01)
        #expect(history["loss"]!.first! > history["loss"]!.last!)
        #expect(history.epochs == Array(0 ..< 30))
        let kernel = model.parameters[0].value.scalars[0]
        let bias = model.parameters[1].value.scalars[0]
        #expect(abs(kernel - 2) < 0.1 && abs(bias - 1) < 0.1, "kernel \(kernel), bias \(bias)")
    }

    @Test("a 2-layer MLP with Adam learns XOR to ≥ 95% on held-out points")
    func learnsXOR() throws {
        let train = Self.xor(count: 400, seed: 5)
        let test = Self.xor(count: 200, seed: 6)
        let model = Sequential(
            [Dense(units: 16, activation: .tanh), Dense(units: 1, activation: .sigmoid)], inputShape: [2])
        model.compile(
            optimizer: Adam(learningRate: 0.02), loss: TestOnlyBinaryCrossentropy(), metrics: [TestOnlyBinaryAccuracy()]
        )
        let history = try model.fit(x: train.x, y: train.y, epochs: 60, batchSize: 16, seed: 7)
        let results = try model.evaluate(x: test.x, y: test.y)
        #expect(results["accuracy"]! >= 0.95, "test accuracy \(results["accuracy"]!)")
        #expect(history["accuracy"]!.last! >= 0.95)
    }

    @Test("the same seed gives the identical History; another seed a different one")
    func deterministic() throws {
        func run(seed: UInt64) throws -> History {
            let (x, y) = Self.xor(count: 64, seed: 1)
            let model = Sequential([Dense(units: 4, activation: .tanh), Dense(units: 1, activation: .sigmoid)])
            model.compile(
                optimizer: Adam(learningRate: 0.01), loss: TestOnlyBinaryCrossentropy(),
                metrics: [TestOnlyBinaryAccuracy()])
            return try model.fit(x: x, y: y, epochs: 3, batchSize: 8, validationSplit: 0.25, seed: seed)
        }
        let a = try run(seed: 11)
        #expect(a == (try run(seed: 11)))
        #expect(a != (try run(seed: 12)))
        #expect(a.keys == ["accuracy", "loss", "val_accuracy", "val_loss"])
    }

    @Test("validationSplit holds out the last fraction, before shuffling")
    func validationSplit() throws {
        let (x, y) = Self.line(count: 10)
        let model = Sequential([Dense(units: 1)], inputShape: [1])
        model.compile(optimizer: SGD(learningRate: 0.05), loss: TestOnlyMeanSquaredError())
        var batches = 0
        let counter = LambdaCallback(onBatchEnd: { _, _, _ in batches += 1 })
        // floor(10·(1 − 0.3)) = 7 training samples → 7 batches of 1; samples 7, 8, 9 validate.
        let history = try model.fit(x: x, y: y, epochs: 1, batchSize: 1, validationSplit: 0.3, callbacks: [counter])
        #expect(batches == 7)
        let heldOut = try model.evaluate(x: x.slice(7 ..< 10), y: y.slice(7 ..< 10))
        #expect(history["val_loss"]! == [heldOut["loss"]!])
        // validationData takes precedence over validationSplit
        let explicit = try model.fit(
            x: x, y: y, epochs: 1, batchSize: 5, validationSplit: 0.5,
            validationData: (x.slice(0 ..< 2), y.slice(0 ..< 2)))
        #expect(explicit["val_loss"]! == [try model.evaluate(x: x.slice(0 ..< 2), y: y.slice(0 ..< 2))["loss"]!])
    }

    @Test("class weights scale each sample's loss by its class weight")
    func classWeights() throws {
        // Predictions are 0 (zero kernel) and lr = 0, so the loss is the weighted mean of y²:
        // y = [0, 1, 1, 0]: unweighted (0 + 1 + 1 + 0)/4 = 0.5; class 1 weighs 3 → (3 + 3)/4 = 1.5;
        // with sampleWeight [1, 2, 1, 1] as well → (2·3 + 3)/4 = 2.25
        let x = Tensor(rows: [[1], [2], [3], [4]])
        let y = Tensor(rows: [[0], [1], [1], [0]])
        let model = Sequential([constantDense(units: 1, value: 0)], inputShape: [1])
        model.compile(optimizer: SGD(learningRate: 0), loss: TestOnlyMeanSquaredError())
        let plain = try model.fit(x: x, y: y, epochs: 1, batchSize: 4)
        #expect(plain["loss"]! == [0.5])
        let weighted = try model.fit(x: x, y: y, epochs: 1, batchSize: 2, classWeight: [1: 3])
        #expect(weighted["loss"]! == [1.5])
        let both = try model.fit(
            x: x, y: y, epochs: 1, batchSize: 4, shuffle: false, classWeight: [1: 3],
            sampleWeight: Tensor([1, 2, 1, 1]))
        #expect(both["loss"]! == [2.25])
        // one-hot targets use the argmax: rows [0, 1] are class 1
        let oneHot = Tensor(rows: [[1, 0], [0, 1], [0, 1], [1, 0]])
        let twoOut = Sequential([constantDense(units: 2, value: 0)], inputShape: [1])
        twoOut.compile(optimizer: SGD(learningRate: 0), loss: TestOnlyMeanSquaredError())
        // per-sample loss = mean of (0 − t)² over 2 outputs = 0.5; weights [1, 3, 3, 1] → (0.5 + 1.5 + 1.5 + 0.5)/4 = 1
        #expect(try twoOut.fit(x: x, y: oneHot, epochs: 1, batchSize: 4, classWeight: [1: 3])["loss"]! == [1])
        #expect(throws: TrainingError.self) {
            try model.fit(
                x: Tensor(zeros: [2, 1]), y: Tensor(zeros: [2, 1]), classWeight: [0: 1],
                sampleWeight: Tensor(zeros: [3]))
        }
    }

    @Test("stopTraining set by a callback ends fit after the current batch and epoch")
    func stopTraining() throws {
        let (x, y) = Self.line(count: 20)
        let model = Sequential([Dense(units: 1)], inputShape: [1])
        model.compile(optimizer: SGD(learningRate: 0.01), loss: TestOnlyMeanSquaredError())
        var batches = 0
        let stopper = LambdaCallback(onBatchEnd: { model, batch, _ in
            batches += 1
            if batch == 2 { model.stopTraining = true }
        })
        let history = try model.fit(x: x, y: y, epochs: 5, batchSize: 2, callbacks: [stopper])
        #expect(batches == 3)
        #expect(history.epochs == [0])
    }
}
