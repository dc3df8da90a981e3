// The Swift side of Benchmarks/sentiment.sh (contract: CONTRACT-sentiment.md): trains the
// library's SentimentClassifier on the folds of a fold file and prints JSON lines.
//
//   SentimentBenchmark --data FILE --text-column NAME --label-column NAME --folds-file F
//                      --model mlp|lstm|gru|bilstm|bigru [--embeddings VECTORS] [--freeze-embeddings]
//                      [--only-fold K] [--epochs N] [--seed N] [--threads N]
//
// stdout: one "config" line, then one "fold" line per evaluated fold; progress on stderr.
// train_seconds is the training loop of SentimentClassifier.train (tokenizer fitting, bigram
// counting and encoding excluded, as for the peer); samples_per_second = train_samples / train_seconds.
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
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("SentimentBenchmark: \(message)\n".utf8))
    exit(2)
}

func parseOptions() -> Options {
    var options = Options()
    var args = CommandLine.arguments.dropFirst()
    while let flag = args.popFirst() {
        func value() -> String {
            guard let value = args.popFirst() else { fail("\(flag) needs a value") }
            return value
        }
        switch flag {
        case "--data": options.data = value()
        case "--text-column": options.textColumn = value()
        case "--label-column": options.labelColumn = value()
        case "--folds-file": options.foldsFile = value()
        case "--model":
            let name = value()
            guard let model = SentimentArchitecture(rawValue: name) else { fail("unknown --model \(name)") }
            options.model = model
        case "--embeddings": options.embeddings = value()
        case "--freeze-embeddings": options.freezeEmbeddings = true
        case "--only-fold":
            guard let k = Int(value()), k >= 0 else { fail("--only-fold needs a fold id ≥ 0") }
            options.onlyFold = k
        case "--epochs":
            guard let n = Int(value()), n > 0 else { fail("--epochs needs a positive integer") }
            options.epochs = n
        case "--seed":
            guard let n = UInt64(value()) else { fail("--seed needs a non-negative integer") }
            options.seed = n
        case "--threads":
            guard let n = Int(value()), n > 0 else { fail("--threads needs a positive integer") }
            options.threads = n
        default: fail("unknown argument \(flag)")
        }
    }
    if options.data.isEmpty || options.foldsFile.isEmpty { fail("--data and --folds-file are required") }
    return options
}

/// A JSON value written with sorted keys (Foundation's encoder), one line.
func jsonLine(_ object: [String: Any]) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
        fail("cannot encode \(object)")
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
    fail("\(error)")
}
guard foldIDs.count == dataset.count else {
    fail("\(options.foldsFile) has \(foldIDs.count) fold ids for \(dataset.count) data rows")
}
var embeddings: PretrainedEmbeddings?
if let path = options.embeddings {
    do {
        embeddings = try PretrainedEmbeddings(contentsOf: path, freeze: options.freezeEmbeddings)
    } catch {
        fail("\(error)")
    }
}
var configuration = SentimentConfiguration(architecture: options.model, seed: options.seed)
if let epochs = options.epochs { configuration.epochs = epochs }
let foldCount = (foldIDs.max() ?? 0) + 1
let testFolds = options.onlyFold.map { [$0] } ?? Array(0 ..< foldCount)
if let only = options.onlyFold, only >= foldCount {
    fail("--only-fold \(only) but the fold file has \(foldCount) folds")
}
var printedConfig = false
let name = URL(fileURLWithPath: options.data).lastPathComponent
for fold in testFolds {
    let trainRows = foldIDs.indices.filter { foldIDs[$0] != fold }
    let testRows = foldIDs.indices.filter { foldIDs[$0] == fold }
    let classifier: SentimentClassifier
    do {
        classifier = try SentimentClassifier.train(
            dataset: dataset.subset(trainRows), configuration: configuration, embeddings: embeddings,
            progress: ProgressBar(output: .standardError, style: .epochSummary))
    } catch {
        fail("fold \(fold): \(error)")
    }
    if !printedConfig {
        emit(configLine(classifier, options: options, dataset: dataset))
        printedConfig = true
    }
    let report: ClassificationReport
    do {
        report = try classifier.evaluate(dataset.subset(testRows))
    } catch {
        fail("fold \(fold): \(error)")
    }
    let summary = classifier.trainingSummary
    emit([
        "event": "fold", "side": "ours", "dataset": name, "model": options.model.rawValue,
        "pretrained": embeddings != nil, "frozen": embeddings?.freeze ?? false, "fold": fold,
        "accuracy": report.accuracy, "precision": report.precision, "recall": report.recall, "f1": report.f1,
        "train_seconds": summary.fitSeconds, "train_samples": summary.samplesSeen,
        "samples_per_second": Double(summary.samplesSeen) / max(summary.fitSeconds, 1e-9),
        "epochs_run": summary.epochsRun, "best_epoch": summary.bestEpoch, "confusion": report.confusion,
        "test_samples": testRows.count,
    ])
}
