// NLPNeural: optimizers and learning-rate schedules by name, for loading models.

/// Rebuilds optimizers from the type name and configuration a model file stores.
///
/// ```swift
/// let optimizer = try OptimizerRegistry.makeOptimizer(type: "Adam", configuration: ["learning_rate": .number(0.01)])
/// ```
///
/// Type names match Keras's class names, case-insensitively (`"adam"` works, as in `compile`).
/// Missing keys take the Keras defaults; keys the toolkit does not use (`name`, `use_ema`, …) are
/// ignored. Out-of-range values throw `OptimizerError.invalidHyperparameter` instead of trapping.
public enum OptimizerRegistry {
    /// The built-in optimizer type names.
    public static let typeNames = [SGD.typeName, RMSprop.typeName, Adam.typeName, AdamW.typeName, Adagrad.typeName]

    /// An optimizer of `type` with `configuration` (Keras keys: `learning_rate`, `momentum`, `beta_1`, …).
    /// - Throws: `OptimizerError` for an unknown type, a mistyped value, or an invalid hyperparameter.
    public static func makeOptimizer(type: String, configuration: [String: JSONValue] = [:]) throws -> any Optimizer {
        guard let name = typeNames.first(where: { $0.lowercased() == type.lowercased() }) else {
            throw OptimizerError.unknownOptimizerType(type)
        }
        let reader = ConfigurationReader(owner: name, values: configuration)
        let clipping = GradientClipping(
            clipNorm: try reader.optionalFloat("clipnorm"), clipValue: try reader.optionalFloat("clipvalue"),
            globalClipNorm: try reader.optionalFloat("global_clipnorm"))
        try clipping.validate(optimizer: name)
        var schedule: (any LearningRateSchedule)?
        var learningRate: Float
        let defaultRate: Float = name == SGD.typeName ? 0.01 : 0.001
        if case .object(let object)? = configuration["learning_rate"] {
            guard case .string(let scheduleType)? = object["class_name"],
                case .object(let scheduleConfiguration)? = object["config"]
            else {
                throw OptimizerError.badConfiguration(
                    optimizer: name, key: "learning_rate", expected: "a number or {class_name, config}")
            }
            schedule = try LearningRateScheduleRegistry.makeSchedule(
                type: scheduleType, configuration: scheduleConfiguration)
            learningRate = defaultRate
        } else {
            learningRate = try reader.float("learning_rate", default: defaultRate)
            try HyperparameterCheck.learningRate(learningRate, name)
        }
        let optimizer: any Optimizer
        switch name {
        case SGD.typeName:
            let momentum = try reader.float("momentum", default: 0)
            try HyperparameterCheck.unitInterval(momentum, name, "momentum")
            optimizer = SGD(
                learningRate: learningRate, momentum: momentum, nesterov: try reader.bool("nesterov", default: false),
                clipNorm: clipping.clipNorm, clipValue: clipping.clipValue, globalClipNorm: clipping.globalClipNorm,
                schedule: schedule)
        case RMSprop.typeName:
            let rho = try reader.float("rho", default: 0.9)
            let momentum = try reader.float("momentum", default: 0)
            let epsilon = try reader.float("epsilon", default: 1e-7)
            try HyperparameterCheck.openUnitInterval(rho, name, "rho")
            try HyperparameterCheck.unitInterval(momentum, name, "momentum")
            try HyperparameterCheck.positive(epsilon, name, "epsilon")
            optimizer = RMSprop(
                learningRate: learningRate, rho: rho, momentum: momentum, epsilon: epsilon,
                centered: try reader.bool("centered", default: false), clipNorm: clipping.clipNorm,
                clipValue: clipping.clipValue, globalClipNorm: clipping.globalClipNorm, schedule: schedule)
        case Adam.typeName, AdamW.typeName:
            let beta1 = try reader.float("beta_1", default: 0.9)
            let beta2 = try reader.float("beta_2", default: 0.999)
            let epsilon = try reader.float("epsilon", default: 1e-7)
            try AdamUpdate.validate(
                name, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, clipping: clipping)
            if name == Adam.typeName {
                optimizer = Adam(
                    learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                    clipNorm: clipping.clipNorm, clipValue: clipping.clipValue, globalClipNorm: clipping.globalClipNorm,
                    schedule: schedule)
            } else {
                let weightDecay = try reader.float("weight_decay", default: 0.004)
                try HyperparameterCheck.nonNegative(weightDecay, name, "weight_decay")
                optimizer = AdamW(
                    learningRate: learningRate, weightDecay: weightDecay, beta1: beta1, beta2: beta2, epsilon: epsilon,
                    clipNorm: clipping.clipNorm, clipValue: clipping.clipValue, globalClipNorm: clipping.globalClipNorm,
                    schedule: schedule)
            }
        default:
            let initial = try reader.float("initial_accumulator_value", default: 0.1)
            let epsilon = try reader.float("epsilon", default: 1e-7)
            try HyperparameterCheck.nonNegative(initial, name, "initial_accumulator_value")
            try HyperparameterCheck.positive(epsilon, name, "epsilon")
            optimizer = Adagrad(
                learningRate: learningRate, initialAccumulator: initial, epsilon: epsilon, clipNorm: clipping.clipNorm,
                clipValue: clipping.clipValue, globalClipNorm: clipping.globalClipNorm, schedule: schedule)
        }
        if schedule != nil, let scale = try reader.optionalFloat("learning_rate_scale") {
            optimizer.learningRate = optimizer.learningRate * scale
        }
        return optimizer
    }
}

/// Rebuilds learning-rate schedules from a Keras-style `{class_name, config}` pair.
public enum LearningRateScheduleRegistry {
    /// A schedule of `type` with `configuration` (Keras keys).
    /// - Throws: `OptimizerError` for an unknown type or an invalid value.
    public static func makeSchedule(
        type: String, configuration: [String: JSONValue]
    ) throws -> any LearningRateSchedule {
        let reader = ConfigurationReader(owner: type, values: configuration)
        func check(_ condition: Bool, _ key: String, _ value: Float, _ reason: String) throws {
            try HyperparameterCheck.require(condition, type, key, value, reason)
        }
        switch type {
        case ExponentialDecay.typeName, InverseTimeDecay.typeName:
            let initial = try reader.float("initial_learning_rate")
            let steps = try reader.int("decay_steps")
            let rate = try reader.float("decay_rate")
            let staircase = try reader.bool("staircase", default: false)
            try check(initial >= 0, "initial_learning_rate", initial, "must be ≥ 0")
            try check(steps > 0, "decay_steps", Float(steps), "must be positive")
            if type == ExponentialDecay.typeName {
                try check(rate > 0, "decay_rate", rate, "must be positive")
                return ExponentialDecay(
                    initialLearningRate: initial, decaySteps: steps, decayRate: rate, staircase: staircase)
            }
            try check(rate >= 0, "decay_rate", rate, "must be ≥ 0")
            return InverseTimeDecay(
                initialLearningRate: initial, decaySteps: steps, decayRate: rate, staircase: staircase)
        case PiecewiseConstantDecay.typeName:
            guard case .array(let rawBoundaries)? = configuration["boundaries"],
                case .array(let rawValues)? = configuration["values"]
            else {
                throw OptimizerError.badConfiguration(optimizer: type, key: "boundaries/values", expected: "arrays")
            }
            let boundaries = try rawBoundaries.map { value -> Int in
                guard case .number(let x) = value, x == x.rounded(), abs(x) < 1e15 else {
                    throw OptimizerError.badConfiguration(optimizer: type, key: "boundaries", expected: "integers")
                }
                return Int(x)
            }
            let values = try rawValues.map { value -> Float in
                guard case .number(let x) = value else {
                    throw OptimizerError.badConfiguration(optimizer: type, key: "values", expected: "numbers")
                }
                return Float(x)
            }
            guard values.count == boundaries.count + 1, zip(boundaries, boundaries.dropFirst()).allSatisfy({ $0 < $1 })
            else {
                throw OptimizerError.badConfiguration(
                    optimizer: type, key: "boundaries/values", expected: "increasing boundaries and one more value")
            }
            return PiecewiseConstantDecay(boundaries: boundaries, values: values)
        case CosineDecay.typeName:
            let initial = try reader.float("initial_learning_rate")
            let steps = try reader.int("decay_steps")
            let alpha = try reader.float("alpha", default: 0)
            let warmupSteps = try reader.int("warmup_steps", default: 0)
            try check(initial >= 0, "initial_learning_rate", initial, "must be ≥ 0")
            try check(steps > 0, "decay_steps", Float(steps), "must be positive")
            try check(alpha >= 0 && alpha <= 1, "alpha", alpha, "must lie in [0, 1]")
            try check(warmupSteps >= 0, "warmup_steps", Float(warmupSteps), "must be ≥ 0")
            return CosineDecay(
                initialLearningRate: initial, decaySteps: steps, alpha: alpha,
                warmupTarget: try reader.optionalFloat("warmup_target"), warmupSteps: warmupSteps)
        default:
            throw OptimizerError.unknownScheduleType(type)
        }
    }
}

/// Typed reads from a `[String: JSONValue]` with defaults, throwing `badConfiguration`.
struct ConfigurationReader {
    let owner: String
    let values: [String: JSONValue]

    func optionalFloat(_ key: String) throws(OptimizerError) -> Float? {
        switch values[key] {
        case nil, .null?: return nil
        case .number(let x)?: return Float(x)
        default: throw .badConfiguration(optimizer: owner, key: key, expected: "a number or null")
        }
    }

    func float(_ key: String, default fallback: Float? = nil) throws(OptimizerError) -> Float {
        if let value = try optionalFloat(key) { return value }
        guard let fallback else { throw .badConfiguration(optimizer: owner, key: key, expected: "a number") }
        return fallback
    }

    func int(_ key: String, default fallback: Int? = nil) throws(OptimizerError) -> Int {
        switch values[key] {
        case .number(let x)? where x == x.rounded() && abs(x) < 1e15: return Int(x)
        case nil, .null?:
            guard let fallback else { throw .badConfiguration(optimizer: owner, key: key, expected: "an integer") }
            return fallback
        default: throw .badConfiguration(optimizer: owner, key: key, expected: "an integer")
        }
    }

    func bool(_ key: String, default fallback: Bool) throws(OptimizerError) -> Bool {
        switch values[key] {
        case .bool(let x)?: return x
        case nil, .null?: return fallback
        default: throw .badConfiguration(optimizer: owner, key: key, expected: "true or false")
        }
    }
}
