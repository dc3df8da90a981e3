import NLPCore
import NLPNeural
import Testing

@Suite("Learning-rate schedules")
struct ScheduleTests {
    static func close(_ a: Float, _ b: Float) -> Bool { abs(a - b) <= 1e-6 + 1e-5 * abs(b) }

    @Test(
        "ExponentialDecay: lr₀·rate^(step/decaySteps)",
        arguments: [
            (0, false, Float(0.1)), (5, false, 0.0707107), (10, false, 0.05), (20, false, 0.025), (15, true, 0.05),
            (19, true, 0.05), (20, true, 0.025),
        ])
    func exponential(step: Int, staircase: Bool, expected: Float) {
        // 0.1·0.5^(5/10) = 0.1/√2 = 0.0707107; staircase floors 15/10 to 1 → 0.05
        let schedule = ExponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: staircase)
        #expect(Self.close(schedule.learningRate(at: step), expected))
    }

    @Test(
        "InverseTimeDecay: lr₀/(1 + rate·step/decaySteps)",
        arguments: [
            (0, false, Float(0.1)), (5, false, 0.08), (10, false, 0.0666667), (15, true, 0.0666667), (30, false, 0.04),
        ])
    func inverseTime(step: Int, staircase: Bool, expected: Float) {
        // 0.1/(1 + 0.5·0.5) = 0.08; 0.1/1.5 = 0.0666667; 0.1/(1 + 0.5·3) = 0.04
        let schedule = InverseTimeDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: staircase)
        #expect(Self.close(schedule.learningRate(at: step), expected))
    }

    @Test(
        "PiecewiseConstantDecay: boundaries are inclusive on the left piece",
        arguments: [
            (0, Float(1)), (100, 1), (101, 0.5), (200, 0.5), (201, 0.1), (10_000, 0.1),
        ])
    func piecewise(step: Int, expected: Float) {
        let schedule = PiecewiseConstantDecay(boundaries: [100, 200], values: [1, 0.5, 0.1])
        #expect(schedule.learningRate(at: step) == expected)
    }

    @Test(
        "CosineDecay: lr₀·((1 − α)·½(1 + cos(π·min(s, T)/T)) + α)",
        arguments: [
            (Float(0), 0, Float(0.1)), (0, 50, 0.05), (0, 100, 0), (0, 150, 0), (0.1, 50, 0.055), (0.1, 100, 0.01),
            (0, 25, 0.0853553),
        ])
    func cosine(alpha: Float, step: Int, expected: Float) {
        // α = 0.1, s = 50: 0.1·(0.9·0.5 + 0.1) = 0.055; s = 25: 0.1·½(1 + cos(π/4)) = 0.0853553
        let schedule = CosineDecay(initialLearningRate: 0.1, decaySteps: 100, alpha: alpha)
        #expect(Self.close(schedule.learningRate(at: step), expected))
    }

    @Test(
        "CosineDecay warm-up: linear to the target, then cosine from it",
        arguments: [
            (0, Float(0)), (5, 0.05), (10, 0.1), (60, 0.05), (110, 0), (500, 0),
        ])
    func warmup(step: Int, expected: Float) {
        let schedule = CosineDecay(initialLearningRate: 0, decaySteps: 100, warmupTarget: 0.1, warmupSteps: 10)
        #expect(Self.close(schedule.learningRate(at: step), expected))
    }

    @Test("schedules round-trip through their configuration")
    func roundTrip() throws {
        let schedules: [any LearningRateSchedule] = [
            ExponentialDecay(initialLearningRate: 0.1, decaySteps: 7, decayRate: 0.3, staircase: true),
            InverseTimeDecay(initialLearningRate: 0.2, decaySteps: 3, decayRate: 1),
            PiecewiseConstantDecay(boundaries: [5, 9], values: [0.3, 0.2, 0.1]),
            CosineDecay(initialLearningRate: 0.01, decaySteps: 40, alpha: 0.2, warmupTarget: 0.1, warmupSteps: 4),
        ]
        for schedule in schedules {
            let copy = try LearningRateScheduleRegistry.makeSchedule(
                type: type(of: schedule).typeName, configuration: schedule.configuration)
            for step in [0, 3, 6, 10, 50] { #expect(copy.learningRate(at: step) == schedule.learningRate(at: step)) }
        }
    }
}
