// NLPNeural: collapse every axis but the batch axis.
import NLPCore

/// Reshapes `[batch, d₁, d₂, …]` to `[batch, d₁·d₂·…]` (Keras `Flatten`); the backward pass
/// reshapes the gradient back. The output has no time axis, so it carries no mask.
public final class Flatten: Layer {
    public static let typeName = "Flatten"
    public var name: String
    public private(set) var inputShape: [Int]?

    private var cachedInputShape: [Int] = []

    /// Creates a flatten layer.
    public init(name: String = "") {
        self.name = name
    }

    public var parameters: [Parameter] { [] }

    /// - Throws: `LayerError.incompatibleInput` when an axis has unknown length (-1): Keras needs
    ///   the flattened size to build the next layer.
    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        guard inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInput(
                layer: name, shape: inputShape,
                expected: "axes of known, positive length (pad sequences to a fixed length)")
        }
        self.inputShape = inputShape
        return [inputShape.reduce(1, *)]
    }

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        precondition(input.rank >= 1, "Flatten \(name): input needs a batch axis, got shape \(input.shape)")
        cachedInputShape = input.shape
        let batch = input.shape[0]
        return input.reshaped([batch, batch == 0 ? 0 : input.count / batch])
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        precondition(
            outputGradient.count == cachedInputShape.reduce(1, *),
            "Flatten \(name): output gradient \(outputGradient.shape) does not match the last forward \(cachedInputShape)"
        )
        return outputGradient.reshaped(cachedInputShape)
    }

    /// `nil`: the time axis is gone.
    public func outputMask(for input: Tensor, mask: Tensor?) -> Tensor? { nil }

    public var configuration: LayerConfiguration { LayerConfiguration(type: Self.typeName, name: name) }

    public convenience init(configuration: LayerConfiguration) throws {
        self.init(name: configuration.name)
    }

    public var description: String { "Flatten()" }
}
