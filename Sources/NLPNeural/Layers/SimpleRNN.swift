// NLPNeural: the fully connected (Elman) recurrent layer.
import NLPCore

/// Keras `SimpleRNN`: `h' = tanh(x·W + h·U + b)` over `[batch, time, features]`.
///
/// Parameters (Keras layout): `kernel` `[D, H]`, `recurrent_kernel` `[H, H]`, `bias` `[H]`.
/// SimpleRNN(32) on 32 features has 32·32 + 32·32 + 32 = 2,080 parameters.
///
/// Outputs, `goBackwards`, masking, state and dropout behave as in `LSTM` (state `[h]`).
public final class SimpleRNN: RecurrentLayer {
    public static let typeName = "SimpleRNN"
    private let core: RecurrentCore

    /// Creates an unbuilt SimpleRNN.
    /// - Precondition: `units > 0`, `dropout` and `recurrentDropout` in `[0, 1)`, elementwise activation.
    public init(
        units: Int, activation: Activation = .tanh, returnSequences: Bool = false, goBackwards: Bool = false,
        stateful: Bool = false, dropout: Float = 0, recurrentDropout: Float = 0,
        kernelInitializer: WeightInitializer = .glorotUniform, recurrentInitializer: WeightInitializer = .orthogonal,
        useBias: Bool = true, kernelRegularizer: Regularizer? = nil, recurrentRegularizer: Regularizer? = nil,
        biasRegularizer: Regularizer? = nil, name: String = ""
    ) {
        core = RecurrentCore(
            kind: .simple,
            options: RecurrentOptions(
                units: units, activation: activation, recurrentActivation: .sigmoid, useBias: useBias,
                returnSequences: returnSequences, goBackwards: goBackwards, stateful: stateful, dropout: dropout,
                recurrentDropout: recurrentDropout, unitForgetBias: false, kernelInitializer: kernelInitializer,
                recurrentInitializer: recurrentInitializer, kernelRegularizer: kernelRegularizer,
                recurrentRegularizer: recurrentRegularizer, biasRegularizer: biasRegularizer),
            name: name)
    }

    /// Rebuilds an unbuilt SimpleRNN from its configuration.
    public init(configuration: LayerConfiguration) throws {
        core = RecurrentCore(
            kind: .simple, options: try RecurrentOptions(configuration: configuration), name: configuration.name)
    }

    public var name: String {
        get { core.layerName }
        set { core.layerName = newValue }
    }
    public var options: RecurrentOptions { core.options }
    public var inputShape: [Int]? { core.inputShape }
    /// `[D, H]`.
    public var kernel: Parameter? { core.kernel }
    /// `[H, H]`.
    public var recurrentKernel: Parameter? { core.recurrentKernel }
    /// `[H]`, or `nil` without bias.
    public var bias: Parameter? { core.bias }
    public var parameters: [Parameter] { core.parameters }
    public var initialState: [Tensor]? {
        get { core.initialState }
        set { core.initialState = newValue }
    }
    public var finalState: [Tensor] { core.finalState }
    public var initialStateGradient: [Tensor] { core.initialStateGradient }
    public func resetStates() { core.resetStates() }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        try core.build(inputShape: inputShape, using: &rng)
    }

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        core.forward(input, mask: mask, training: training)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        core.backward(outputGradient, computeInputGradient: true)!
    }

    public func backward(_ outputGradient: Tensor, computeInputGradient: Bool) -> Tensor? {
        core.backward(outputGradient, computeInputGradient: computeInputGradient)
    }

    public func outputMask(for input: Tensor, mask: Tensor?) -> Tensor? { options.returnSequences ? mask : nil }

    public var configuration: LayerConfiguration { core.configuration(type: Self.typeName) }

    public var description: String {
        "SimpleRNN(units: \(units), returnSequences: \(returnSequences), goBackwards: \(goBackwards), stateful: \(stateful))"
    }
}
