// NLPNeural: the fully connected layer.
import NLPCore

/// `activation(x · kernel + bias)` on the last axis (Keras `Dense`).
///
/// Shapes: input `[batch, …, inputSize]`, kernel `[inputSize, units]` (Keras layout), bias
/// `[units]`, output `[batch, …, units]`. Inputs of rank > 2 are treated as `[batch·…, inputSize]`,
/// so `Dense` on `[batch, time, features]` acts on every step (Keras's behaviour).
///
/// ```swift
/// let dense = Dense(units: 16, activation: .relu)
/// try dense.build(inputShape: [10000], seed: 1)      // 160,016 parameters
/// ```
public final class Dense: Layer {
    public static let typeName = "Dense"
    public var name: String
    public private(set) var inputShape: [Int]?
    /// The output width.
    public let units: Int
    /// The activation applied after the affine map.
    public let activation: Activation
    /// Whether a bias is added.
    public let useBias: Bool
    /// How the kernel starts (Keras default Glorot uniform); the bias starts at zero.
    public let kernelInitializer: WeightInitializer
    public let kernelRegularizer: Regularizer?
    public let biasRegularizer: Regularizer?
    public let activityRegularizer: Regularizer?

    /// `[inputSize, units]`.
    public private(set) var kernel: Parameter?
    /// `[units]`, or `nil` without bias.
    public private(set) var bias: Parameter?

    // Caches of the latest forward pass.
    private var cachedInput = Tensor(zeros: [0])
    private var cachedPreActivation = Tensor(zeros: [0])
    private var cachedOutput = Tensor(zeros: [0])

    /// Creates an unbuilt dense layer.
    /// - Precondition: `units > 0`.
    public init(
        units: Int, activation: Activation = .linear, useBias: Bool = true,
        kernelInitializer: WeightInitializer = .glorotUniform, kernelRegularizer: Regularizer? = nil,
        biasRegularizer: Regularizer? = nil, activityRegularizer: Regularizer? = nil, name: String = ""
    ) {
        precondition(units > 0, "Dense: units must be positive, got \(units)")
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
        self.activityRegularizer = activityRegularizer
        self.name = name
    }

    public var parameters: [Parameter] { [kernel, bias].compactMap { $0 } }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        guard let inputSize = inputShape.last, inputSize > 0 else {
            throw LayerError.incompatibleInput(
                layer: name, shape: inputShape, expected: "a known, positive last axis [..., features]")
        }
        if self.inputShape == inputShape, kernel != nil { return Array(inputShape.dropLast()) + [units] }
        if let kernel, kernel.value.shape[0] != inputSize {
            throw LayerError.incompatibleInput(
                layer: name, shape: inputShape, expected: "[..., \(kernel.value.shape[0])] (already built)")
        }
        if kernel == nil {
            kernel = Parameter(
                name: "kernel", value: kernelInitializer.make(shape: [inputSize, units], using: &rng),
                regularizer: kernelRegularizer)
            if useBias { bias = Parameter(name: "bias", value: Tensor(zeros: [units]), regularizer: biasRegularizer) }
        }
        self.inputShape = inputShape
        return Array(inputShape.dropLast()) + [units]
    }

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        guard let kernel else { preconditionFailure(LayerError.notBuilt(layer: name).description) }
        let inputSize = kernel.value.shape[0]
        precondition(
            input.rank >= 2 && input.shape.last == inputSize,
            "Dense \(name): input shape \(input.shape) does not end in \(inputSize)")
        let rows = input.count / inputSize
        let flat = input.reshaped([rows, inputSize])
        var z = Tensor(zeros: [rows, units])
        if let bias {
            // Broadcast the bias into every row, then accumulate x · W on top (beta = 1).
            z.withUnsafeMutableBufferPointer { out in
                bias.value.withUnsafeBufferPointer { b in
                    for row in 0 ..< rows {
                        (out.baseAddress! + row * units).update(from: b.baseAddress!, count: units)
                    }
                }
            }
            Tensor.gemm(flat, kernel.value, into: &z, beta: 1)
        } else {
            Tensor.gemm(flat, kernel.value, into: &z)
        }
        cachedInput = flat
        let outputShape = Array(input.shape.dropLast()) + [units]
        if activation == .linear {
            cachedPreActivation = z
            cachedOutput = z
            return z.reshaped(outputShape)
        }
        let y = activation.apply(z)
        cachedPreActivation = activation.backwardReadsInput ? z : Tensor(zeros: [0])
        cachedOutput = y
        return y.reshaped(outputShape)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        backward(outputGradient, computeInputGradient: true)!
    }

    public func backward(_ outputGradient: Tensor, computeInputGradient: Bool) -> Tensor? {
        guard let kernel else { preconditionFailure(LayerError.notBuilt(layer: name).description) }
        let inputSize = kernel.value.shape[0]
        let rows = cachedInput.shape[0]
        precondition(
            outputGradient.count == rows * units,
            "Dense \(name): output gradient \(outputGradient.shape) does not match the last forward ([\(rows), \(units)])"
        )
        var dz = outputGradient.reshaped([rows, units])
        if activation != .linear {
            let input = activation.backwardReadsInput ? cachedPreActivation : cachedOutput
            dz = activation.backward(input: input, output: cachedOutput, outputGradient: dz)
        }
        // dW += xᵀ · dz, db += Σ_rows dz, dx = dz · Wᵀ
        if kernel.isTrainable {
            Tensor.gemm(cachedInput, dz, into: &kernel.gradient, transposeA: true, beta: 1)
        }
        if let bias, bias.isTrainable {
            dz.withUnsafeBufferPointer { g in
                bias.gradient.withUnsafeMutableBufferPointer { db in
                    for row in 0 ..< rows {
                        let base = row * units
                        for j in 0 ..< units { db[j] += g[base + j] }
                    }
                }
            }
        }
        guard computeInputGradient else { return nil }
        let dx = Tensor.matmul(dz, kernel.value, transposeB: true)
        var inputShape = outputGradient.shape
        inputShape[inputShape.count - 1] = inputSize
        return dx.reshaped(inputShape)
    }

    public var configuration: LayerConfiguration {
        var configuration = LayerConfiguration(type: Self.typeName, name: name)
        configuration["units"] = .number(Double(units))
        configuration["use_bias"] = .bool(useBias)
        configuration.encode(activation, "activation")
        configuration.encode(kernelInitializer, "kernel_initializer")
        if let kernelRegularizer { configuration.encode(kernelRegularizer, "kernel_regularizer") }
        if let biasRegularizer { configuration.encode(biasRegularizer, "bias_regularizer") }
        if let activityRegularizer { configuration.encode(activityRegularizer, "activity_regularizer") }
        return configuration
    }

    public convenience init(configuration: LayerConfiguration) throws {
        let units = try configuration.int("units")
        guard units > 0 else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "units", reason: "must be positive")
        }
        self.init(
            units: units,
            activation: try configuration.decode(Activation.self, "activation"),
            useBias: try configuration.bool("use_bias"),
            kernelInitializer: try configuration.decode(WeightInitializer.self, "kernel_initializer"),
            kernelRegularizer: configuration["kernel_regularizer"] == nil
                ? nil : try configuration.decode(Regularizer.self, "kernel_regularizer"),
            biasRegularizer: configuration["bias_regularizer"] == nil
                ? nil : try configuration.decode(Regularizer.self, "bias_regularizer"),
            activityRegularizer: configuration["activity_regularizer"] == nil
                ? nil : try configuration.decode(Regularizer.self, "activity_regularizer"),
            name: configuration.name)
    }

    public var description: String { "Dense(units: \(units), activation: \(activation), useBias: \(useBias))" }
}
