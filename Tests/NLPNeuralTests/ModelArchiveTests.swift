import Foundation
import NLPCore
@testable import NLPNeural
import Testing
import _TestSupport

/// A small momentum optimizer written for these tests: it has per-parameter state to save.
final class ArchiveTestMomentum: Optimizer {
    static let typeName = "ArchiveTestMomentum"
    var learningRate: Float = 0.1
    let momentum: Float = 0.9
    private(set) var iterations = 0
    private var velocities: [ObjectIdentifier: Tensor] = [:]

    func update(_ parameters: [Parameter]) {
        for parameter in parameters where parameter.isTrainable {
            var velocity = velocities[ObjectIdentifier(parameter)] ?? Tensor(zeros: parameter.value.shape)
            velocity = velocity * Tensor(scalar: momentum) - parameter.gradient * Tensor(scalar: learningRate)
            parameter.value = parameter.value + velocity
            velocities[ObjectIdentifier(parameter)] = velocity
        }
        iterations += 1
    }

    var configuration: [String: JSONValue] {
        ["learning_rate": .number(Double(learningRate)), "momentum": .number(Double(momentum))]
    }

    func stateTensors(for parameters: [Parameter]) -> [String: Tensor] {
        var state = ["iterations": Tensor(scalar: Float(iterations))]
        for (index, parameter) in parameters.enumerated() {
            if let velocity = velocities[ObjectIdentifier(parameter)] { state["\(index)/velocity"] = velocity }
        }
        return state
    }

    struct MissingState: Error {}

    func loadState(_ state: [String: Tensor], for parameters: [Parameter]) throws {
        guard let iterations = state["iterations"] else { throw MissingState() }
        self.iterations = Int(iterations.scalars[0])
        for (index, parameter) in parameters.enumerated() {
            if let velocity = state["\(index)/velocity"] { velocities[ObjectIdentifier(parameter)] = velocity }
        }
    }
}

@Suite("ModelArchive")
struct ModelArchiveTests {
    /// Two built Dense layers, trained for two momentum steps so the optimizer has state.
    static func trainedModel() throws -> (layers: [any Layer], optimizer: ArchiveTestMomentum, input: Tensor) {
        let layers: [any Layer] = [
            Dense(units: 5, activation: .tanh, kernelRegularizer: .l2(0.01), name: "hidden"),
            Dense(units: 3, activation: .softmax, name: "output"),
        ]
        var rng = SplitMix64(seed: 42)
        var shape = [8]
        for layer in layers { shape = try layer.build(inputShape: shape, using: &rng) }
        let input = randomTensor([4, 8], seed: 7)
        let optimizer = ArchiveTestMomentum()
        for _ in 0 ..< 2 {
            for layer in layers { layer.zeroGradients() }
            var activation = input
            for layer in layers { activation = layer.forward(activation, training: true) }
            var gradient = activation
            for layer in layers.reversed() { gradient = layer.backward(gradient) }
            optimizer.update(layers.flatMap(\.parameters))
        }
        return (layers, optimizer, input)
    }

    static func predict(_ layers: [any Layer], _ input: Tensor) -> Tensor {
        layers.reduce(input) { $1($0) }
    }

    static func archive(of model: (layers: [any Layer], optimizer: ArchiveTestMomentum, input: Tensor)) -> ModelArchive
    {
        let parameters = model.layers.flatMap(\.parameters)
        return ModelArchive(
            architecture: ModelArchitecture(name: "classifier", inputShape: [8], layers: model.layers),
            layers: model.layers,
            training: TrainingConfiguration(
                loss: .init(name: "categorical_crossentropy", configuration: ["from_logits": .bool(false)]),
                metrics: [.init(name: "accuracy")], optimizer: nil
            )
            .with(optimizer: model.optimizer),
            optimizerState: model.optimizer.stateTensors(for: parameters))
    }

    @Test("save, load and rebuild: identical predictions, training setup and optimizer state")
    func roundTrip() throws {
        let directory = try makeIOTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.safetensors").path
        let model = try Self.trainedModel()
        let archive = Self.archive(of: model)
        try archive.write(to: path)

        let loaded = try ModelArchive.read(from: path)
        #expect(loaded.architecture == archive.architecture)
        #expect(loaded.training == archive.training)
        #expect(loaded.training?.optimizer?.name == "ArchiveTestMomentum")
        #expect(loaded.weights == archive.weights)
        #expect(
            loaded.weights.keys.sorted() == [
                "layers.0.hidden.bias", "layers.0.hidden.kernel", "layers.1.output.bias", "layers.1.output.kernel",
            ])
        #expect(
            Set(loaded.optimizerState.keys) == ["iterations", "0/velocity", "1/velocity", "2/velocity", "3/velocity"])

        let rebuilt = try loaded.makeLayers(seed: 999)
        #expect(rebuilt.map(\.name) == ["hidden", "output"])
        #expect(Self.predict(rebuilt, model.input) == Self.predict(model.layers, model.input))
        #expect(rebuilt.map(\.configuration) == model.layers.map(\.configuration))

        // Continuing training from the file gives the same step as continuing in memory.
        let optimizer = ArchiveTestMomentum()
        try loaded.loadOptimizerState(into: optimizer, parameters: rebuilt.flatMap(\.parameters))
        #expect(optimizer.iterations == 2)
        for layers in [model.layers, rebuilt] {
            for parameter in layers.flatMap(\.parameters) {
                parameter.gradient = Tensor(repeating: 0.5, shape: parameter.value.shape)
            }
        }
        model.optimizer.update(model.layers.flatMap(\.parameters))
        optimizer.update(rebuilt.flatMap(\.parameters))
        #expect(Self.predict(rebuilt, model.input) == Self.predict(model.layers, model.input))

        // Python's safetensors sees an ordinary file with the metadata keys.
        let raw = try SafeTensors.read(from: path)
        #expect(raw.metadata["format"] == "nlptoolkit-model" && raw.metadata["version"] == "1")
        #expect(raw.tensors["optimizer.0/velocity"] != nil)
    }

    @Test("loading into a different architecture names the layer, parameter and shapes")
    func shapeMismatch() throws {
        let archive = Self.archive(of: try Self.trainedModel())
        let other: [any Layer] = [Dense(units: 6, name: "a"), Dense(units: 3, name: "b")]
        var shape = [8]
        for layer in other { shape = try layer.build(inputShape: shape, seed: 1) }
        let before = other.flatMap(\.parameters).map(\.value)
        do {
            try archive.loadWeights(into: other)
            Issue.record("loaded [8→5→3] weights into [8→6→3]")
        } catch let error as ModelArchiveError {
            #expect(error == .shapeMismatch(layer: "hidden", parameter: "kernel", expected: [8, 6], found: [8, 5]))
            #expect(
                error.description
                    == "layer hidden: parameter kernel has shape [8, 6] in the model but [8, 5] in the archive")
        }
        #expect(other.flatMap(\.parameters).map(\.value) == before, "nothing changes when loading fails")
    }

    @Test("wrong layer count, layer type, missing and stray tensors are reported")
    func otherMismatches() throws {
        let archive = Self.archive(of: try Self.trainedModel())
        let one: [any Layer] = [Dense(units: 5, name: "x")]
        try one[0].build(inputShape: [8], seed: 1)
        #expect(throws: ModelArchiveError.layerCountMismatch(expected: 2, found: 1)) {
            try archive.loadWeights(into: one)
        }

        let noBias: [any Layer] = [Dense(units: 5, name: "a"), Dense(units: 3, useBias: false, name: "b")]
        var shape = [8]
        for layer in noBias { shape = try layer.build(inputShape: shape, seed: 1) }
        #expect(throws: ModelArchiveError.unexpectedTensor(name: "layers.1.output.bias")) {
            try archive.loadWeights(into: noBias)
        }

        var missing = archive
        missing.weights["layers.1.output.kernel"] = nil
        #expect(
            throws: ModelArchiveError.missingTensor(layer: "output", parameter: "kernel", key: "layers.1.output.kernel")
        ) { try missing.makeLayers() }

        var unknown = archive
        unknown.architecture.layers[1].type = "Conv2D"
        #expect(throws: ModelArchiveError.unknownLayerType(layerIndex: 1, type: "Conv2D")) { try unknown.makeLayers() }

        var badConfiguration = archive
        badConfiguration.architecture.layers[0].values["units"] = .string("five")
        #expect(throws: ModelArchiveError.self) { try badConfiguration.makeLayers() }

        var noShape = archive
        noShape.architecture.inputShape = nil
        #expect(throws: ModelArchiveError.missingInputShape) { try noShape.makeLayers() }
    }

    @Test("files that are not model archives are rejected with the path")
    func rejectsOtherFiles() throws {
        let directory = try makeIOTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("file.safetensors").path
        let good = try Self.archive(of: try Self.trainedModel()).safeTensors()

        func expectError(
            _ file: SafeTensors, _ expected: ModelArchiveError, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            try file.write(to: path)
            #expect(throws: expected, sourceLocation: sourceLocation) { try ModelArchive.read(from: path) }
        }
        try expectError(SafeTensors(tensors: ["w": Tensor([1])]), .notAModelArchive(path: path, format: nil))
        var wrongVersion = good
        wrongVersion.metadata["version"] = "2"
        try expectError(wrongVersion, .unsupportedVersion(path: path, version: "2"))
        var noArchitecture = good
        noArchitecture.metadata["architecture"] = nil
        try expectError(noArchitecture, .missingMetadata(path: path, key: "architecture"))
        var stray = good
        stray.tensors["embeddings"] = Tensor([1, 2])
        try expectError(stray, .unexpectedTensor(name: "embeddings"))

        var badJSON = good
        badJSON.metadata["architecture"] = "{\"name\": \"m\", \"layers\": [{\"type\": 3}]"
        try badJSON.write(to: path)
        do {
            _ = try ModelArchive.read(from: path)
            Issue.record("accepted malformed architecture JSON")
        } catch let error as ModelArchiveError {
            guard case .invalidMetadata(path, "architecture", _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.hasPrefix(path))
        }

        // A damaged file is the container's problem: a SafeTensorsError.
        let bytes = try good.encoded()
        try Data(bytes.dropLast(3)).write(to: URL(fileURLWithPath: path))
        #expect(throws: SafeTensorsError.self) { try ModelArchive.read(from: path) }
    }

    @Test("a failed write leaves the old file and no temporary file")
    func atomicWrite() throws {
        let directory = try makeIOTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.safetensors").path
        let archive = Self.archive(of: try Self.trainedModel())
        try archive.write(to: path)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))

        // The encoder throws (JSON has no NaN): nothing is written.
        var unencodable = archive
        unencodable.architecture.layers[0].values["dropout"] = .number(.nan)
        #expect(throws: ModelArchiveError.self) { try unencodable.write(to: path) }

        // The writer fails halfway through its body: the temporary file goes away.
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try AtomicFileWriter.write(to: path) { sink in
                try sink.write([1, 2, 3])
                throw Interrupted()
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])

        // The directory does not exist.
        let missing = directory.appendingPathComponent("missing/model.safetensors").path
        #expect(throws: SafeTensorsError.self) { try archive.write(to: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}

extension TrainingConfiguration {
    /// A copy describing `optimizer`.
    func with(optimizer: any Optimizer) -> TrainingConfiguration {
        var copy = self
        copy.optimizer = TrainingConfiguration(loss: nil, metrics: [], optimizer: optimizer).optimizer
        return copy
    }
}
