// NLPNeural: the token-id → vector lookup table.
import NLPCore

/// Maps integer token ids to dense vectors (Keras `Embedding`).
///
/// Shapes: input ids `[batch, time]` (integral `Float`s in `0 ..< inputDimension`), parameter
/// `embeddings` `[inputDimension, outputDimension]`, output `[batch, time, outputDimension]`. Inputs
/// of any rank work: the output appends the vector axis to the input's shape.
///
/// ```swift
/// output[b, t, :] = embeddings[ids[b, t], :]
/// ∂embeddings[v, :] += Σ_{(b, t): ids[b, t] = v} ∂output[b, t, :]     (only the rows used)
/// ```
///
/// With `maskZero`, id 0 is padding: `outputMask` is `ids != 0` as 1/0 floats, so recurrent and
/// pooling layers downstream skip padded steps (Keras `mask_zero=True`; the vocabulary then has
/// `inputDimension − 1` real tokens). A frozen embedding (`isTrainable: false`) adds no gradient.
///
/// ```swift
/// let embedding = Embedding(inputDimension: 10000, outputDimension: 32, maskZero: true)
/// try embedding.build(inputShape: [500], seed: 1)      // 320,000 parameters
/// ```
public final class Embedding: Layer {
    public static let typeName = "Embedding"
    public var name: String
    public private(set) var inputShape: [Int]?
    /// The number of rows: ids run over `0 ..< inputDimension`.
    public let inputDimension: Int
    /// The vector length.
    public let outputDimension: Int
    /// Whether id 0 marks padding and produces a mask.
    public let maskZero: Bool
    /// Whether optimizers update the table (`false` for frozen pretrained vectors).
    public var isTrainable: Bool {
        didSet { embeddings?.isTrainable = isTrainable }
    }
    /// How the table starts when no weights are given (Keras default U(−0.05, 0.05)).
    public let embeddingsInitializer: WeightInitializer
    /// A penalty on the table (Keras `embeddings_regularizer`).
    public let embeddingsRegularizer: Regularizer?

    /// `[inputDimension, outputDimension]`, created by `build` or given to `init(weights:…)`.
    public private(set) var embeddings: Parameter?

    // The ids of the latest forward pass (row indices), reused across batches without reallocating.
    private var cachedIds: [Int32] = []
    private var cachedInputShape: [Int] = []

    /// Creates an unbuilt embedding with a randomly initialized table.
    /// - Precondition: both dimensions are positive.
    public init(
        inputDimension: Int, outputDimension: Int, maskZero: Bool = false, isTrainable: Bool = true,
        embeddingsInitializer: WeightInitializer = .uniform(lower: -0.05, upper: 0.05),
        embeddingsRegularizer: Regularizer? = nil, name: String = ""
    ) {
        precondition(
            inputDimension > 0 && outputDimension > 0,
            "Embedding: inputDimension \(inputDimension) and outputDimension \(outputDimension) must be positive")
        precondition(
            inputDimension <= 1 << 24,
            "Embedding: inputDimension \(inputDimension) exceeds 2^24, the largest id a Float holds exactly")
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        self.maskZero = maskZero
        self.isTrainable = isTrainable
        self.embeddingsInitializer = embeddingsInitializer
        self.embeddingsRegularizer = embeddingsRegularizer
        self.name = name
    }

    /// Creates an embedding whose table is `weights` `[vocabularySize, dimension]`, e.g. word2vec
    /// vectors aligned to a vocabulary (see `Embedding.alignedMatrix(vocabulary:dimension:lookup:using:)`).
    /// - Precondition: `weights` has rank 2 and positive dimensions.
    public convenience init(
        weights: Tensor, maskZero: Bool = false, isTrainable: Bool = true,
        embeddingsRegularizer: Regularizer? = nil, name: String = ""
    ) {
        precondition(
            weights.rank == 2, "Embedding(weights:): expected a [vocabulary, dimension] matrix, got \(weights.shape)")
        self.init(
            inputDimension: weights.shape[0], outputDimension: weights.shape[1], maskZero: maskZero,
            isTrainable: isTrainable, embeddingsRegularizer: embeddingsRegularizer, name: name)
        embeddings = Parameter(
            name: "embeddings", value: weights, isTrainable: isTrainable, regularizer: embeddingsRegularizer)
    }

    public var parameters: [Parameter] { embeddings.map { [$0] } ?? [] }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 || $0 == -1 }) else {
            throw LayerError.incompatibleInput(
                layer: name, shape: inputShape, expected: "token ids [time] (time may be -1)")
        }
        if embeddings == nil {
            embeddings = Parameter(
                name: "embeddings",
                value: embeddingsInitializer.make(shape: [inputDimension, outputDimension], using: &rng),
                isTrainable: isTrainable, regularizer: embeddingsRegularizer)
        }
        self.inputShape = inputShape
        return inputShape + [outputDimension]
    }

    // MARK: - Forward and backward

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        guard let embeddings else { preconditionFailure(LayerError.notBuilt(layer: name).description) }
        precondition(input.rank >= 1, "Embedding \(name): ids must have a batch axis, got shape \(input.shape)")
        let (rows, columns, count) = (inputDimension, outputDimension, input.count)
        cachedInputShape = input.shape
        if cachedIds.count != count { cachedIds = [Int32](repeating: 0, count: count) }
        // One pass: check each id, remember it for backward, copy its row.
        return input.withUnsafeBufferPointer { ids in
            embeddings.value.withUnsafeBufferPointer { table in
                cachedIds.withUnsafeMutableBufferPointer { rowIndices in
                    Tensor(shape: input.shape + [columns]) { out in
                        let upper = Float(rows)
                        for i in 0 ..< count {
                            let id = ids[i]
                            // The range test first: Int32(_:) traps on NaN and infinities.
                            precondition(
                                id >= 0 && id < upper && id == id.rounded(.towardZero),
                                "Embedding \(name): id \(id) at position \(i) is not an integer in 0..<\(rows)")
                            let row = Int32(id)
                            rowIndices[i] = row
                            EmbeddingKernels.copyRow(
                                table.baseAddress! + Int(row) * columns, out.baseAddress! + i * columns, count: columns)
                        }
                    }
                }
            }
        }
    }

    /// Adds each output-gradient row into the `embeddings` gradient row of its id (a scatter-add:
    /// no dense `[V, D]` temporary) and returns zeros for the integer input.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        backward(outputGradient, computeInputGradient: true)!
    }

    /// The scatter-add of `backward(_:)`; the zeros for the ids are only made when asked for.
    public func backward(_ outputGradient: Tensor, computeInputGradient: Bool) -> Tensor? {
        guard let embeddings else { preconditionFailure(LayerError.notBuilt(layer: name).description) }
        let columns = outputDimension
        let count = cachedIds.count
        precondition(
            outputGradient.count == count * columns,
            "Embedding \(name): output gradient \(outputGradient.shape) does not match the last forward (\(cachedInputShape) + [\(columns)])"
        )
        if embeddings.isTrainable {
            if embeddings.gradient.shape != embeddings.value.shape { embeddings.zeroGradient() }
            outputGradient.withUnsafeBufferPointer { g in
                cachedIds.withUnsafeBufferPointer { ids in
                    embeddings.gradient.withUnsafeMutableBufferPointer { dTable in
                        let source = g.baseAddress!
                        let destination = dTable.baseAddress!
                        for i in 0 ..< count {
                            VectorKernels.axpy(
                                1, source + i * columns, destination + Int(ids[i]) * columns, count: columns)
                        }
                    }
                }
            }
        }
        return computeInputGradient ? Tensor(zeros: cachedInputShape) : nil
    }

    /// `ids != 0` as a `[batch, time]` tensor of 1/0 when `maskZero`; otherwise `mask` unchanged.
    public func outputMask(for input: Tensor, mask: Tensor?) -> Tensor? {
        guard maskZero else { return mask }
        return input.withUnsafeBufferPointer { ids in
            Tensor(shape: input.shape) { out in
                for i in 0 ..< ids.count { out[i] = ids[i] != 0 ? 1 : 0 }
            }
        }
    }

    // MARK: - Configuration

    public var configuration: LayerConfiguration {
        var configuration = LayerConfiguration(type: Self.typeName, name: name)
        configuration["input_dim"] = .number(Double(inputDimension))
        configuration["output_dim"] = .number(Double(outputDimension))
        configuration["mask_zero"] = .bool(maskZero)
        configuration["trainable"] = .bool(isTrainable)
        configuration.encode(embeddingsInitializer, "embeddings_initializer")
        if let embeddingsRegularizer { configuration.encode(embeddingsRegularizer, "embeddings_regularizer") }
        return configuration
    }

    public convenience init(configuration: LayerConfiguration) throws {
        let inputDimension = try configuration.int("input_dim")
        let outputDimension = try configuration.int("output_dim")
        guard inputDimension > 0 && inputDimension <= 1 << 24 else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "input_dim", reason: "\(inputDimension) is not in 1...2^24")
        }
        guard outputDimension > 0 else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "output_dim", reason: "\(outputDimension) is not positive")
        }
        self.init(
            inputDimension: inputDimension, outputDimension: outputDimension,
            maskZero: configuration["mask_zero"] == nil ? false : try configuration.bool("mask_zero"),
            isTrainable: configuration["trainable"] == nil ? true : try configuration.bool("trainable"),
            embeddingsInitializer: configuration["embeddings_initializer"] == nil
                ? .uniform(lower: -0.05, upper: 0.05)
                : try configuration.decode(WeightInitializer.self, "embeddings_initializer"),
            embeddingsRegularizer: configuration["embeddings_regularizer"] == nil
                ? nil : try configuration.decode(Regularizer.self, "embeddings_regularizer"),
            name: configuration.name)
    }

    public var description: String {
        "Embedding(inputDimension: \(inputDimension), outputDimension: \(outputDimension), maskZero: \(maskZero), isTrainable: \(isTrainable))"
    }
}

/// Row copies for the lookup: short rows (a few SIMD vectors) copy faster inline than through memcpy.
enum EmbeddingKernels {
    @inline(__always)
    static func copyRow(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int) {
        let width = FloatVector.scalarCount
        var j = 0
        while j + width <= count {
            UnsafeMutableRawPointer(destination + j).storeBytes(
                of: UnsafeRawPointer(source + j).loadUnaligned(as: FloatVector.self), as: FloatVector.self)
            j += width
        }
        while j < count {
            destination[j] = source[j]
            j += 1
        }
    }
}
