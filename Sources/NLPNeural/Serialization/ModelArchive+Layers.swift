// NLPNeural: rebuilding layers from an archive and loading weights into built layers.
import NLPCore

extension ModelArchive {
    /// Rebuilds the layers through `LayerRegistry`, builds them one after another from
    /// `architecture.inputShape`, and loads the archived weights into them.
    ///
    /// The build draws initial weights from `seed` before they are overwritten, so the result does
    /// not depend on it; it only has to be valid.
    /// - Throws: `ModelArchiveError` (unknown layer type, bad configuration, no input shape,
    ///   missing or mis-shaped tensors) or the layers' `LayerError` when the shapes do not chain.
    public func makeLayers(seed: UInt64 = 0) throws -> [any Layer] {
        var layers: [any Layer] = []
        for (index, configuration) in architecture.layers.enumerated() {
            do {
                layers.append(try LayerRegistry.makeLayer(configuration))
            } catch LayerConfigurationError.unknownLayerType(let type) {
                throw ModelArchiveError.unknownLayerType(layerIndex: index, type: type)
            } catch let error as LayerConfigurationError {
                throw ModelArchiveError.invalidLayerConfiguration(layerIndex: index, reason: error.description)
            }
        }
        guard var shape = architecture.inputShape else { throw ModelArchiveError.missingInputShape }
        var rng = SplitMix64(seed: seed)
        for layer in layers {
            shape = try layer.build(inputShape: shape, using: &rng)
        }
        try loadWeights(into: layers)
        return layers
    }

    /// Copies the archived weights into built `layers` (the model's layers, in order), after
    /// checking everything first: nothing is changed when any check fails.
    ///
    /// Layers are matched by position and type; tensor names use the archived layer names, so a
    /// model whose layers were renamed still loads.
    /// - Throws: `ModelArchiveError.layerCountMismatch`, `.layerTypeMismatch`, `.missingTensor`,
    ///   `.shapeMismatch` (with the model's and the archive's shapes), or `.unexpectedTensor` for
    ///   archived weights no parameter takes.
    public func loadWeights(into layers: [any Layer]) throws {
        guard layers.count == architecture.layers.count else {
            throw ModelArchiveError.layerCountMismatch(expected: architecture.layers.count, found: layers.count)
        }
        var assignments: [(Parameter, Tensor)] = []
        var used = Set<String>()
        for (index, layer) in layers.enumerated() {
            let archived = architecture.layers[index]
            let type = Swift.type(of: layer).typeName
            guard type == archived.type else {
                throw ModelArchiveError.layerTypeMismatch(layerIndex: index, expected: archived.type, found: type)
            }
            for (parameter, parameterName) in zip(layer.parameters, layer.parameterNames) {
                let key = Self.weightName(layerIndex: index, layerName: archived.name, parameterName: parameterName)
                guard let tensor = weights[key] else {
                    throw ModelArchiveError.missingTensor(layer: archived.name, parameter: parameterName, key: key)
                }
                guard tensor.shape == parameter.value.shape else {
                    throw ModelArchiveError.shapeMismatch(
                        layer: archived.name, parameter: parameterName, expected: parameter.value.shape,
                        found: tensor.shape)
                }
                assignments.append((parameter, tensor))
                used.insert(key)
            }
        }
        if let stray = weights.keys.filter({ !used.contains($0) }).min() {
            throw ModelArchiveError.unexpectedTensor(name: stray)
        }
        for (parameter, tensor) in assignments {
            parameter.value = tensor
            parameter.zeroGradient()
        }
    }

    /// Restores the archived optimizer state into `optimizer` for the model's `parameters` (the
    /// same list, in the same order, that produced the state).
    /// - Throws: what `Optimizer.loadState(_:for:)` throws (a missing or mis-shaped slot).
    public func loadOptimizerState(into optimizer: any Optimizer, parameters: [Parameter]) throws {
        try optimizer.loadState(optimizerState, for: parameters)
    }
}
