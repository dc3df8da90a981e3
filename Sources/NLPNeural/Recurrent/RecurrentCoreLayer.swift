// NLPNeural: the Layer and RecurrentLayer members SimpleRNN, GRU and LSTM forward to their RecurrentCore.
import NLPCore

/// A recurrent layer class that is a thin wrapper around a `RecurrentCore`.
///
/// The extension below supplies every `Layer` and `RecurrentLayer` requirement by forwarding to
/// `core`, so `SimpleRNN`, `GRU` and `LSTM` only declare their initializers, `typeName` and the
/// documented weight accessors (whose gate layout differs per cell).
protocol RecurrentCoreLayer: RecurrentLayer {
    /// The weights, state and engine the layer forwards to.
    var core: RecurrentCore { get }
}

extension RecurrentCoreLayer {
    public var name: String {
        get { core.layerName }
        set { core.layerName = newValue }
    }
    public var options: RecurrentOptions { core.options }
    public var inputShape: [Int]? { core.inputShape }
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
        "\(Self.typeName)(units: \(units), returnSequences: \(returnSequences), goBackwards: \(goBackwards), stateful: \(stateful))"
    }
}
