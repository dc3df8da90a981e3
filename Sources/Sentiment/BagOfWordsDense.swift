// A Dense layer over a bag of words, fed with token ids instead of a wide multi-hot matrix.
import Foundation
import NLPCore
import NLPNeural

/// `activation(x · kernel + bias)` where `x` is the bag-of-words row of a text: Keras's `Dense`
/// on `texts_to_matrix` output, computed from the text's token ids.
///
/// Input `[batch, length]` token ids (integral `Float`s; 0 is padding and ignored; any order,
/// repeats allowed); output `[batch, units]`. The value of token `i` in a row is
/// `f(count) · featureWeights[i]`, with `f` = 1 (``Value/presence``), the count
/// (``Value/count``) or `1 + ln count` (``Value/logCount``); `featureWeights` is a fixed
/// (non-trainable) `[vocabulary]` parameter: ones, inverse document frequencies (tf-idf) or
/// naive-Bayes log-count ratios. Only the rows of the tokens present are read and updated, so a
/// 30,000-word vocabulary costs what the text's 20–50 tokens cost, not 30,000 columns.
public final class BagOfWordsDense: Layer {
    /// How a token's count becomes its value.
    public enum Value: String, Codable, Sendable {
        /// 1 when present (multi-hot).
        case presence
        /// The count.
        case count
        /// `1 + ln(count)` (tf-idf's term frequency in Keras).
        case logCount
    }

    public static let typeName = "BagOfWordsDense"
    public var name: String
    public private(set) var inputShape: [Int]?
    /// The vocabulary size (kernel rows).
    public let vocabularySize: Int
    /// The output width.
    public let units: Int
    /// The activation after the affine map.
    public let activation: Activation
    /// How counts become values.
    public let value: Value
    /// A penalty on the kernel (Keras `kernel_regularizer`), or `nil`.
    public let kernelRegularizer: Regularizer?
    /// During training, each distinct token of a text is dropped with this probability and the
    /// others scaled by `1 / (1 − rate)` (dropout on the bag-of-words input, "word dropout").
    public let inputDropout: Float
    private var dropoutGenerator: SplitMix64
    /// `[vocabularySize, units]`.
    public private(set) var kernel: Parameter?
    /// `[units]`.
    public private(set) var bias: Parameter?
    /// `[vocabularySize]`, not trained: each token's weight.
    public private(set) var featureWeights: Parameter?
    private var initialFeatureWeights: Tensor?

    // Caches of the latest forward pass: per row, the distinct ids and their values.
    private var rowStarts: [Int] = [0]
    private var cachedIDs: [Int32] = []
    private var cachedValues: [Float] = []
    private var cachedPreActivation = Tensor(zeros: [0])
    private var cachedOutput = Tensor(zeros: [0])
    private var stamp: [Int32] = []
    private var slot: [Int32] = []

    /// Creates an unbuilt layer; `featureWeights` (length `vocabularySize`) defaults to ones.
    /// - Precondition: `vocabularySize > 0`, `units > 0`, weights of the right length.
    public init(
        vocabularySize: Int, units: Int, activation: Activation = .relu, value: Value = .presence,
        featureWeights: [Float]? = nil, kernelRegularizer: Regularizer? = nil, inputDropout: Float = 0,
        seed: UInt64 = 0, name: String = ""
    ) {
        precondition(
            inputDropout >= 0 && inputDropout < 1, "BagOfWordsDense: inputDropout \(inputDropout) not in [0, 1)")
        precondition(vocabularySize > 0 && units > 0, "BagOfWordsDense: sizes \(vocabularySize), \(units) must be > 0")
        precondition(
            featureWeights == nil || featureWeights!.count == vocabularySize,
            "BagOfWordsDense: \(featureWeights?.count ?? 0) feature weights for \(vocabularySize) tokens")
        self.vocabularySize = vocabularySize
        self.units = units
        self.activation = activation
        self.value = value
        self.kernelRegularizer = kernelRegularizer
        self.inputDropout = inputDropout
        self.dropoutGenerator = SplitMix64(seed: seed)
        self.name = name
        self.initialFeatureWeights = featureWeights.map { Tensor($0) }
    }

    public var parameters: [Parameter] { [kernel, bias, featureWeights].compactMap { $0 } }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        guard inputShape.count == 1 else {
            throw LayerError.incompatibleInput(layer: name, shape: inputShape, expected: "[length] token ids")
        }
        if kernel == nil {
            kernel = Parameter(
                name: "kernel",
                value: WeightInitializer.glorotUniform.make(shape: [vocabularySize, units], using: &rng),
                regularizer: kernelRegularizer)
            bias = Parameter(name: "bias", value: Tensor(zeros: [units]))
            featureWeights = Parameter(
                name: "feature_weights",
                value: initialFeatureWeights ?? Tensor(repeating: 1, shape: [vocabularySize]), isTrainable: false)
            initialFeatureWeights = nil
        }
        self.inputShape = inputShape
        return [units]
    }

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        guard let kernel, let bias, let featureWeights else {
            preconditionFailure(LayerError.notBuilt(layer: name).description)
        }
        precondition(input.rank == 2, "BagOfWordsDense \(name): input \(input.shape) is not [batch, length]")
        let rows = input.shape[0]
        let length = input.shape[1]
        if stamp.count != vocabularySize {
            stamp = [Int32](repeating: -1, count: vocabularySize)
            slot = [Int32](repeating: 0, count: vocabularySize)
        }
        rowStarts = [0]
        rowStarts.reserveCapacity(rows + 1)
        cachedIDs.removeAll(keepingCapacity: true)
        cachedValues.removeAll(keepingCapacity: true)
        var z = Tensor(zeros: [rows, units])
        input.withUnsafeBufferPointer { ids in
            featureWeights.value.withUnsafeBufferPointer { weights in
                for row in 0 ..< rows {
                    let start = cachedIDs.count
                    for t in 0 ..< length {
                        let raw = ids[row * length + t]
                        let id = Int(raw)
                        precondition(
                            Float(id) == raw && id >= 0 && id < vocabularySize,
                            "BagOfWordsDense \(name): token id \(raw) is not in 0..<\(vocabularySize)")
                        if id == 0 { continue }
                        if stamp[id] == Int32(row) {
                            cachedValues[Int(slot[id])] += 1
                        } else {
                            stamp[id] = Int32(row)
                            slot[id] = Int32(cachedIDs.count)
                            cachedIDs.append(Int32(id))
                            cachedValues.append(1)
                        }
                    }
                    for k in start ..< cachedIDs.count {
                        let count = cachedValues[k]
                        let f: Float =
                            switch value {
                            case .presence: 1
                            case .count: count
                            case .logCount: 1 + log(count)
                            }
                        cachedValues[k] = f * weights[Int(cachedIDs[k])]
                    }
                    if training && inputDropout > 0 {
                        let keep = 1 / (1 - inputDropout)
                        for k in start ..< cachedIDs.count {
                            cachedValues[k] *= dropoutGenerator.nextUnitFloat() < inputDropout ? 0 : keep
                        }
                    }
                    rowStarts.append(cachedIDs.count)
                }
            }
        }
        for id in cachedIDs { stamp[Int(id)] = -1 }
        let units = self.units
        z.withUnsafeMutableBufferPointer { out in
            kernel.value.withUnsafeBufferPointer { w in
                bias.value.withUnsafeBufferPointer { b in
                    for row in 0 ..< rows {
                        let target = out.baseAddress! + row * units
                        target.update(from: b.baseAddress!, count: units)
                        for k in rowStarts[row] ..< rowStarts[row + 1] {
                            let source = w.baseAddress! + Int(cachedIDs[k]) * units
                            let v = cachedValues[k]
                            for j in 0 ..< units { target[j] += v * source[j] }
                        }
                    }
                }
            }
        }
        if activation == .linear {
            cachedPreActivation = z
            cachedOutput = z
            return z
        }
        let y = activation.apply(z)
        cachedPreActivation = activation.backwardReadsInput ? z : Tensor(zeros: [0])
        cachedOutput = y
        return y
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        _ = backward(outputGradient, computeInputGradient: false)
        return Tensor(zeros: [rowStarts.count - 1, inputShape?.first ?? 0])
    }

    public func backward(_ outputGradient: Tensor, computeInputGradient: Bool) -> Tensor? {
        guard let kernel, let bias else { preconditionFailure(LayerError.notBuilt(layer: name).description) }
        let rows = rowStarts.count - 1
        precondition(
            outputGradient.count == rows * units,
            "BagOfWordsDense \(name): gradient \(outputGradient.shape) does not match [\(rows), \(units)]")
        var dz = outputGradient.reshaped([rows, units])
        if activation != .linear {
            let input = activation.backwardReadsInput ? cachedPreActivation : cachedOutput
            dz = activation.backward(input: input, output: cachedOutput, outputGradient: dz)
        }
        let units = self.units
        dz.withUnsafeBufferPointer { g in
            if kernel.isTrainable {
                kernel.gradient.withUnsafeMutableBufferPointer { dw in
                    for row in 0 ..< rows {
                        let gradientRow = g.baseAddress! + row * units
                        for k in rowStarts[row] ..< rowStarts[row + 1] {
                            let target = dw.baseAddress! + Int(cachedIDs[k]) * units
                            let v = cachedValues[k]
                            for j in 0 ..< units { target[j] += v * gradientRow[j] }
                        }
                    }
                }
            }
            if bias.isTrainable {
                bias.gradient.withUnsafeMutableBufferPointer { db in
                    for row in 0 ..< rows {
                        for j in 0 ..< units { db[j] += g[row * units + j] }
                    }
                }
            }
        }
        guard computeInputGradient else { return nil }
        return Tensor(zeros: [rows, inputShape?.first ?? 0])
    }

    public var configuration: LayerConfiguration {
        var configuration = LayerConfiguration(type: Self.typeName, name: name)
        configuration["vocabulary_size"] = .number(Double(vocabularySize))
        configuration["units"] = .number(Double(units))
        configuration["value"] = .string(value.rawValue)
        configuration.encode(activation, "activation")
        if let kernelRegularizer { configuration.encode(kernelRegularizer, "kernel_regularizer") }
        if inputDropout > 0 { configuration["input_dropout"] = .number(Double(inputDropout)) }
        return configuration
    }

    public convenience init(configuration: LayerConfiguration) throws {
        let vocabularySize = try configuration.int("vocabulary_size")
        let units = try configuration.int("units")
        guard vocabularySize > 0 && vocabularySize <= 1 << 24, units > 0 else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "units", reason: "sizes \(vocabularySize), \(units) are out of range")
        }
        guard let value = Value(rawValue: try configuration.string("value")) else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "value", reason: "expected presence, count or logCount")
        }
        self.init(
            vocabularySize: vocabularySize, units: units,
            activation: try configuration.decode(Activation.self, "activation"), value: value,
            kernelRegularizer: configuration["kernel_regularizer"] == nil
                ? nil : try configuration.decode(Regularizer.self, "kernel_regularizer"),
            inputDropout: configuration["input_dropout"] == nil ? 0 : try configuration.float("input_dropout"),
            name: configuration.name)
    }

    public var description: String {
        "BagOfWordsDense(vocabulary: \(vocabularySize), units: \(units), activation: \(activation), value: \(value))"
    }
}
