// NLPNeural: the long short-term memory layer.
import NLPCore

/// Keras `LSTM`: a long short-term memory layer over `[batch, time, features]`.
///
/// ```swift
/// i = σ(x·W_i + h·U_i + b_i)     f = σ(x·W_f + h·U_f + b_f)
/// g = tanh(x·W_c + h·U_c + b_c)  o = σ(x·W_o + h·U_o + b_o)
/// c' = f ⊙ c + i ⊙ g             h' = o ⊙ tanh(c')
/// ```
/// Parameters (Keras layout, gate order i, f, c, o — PyTorch's i, f, g, o): `kernel` `[D, 4H]`,
/// `recurrent_kernel` `[H, 4H]`, `bias` `[4H]` (forget slice starts at 1 with `unitForgetBias`).
/// LSTM(32) on 32 features has 4·(32·32 + 32·32 + 32) = 8,320 parameters.
///
/// Output: `[batch, time, H]` with `returnSequences`, else `[batch, H]` (the state after the last
/// real step). With `goBackwards` the sequence is read back to front and outputs come in that
/// (reversed) order, as in Keras.
///
/// Masking (Keras semantics): at a padded step (`mask = 0`) the state is carried over unchanged, and
/// the output at that step repeats the previous output. `outputMask` is the mask with
/// `returnSequences`, else `nil`. (One difference: Keras emits zeros for padded steps before the
/// first real step when an initial state is given; here they repeat the initial `h`.)
///
/// Dropout (training only): one mask per sequence over the input features (`dropout`) and one over
/// the recurrent state fed to `U` (`recurrentDropout`), drawn from the generator given to `build`.
///
/// The time loop runs one GEMM for the input projection of all steps, one GEMM per step for the
/// recurrent part, and SIMD gate math in preallocated buffers (see `RecurrentEngine`).
///
/// [1]: Hochreiter, Schmidhuber, 1997, "Long Short-Term Memory".
public final class LSTM: RecurrentCoreLayer {
    public static let typeName = "LSTM"
    let core: RecurrentCore

    /// Creates an unbuilt LSTM.
    /// - Precondition: `units > 0`, `dropout` and `recurrentDropout` in `[0, 1)`, elementwise activations.
    public init(
        units: Int, activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid,
        returnSequences: Bool = false, goBackwards: Bool = false, stateful: Bool = false, dropout: Float = 0,
        recurrentDropout: Float = 0, unitForgetBias: Bool = true, kernelInitializer: WeightInitializer = .glorotUniform,
        recurrentInitializer: WeightInitializer = .orthogonal, useBias: Bool = true,
        kernelRegularizer: Regularizer? = nil, recurrentRegularizer: Regularizer? = nil,
        biasRegularizer: Regularizer? = nil, name: String = ""
    ) {
        core = RecurrentCore(
            kind: .lstm,
            options: RecurrentOptions(
                units: units, activation: activation, recurrentActivation: recurrentActivation, useBias: useBias,
                returnSequences: returnSequences, goBackwards: goBackwards, stateful: stateful, dropout: dropout,
                recurrentDropout: recurrentDropout, unitForgetBias: unitForgetBias,
                kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer,
                kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer,
                biasRegularizer: biasRegularizer),
            name: name)
    }

    /// Rebuilds an unbuilt LSTM from its configuration.
    public init(configuration: LayerConfiguration) throws {
        core = RecurrentCore(
            kind: .lstm, options: try RecurrentOptions(configuration: configuration), name: configuration.name)
    }

    /// `[D, 4H]`, gates i, f, c, o.
    public var kernel: Parameter? { core.kernel }
    /// `[H, 4H]`, gates i, f, c, o.
    public var recurrentKernel: Parameter? { core.recurrentKernel }
    /// `[4H]`, or `nil` without bias.
    public var bias: Parameter? { core.bias }
}
