// NLPNeural: the fully connected (Elman) recurrent layer.
import NLPCore

/// Keras `SimpleRNN`: `h' = tanh(x·W + h·U + b)` over `[batch, time, features]`.
///
/// Parameters (Keras layout): `kernel` `[D, H]`, `recurrent_kernel` `[H, H]`, `bias` `[H]`.
/// SimpleRNN(32) on 32 features has 32·32 + 32·32 + 32 = 2,080 parameters.
///
/// Outputs, `goBackwards`, masking, state and dropout behave as in `LSTM` (state `[h]`).
public final class SimpleRNN: RecurrentCoreLayer {
    public static let typeName = "SimpleRNN"
    let core: RecurrentCore

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

    /// `[D, H]`.
    public var kernel: Parameter? { core.kernel }
    /// `[H, H]`.
    public var recurrentKernel: Parameter? { core.recurrentKernel }
    /// `[H]`, or `nil` without bias.
    public var bias: Parameter? { core.bias }
}
