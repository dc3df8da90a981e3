import NLPCore
import NLPNeural
import Testing
import _TestSupport

@Suite("Optimizer state, registry and Adagrad")
struct OptimizerTests {
    @Test("Adagrad: a ← a + g², w −= lr·g/√(a + ε), a starting at 0.1")
    func adagrad() {
        let path = optimizerTrajectory(
            Adagrad(learningRate: 0.1), weights: [1, -2, 0.5], gradients: [[0.5, 1, -2], [-1, 0.5, 0.1]])
        // step 1: a = [0.35, 1.1, 4.1]; Δ = 0.1·g/√a = [0.0845154, 0.0953463, −0.0987730]
        expectClose(Tensor(path[0]), Tensor([0.9154846, -2.0953463, 0.5987730]), rtol: 1e-6)
        // step 2: a = [1.35, 1.35, 4.11]; Δ = [−0.1/1.1618950, 0.05/1.1618950, 0.01/2.0273135]
        expectClose(Tensor(path[1]), Tensor([1.0015509, -2.1383794, 0.5938403]), rtol: 1e-6)
    }

    @Test("Adagrad's 16-lane path matches the formula on a long parameter")
    func adagradVectorPath() {
        var rng = SplitMix64(seed: 41)
        let count = 37
        let start = Tensor.normal(shape: [count], using: &rng).scalars
        let gradients = (0 ..< 3).map { _ in Tensor.normal(shape: [count], using: &rng).scalars }
        let path = optimizerTrajectory(Adagrad(learningRate: 0.1, clipNorm: 2), weights: start, gradients: gradients)
        var w = start.map(Double.init)
        var a = [Double](repeating: 0.1, count: count)
        for (step, g) in gradients.enumerated() {
            let norm = g.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            let scale = norm > 2 ? 2 / norm : 1
            for i in 0 ..< count {
                let gi = Double(g[i]) * scale
                a[i] += gi * gi
                w[i] -= 0.1 * gi / (a[i] + 1e-7).squareRoot()
            }
            expectClose(Tensor(path[step]), Tensor(w.map(Float.init)), rtol: 1e-5, atol: 1e-6)
        }
    }

    static let makers: [@Sendable () -> any Optimizer] = [
        { SGD(learningRate: 0.05, momentum: 0.9, nesterov: true) },
        { RMSprop(learningRate: 0.01, momentum: 0.5, centered: true) },
        { Adam(learningRate: 0.01) },
        { AdamW(learningRate: 0.01, weightDecay: 0.01) },
        { Adagrad(learningRate: 0.1) },
    ]

    @Test("state export → import gives the identical next step", arguments: 0 ..< 5)
    func stateRoundTrip(index: Int) throws {
        var rng = SplitMix64(seed: UInt64(index))
        let original = Self.makers[index]()
        let parameters = [
            Parameter(name: "kernel", value: .normal(shape: [3, 2], using: &rng)),
            Parameter(name: "frozen", value: Tensor([1, 2]), isTrainable: false),
            Parameter(name: "bias", value: .normal(shape: [2], using: &rng)),
        ]
        for _ in 0 ..< 3 {
            for p in parameters { p.gradient = .normal(shape: p.value.shape, using: &rng) }
            original.update(parameters)
        }
        let state = original.stateTensors(for: parameters)
        #expect(state["iterations"] == Tensor(scalar: 3))
        #expect(!state.keys.contains { $0.hasPrefix("1/") }, "the frozen parameter has no state")

        // A copy of the model's parameters with a fresh optimizer that loads the state.
        let copies = parameters.map { Parameter(name: $0.name, value: $0.value, isTrainable: $0.isTrainable) }
        let restored = Self.makers[index]()
        try restored.loadState(state, for: copies)
        #expect(restored.iterations == 3)
        let gradients = parameters.map { Tensor.normal(shape: $0.value.shape, using: &rng) }
        for (p, g) in zip(parameters, gradients) { p.gradient = g }
        for (p, g) in zip(copies, gradients) { p.gradient = g }
        original.update(parameters)
        restored.update(copies)
        for (a, b) in zip(parameters, copies) { #expect(a.value == b.value) }
    }

    @Test("loading a state that does not fit throws a clear error")
    func badState() {
        let optimizer = Adam()
        let parameter = Parameter(name: "kernel", value: Tensor(zeros: [2, 2]))
        #expect(throws: OptimizerError.self) { try optimizer.loadState([:], for: [parameter]) }
        let wrongShape: [String: Tensor] = [
            "iterations": Tensor(scalar: 1), "0/momentum": Tensor(zeros: [3]), "0/velocity": Tensor(zeros: [3]),
        ]
        do {
            try optimizer.loadState(wrongShape, for: [parameter])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("shape [3]"))
        }
        let missingSlot: [String: Tensor] = ["iterations": Tensor(scalar: 1), "0/momentum": Tensor(zeros: [2, 2])]
        #expect(throws: OptimizerError.self) { try optimizer.loadState(missingSlot, for: [parameter]) }
        let outOfRange: [String: Tensor] = [
            "iterations": Tensor(scalar: 1), "4/momentum": Tensor(zeros: [2, 2]), "4/velocity": Tensor(zeros: [2, 2]),
        ]
        #expect(throws: OptimizerError.self) { try optimizer.loadState(outOfRange, for: [parameter]) }
    }

    @Test("configuration → registry → same configuration", arguments: 0 ..< 5)
    func registryRoundTrip(index: Int) throws {
        let optimizer = Self.makers[index]()
        let typeName = type(of: optimizer).typeName
        let copy = try OptimizerRegistry.makeOptimizer(type: typeName, configuration: optimizer.configuration)
        #expect(type(of: copy).typeName == typeName)
        #expect(copy.configuration == optimizer.configuration)
    }

    @Test("registry: Keras names, defaults, schedules, and errors")
    func registry() throws {
        let adam = try OptimizerRegistry.makeOptimizer(type: "adam", configuration: ["learning_rate": .number(0.01)])
        #expect(adam is Adam && adam.learningRate == 0.01)
        let sgd = try OptimizerRegistry.makeOptimizer(type: "SGD")
        #expect(sgd.learningRate == 0.01)
        let scheduled = SGD(schedule: ExponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5))
        let rebuilt = try OptimizerRegistry.makeOptimizer(type: "SGD", configuration: scheduled.configuration)
        #expect(rebuilt.configuration == scheduled.configuration)
        #expect(rebuilt.learningRate == 0.1)
        #expect(throws: OptimizerError.unknownOptimizerType("Nadamax")) {
            try OptimizerRegistry.makeOptimizer(type: "Nadamax")
        }
        do {
            _ = try OptimizerRegistry.makeOptimizer(type: "Adam", configuration: ["beta_1": .number(1.5)])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "Adam: beta1 = 1.5 is invalid: must lie in [0, 1)")
        }
        #expect(throws: OptimizerError.self) {
            try OptimizerRegistry.makeOptimizer(type: "SGD", configuration: ["learning_rate": .string("fast")])
        }
        #expect(throws: OptimizerError.self) {
            try OptimizerRegistry.makeOptimizer(
                type: "SGD", configuration: ["clipnorm": .number(1), "clipvalue": .number(1)])
        }
        #expect(throws: OptimizerError.self) {
            try LearningRateScheduleRegistry.makeSchedule(
                type: "ExponentialDecay",
                configuration: [
                    "initial_learning_rate": .number(0.1), "decay_steps": .number(0), "decay_rate": .number(0.5),
                ])
        }
    }
}
