// NLPNeural: inverted dropout.
import NLPCore

/// Zeroes each input scalar with probability `rate` while training and scales the kept ones by
/// `1 / (1 − rate)` (inverted dropout, Keras `Dropout`), so inference is the identity.
///
/// ```swift
/// training:  y = x ⊙ m / (1 − rate),  m ~ Bernoulli(1 − rate) per scalar
/// inference: y = x
/// backward:  ∂x = ∂y ⊙ m / (1 − rate)
/// ```
///
/// The masks come from the layer's own `SplitMix64`, seeded from `seed` when given, otherwise from
/// the model's generator at the first `build`: the same seeds give the same masks.
///
/// [1]: Srivastava et al., 2014, "Dropout: a simple way to prevent neural networks from overfitting".
public final class Dropout: Layer {
    public static let typeName = "Dropout"
    public var name: String
    public private(set) var inputShape: [Int]?
    /// The fraction of scalars dropped while training, in `[0, 1)`.
    public let rate: Float
    /// The seed of the mask generator, or `nil` to draw one from the model's generator at build.
    public let seed: UInt64?

    /// The seed in use (the given one, or the one drawn at the first build).
    private var effectiveSeed: UInt64?
    private var generator = SplitMix64(seed: 0)
    // The scaled mask (0 or 1/(1 − rate)) of the latest training forward; empty after inference.
    private var cachedMask: [Float] = []
    private var lastForwardTrained = false

    /// Creates a dropout layer.
    /// - Precondition: `0 ≤ rate < 1`.
    public init(rate: Float, seed: UInt64? = nil, name: String = "") {
        precondition(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1), got \(rate)")
        self.rate = rate
        self.seed = seed
        self.name = name
        if let seed { restartGenerator(seed: seed) }
    }

    public var parameters: [Parameter] { [] }

    /// The mask generator where it stands: saving it and setting it back later makes the next
    /// training masks the ones an uninterrupted run would draw (checkpoints).
    public var maskGenerator: SplitMix64 {
        get { generator }
        set { generator = newValue }
    }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        if effectiveSeed == nil { restartGenerator(seed: rng.next()) }
        self.inputShape = inputShape
        return inputShape
    }

    /// Restarts the mask sequence from the layer's seed: the next training forward draws the same
    /// mask as the first one after `build` (useful to replay a step).
    public func resetGenerator() {
        if let effectiveSeed { restartGenerator(seed: effectiveSeed) }
    }

    private func restartGenerator(seed: UInt64) {
        effectiveSeed = seed
        generator = SplitMix64(seed: seed)
    }

    // MARK: - Forward and backward

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        lastForwardTrained = training && rate > 0
        guard lastForwardTrained else {
            cachedMask.removeAll(keepingCapacity: true)
            return input
        }
        precondition(effectiveSeed != nil, LayerError.notBuilt(layer: name).description)
        let count = input.count
        let scale = 1 / (1 - rate)
        // Keep when a 32-bit uniform draw is ≥ rate·2³²; each 64-bit draw serves two scalars.
        let threshold = UInt32(min(Double(rate) * 4_294_967_296, 4_294_967_295))
        cachedMask = [Float](unsafeUninitializedCapacity: count) { mask, initialized in
            var i = 0
            while i + 1 < count {
                let bits = generator.next()
                mask[i] = UInt32(truncatingIfNeeded: bits) >= threshold ? scale : 0
                mask[i + 1] = UInt32(truncatingIfNeeded: bits >> 32) >= threshold ? scale : 0
                i += 2
            }
            if i < count { mask[i] = UInt32(truncatingIfNeeded: generator.next()) >= threshold ? scale : 0 }
            initialized = count
        }
        return multiplyByMask(input)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard lastForwardTrained else { return outputGradient }
        precondition(
            outputGradient.count == cachedMask.count,
            "Dropout \(name): output gradient \(outputGradient.shape) does not match the last forward (\(cachedMask.count) scalars)"
        )
        return multiplyByMask(outputGradient)
    }

    private func multiplyByMask(_ x: Tensor) -> Tensor {
        x.withUnsafeBufferPointer { source in
            cachedMask.withUnsafeBufferPointer { mask in
                Tensor(shape: x.shape) { out in
                    VectorKernels.binary(source.baseAddress!, mask.baseAddress!, out.baseAddress!, count: x.count) {
                        $0 * $1
                    }
                }
            }
        }
    }

    // MARK: - Configuration

    public var configuration: LayerConfiguration {
        var configuration = LayerConfiguration(type: Self.typeName, name: name)
        configuration["rate"] = .number(Double(rate))
        // Seeds above 2^53 would lose bits as JSON numbers, so they travel as strings.
        if let seed { configuration["seed"] = .string(String(seed)) }
        return configuration
    }

    public convenience init(configuration: LayerConfiguration) throws {
        let rate = try configuration.float("rate")
        guard rate >= 0 && rate < 1 else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "rate", reason: "\(rate) is not in [0, 1)")
        }
        var seed: UInt64?
        switch configuration["seed"] {
        case nil, .null?: seed = nil
        case .string(let text)?:
            guard let value = UInt64(text) else {
                throw LayerConfigurationError.wrongType(
                    layer: configuration.name, key: "seed", expected: "unsigned integer")
            }
            seed = value
        case .number(let value)? where value >= 0 && value == value.rounded() && value < 9_007_199_254_740_992:
            seed = UInt64(value)
        default:
            throw LayerConfigurationError.wrongType(
                layer: configuration.name, key: "seed", expected: "unsigned integer")
        }
        self.init(rate: rate, seed: seed, name: configuration.name)
    }

    public var description: String { "Dropout(rate: \(rate)\(seed.map { ", seed: \($0)" } ?? ""))" }
}
