// NLPNeural: an activation function as a layer of its own.
import NLPCore

/// Applies an activation function to its input (Keras `Activation`, type name `"Activation"`).
///
/// ```swift
/// y = activation(x)            ∂x = activation.backward(x, y, ∂y)
/// ```
/// `softmax` and `logSoftmax` act on the last axis; every other activation acts elementwise.
public final class ActivationLayer: Layer {
    public static let typeName = "Activation"
    public var name: String
    public private(set) var inputShape: [Int]?
    /// The function applied.
    public let activation: Activation

    // Caches of the latest forward pass (only what the backward of `activation` reads).
    private var cachedInput = Tensor(zeros: [0])
    private var cachedOutput = Tensor(zeros: [0])

    /// Creates an activation layer.
    public init(_ activation: Activation, name: String = "") {
        self.activation = activation
        self.name = name
    }

    public var parameters: [Parameter] { [] }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        self.inputShape = inputShape
        return inputShape
    }

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        let output = activation.apply(input)
        cachedInput = activation.backwardReadsInput ? input : Tensor(zeros: [0])
        cachedOutput = output
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        precondition(
            outputGradient.shape == cachedOutput.shape,
            "Activation \(name): output gradient \(outputGradient.shape) does not match the last forward \(cachedOutput.shape)"
        )
        if activation == .linear { return outputGradient }
        let input = activation.backwardReadsInput ? cachedInput : cachedOutput
        return activation.backward(input: input, output: cachedOutput, outputGradient: outputGradient)
    }

    public var configuration: LayerConfiguration {
        var configuration = LayerConfiguration(type: Self.typeName, name: name)
        configuration.encode(activation, "activation")
        return configuration
    }

    public convenience init(configuration: LayerConfiguration) throws {
        self.init(try configuration.decode(Activation.self, "activation"), name: configuration.name)
    }

    public var description: String { "Activation(\(activation))" }
}
