// NeuralBenchmark: where a training step's time goes, phase by phase (`--phases`).
//
// Replays `trainOnBatch` through the public API (zero gradients, each layer's forward, the loss,
// each layer's backward, the optimizer update) and reports the best time of each phase over the
// timed steps, so 1-thread and 2-thread runs can be compared part by part.
import Foundation
import NLPCore
import NLPNeural

/// The CPU time of the calling thread, in seconds: with 1 thread all the work runs on it, so on
/// a shared machine this is steadier than the wall clock (time slices lost to other processes
/// do not count).
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// The best time (seconds) of each phase of a training step over `steps` steps (after a warm-up).
/// `clock` is `monotonicSeconds` or `threadCPUSeconds`.
func phaseTimes(_ benchmark: BenchmarkModel, steps: Int, clock: () -> Double) -> [(name: String, seconds: Double)] {
    let model = benchmark.model
    guard let loss = model.loss, let optimizer = model.optimizer else { tool.fail("the model is not compiled") }
    var names = ["zero gradients"]
    for layer in model.layers { names.append("forward \(layer.name)") }
    names.append("loss")
    for layer in model.layers.reversed() { names.append("backward \(layer.name)") }
    names.append("optimizer")
    var best = [Double](repeating: .infinity, count: names.count)
    for _ in 0 ... steps {
        var times: [Double] = []
        var start = clock()
        func lap() {
            let now = clock()
            times.append(now - start)
            start = now
        }
        let parameters = model.parameters
        for parameter in parameters { parameter.zeroGradient() }
        lap()
        var current = benchmark.x
        for layer in model.layers {
            current = layer.forward(current, mask: nil, training: true)
            lap()
        }
        var gradient = loss.compute(predictions: current, targets: benchmark.y).gradient
        lap()
        for (index, layer) in model.layers.enumerated().reversed() {
            if index > 0 {
                gradient = layer.backward(gradient)
            } else {
                _ = layer.backward(gradient, computeInputGradient: false)
            }
            lap()
        }
        optimizer.update(parameters)
        lap()
        for i in best.indices { best[i] = min(best[i], times[i]) }
    }
    return Array(zip(names, best)).map { (name: $0.0, seconds: $0.1) }
}
