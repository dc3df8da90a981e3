// Word2vec training benchmark (release build, run by Benchmarks/word2vec.sh).
//
//   Word2VecBenchmark --corpus FILE[.gz] --architecture cbow|skipgram [--threads N] [--epochs N]
//                     [--output vectors.bin] [--min-count N] [--seed N] [--hs] [--negative N]
//                     [--per-context-negatives] [--max-sentence-length N] [--min-alpha-fraction F]
//                     [--alpha-schedule linear|gensim-corpus-file]
//                     [--initialization word2vec-c|gensim] [--quiet]
//
// Trains with the library's defaults (word2vec.c's) on the corpus, writes the vectors as a word2vec
// binary file and prints one JSON line: wall seconds including vocabulary building, training
// seconds, corpus words, words/s (word2vec.c's definition: corpus words × epochs / training
// seconds), peak resident memory and the process's CPU seconds (user + system, all threads).

import BenchmarkSupport
import Foundation
import NLPText
import Word2Vec

let tool = BenchmarkTool(name: "Word2VecBenchmark")

func number<T: LosslessStringConvertible>(_ text: String, _ flag: String) -> T {
    guard let value = T(text) else { tool.fail("bad value \(text) for \(flag)") }
    return value
}

var arguments = BenchmarkArguments(tool)
var corpusPath: String?
var output: String?
var options = Word2VecOptions()
var quiet = false
while let flag = arguments.nextFlag() {
    switch flag {
    case "--corpus": corpusPath = arguments.value(flag)
    case "--output": output = arguments.value(flag)
    case "--architecture":
        switch arguments.value(flag) {
        case "cbow": options.architecture = .cbow
        case "skipgram": options.architecture = .skipGram
        case let other: tool.fail("unknown architecture \(other)")
        }
    case "--threads": options.threads = number(arguments.value(flag), flag)
    case "--epochs": options.epochs = number(arguments.value(flag), flag)
    case "--min-count": options.minCount = number(arguments.value(flag), flag)
    case "--negative": options.negative = number(arguments.value(flag), flag)
    case "--seed": options.seed = number(arguments.value(flag), flag)
    case "--hs": options.hierarchicalSoftmax = true
    case "--max-sentence-length": options.maxSentenceLength = number(arguments.value(flag), flag)
    case "--per-context-negatives": options.sharedNegatives = false
    case "--min-alpha-fraction":
        guard let fraction = Double(arguments.value(flag)), fraction >= 0, fraction <= 1 else {
            tool.fail("--min-alpha-fraction needs a number in [0, 1]")
        }
        options.minAlphaFraction = fraction
    case "--alpha-schedule":
        let name = arguments.value(flag)
        guard let schedule = AlphaSchedule(rawValue: name) else {
            tool.fail("--alpha-schedule needs linear or gensim-corpus-file, got \(name)")
        }
        options.alphaSchedule = schedule
    case "--initialization":
        let name = arguments.value(flag)
        guard let initialization = VectorInitialization(rawValue: name) else {
            tool.fail("--initialization needs word2vec-c or gensim, got \(name)")
        }
        options.initialization = initialization
    case "--quiet": quiet = true
    default: tool.fail("unknown argument \(flag)")
    }
}
guard let corpusPath else { tool.fail("--corpus is required") }

let started = Date()
let model: Word2VecModel
do {
    let corpus = try Corpus(path: corpusPath)
    model = try Word2VecTrainer(options: options).train(corpus: corpus) { progress in
        guard !quiet else { return }
        let line = String(
            format: "\r%5.1f%%  %.0f words/s  alpha %.5f  epoch %d/%d  loss %.4f  ETA %.0fs   ",
            progress.fraction * 100, progress.wordsPerSecond, progress.alpha, progress.epoch, progress.epochs,
            progress.currentLoss, progress.secondsRemaining)
        FileHandle.standardError.write(Data(line.utf8))
    }
    if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
} catch {
    tool.fail("\(error)")
}
let wall = Date().timeIntervalSince(started)

if let output {
    do {
        try model.vectors.save(to: output, format: .word2vecBinary)
    } catch {
        tool.fail("cannot write \(output): \(error)")
    }
}

let statistics = model.statistics
let usage = ProcessResources.current()
let result: [String: Any] = [
    "side": "ours", "architecture": options.architecture == .cbow ? "cbow" : "skipgram",
    "threads": options.effectiveThreads, "epochs": options.epochs,
    "wall_seconds": wall, "training_seconds": statistics.trainingSeconds,
    "preparation_seconds": statistics.preparationSeconds, "corpus_words": statistics.corpusWords,
    "words_per_second": Double(statistics.corpusWords * options.epochs) / statistics.trainingSeconds,
    "vocabulary": model.vocabulary.count, "peak_rss_mb": usage.peakMegabytes,
    "cpu_seconds": usage.cpuSeconds,
    "epoch_losses": statistics.epochLosses, "seed": options.seed,
    "alpha_schedule": options.alphaSchedule.rawValue, "initialization": options.initialization.rawValue,
    "min_alpha_fraction": options.minAlphaFraction,
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
