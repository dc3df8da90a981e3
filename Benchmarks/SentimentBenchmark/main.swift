// The Swift side of Benchmarks/sentiment.sh (contract: CONTRACT-sentiment.md): trains the
// library's SentimentClassifier on the folds of a fold file and prints JSON lines.
//
//   SentimentBenchmark --data FILE --text-column NAME --label-column NAME --folds-file F
//                      --model mlp|lstm|gru|bilstm|bigru [--embeddings VECTORS] [--freeze-embeddings]
//                      [--only-fold K] [--epochs N] [--seed N] [--threads N]
//                      [--configuration JSON] [--model ensemble [--members JSON]] [--inner-holdout]
//
// --configuration: SentimentConfiguration fields that replace the defaults, e.g. '{"dropout": 0.3}'
// (for an ensemble: applied to every member). --model ensemble trains a SentimentEnsemble of
// --members (a JSON array of such objects with "architecture", and "seedOffset": k for a member
// seeded with --seed + k; default SentimentEnsemble.defaultMembers).
// --inner-holdout (for choosing settings without the test folds): each fold's test rows are left
// out entirely; every 5th of its training rows (positions 4, 9, 14, ...) is scored instead and the
// rest trained on. Its fold lines have "inner": true.
//
// stdout: one "config" line, then one "fold" line per evaluated fold; progress on stderr.
// train_seconds is the training loop of SentimentClassifier.train (tokenizer fitting, bigram
// counting and encoding excluded, as for the peer); samples_per_second = train_samples / train_seconds.
import BenchmarkSupport
import Foundation
import NLPCore
import NLPNeural
import NLPText
import Sentiment
import Word2Vec

struct Options {
    var data = ""
    var textColumn = "text"
    var labelColumn = "label"
    var foldsFile = ""
    var model = SentimentArchitecture.mlp
    var embeddings: String?
    var freezeEmbeddings = false
    var onlyFold: Int?
    var epochs: Int?
    var seed: UInt64 = 1
    var threads = 2
    var overrides: [String: Any] = [:]
    var ensemble = false
    var members: [[String: Any]]?
    var innerHoldout = false
}

let tool = BenchmarkTool(name: "SentimentBenchmark")

func parseOptions() -> Options {
    var options = Options()
    var args = BenchmarkArguments(tool)
    while let flag = args.nextFlag() {
        switch flag {
        case "--data": options.data = args.value(flag)
        case "--text-column": options.textColumn = args.value(flag)
        case "--label-column": options.labelColumn = args.value(flag)
        case "--folds-file": options.foldsFile = args.value(flag)
        case "--model" where args.peek == "ensemble":
            _ = args.value(flag)
            options.ensemble = true
        case "--members":
            guard let array = try? JSONSerialization.jsonObject(with: Data(args.value(flag).utf8)) as? [[String: Any]],
                !array.isEmpty
            else { tool.fail("--members needs a non-empty JSON array of objects") }
            options.members = array
        case "--configuration":
            guard let object = try? JSONSerialization.jsonObject(with: Data(args.value(flag).utf8)) as? [String: Any]
            else {
                tool.fail("--configuration needs a JSON object")
            }
            options.overrides = object
        case "--inner-holdout": options.innerHoldout = true
        case "--model":
            let name = args.value(flag)
            guard let model = SentimentArchitecture(rawValue: name) else { tool.fail("unknown --model \(name)") }
            options.model = model
        case "--embeddings": options.embeddings = args.value(flag)
        case "--freeze-embeddings": options.freezeEmbeddings = true
        case "--only-fold":
            guard let k = Int(args.value(flag)), k >= 0 else { tool.fail("--only-fold needs a fold id ≥ 0") }
            options.onlyFold = k
        case "--epochs": options.epochs = args.positiveInt(flag)
        case "--seed": options.seed = args.seed(flag)
        case "--threads": options.threads = args.positiveInt(flag)
        default: tool.fail("unknown argument \(flag)")
        }
    }
    if options.data.isEmpty || options.foldsFile.isEmpty { tool.fail("--data and --folds-file are required") }
    return options
}

/// A JSON value written with sorted keys (Foundation's encoder), one line.
func jsonLine(_ object: [String: Any]) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
        tool.fail("cannot encode \(object)")
    }
    return String(decoding: data, as: UTF8.self)
}

func emit(_ object: [String: Any]) {
    FileHandle.standardOutput.write(Data((jsonLine(object) + "\n").utf8))
}

/// The contract's description of the layers actually built.
func layerDescriptions(_ classifier: SentimentClassifier) -> [[String: Any]] {
    classifier.model.layers.map { layer -> [String: Any] in
        let configuration = layer.configuration
        var values: [String: Any] = ["type": configuration.type]
        func number(_ key: String) -> Double? {
            if case .number(let x)? = configuration[key] { return x }
            return nil
        }
        switch layer {
        case let bag as BagOfWordsDense:
            values["type"] = "Dense"
            values["input"] = "bag of words (\(classifier.configuration.bagOfWordsMode.rawValue))"
            values["input_dim"] = bag.vocabularySize
            values["units"] = bag.units
            values["activation"] = "\(bag.activation)"
            if let regularizer = bag.kernelRegularizer, regularizer.l2 > 0 {
                values["kernel_regularizer"] = ["l2": Double(regularizer.l2)]
            }
            if bag.inputDropout > 0 { values["input_dropout"] = Double(bag.inputDropout) }
        case let dense as Dense:
            values["units"] = dense.units
            values["activation"] = "\(dense.activation)"
        case let embedding as Embedding:
            values["input_dim"] = embedding.inputDimension
            values["output_dim"] = embedding.outputDimension
            values["trainable"] = embedding.parameters.first?.isTrainable ?? true
            values["mask_zero"] = true
        case let dropout as Dropout:
            values["rate"] = Double(dropout.rate)
        case let bidirectional as Bidirectional:
            if case .object(let inner)? = configuration["layer"], case .string(let type)? = inner["type"] {
                values["layer"] = type
            }
            values["merge_mode"] = bidirectional.mergeMode.rawValue
            values["units"] = classifier.configuration.recurrentUnits
            values["return_sequences"] = false
            values["dropout"] = Double(classifier.configuration.recurrentInputDropout)
            values["recurrent_dropout"] = 0.0
        default:
            values["units"] = number("units").map { Int($0) } ?? 0
            if case .bool(let flag)? = configuration["return_sequences"] { values["return_sequences"] = flag }
            values["dropout"] = number("dropout") ?? 0
            values["recurrent_dropout"] = number("recurrent_dropout") ?? 0
        }
        return values
    }
}

func configLine(_ classifier: SentimentClassifier, options: Options, dataset: LabeledTextDataset) -> [String: Any] {
    let configuration = classifier.configuration
    var tokenizer: [String: Any] = [
        "num_words": configuration.resolvedVocabularySize, "lowercase": configuration.lowercase,
        "filters": configuration.filters, "ngrams": configuration.resolvedNgrams,
    ]
    if configuration.architecture.isSequenceModel {
        tokenizer["max_length"] = classifier.maxLength
        tokenizer["max_length_rule"] =
            configuration.maxLength == nil ? "95th percentile of training lengths, 8...400" : "fixed"
    } else {
        tokenizer["mode"] = configuration.bagOfWordsMode.rawValue
        if configuration.bagOfWordsMode == .nbBinary {
            tokenizer["nb_binary"] =
                "NBSVM log-count ratio (Wang & Manning 2012, alpha 1): the binary matrix times "
                + "r[j] = ln((p[j] / sum(p)) / (q[j] / sum(q))), p[j] = 1 + fit rows of the second label "
                + "containing token j, q[j] = 1 + fit rows of the first label containing it; sums over "
                + "columns 0..num_words-1; fit rows = training rows without the validation rows; "
                + "r[0] = 0; with more than 2 labels the matrix stays binary"
        }
    }
    let classes = dataset.labelNames.count
    var line: [String: Any] = [
        "event": "config", "model": configuration.architecture.rawValue, "tokenizer": tokenizer,
        "layers": layerDescriptions(classifier),
        "optimizer": ["name": "adam", "learning_rate": Double(configuration.learningRate)],
        "loss": classes == 2 ? "binary_crossentropy" : "sparse_categorical_crossentropy",
        "batch_size": configuration.batchSize, "epochs": configuration.epochs, "labels": dataset.labelNames,
        "seed": Int(configuration.seed),
    ]
    if let patience = configuration.earlyStoppingPatience {
        line["early_stopping"] =
            [
                "monitor": "val_loss", "patience": patience, "validation_fraction": configuration.validationFraction,
                "restore_best_weights": true, "split": "interleaved",
                "validation_rows":
                    "training rows (in file order) at 0-based positions i with floor((i+1)*f) > floor(i*f): 9, 19, 29, ... for f = 0.1",
            ] as [String: Any]
    } else {
        line["early_stopping"] = NSNull()
    }
    if let alignment = classifier.embeddingAlignment {
        line["embeddings"] = ["path": alignment.source, "found": alignment.found, "of": alignment.vocabularySize]
    } else {
        line["embeddings"] = NSNull()
    }
    return line
}

let options = parseOptions()
BLAS.threads = options.threads
let dataset: LabeledTextDataset
let foldIDs: [Int]
do {
    dataset = try SentimentData.load(options.data, textColumn: options.textColumn, labelColumn: options.labelColumn)
    let foldText = try String(contentsOfFile: options.foldsFile, encoding: .utf8)
    foldIDs = try foldText.split(separator: "\n", omittingEmptySubsequences: true).enumerated().map { index, line in
        guard let id = Int(line.trimmingCharacters(in: .whitespaces)), id >= 0 else {
            throw SentimentError.invalidConfiguration("\(options.foldsFile):\(index + 1): '\(line)' is not a fold id")
        }
        return id
    }
} catch {
    tool.fail("\(error)")
}
guard foldIDs.count == dataset.count else {
    tool.fail("\(options.foldsFile) has \(foldIDs.count) fold ids for \(dataset.count) data rows")
}
var embeddings: PretrainedEmbeddings?
if let path = options.embeddings {
    do {
        embeddings = try PretrainedEmbeddings(contentsOf: path, freeze: options.freezeEmbeddings)
    } catch {
        tool.fail("\(error)")
    }
}
/// The library's defaults for `architecture` with `overrides` (SentimentConfiguration's JSON keys).
func makeConfiguration(_ overrides: [String: Any], options: Options) -> SentimentConfiguration {
    var base = SentimentConfiguration(architecture: options.model, seed: options.seed)
    if let epochs = options.epochs { base.epochs = epochs }
    var overrides = overrides
    if let offset = overrides.removeValue(forKey: "seedOffset") as? Int {  // a member's seed: --seed + offset
        base.seed = options.seed &+ UInt64(offset)
    }
    guard !overrides.isEmpty else { return base }
    do {
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(base)) as? [String: Any] ?? [:]
        let merged = encoded.merging(overrides) { _, new in new }
        let configuration = try JSONDecoder().decode(
            SentimentConfiguration.self, from: JSONSerialization.data(withJSONObject: merged))
        try configuration.validate()
        return configuration
    } catch {
        tool.fail("bad configuration \(overrides): \(error)")
    }
}

let memberConfigurations: [SentimentConfiguration] =
    options.ensemble
    ? (options.members ?? []).map {
        makeConfiguration($0.merging(options.overrides) { _, new in new }, options: options)
    }
        + (options.members == nil
            ? SentimentEnsemble.defaultMembers.map { member in
                var configuration = makeConfiguration(options.overrides, options: options)
                configuration.architecture = member.architecture
                return configuration
            } : [])
    : [makeConfiguration(options.overrides, options: options)]
let modelName = options.ensemble ? "ensemble" : memberConfigurations[0].architecture.rawValue
let foldCount = (foldIDs.max() ?? 0) + 1
let testFolds = options.onlyFold.map { [$0] } ?? Array(0 ..< foldCount)
if let only = options.onlyFold, only >= foldCount {
    tool.fail("--only-fold \(only) but the fold file has \(foldCount) folds")
}
var printedConfig = false
let name = URL(fileURLWithPath: options.data).lastPathComponent
for fold in testFolds {
    var trainRows = foldIDs.indices.filter { foldIDs[$0] != fold }
    var testRows = foldIDs.indices.filter { foldIDs[$0] == fold }
    if options.innerHoldout {
        testRows = trainRows.enumerated().filter { $0.offset % 5 == 4 }.map(\.element)
        trainRows = trainRows.enumerated().filter { $0.offset % 5 != 4 }.map(\.element)
    }
    let ensemble: SentimentEnsemble
    do {
        ensemble = try SentimentEnsemble.train(
            dataset: dataset.subset(trainRows), configurations: memberConfigurations, embeddings: embeddings,
            progress: ProgressBar(output: .standardError, style: .epochSummary))
    } catch {
        tool.fail("fold \(fold): \(error)")
    }
    if !printedConfig {
        if options.ensemble {
            emit([
                "event": "config", "model": "ensemble", "labels": dataset.labelNames, "seed": Int(options.seed),
                "combine": "mean of the members' class probabilities (sigmoid outputs for 2 labels)",
                "members": ensemble.members.map { configLine($0, options: options, dataset: dataset) },
            ])
        } else {
            emit(configLine(ensemble.members[0], options: options, dataset: dataset))
        }
        printedConfig = true
    }
    let report: ClassificationReport
    do {
        report = try ensemble.evaluate(dataset.subset(testRows))
    } catch {
        tool.fail("fold \(fold): \(error)")
    }
    let summaries = ensemble.members.map(\.trainingSummary)
    let seconds = summaries.reduce(0) { $0 + $1.fitSeconds }
    let samples = summaries.reduce(0) { $0 + $1.samplesSeen }
    var line: [String: Any] = [
        "event": "fold", "side": "ours", "dataset": name, "model": modelName,
        "pretrained": embeddings != nil, "frozen": embeddings?.freeze ?? false, "fold": fold,
        "accuracy": report.accuracy, "precision": report.precision, "recall": report.recall, "f1": report.f1,
        "train_seconds": seconds, "train_samples": samples,
        "samples_per_second": Double(samples) / max(seconds, 1e-9),
        "epochs_run": summaries.map(\.epochsRun).max() ?? 0, "best_epoch": summaries[0].bestEpoch,
        "confusion": report.confusion, "test_samples": testRows.count,
    ]
    if options.innerHoldout { line["inner"] = true }
    if !options.overrides.isEmpty { line["overrides"] = options.overrides }
    if options.ensemble {
        line["members"] = ensemble.members.map { member -> [String: Any] in
            let memberReport = try? member.evaluate(dataset.subset(testRows))
            return [
                "model": member.configuration.architecture.rawValue, "accuracy": memberReport?.accuracy ?? 0,
                "f1": memberReport?.f1 ?? 0, "epochs_run": member.trainingSummary.epochsRun,
                "train_seconds": member.trainingSummary.fitSeconds,
            ]
        }
    }
    emit(line)
}
