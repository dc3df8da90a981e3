// NeuralBenchmark: training and inference throughput of the recurrent layers (release builds).
//
// Run through `bash Benchmarks/neural.sh` to compare with PyTorch in the same run, or directly:
//
//     swift build -c release --product NeuralBenchmark && .build/release/NeuralBenchmark
//
// Options:
//   --configs imdb-lstm,imdb-gru,char-lstm   which models (see `makeModel`)
//   --threads 2                              BLAS threads
//   --min-seconds 3                          timed work per measurement (after one warm-up step)
//   --json                                   one JSON object per line instead of a table
//   --phases 20                              instead: the best time of each phase of a training
//                                            step over 20 steps (see Phases.swift)
//   --cpu-clock                              with --phases: the main thread's CPU time instead of
//                                            the wall clock (all the work at --threads 1)
import BenchmarkSupport
import Foundation
import NLPCore
import NLPNeural

struct Options {
    var configs = ["imdb-lstm", "imdb-gru", "char-lstm"]
    var threads = 2
    var minSeconds = 3.0
    var json = false
    var phaseSteps: Int?
    var cpuClock = false
}

let tool = BenchmarkTool(name: "NeuralBenchmark")

func parseOptions() -> Options {
    var options = Options()
    var args = BenchmarkArguments(tool)
    while let flag = args.nextFlag() {
        switch flag {
        case "--configs": options.configs = args.value(flag).split(separator: ",").map(String.init)
        case "--threads": options.threads = args.positiveInt(flag)
        case "--min-seconds": options.minSeconds = args.positiveDouble(flag)
        case "--json": options.json = true
        case "--cpu-clock": options.cpuClock = true
        case "--phases": options.phaseSteps = args.positiveInt(flag)
        default: tool.fail("unknown option \(flag)")
        }
    }
    return options
}

/// The benchmarked configurations (the same shapes as Benchmarks/torch_peer.py).
func makeModel(_ name: String) throws -> BenchmarkModel {
    switch name {
    case "imdb-lstm":
        return try sequenceClassifier(
            vocabulary: 10_000, embedding: 32, recurrent: LSTM(units: 32), steps: 500, batchSize: 128, seed: 1)
    case "imdb-gru":
        return try sequenceClassifier(
            vocabulary: 10_000, embedding: 32, recurrent: GRU(units: 32), steps: 500, batchSize: 128, seed: 1)
    case "char-lstm":
        return try characterModel(vocabulary: 100, units: 256, steps: 100, batchSize: 64, seed: 1)
    default: tool.fail("unknown config \(name) (imdb-lstm, imdb-gru, char-lstm)")
    }
}

/// The best time of `body` over at least 3 runs and `minSeconds`, after one warm-up.
func bestTime(minSeconds: Double, _ body: () -> Void) -> Double {
    measure(warmup: 1, minRepeats: 3, minSeconds: minSeconds, body).best
}

let options = parseOptions()
BLAS.threads = options.threads
if let steps = options.phaseSteps {
    for name in options.configs {
        let times = phaseTimes(
            try makeModel(name), steps: steps, clock: options.cpuClock ? threadCPUSeconds : monotonicSeconds)
        let total = times.reduce(0) { $0 + $1.seconds }
        print(
            "\(name), \(options.threads) thread(s): best of \(steps) steps per phase (\(options.cpuClock ? "thread CPU time" : "wall clock")), sum \(String(format: "%.2f", total * 1000)) ms"
        )
        for (phase, seconds) in times {
            print(
                "  " + phase.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%8.2f ms %5.1f %%", seconds * 1000, 100 * seconds / total))
        }
    }
    exit(0)
}
if !options.json {
    print(BLAS.summary)
    print("config       train samples/s   inference samples/s")
}
for name in options.configs {
    let model = try makeModel(name)
    var sink: Float = 0
    let train = bestTime(minSeconds: options.minSeconds) { sink += model.trainStep() }
    let infer = bestTime(minSeconds: options.minSeconds / 2) { sink += model.predict() }
    let trainRate = Double(model.batchSize) / train
    let inferRate = Double(model.batchSize) / infer
    if options.json {
        print(
            "{\"side\": \"swift\", \"config\": \"\(name)\", \"threads\": \(options.threads), \"train_samples_per_s\": \(trainRate), \"inference_samples_per_s\": \(inferRate), \"check\": \(sink.isFinite)}"
        )
    } else {
        print(
            name.padding(toLength: 12, withPad: " ", startingAt: 0)
                + String(format: " %16.1f %21.1f", trainRate, inferRate))
    }
}
