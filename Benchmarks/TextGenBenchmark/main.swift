// TextGenBenchmark: char-rnn training throughput and validation bits per character within a fixed
// wall-clock budget — the Swift side of /work/wt/CONTRACT-textgen.md (peer: textgen_peer.py).
//
//     swift build -c release --product TextGenBenchmark
//     .build/release/TextGenBenchmark --corpus shakespeare.txt --seconds 300
//
// Flags (same on both sides): --cell lstm|gru, --layers 2, --units 256, --embedding 0 (one-hot),
// --seq-length 100, --batch-size 64, --validation-fraction 0.05, --learning-rate 0.002,
// --clip-norm 5, --seconds 300, --eval-every-seconds 60, --threads 2, --seed 1.
// stdout: one JSON line per evaluation and a final line; stderr: progress.
import BenchmarkSupport
import Foundation
import NLPCore
import NLPNeural
import TextGeneration

struct Options {
    var corpus = ""
    var cell = RecurrentCell.lstm
    var layers = 2
    var units = 256
    var embedding = 0
    var seqLength = 100
    var batchSize = 64
    var validationFraction = 0.05
    var learningRate: Float = 0.002
    var clipNorm: Float = 5
    var seconds = 300.0
    var evalEverySeconds = 60.0
    var threads = 2
    var seed: UInt64 = 1

    var json: String {
        """
        {"cell": "\(cell.rawValue)", "layers": \(layers), "units": \(units), "embedding": \(embedding), \
        "seq_length": \(seqLength), "batch_size": \(batchSize), "validation_fraction": \(validationFraction), \
        "learning_rate": \(learningRate), "clip_norm": \(clipNorm), "seconds": \(seconds), \
        "eval_every_seconds": \(evalEverySeconds), "threads": \(threads), "seed": \(seed)}
        """
    }
}

let tool = BenchmarkTool(name: "TextGenBenchmark")

func parseOptions() -> Options {
    var options = Options()
    var args = BenchmarkArguments(tool)
    while let flag = args.nextFlag() {
        switch flag {
        case "--corpus": options.corpus = args.value(flag)
        case "--cell":
            guard let cell = RecurrentCell(rawValue: args.value(flag)) else { tool.fail("--cell must be lstm or gru") }
            options.cell = cell
        case "--layers": options.layers = args.positiveInt(flag)
        case "--units": options.units = args.positiveInt(flag)
        case "--embedding":
            guard let v = Int(args.value(flag)), v >= 0 else { tool.fail("--embedding needs 0 or a positive integer") }
            options.embedding = v
        case "--seq-length": options.seqLength = args.positiveInt(flag)
        case "--batch-size": options.batchSize = args.positiveInt(flag)
        case "--validation-fraction":
            guard let v = Double(args.value(flag)), v > 0, v < 1 else {
                tool.fail("--validation-fraction must be in (0, 1)")
            }
            options.validationFraction = v
        case "--learning-rate": options.learningRate = Float(args.positiveDouble(flag))
        case "--clip-norm": options.clipNorm = Float(args.positiveDouble(flag))
        case "--seconds": options.seconds = args.positiveDouble(flag)
        case "--eval-every-seconds": options.evalEverySeconds = args.positiveDouble(flag)
        case "--threads": options.threads = args.positiveInt(flag)
        case "--seed": options.seed = args.seed(flag)
        default: tool.fail("unknown option \(flag)")
        }
    }
    if options.corpus.isEmpty { tool.fail("--corpus FILE is required") }
    return options
}

/// CPU seconds of the whole process (all threads): with other processes competing for the cores,
/// chars per CPU second stays meaningful when the wall clock does not (reported on stderr only).
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

func number(_ value: Double) -> String {
    value.isFinite ? String(format: "%.6g", value) : "null"
}

/// One benchmark run: data, model and the counters of the training loop.
final class BenchmarkRun {
    let options: Options
    let model: LanguageModel
    let trainIDs: [Int]
    let validationIDs: [Int]
    let trainLayout: StreamLayout
    let validationLayout: StreamLayout
    var trainingSeconds = 0.0
    var cpuSeconds = 0.0
    var trainChars = 0
    var completedEpochs = 0
    var batch = 0
    var windowLoss = 0.0
    var windowBatches = 0
    var lastValidation = Double.nan

    init(options: Options) {
        self.options = options
        let text: String
        do {
            text = try TextFile.read(options.corpus)
        } catch {
            tool.fail("\(error)")
        }
        let tokenizer = LanguageModelTokenizer.characters(fitting: text)
        let ids = try! tokenizer.encode(text)
        let cut = Int((Double(ids.count) * (1 - options.validationFraction)).rounded(.down))
        trainIDs = Array(ids[0 ..< cut])
        validationIDs = Array(ids[cut...])
        trainLayout = StreamLayout(
            tokenCount: trainIDs.count, batchSize: options.batchSize, sequenceLength: options.seqLength)
        validationLayout = StreamLayout(
            tokenCount: validationIDs.count, batchSize: options.batchSize, sequenceLength: options.seqLength)
        guard trainLayout.batchCount > 0, validationLayout.batchCount > 0 else {
            tool.fail(
                "the corpus is too short for batch size \(options.batchSize) and sequence length \(options.seqLength)")
        }
        do {
            model = try LanguageModel(
                tokenizer: tokenizer,
                configuration: LanguageModelConfiguration(
                    cell: options.cell, layers: options.layers, units: options.units,
                    embeddingDimension: options.embedding),
                seed: options.seed)
        } catch {
            tool.fail("\(error)")
        }
        model.network.compile(
            optimizer: Adam(
                learningRate: options.learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-7,
                globalClipNorm: options.clipNorm),
            loss: SparseCategoricalCrossentropy(fromLogits: true))
        let parameterCount = model.network.parameters.reduce(0) { $0 + $1.count }
        printError(
            "ours: V=\(tokenizer.count), train \(trainIDs.count), validation \(validationIDs.count), \(trainLayout.batchCount) batches/epoch, \(parameterCount) parameters, \(options.threads) thread(s)"
        )
    }

    /// Scores the validation split (state saved and restored around it; time not counted).
    func validate() -> Double {
        let saved = model.states
        let evaluation = model.evaluate(ids: validationIDs, layout: validationLayout)
        model.states = saved
        return evaluation.bitsPerToken
    }

    func report() {
        let validation = validate()
        lastValidation = validation
        let epoch = Double(completedEpochs) + Double(batch) / Double(trainLayout.batchCount)
        let trainBPC = windowBatches > 0 ? windowLoss / Double(windowBatches) / M_LN2 : .nan
        let rate = Double(trainChars) / trainingSeconds
        print(
            """
            {"side": "ours", "event": "eval", "training_seconds": \(number(trainingSeconds)), "train_chars": \(trainChars), \
            "chars_per_second": \(number(rate)), "train_bpc": \(number(trainBPC)), \
            "validation_bpc": \(number(validation)), "epoch": \(number(epoch))}
            """)
        fflush(nil)
        printError(
            String(
                format:
                    "ours: %.0f s, epoch %.3f, %.0f chars/s (%.0f chars per CPU second), train bpc %.3f, validation bpc %.3f",
                trainingSeconds, epoch, rate, Double(trainChars) / cpuSeconds, trainBPC, validation))
        windowLoss = 0
        windowBatches = 0
    }

    func run() {
        let (B, T) = (options.batchSize, options.seqLength)
        var nextEvaluation = options.evalEverySeconds
        training: while true {
            model.resetStates()
            batch = 0
            for k in 0 ..< trainLayout.batchCount {
                let start = monotonicSeconds()
                let cpuStart = processCPUSeconds()
                let layout = trainLayout
                let ids = trainIDs
                let x = model.makeInput(batch: B, steps: T) { b, t in ids[layout.index(batch: k, row: b, step: t)] }
                let y = Tensor(shape: [B, T]) { targets in
                    for b in 0 ..< B {
                        for t in 0 ..< T {
                            targets[b * T + t] = Float(ids[layout.index(batch: k, row: b, step: t) + 1])
                        }
                    }
                }
                let loss: Float
                do {
                    loss = try model.network.trainOnBatch(x: x, y: y)["loss"] ?? .nan
                } catch {
                    tool.fail("\(error)")
                }
                trainingSeconds += monotonicSeconds() - start
                cpuSeconds += processCPUSeconds() - cpuStart
                trainChars += B * T
                windowLoss += Double(loss)
                windowBatches += 1
                batch = k + 1
                if trainingSeconds >= options.seconds { break training }
                if trainingSeconds >= nextEvaluation {
                    report()
                    while nextEvaluation <= trainingSeconds { nextEvaluation += options.evalEverySeconds }
                }
            }
            completedEpochs += 1
            batch = 0
        }
        report()
        print(
            """
            {"side": "ours", "event": "final", "training_seconds": \(number(trainingSeconds)), "train_chars": \(trainChars), \
            "chars_per_second": \(number(Double(trainChars) / trainingSeconds)), "validation_bpc": \(number(lastValidation)), \
            "vocabulary": \(model.vocabularySize), "train_size": \(trainIDs.count), "validation_size": \(validationIDs.count), \
            "config": \(options.json), "peak_rss_mb": \(number(ProcessResources.current().peakMegabytes))}
            """)
    }
}

let options = parseOptions()
BLAS.threads = options.threads
BenchmarkRun(options: options).run()
