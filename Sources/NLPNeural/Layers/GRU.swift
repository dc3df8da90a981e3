// NLPNeural: the gated recurrent unit layer (Keras reset_after = true, PyTorch's formulation).
import NLPCore

/// Keras `GRU` (`reset_after = true`, the Keras 2.x/3 default and cuDNN/PyTorch's formulation).
///
/// ```swift
/// z = σ(x·W_z + b_iz + h·U_z + b_hz)      r = σ(x·W_r + b_ir + h·U_r + b_hr)
/// h̃ = tanh(x·W_h + b_ih + r ⊙ (h·U_h + b_hh))
/// h' = z ⊙ h + (1 − z) ⊙ h̃
/// ```
/// Parameters (Keras layout, gate order z, r, h — PyTorch's is r, z, n): `kernel` `[D, 3H]`,
/// `recurrent_kernel` `[H, 3H]`, `bias` `[2, 3H]` (row 0 input bias, row 1 recurrent bias).
/// GRU(32) on 32 features has 3·(32·32 + 32·32 + 2·32) = 6,336 parameters.
///
/// Outputs, `goBackwards`, masking, state and dropout behave as in `LSTM` (state `[h]`).
///
/// [1]: Cho et al., 2014, "Learning Phrase Representations using RNN Encoder–Decoder".
public final class GRU: RecurrentCoreLayer {
    public static let typeName = "GRU"
    let core: RecurrentCore

    /// Creates an unbuilt GRU.
    /// - Precondition: `units > 0`, `dropout` and `recurrentDropout` in `[0, 1)`, elementwise activations.
    public init(
        units: Int, activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid,
        returnSequences: Bool = false, goBackwards: Bool = false, stateful: Bool = false, dropout: Float = 0,
        recurrentDropout: Float = 0, kernelInitializer: WeightInitializer = .glorotUniform,
        recurrentInitializer: WeightInitializer = .orthogonal, useBias: Bool = true,
        kernelRegularizer: Regularizer? = nil, recurrentRegularizer: Regularizer? = nil,
        biasRegularizer: Regularizer? = nil, name: String = ""
    ) {
        core = RecurrentCore(
            kind: .gru,
            options: RecurrentOptions(
                units: units, activation: activation, recurrentActivation: recurrentActivation, useBias: useBias,
                returnSequences: returnSequences, goBackwards: goBackwards, stateful: stateful, dropout: dropout,
                recurrentDropout: recurrentDropout, unitForgetBias: false, kernelInitializer: kernelInitializer,
                recurrentInitializer: recurrentInitializer, kernelRegularizer: kernelRegularizer,
                recurrentRegularizer: recurrentRegularizer, biasRegularizer: biasRegularizer),
            name: name)
    }

    /// Rebuilds an unbuilt GRU from its configuration.
    public init(configuration: LayerConfiguration) throws {
        core = RecurrentCore(
            kind: .gru, options: try RecurrentOptions(configuration: configuration), name: configuration.name)
    }

    /// `[D, 3H]`, gates z, r, h.
    public var kernel: Parameter? { core.kernel }
    /// `[H, 3H]`, gates z, r, h.
    public var recurrentKernel: Parameter? { core.recurrentKernel }
    /// `[2, 3H]` (input bias, recurrent bias), or `nil` without bias.
    public var bias: Parameter? { core.bias }
}
