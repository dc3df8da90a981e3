// NLPNeural: layer types by name, for loading models.

/// Rebuilds layers from their configurations by type name.
public enum LayerRegistry {
    /// Every built-in layer type, by `typeName`.
    public static var builtInTypes: [String: any Layer.Type] {
        var types: [String: any Layer.Type] = [:]
        for type: any Layer.Type in [
            Dense.self, Embedding.self, Dropout.self, ActivationLayer.self, Flatten.self,
            GlobalAveragePooling1D.self, GlobalMaxPooling1D.self, BatchNormalization.self, SimpleRNN.self,
            LSTM.self, GRU.self, Bidirectional.self,
        ] {
            types[type.typeName] = type
        }
        return types
    }

    /// An unbuilt layer made from `configuration`.
    /// - Throws: `LayerConfigurationError.unknownLayerType` or the layer's own configuration errors.
    public static func makeLayer(_ configuration: LayerConfiguration) throws -> any Layer {
        guard let type = builtInTypes[configuration.type] else {
            throw LayerConfigurationError.unknownLayerType(configuration.type)
        }
        return try type.init(configuration: configuration)
    }
}
