// NLPNeural: batch normalization over the last axis.
import NLPCore

/// Normalizes each feature (the last axis) with batch statistics while training and with moving
/// averages at inference, then scales by `gamma` and shifts by `beta` (Keras `BatchNormalization`,
/// `axis=-1`).
///
/// Shapes: input `[batch, …, features]`; the statistics run over every row `r` of the input seen as
/// `[rows, features]` (for sequences: every real step; with a mask, padded steps do not count).
/// ```swift
/// training:   μ = Σ_r m_r x_r / N,  v = Σ_r m_r (x_r − μ)² / N,  N = Σ_r m_r   (biased variance)
///             moving_mean ← momentum·moving_mean + (1 − momentum)·μ   (same for the variance)
/// inference:  μ = moving_mean, v = moving_variance
/// output:     y = gamma · (x − μ) / √(v + ε) + beta
/// backward (training), x̂ = (x − μ)/σ, g = ∂y·gamma:
///     ∂x_r = (g_r − m_r/N · Σ_s g_s − m_r x̂_r/N · Σ_s g_s x̂_s) / σ
/// ```
/// Parameters in Keras order: `gamma` (ones), `beta` (zeros), `moving_mean` (zeros),
/// `moving_variance` (ones); the last two are not trainable.
///
/// [1]: Ioffe, Szegedy, 2015, "Batch normalization: accelerating deep network training by reducing
/// internal covariate shift".
public final class BatchNormalization: Layer {
    public static let typeName = "BatchNormalization"
    public var name: String
    public private(set) var inputShape: [Int]?
    /// The weight of the old value in the moving averages (Keras default 0.99).
    public let momentum: Float
    /// Added to the variance before the square root (Keras default 1e-3).
    public let epsilon: Float

    /// `[features]` scale, starts at one.
    public private(set) var gamma: Parameter?
    /// `[features]` shift, starts at zero.
    public private(set) var beta: Parameter?
    /// `[features]` moving mean used at inference.
    public private(set) var movingMean: Parameter?
    /// `[features]` moving variance used at inference.
    public private(set) var movingVariance: Parameter?

    // Caches of the latest forward pass.
    private var cachedNormalized = Tensor(zeros: [0])  // x̂, [rows, features]
    private var cachedInverseDeviation: [Float] = []  // 1/σ per feature
    private var cachedRowWeights: [Float] = []  // m_r, empty when every row counts
    private var cachedInputShape: [Int] = []
    private var cachedTraining = false

    /// Creates an unbuilt batch-normalization layer.
    /// - Precondition: `0 ≤ momentum ≤ 1` and `epsilon > 0`.
    public init(momentum: Float = 0.99, epsilon: Float = 1e-3, name: String = "") {
        precondition(momentum >= 0 && momentum <= 1, "BatchNormalization: momentum must be in [0, 1], got \(momentum)")
        precondition(epsilon > 0, "BatchNormalization: epsilon must be positive, got \(epsilon)")
        self.momentum = momentum
        self.epsilon = epsilon
        self.name = name
    }

    public var parameters: [Parameter] { [gamma, beta, movingMean, movingVariance].compactMap { $0 } }

    @discardableResult
    public func build(inputShape: [Int], using rng: inout SplitMix64) throws -> [Int] {
        guard let features = inputShape.last, features > 0 else {
            throw LayerError.incompatibleInput(
                layer: name, shape: inputShape, expected: "a known, positive last axis [..., features]")
        }
        if let gamma, gamma.count != features {
            throw LayerError.incompatibleInput(
                layer: name, shape: inputShape, expected: "[..., \(gamma.count)] (already built)")
        }
        if gamma == nil {
            gamma = Parameter(name: "gamma", value: Tensor(repeating: 1, shape: [features]))
            beta = Parameter(name: "beta", value: Tensor(zeros: [features]))
            movingMean = Parameter(name: "moving_mean", value: Tensor(zeros: [features]), isTrainable: false)
            movingVariance = Parameter(
                name: "moving_variance", value: Tensor(repeating: 1, shape: [features]), isTrainable: false)
        }
        self.inputShape = inputShape
        return inputShape
    }

    // MARK: - Forward

    public func forward(_ input: Tensor, mask: Tensor?, training: Bool) -> Tensor {
        guard let gamma, let beta, let movingMean, let movingVariance else {
            preconditionFailure(LayerError.notBuilt(layer: name).description)
        }
        let features = gamma.count
        precondition(
            input.rank >= 2 && input.shape.last == features,
            "BatchNormalization \(name): input shape \(input.shape) does not end in \(features)")
        let rows = input.count / features
        cachedInputShape = input.shape
        cachedTraining = training
        cachedRowWeights = []
        // A [batch, time] mask only makes sense for sequences; on [batch, features] it is ignored.
        if let mask, training, input.rank >= 3 {
            precondition(
                mask.count == rows, "BatchNormalization \(name): mask \(mask.shape) does not match input \(input.shape)"
            )
            cachedRowWeights = mask.scalars.map { $0 != 0 ? 1 : 0 }
        }

        var mean = [Float](repeating: 0, count: features)
        var variance = [Float](repeating: 0, count: features)
        if training {
            batchMoments(input, rows: rows, features: features, mean: &mean, variance: &variance)
            if cachedRowWeights.isEmpty || cachedRowWeights.contains(1) {
                updateMovingAverage(movingMean, with: mean)
                updateMovingAverage(movingVariance, with: variance)
            }
        } else {
            mean = movingMean.value.scalars
            variance = movingVariance.value.scalars
        }
        cachedInverseDeviation = variance.map { 1 / ($0 + epsilon).squareRoot() }

        // x̂ = (x − μ)/σ, y = gamma·x̂ + beta, row by row.
        var normalized = Tensor(zeros: [rows, features])
        let output = input.withUnsafeBufferPointer { x in
            normalized.withUnsafeMutableBufferPointer { xhat in
                gamma.value.withUnsafeBufferPointer { g in
                    beta.value.withUnsafeBufferPointer { b in
                        mean.withUnsafeBufferPointer { mu in
                            cachedInverseDeviation.withUnsafeBufferPointer { inverse in
                                Tensor(shape: input.shape) { y in
                                    for r in 0 ..< rows {
                                        let (px, pxhat, py) = (
                                            x.baseAddress! + r * features, xhat.baseAddress! + r * features,
                                            y.baseAddress! + r * features
                                        )
                                        for f in 0 ..< features {
                                            let value = (px[f] - mu[f]) * inverse[f]
                                            pxhat[f] = value
                                            py[f] = g[f] * value + b[f]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        cachedNormalized = normalized
        return output
    }

    /// The (masked) batch mean and biased variance per feature: Float sums over blocks of rows,
    /// added up in Double.
    private func batchMoments(_ input: Tensor, rows: Int, features: Int, mean: inout [Float], variance: inout [Float]) {
        let weights = cachedRowWeights
        let counted = weights.isEmpty ? rows : weights.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        guard counted > 0 else { return }
        let block = 256
        var blockSum = [Float](repeating: 0, count: features)
        var total = [Double](repeating: 0, count: features)
        func flush() {
            for f in 0 ..< features {
                total[f] += Double(blockSum[f])
                blockSum[f] = 0
            }
        }
        input.withUnsafeBufferPointer { x in
            // Pass 1: the mean.
            var inBlock = 0
            blockSum.withUnsafeMutableBufferPointer { acc in
                for r in 0 ..< rows where weights.isEmpty || weights[r] != 0 {
                    let row = x.baseAddress! + r * features
                    for f in 0 ..< features { acc[f] += row[f] }
                    inBlock += 1
                    if inBlock == block {
                        for f in 0 ..< features {
                            total[f] += Double(acc[f])
                            acc[f] = 0
                        }
                        inBlock = 0
                    }
                }
            }
            flush()
            for f in 0 ..< features { mean[f] = Float(total[f] / Double(counted)) }
            // Pass 2: the variance around it (two passes avoid E[x²] − E[x]² cancellation).
            for f in 0 ..< features { total[f] = 0 }
            inBlock = 0
            mean.withUnsafeBufferPointer { mu in
                blockSum.withUnsafeMutableBufferPointer { acc in
                    for r in 0 ..< rows where weights.isEmpty || weights[r] != 0 {
                        let row = x.baseAddress! + r * features
                        for f in 0 ..< features {
                            let d = row[f] - mu[f]
                            acc[f] += d * d
                        }
                        inBlock += 1
                        if inBlock == block {
                            for f in 0 ..< features {
                                total[f] += Double(acc[f])
                                acc[f] = 0
                            }
                            inBlock = 0
                        }
                    }
                }
            }
            flush()
            for f in 0 ..< features { variance[f] = Float(total[f] / Double(counted)) }
        }
    }

    private func updateMovingAverage(_ parameter: Parameter, with batchValue: [Float]) {
        let momentum = self.momentum
        parameter.value.withUnsafeMutableBufferPointer { moving in
            for f in 0 ..< moving.count { moving[f] = momentum * moving[f] + (1 - momentum) * batchValue[f] }
        }
    }

    // MARK: - Backward

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let gamma, let beta else { preconditionFailure(LayerError.notBuilt(layer: name).description) }
        let features = gamma.count
        let rows = cachedNormalized.count / features
        precondition(
            outputGradient.count == rows * features,
            "BatchNormalization \(name): output gradient \(outputGradient.shape) does not match the last forward \(cachedInputShape)"
        )
        // Σ_s ∂y_s and Σ_s ∂y_s·x̂_s per feature: the beta and gamma gradients, and the sums the
        // input gradient needs (times gamma).
        var sumGradient = [Double](repeating: 0, count: features)
        var sumGradientNormalized = [Double](repeating: 0, count: features)
        var blockGradient = [Float](repeating: 0, count: features)
        var blockGradientNormalized = [Float](repeating: 0, count: features)
        outputGradient.withUnsafeBufferPointer { dy in
            cachedNormalized.withUnsafeBufferPointer { xhat in
                blockGradient.withUnsafeMutableBufferPointer { a in
                    blockGradientNormalized.withUnsafeMutableBufferPointer { b in
                        for r in 0 ..< rows {
                            let (pdy, pxhat) = (dy.baseAddress! + r * features, xhat.baseAddress! + r * features)
                            for f in 0 ..< features {
                                a[f] += pdy[f]
                                b[f] += pdy[f] * pxhat[f]
                            }
                            if r % 256 == 255 || r == rows - 1 {
                                for f in 0 ..< features {
                                    sumGradient[f] += Double(a[f])
                                    sumGradientNormalized[f] += Double(b[f])
                                    a[f] = 0
                                    b[f] = 0
                                }
                            }
                        }
                    }
                }
            }
        }
        if gamma.isTrainable {
            gamma.gradient.withUnsafeMutableBufferPointer { dg in
                for f in 0 ..< features { dg[f] += Float(sumGradientNormalized[f]) }
            }
        }
        if beta.isTrainable {
            beta.gradient.withUnsafeMutableBufferPointer { db in
                for f in 0 ..< features { db[f] += Float(sumGradient[f]) }
            }
        }

        let weights = cachedRowWeights
        let realRows = weights.isEmpty ? Float(rows) : weights.reduce(0, +)
        // At inference the statistics are constants: ∂x = gamma·∂y/σ. In training, subtract the
        // paths through μ and v (only rows that counted in them).
        let meanTerm: [Float]
        let varianceTerm: [Float]
        if cachedTraining && realRows > 0 {
            meanTerm = (0 ..< features).map { Float(sumGradient[$0]) / realRows }
            varianceTerm = (0 ..< features).map { Float(sumGradientNormalized[$0]) / realRows }
        } else {
            meanTerm = [Float](repeating: 0, count: features)
            varianceTerm = meanTerm
        }
        // Per feature: gamma/σ, and the mean and variance paths (zero at inference).
        let scale = (0 ..< features).map { gamma.value.scalars[$0] * cachedInverseDeviation[$0] }
        return outputGradient.withUnsafeBufferPointer { dy in
            cachedNormalized.withUnsafeBufferPointer { xhat in
                scale.withUnsafeBufferPointer { k in
                    meanTerm.withUnsafeBufferPointer { mt in
                        varianceTerm.withUnsafeBufferPointer { vt in
                            Tensor(shape: outputGradient.shape) { dx in
                                for r in 0 ..< rows {
                                    let counted: Float = weights.isEmpty ? 1 : weights[r]
                                    let (pdy, pxhat, pdx) = (
                                        dy.baseAddress! + r * features, xhat.baseAddress! + r * features,
                                        dx.baseAddress! + r * features
                                    )
                                    for f in 0 ..< features {
                                        pdx[f] = k[f] * (pdy[f] - counted * (mt[f] + pxhat[f] * vt[f]))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Configuration

    public var configuration: LayerConfiguration {
        var configuration = LayerConfiguration(type: Self.typeName, name: name)
        configuration["momentum"] = .number(Double(momentum))
        configuration["epsilon"] = .number(Double(epsilon))
        return configuration
    }

    public convenience init(configuration: LayerConfiguration) throws {
        let momentum = configuration["momentum"] == nil ? 0.99 : try configuration.float("momentum")
        let epsilon = configuration["epsilon"] == nil ? 1e-3 : try configuration.float("epsilon")
        guard momentum >= 0 && momentum <= 1 else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "momentum", reason: "\(momentum) is not in [0, 1]")
        }
        guard epsilon > 0 else {
            throw LayerConfigurationError.invalidValue(
                layer: configuration.name, key: "epsilon", reason: "\(epsilon) is not positive")
        }
        self.init(momentum: momentum, epsilon: epsilon, name: configuration.name)
    }

    public var description: String { "BatchNormalization(momentum: \(momentum), epsilon: \(epsilon))" }
}
