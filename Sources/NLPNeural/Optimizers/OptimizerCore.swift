// NLPNeural: the per-parameter state, learning rate and clipping shared by the built-in optimizers.
import NLPCore

/// The state slots of one parameter (moments, accumulators), in buffers the optimizer owns.
///
/// The slots keep a strong reference to their parameter, so the `ObjectIdentifier` key cannot be
/// reused by another object while the state exists.
final class ParameterSlots {
    let parameter: Parameter
    let count: Int
    let shape: [Int]
    /// One buffer of `count` scalars per slot name.
    let buffers: [UnsafeMutablePointer<Float>]

    init(parameter: Parameter, slotCount: Int, initialValue: Float) {
        self.parameter = parameter
        self.shape = parameter.value.shape
        self.count = parameter.value.count
        let count = self.count
        self.buffers = (0 ..< slotCount).map { _ in
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
            buffer.initialize(repeating: initialValue, count: count)
            return buffer
        }
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// A copy of slot `index` as a tensor of the parameter's shape.
    func tensor(_ index: Int) -> Tensor {
        let source = buffers[index]
        return Tensor(shape: shape) { $0.baseAddress!.update(from: source, count: count) }
    }

    /// Overwrites slot `index` with `tensor`'s scalars.
    func load(_ index: Int, from tensor: Tensor) {
        let destination = buffers[index]
        tensor.withUnsafeBufferPointer { destination.update(from: $0.baseAddress!, count: count) }
    }
}

/// The machinery every built-in optimizer shares: the learning rate (constant or scheduled), the
/// iteration count, gradient clipping and the per-parameter slots keyed by `ObjectIdentifier`.
///
/// `step` walks the trainable parameters and hands each one's weights, gradient and slots to the
/// optimizer's element-wise update as raw buffers, so an update allocates nothing per parameter.
final class OptimizerCore {
    let optimizerName: String
    let slotNames: [String]
    let slotInitialValue: Float
    let clipping: GradientClipping
    var schedule: (any LearningRateSchedule)?
    /// The constant learning rate (used when there is no schedule).
    var constantLearningRate: Float
    /// With a schedule, setting `learningRate` scales the schedule by this factor.
    var scheduleScale: Float = 1
    var iterations = 0
    private var slotTable: [ObjectIdentifier: ParameterSlots] = [:]

    init(
        optimizerName: String, slotNames: [String], slotInitialValue: Float = 0, learningRate: Float,
        schedule: (any LearningRateSchedule)?, clipping: GradientClipping
    ) {
        self.optimizerName = optimizerName
        self.slotNames = slotNames
        self.slotInitialValue = slotInitialValue
        self.constantLearningRate = learningRate
        self.schedule = schedule
        self.clipping = clipping
    }

    /// The learning rate of the next step: the schedule at `iterations` (times any factor set
    /// through the setter), or the constant.
    var learningRate: Float {
        get {
            guard let schedule else { return constantLearningRate }
            return schedule.learningRate(at: iterations) * scheduleScale
        }
        set {
            precondition(
                newValue.isFinite && newValue >= 0, "\(optimizerName): learning rate \(newValue) must be finite and ≥ 0"
            )
            if let schedule {
                let scheduled = schedule.learningRate(at: iterations)
                scheduleScale = scheduled > 0 ? newValue / scheduled : 0
            } else {
                constantLearningRate = newValue
            }
        }
    }

    /// The update of one parameter: `(weights, gradient, slots, transform, learningRate)`.
    typealias ElementwiseUpdate = (
        _ weights: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeBufferPointer<Float>,
        _ slots: [UnsafeMutablePointer<Float>], _ transform: GradientTransform, _ learningRate: Float
    ) -> Void

    /// Applies `update` to every trainable parameter, then counts one iteration.
    func step(_ parameters: [Parameter], _ update: ElementwiseUpdate) {
        let rate = learningRate
        var globalScale: Float = 1
        if let bound = clipping.globalClipNorm {
            var sum: Double = 0
            for parameter in parameters where parameter.isTrainable {
                let norm = Double(GradientClipping.norm(parameter.gradient))
                sum += norm * norm
            }
            globalScale = GradientClipping.scale(norm: Float(sum.squareRoot()), bound: bound)
        }
        for parameter in parameters where parameter.isTrainable {
            precondition(
                parameter.gradient.shape == parameter.value.shape,
                "\(optimizerName): gradient \(parameter.gradient.shape) of \(parameter.name) does not match its value "
                    + "\(parameter.value.shape)")
            let state = slots(for: parameter)
            var transform = GradientTransform(scale: globalScale, bound: clipping.clipValue ?? .infinity)
            if let bound = clipping.clipNorm {
                transform.scale = GradientClipping.scale(norm: GradientClipping.norm(parameter.gradient), bound: bound)
            }
            parameter.gradient.withUnsafeBufferPointer { g in
                parameter.value.withUnsafeMutableBufferPointer { w in
                    update(w, g, state.buffers, transform, rate)
                }
            }
        }
        iterations += 1
    }

    /// The slots of `parameter`, created on first use (Keras builds them lazily too).
    func slots(for parameter: Parameter) -> ParameterSlots {
        let key = ObjectIdentifier(parameter)
        if let existing = slotTable[key] {
            precondition(
                existing.shape == parameter.value.shape,
                "\(optimizerName): parameter \(parameter.name) changed shape from \(existing.shape) to "
                    + "\(parameter.value.shape)")
            return existing
        }
        let created = ParameterSlots(
            parameter: parameter, slotCount: slotNames.count, initialValue: slotInitialValue)
        slotTable[key] = created
        return created
    }

    // MARK: - Saving and restoring

    /// `"<index>/<slot>"` for every parameter that has state, plus `"iterations"`.
    func stateTensors(for parameters: [Parameter]) -> [String: Tensor] {
        var state: [String: Tensor] = ["iterations": Tensor(scalar: Float(iterations))]
        for (index, parameter) in parameters.enumerated() {
            guard let existing = slotTable[ObjectIdentifier(parameter)] else { continue }
            for (slot, name) in slotNames.enumerated() {
                state["\(index)/\(name)"] = existing.tensor(slot)
            }
        }
        return state
    }

    /// Restores what `stateTensors(for:)` produced, after checking every key and shape.
    func loadState(_ state: [String: Tensor], for parameters: [Parameter]) throws(OptimizerError) {
        guard let iterationTensor = state["iterations"], iterationTensor.count == 1,
            iterationTensor.scalars[0] >= 0, iterationTensor.scalars[0] == iterationTensor.scalars[0].rounded()
        else {
            throw .stateMismatch(optimizer: optimizerName, reason: "no valid \"iterations\" entry")
        }
        // Check everything before changing anything.
        var present: [Int: [Int: Tensor]] = [:]
        for (key, tensor) in state where key != "iterations" {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let index = Int(parts[0]), let slot = slotNames.firstIndex(of: parts[1]) else {
                throw .stateMismatch(
                    optimizer: optimizerName, reason: "unexpected entry \"\(key)\" (slots: \(slotNames))")
            }
            guard index >= 0 && index < parameters.count else {
                throw .stateMismatch(
                    optimizer: optimizerName,
                    reason: "entry \"\(key)\" refers to parameter \(index) of \(parameters.count)")
            }
            guard tensor.shape == parameters[index].value.shape else {
                throw .stateMismatch(
                    optimizer: optimizerName,
                    reason: "entry \"\(key)\" has shape \(tensor.shape), parameter \(parameters[index].name) has "
                        + "\(parameters[index].value.shape)")
            }
            present[index, default: [:]][slot] = tensor
        }
        for (index, tensors) in present where tensors.count != slotNames.count {
            let missing = slotNames.indices.filter { tensors[$0] == nil }.map { "\(index)/\(slotNames[$0])" }
            throw .stateMismatch(optimizer: optimizerName, reason: "missing \(missing)")
        }
        slotTable = [:]
        for (index, tensors) in present {
            let created = slots(for: parameters[index])
            for (slot, tensor) in tensors { created.load(slot, from: tensor) }
        }
        iterations = Int(iterationTensor.scalars[0])
    }

    // MARK: - Configuration

    /// The keys every built-in optimizer shares, Keras names.
    var baseConfiguration: [String: JSONValue] {
        var configuration: [String: JSONValue] = [
            "clipnorm": clipping.clipNorm.map { .number(Double($0)) } ?? .null,
            "clipvalue": clipping.clipValue.map { .number(Double($0)) } ?? .null,
            "global_clipnorm": clipping.globalClipNorm.map { .number(Double($0)) } ?? .null,
        ]
        if let schedule {
            configuration["learning_rate"] = .object([
                "class_name": .string(type(of: schedule).typeName), "config": .object(schedule.configuration),
            ])
            if scheduleScale != 1 { configuration["learning_rate_scale"] = .number(Double(scheduleScale)) }
        } else {
            configuration["learning_rate"] = .number(Double(constantLearningRate))
        }
        return configuration
    }
}
