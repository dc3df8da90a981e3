// NLPNeural: what SimpleRNN, GRU and LSTM share — weights, state, dropout masks and the engine.
import NLPCore

/// A recurrent layer over `[batch, time, features]` inputs with Keras's state API.
///
/// ```swift
/// let lstm = LSTM(units: 128, returnSequences: true, stateful: true)
/// _ = lstm.forward(firstHalf, mask: nil, training: true)    // finalState → next initialState
/// _ = lstm.forward(secondHalf, mask: nil, training: true)
/// lstm.resetStates()
/// ```
public protocol RecurrentLayer: Layer {
    /// The hyperparameters.
    var options: RecurrentOptions { get }
    /// The state the next forward pass starts from (`[h]` or `[h, c]`, each `[batch, units]`);
    /// `nil` means zeros.
    var initialState: [Tensor]? { get set }
    /// The state after the latest forward pass (`[h]` or `[h, c]`, each `[batch, units]`).
    var finalState: [Tensor] { get }
    /// ∂L/∂initialState from the latest backward pass (zeros-state included), same layout.
    var initialStateGradient: [Tensor] { get }
    /// Forgets the carried state: the next forward pass starts from zeros.
    func resetStates()
}

extension RecurrentLayer {
    /// The state width.
    public var units: Int { options.units }
    /// Whether the layer returns every step.
    public var returnSequences: Bool { options.returnSequences }
    /// Whether the layer reads sequences back to front.
    public var goBackwards: Bool { options.goBackwards }
    /// Whether the final state carries over to the next batch.
    public var stateful: Bool { options.stateful }
}

/// The state and weights of one recurrent layer; the layer classes are thin wrappers.
final class RecurrentCore {
    let kind: RecurrentCellKind
    let options: RecurrentOptions
    var layerName: String
    private(set) var inputShape: [Int]?
    private(set) var kernel: Parameter?
    private(set) var recurrentKernel: Parameter?
    private(set) var bias: Parameter?
    private var engine: RecurrentEngine?
    private var dropoutGenerator = SplitMix64(seed: 0)
    var initialState: [Tensor]?
    private(set) var finalState: [Tensor] = []
    private(set) var initialStateGradient: [Tensor] = []

    init(kind: RecurrentCellKind, options: RecurrentOptions, name: String) {
        options.validate(name.isEmpty ? "\(kind)" : name)
        self.kind = kind
        self.options = options
        self.layerName = name
    }

    var parameters: [Parameter] { [kernel, recurrentKernel, bias].compactMap { $0 } }

    /// `[T, H]` with `returnSequences`, else `[H]`.
    func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        let H = options.units
        guard inputShape.count == 2, let D = inputShape.last, D > 0, inputShape[0] == -1 || inputShape[0] > 0 else {
            throw LayerError.incompatibleInput(
                layer: layerName, shape: inputShape, expected: "[time, features] with known features")
        }
        let outputShape = options.returnSequences ? [inputShape[0], H] : [H]
        if let kernel {
            guard kernel.value.shape[0] == D else {
                throw LayerError.incompatibleInput(
                    layer: layerName, shape: inputShape, expected: "[time, \(kernel.value.shape[0])] (already built)")
            }
            self.inputShape = inputShape
            return outputShape
        }
        let G = kind.gateCount
        kernel = Parameter(
            name: "kernel", value: options.kernelInitializer.make(shape: [D, G * H], using: &rng),
            regularizer: options.kernelRegularizer)
        recurrentKernel = Parameter(
            name: "recurrent_kernel", value: options.recurrentInitializer.make(shape: [H, G * H], using: &rng),
            regularizer: options.recurrentRegularizer)
        if options.useBias {
            var value = Tensor(zeros: kind == .gru ? [2, G * H] : [G * H])
            if kind == .lstm && options.unitForgetBias {
                value.withUnsafeMutableBufferPointer { b in b[H ..< 2 * H].update(repeating: 1) }
            }
            bias = Parameter(name: "bias", value: value, regularizer: options.biasRegularizer)
        }
        dropoutGenerator = SplitMix64(seed: rng.next())
        engine = RecurrentEngine(
            kind: kind, units: H, inputSize: D,
            activations: RecurrentActivations(
                activation: options.activation, recurrentActivation: options.recurrentActivation),
            goBackwards: options.goBackwards, returnSequences: options.returnSequences)
        self.inputShape = inputShape
        return outputShape
    }

    /// A keep mask scaled by `1 / (1 − rate)`, or `nil` when nothing is dropped.
    private func dropoutMask(rate: Float, count: Int) -> [Float]? {
        guard rate > 0 else { return nil }
        let keep = 1 / (1 - rate)
        return (0 ..< count).map { _ in dropoutGenerator.nextUnitFloat() < rate ? 0 : keep }
    }

    private func withWeights<R>(_ body: (RecurrentWeights) -> R) -> R {
        guard let kernel, let recurrentKernel else {
            preconditionFailure(LayerError.notBuilt(layer: layerName).description)
        }
        return kernel.value.withUnsafeBufferPointer { w in
            recurrentKernel.value.withUnsafeBufferPointer { u in
                func run(_ b: UnsafePointer<Float>?) -> R {
                    body(RecurrentWeights(kernel: w.baseAddress!, recurrentKernel: u.baseAddress!, bias: b))
                }
                guard let bias else { return run(nil) }
                return bias.value.withUnsafeBufferPointer { run($0.baseAddress!) }
            }
        }
    }

    func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        guard let engine else { preconditionFailure(LayerError.notBuilt(layer: layerName).description) }
        precondition(
            input.rank == 3 && input.shape[2] == engine.inputSize,
            "\(layerName): input shape \(input.shape) is not [batch, time, \(engine.inputSize)]")
        let B = input.shape[0]
        if let initialState, initialState.first?.shape[0] != B {
            precondition(
                !options.stateful,
                "\(layerName): stateful layer got batch \(B) but carries state for batch \(initialState[0].shape[0]); call resetStates()"
            )
        }
        let inputDropout = training ? dropoutMask(rate: options.dropout, count: B * engine.inputSize) : nil
        let recurrentDropout = training ? dropoutMask(rate: options.recurrentDropout, count: B * options.units) : nil
        let (output, state) = withWeights { weights in
            engine.forward(
                input, mask: mask, initialState: initialState, weights: weights, inputDropout: inputDropout,
                recurrentDropout: recurrentDropout, training: training)
        }
        finalState = state
        if options.stateful { initialState = state }
        return output
    }

    /// Back-propagates through the latest forward pass; ∂L/∂input only when `computeInputGradient`.
    func backward(_ outputGradient: Tensor, computeInputGradient: Bool) -> Tensor? {
        guard let engine, let kernel, let recurrentKernel else {
            preconditionFailure(LayerError.notBuilt(layer: layerName).description)
        }
        let result = withWeights { weights in
            withGradient(kernel) { dW in
                withGradient(recurrentKernel) { dU in
                    withGradient(bias) { db in
                        engine.backward(
                            outputGradient, weights: weights, kernelGradient: dW, recurrentKernelGradient: dU,
                            biasGradient: db, computeInputGradient: computeInputGradient)
                    }
                }
            }
        }
        initialStateGradient = result.initialStateGradient
        return result.inputGradient
    }

    /// Runs `body` with the gradient buffer of a trainable parameter, or `nil`.
    private func withGradient<R>(_ parameter: Parameter?, _ body: (UnsafeMutablePointer<Float>?) -> R) -> R {
        guard let parameter, parameter.isTrainable else { return body(nil) }
        if parameter.gradient.shape != parameter.value.shape { parameter.zeroGradient() }
        return parameter.gradient.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    func resetStates() {
        initialState = nil
        finalState = []
    }

    func configuration(type: String) -> LayerConfiguration {
        var configuration = LayerConfiguration(type: type, name: layerName)
        options.encode(into: &configuration)
        return configuration
    }
}
