// NLPNeural: a recurrent layer run in both directions, outputs merged.
import NLPCore

/// Keras `Bidirectional`: runs a recurrent layer forwards and a copy of it backwards over the same
/// sequence, and merges the two outputs.
///
/// ```swift
/// let layer = Bidirectional(LSTM(units: 64, returnSequences: true), mergeMode: .concat)
/// try layer.build(inputShape: [-1, 32], seed: 1)     // output [-1, 128]
/// ```
/// The backward copy is rebuilt from the layer's configuration with `goBackwards` toggled (names
/// `forward_<name>` and `backward_<name>`). With `returnSequences` its output is re-reversed, so
/// step `t` of both halves belongs to input step `t` (as in Keras). Parameters: the forward layer's,
/// then the backward layer's. Masks go to both layers; at padded steps each half repeats its
/// previous output (Keras zeroes them in `Bidirectional`; the sublayers' semantics are kept here).
public final class Bidirectional: Layer {
    public static let typeName = "Bidirectional"

    /// How the two outputs are combined (Keras `merge_mode` names).
    public enum MergeMode: String, Codable, Sendable, CaseIterable {
        /// `[forward, backward]` along the last axis (width 2H).
        case concat
        /// `forward + backward`.
        case sum
        /// `forward ⊙ backward` (Keras "mul").
        case multiply = "mul"
        /// `(forward + backward) / 2` (Keras "ave").
        case average = "ave"
    }

    public var name: String
    public private(set) var inputShape: [Int]?
    /// How the outputs are merged.
    public let mergeMode: MergeMode
    /// The layer that reads the sequence in its own direction.
    public let forwardLayer: any RecurrentLayer
    /// The copy that reads it the other way.
    public let backwardLayer: any RecurrentLayer

    private var cachedForward = Tensor(zeros: [0])
    private var cachedBackward = Tensor(zeros: [0])

    /// Wraps `layer` (which becomes the forward half) and makes its backward copy.
    /// - Precondition: `layer` is an `LSTM`, `GRU` or `SimpleRNN`.
    public init(_ layer: any RecurrentLayer, mergeMode: MergeMode = .concat, name: String = "") {
        self.mergeMode = mergeMode
        self.name = name
        let base = layer.name
        var configuration = layer.configuration
        configuration["go_backwards"] = .bool(!layer.options.goBackwards)
        configuration.name = "backward_" + base
        do {
            backwardLayer = try Bidirectional.makeRecurrent(configuration)
        } catch {
            preconditionFailure("Bidirectional: cannot make the backward copy of \(layer): \(error)")
        }
        layer.name = "forward_" + base
        forwardLayer = layer
    }

    /// Rebuilds an unbuilt Bidirectional layer from its configuration (`layer`, `merge_mode`).
    public convenience init(configuration: LayerConfiguration) throws {
        let inner = try configuration.decode(LayerConfiguration.self, "layer")
        guard let mode = MergeMode(rawValue: try configuration.string("merge_mode")) else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "merge_mode", reason: "expected concat, sum, mul or ave")
        }
        self.init(try Bidirectional.makeRecurrent(inner), mergeMode: mode, name: configuration.name)
    }

    /// A recurrent layer from its configuration.
    static func makeRecurrent(_ configuration: LayerConfiguration) throws -> any RecurrentLayer {
        switch configuration.type {
        case LSTM.typeName: return try LSTM(configuration: configuration)
        case GRU.typeName: return try GRU(configuration: configuration)
        case SimpleRNN.typeName: return try SimpleRNN(configuration: configuration)
        default:
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "layer", reason: "\(configuration.type) is not a recurrent layer")
        }
    }

    public var parameters: [Parameter] { forwardLayer.parameters + backwardLayer.parameters }

    /// `forward_<name>/<parameter>` then `backward_<name>/<parameter>` (Keras's weight paths).
    public var parameterNames: [String] {
        forwardLayer.parameters.map { "\(forwardLayer.name)/\($0.name)" }
            + backwardLayer.parameters.map { "\(backwardLayer.name)/\($0.name)" }
    }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        var shape = try forwardLayer.build(inputShape: inputShape, using: &rng)
        try backwardLayer.build(inputShape: inputShape, using: &rng)
        self.inputShape = inputShape
        if mergeMode == .concat { shape[shape.count - 1] *= 2 }
        return shape
    }

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        let y = forwardLayer.forward(input, mask: mask, training: training)
        var yb = backwardLayer.forward(input, mask: mask, training: training)
        if forwardLayer.options.returnSequences { yb = Bidirectional.reverseTime(yb) }
        cachedForward = y
        cachedBackward = yb
        switch mergeMode {
        case .concat: return Bidirectional.concatenateLast(y, yb)
        case .sum: return y + yb
        case .multiply: return y * yb
        case .average: return (y + yb) * Tensor(scalar: 0.5)
        }
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        backward(outputGradient, computeInputGradient: true)!
    }

    public func backward(_ outputGradient: Tensor, computeInputGradient: Bool) -> Tensor? {
        let gf: Tensor
        var gb: Tensor
        switch mergeMode {
        case .concat: (gf, gb) = Bidirectional.splitLast(outputGradient)
        case .sum: (gf, gb) = (outputGradient, outputGradient)
        case .multiply: (gf, gb) = (outputGradient * cachedBackward, outputGradient * cachedForward)
        case .average:
            let half = outputGradient * Tensor(scalar: 0.5)
            (gf, gb) = (half, half)
        }
        if forwardLayer.options.returnSequences { gb = Bidirectional.reverseTime(gb) }
        let dxForward = forwardLayer.backward(gf, computeInputGradient: computeInputGradient)
        let dxBackward = backwardLayer.backward(gb, computeInputGradient: computeInputGradient)
        guard let dxForward, let dxBackward else { return nil }
        return dxForward + dxBackward
    }

    public func outputMask(for input: Tensor, mask: Tensor?) -> Tensor? {
        forwardLayer.options.returnSequences ? mask : nil
    }

    public var configuration: LayerConfiguration {
        var configuration = LayerConfiguration(type: Self.typeName, name: name)
        var inner = forwardLayer.configuration
        if inner.name.hasPrefix("forward_") { inner.name.removeFirst("forward_".count) }
        configuration.encode(inner, "layer")
        configuration["merge_mode"] = .string(mergeMode.rawValue)
        return configuration
    }

    public var description: String { "Bidirectional(\(forwardLayer.description), mergeMode: \(mergeMode))" }

    // MARK: - Shape helpers

    /// `[B, T, F]` with the time axis reversed.
    static func reverseTime(_ x: Tensor) -> Tensor {
        let (B, T, F) = (x.shape[0], x.shape[1], x.shape[2])
        return x.withUnsafeBufferPointer { p in
            Tensor(shape: x.shape) { out in
                for b in 0 ..< B {
                    for t in 0 ..< T {
                        (out.baseAddress! + (b * T + t) * F).update(
                            from: p.baseAddress! + (b * T + T - 1 - t) * F, count: F)
                    }
                }
            }
        }
    }

    /// `[…, F]` and `[…, F]` joined into `[…, 2F]`.
    static func concatenateLast(_ a: Tensor, _ b: Tensor) -> Tensor {
        let width = a.shape[a.rank - 1]
        let rows = a.count / width
        var shape = a.shape
        shape[shape.count - 1] = 2 * width
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                Tensor(shape: shape) { out in
                    for r in 0 ..< rows {
                        (out.baseAddress! + 2 * r * width).update(from: pa.baseAddress! + r * width, count: width)
                        (out.baseAddress! + (2 * r + 1) * width).update(from: pb.baseAddress! + r * width, count: width)
                    }
                }
            }
        }
    }

    /// `[…, 2F]` split into its two `[…, F]` halves.
    static func splitLast(_ x: Tensor) -> (Tensor, Tensor) {
        let width = x.shape[x.rank - 1] / 2
        let rows = x.count / (2 * width)
        var shape = x.shape
        shape[shape.count - 1] = width
        return x.withUnsafeBufferPointer { p in
            func half(_ offset: Int) -> Tensor {
                Tensor(shape: shape) { out in
                    for r in 0 ..< rows {
                        (out.baseAddress! + r * width).update(
                            from: p.baseAddress! + (2 * r + offset) * width, count: width)
                    }
                }
            }
            return (half(0), half(1))
        }
    }
}
