// NLPNeural: mask-aware average and max over the time axis.
import NLPCore

/// The mean over the time axis of `[batch, time, features]`, counting only real steps (Keras
/// `GlobalAveragePooling1D`, channels last).
///
/// ```swift
/// y[b, f] = Σ_t m[b, t]·x[b, t, f] / Σ_t m[b, t]      (m = mask, or all ones)
/// ∂x[b, t, f] = m[b, t]·∂y[b, f] / Σ_t m[b, t]
/// ```
/// A row whose steps are all padding gives zeros (Keras would give 0/0 = NaN). The output has no
/// time axis, so it carries no mask.
public final class GlobalAveragePooling1D: Layer {
    public static let typeName = "GlobalAveragePooling1D"
    public var name: String
    public private(set) var inputShape: [Int]?

    private var cachedInputShape: [Int] = []
    // Per (batch, step): m[b, t] / Σ_t m[b, t], the weight of each step in its row's mean.
    private var cachedWeights: [Float] = []

    /// Creates an average-pooling layer.
    public init(name: String = "") {
        self.name = name
    }

    public var parameters: [Parameter] { [] }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        let features = try GlobalPooling1DShapes.features(of: inputShape, layer: name)
        self.inputShape = inputShape
        return [features]
    }

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        let (batch, steps, features) = GlobalPooling1DShapes.dimensions(of: input, mask: mask, layer: name)
        cachedInputShape = input.shape
        cachedWeights = GlobalPooling1DShapes.stepWeights(mask: mask, batch: batch, steps: steps)
        return input.withUnsafeBufferPointer { x in
            cachedWeights.withUnsafeBufferPointer { weights in
                Tensor(shape: [batch, features]) { out in
                    out.update(repeating: 0)
                    for b in 0 ..< batch {
                        let row = out.baseAddress! + b * features
                        for t in 0 ..< steps where weights[b * steps + t] != 0 {
                            let step = x.baseAddress! + (b * steps + t) * features
                            VectorKernels.axpy(weights[b * steps + t], step, row, count: features)
                        }
                    }
                }
            }
        }
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        precondition(cachedInputShape.count == 3, "GlobalAveragePooling1D \(name): backward before forward")
        let (batch, steps, features) = (cachedInputShape[0], cachedInputShape[1], cachedInputShape[2])
        precondition(
            outputGradient.shape == [batch, features],
            "GlobalAveragePooling1D \(name): output gradient \(outputGradient.shape) is not [\(batch), \(features)]")
        return outputGradient.withUnsafeBufferPointer { g in
            cachedWeights.withUnsafeBufferPointer { weights in
                Tensor(shape: cachedInputShape) { dx in
                    for b in 0 ..< batch {
                        let row = g.baseAddress! + b * features
                        for t in 0 ..< steps {
                            let weight = weights[b * steps + t]
                            let step = dx.baseAddress! + (b * steps + t) * features
                            VectorKernels.binary(row, scalar: weight, step, count: features) { $0 * $1 }
                        }
                    }
                }
            }
        }
    }

    /// `nil`: the time axis is gone.
    public func outputMask(for input: Tensor, mask: Tensor?) -> Tensor? { nil }

    public var configuration: LayerConfiguration { LayerConfiguration(type: Self.typeName, name: name) }

    public convenience init(configuration: LayerConfiguration) throws {
        self.init(name: configuration.name)
    }

    public var description: String { "GlobalAveragePooling1D()" }
}

/// The maximum over the real time steps of `[batch, time, features]` (Keras
/// `GlobalMaxPooling1D`, channels last, here mask aware: padded steps never win).
///
/// ```swift
/// y[b, f] = max_{t: m[b, t] = 1} x[b, t, f]
/// ∂x[b, t, f] = ∂y[b, f] if t is the (first) step that won, else 0
/// ```
/// A row whose steps are all padding gives zeros. The output carries no mask.
public final class GlobalMaxPooling1D: Layer {
    public static let typeName = "GlobalMaxPooling1D"
    public var name: String
    public private(set) var inputShape: [Int]?

    private var cachedInputShape: [Int] = []
    // Per (batch, feature): the winning step, or -1 for an all-padding row.
    private var cachedWinners: [Int32] = []

    /// Creates a max-pooling layer.
    public init(name: String = "") {
        self.name = name
    }

    public var parameters: [Parameter] { [] }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        let features = try GlobalPooling1DShapes.features(of: inputShape, layer: name)
        self.inputShape = inputShape
        return [features]
    }

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        let (batch, steps, features) = GlobalPooling1DShapes.dimensions(of: input, mask: mask, layer: name)
        cachedInputShape = input.shape
        let stepIsReal = GlobalPooling1DShapes.stepWeights(mask: mask, batch: batch, steps: steps)
        cachedWinners = [Int32](repeating: -1, count: batch * features)
        return input.withUnsafeBufferPointer { x in
            cachedWinners.withUnsafeMutableBufferPointer { winners in
                Tensor(shape: [batch, features]) { out in
                    out.update(repeating: 0)
                    for b in 0 ..< batch {
                        let row = out.baseAddress! + b * features
                        let rowWinners = winners.baseAddress! + b * features
                        // Start from the first real step, then keep the strictly larger values
                        // (the first of equal maxima wins).
                        guard let first = (0 ..< steps).first(where: { stepIsReal[b * steps + $0] != 0 }) else {
                            continue
                        }
                        row.update(from: x.baseAddress! + (b * steps + first) * features, count: features)
                        rowWinners.update(repeating: Int32(first), count: features)
                        for t in first + 1 ..< steps where stepIsReal[b * steps + t] != 0 {
                            let step = x.baseAddress! + (b * steps + t) * features
                            let winner = Int32(t)
                            for f in 0 ..< features {
                                let larger = step[f] > row[f]
                                row[f] = larger ? step[f] : row[f]
                                rowWinners[f] = larger ? winner : rowWinners[f]
                            }
                        }
                    }
                }
            }
        }
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        precondition(cachedInputShape.count == 3, "GlobalMaxPooling1D \(name): backward before forward")
        let (batch, steps, features) = (cachedInputShape[0], cachedInputShape[1], cachedInputShape[2])
        precondition(
            outputGradient.shape == [batch, features],
            "GlobalMaxPooling1D \(name): output gradient \(outputGradient.shape) is not [\(batch), \(features)]")
        return outputGradient.withUnsafeBufferPointer { g in
            cachedWinners.withUnsafeBufferPointer { winners in
                Tensor(shape: cachedInputShape) { dx in
                    dx.update(repeating: 0)
                    for b in 0 ..< batch {
                        for f in 0 ..< features {
                            let t = Int(winners[b * features + f])
                            if t >= 0 { dx[(b * steps + t) * features + f] = g[b * features + f] }
                        }
                    }
                }
            }
        }
    }

    /// `nil`: the time axis is gone.
    public func outputMask(for input: Tensor, mask: Tensor?) -> Tensor? { nil }

    public var configuration: LayerConfiguration { LayerConfiguration(type: Self.typeName, name: name) }

    public convenience init(configuration: LayerConfiguration) throws {
        self.init(name: configuration.name)
    }

    public var description: String { "GlobalMaxPooling1D()" }
}

/// Shape checks and mask weights shared by the two pooling layers.
enum GlobalPooling1DShapes {
    /// The feature count of a per-sample shape `[time, features]`.
    static func features(of inputShape: [Int], layer: String) throws -> Int {
        guard inputShape.count == 2, inputShape[0] > 0 || inputShape[0] == -1, inputShape[1] > 0 else {
            throw LayerError.incompatibleInput(
                layer: layer, shape: inputShape, expected: "[time, features] with known features (time may be -1)")
        }
        return inputShape[1]
    }

    /// `(batch, time, features)` of a batch, after checking the mask's shape.
    static func dimensions(of input: Tensor, mask: Tensor?, layer: String) -> (Int, Int, Int) {
        precondition(input.rank == 3, "\(layer): input must be [batch, time, features], got \(input.shape)")
        let (batch, steps, features) = (input.shape[0], input.shape[1], input.shape[2])
        if let mask {
            precondition(
                mask.count == batch * steps, "\(layer): mask \(mask.shape) does not match input \(input.shape)")
        }
        return (batch, steps, features)
    }

    /// `m[b, t] / Σ_t m[b, t]` per step (each real step's share of its row; 0 for padding).
    static func stepWeights(mask: Tensor?, batch: Int, steps: Int) -> [Float] {
        guard let mask else { return [Float](repeating: steps > 0 ? 1 / Float(steps) : 0, count: batch * steps) }
        return mask.withUnsafeBufferPointer { m in
            var weights = [Float](repeating: 0, count: batch * steps)
            for b in 0 ..< batch {
                var real: Float = 0
                for t in 0 ..< steps where m[b * steps + t] != 0 { real += 1 }
                guard real > 0 else { continue }
                for t in 0 ..< steps where m[b * steps + t] != 0 { weights[b * steps + t] = 1 / real }
            }
            return weights
        }
    }
}
