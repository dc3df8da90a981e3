// The README's Keras-style example: movie-review sentences → ids → Embedding → LSTM → Dense,
// trained with fit, evaluated, saved, reloaded, and its history plotted.
//
//   swift run -c release keras-tour [corpora/movie-snippets.tsv] [output-directory] [epochs]
import Foundation
import NLPCore
import NLPNeural
import NLPText

let arguments = Array(CommandLine.arguments.dropFirst())
let path = arguments.first ?? "corpora/movie-snippets.tsv"
let outputDirectory = arguments.dropFirst().first ?? FileManager.default.temporaryDirectory.path
let epochs = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 3

func labels(_ dataset: LabeledTextDataset) -> Tensor {
    Tensor(shape: [dataset.count, 1], scalars: dataset.labels.map(Float.init))
}

do {
    let dataset = try LabeledTextDataset.load(delimitedFile: path).dataset
    let parts = dataset.split(train: 0.8, test: 0.2, seed: 42, stratified: true)
    var tokenizer = TextTokenizer(numWords: 10_000)
    tokenizer.fit(texts: parts.train.texts)
    let x = padSequences(tokenizer.textsToSequences(parts.train.texts), maxLength: 40)
    let xTest = padSequences(tokenizer.textsToSequences(parts.test.texts), maxLength: 40)

    let model = Sequential(
        [
            Embedding(inputDimension: 10_000, outputDimension: 32, maskZero: true),
            LSTM(units: 32),
            Dense(units: 1, activation: .sigmoid),
        ],
        inputShape: [40])
    model.compile(optimizer: RMSprop(), loss: BinaryCrossentropy(), metrics: [BinaryAccuracy(name: "accuracy")])
    print(model.summary(), terminator: "")

    let progress = ProgressBar(output: .standardError)
    let history = try model.fit(
        x: x, y: labels(parts.train), epochs: epochs, batchSize: 64, validationSplit: 0.2, seed: 1,
        progress: progress)
    let test = try model.evaluate(x: xTest, y: labels(parts.test))
    print("test accuracy:", String(format: "%.3f", test["accuracy"]!))

    let modelPath = outputDirectory + "/keras-tour.safetensors"
    try model.save(to: modelPath)
    let reloaded = try Sequential.load(from: modelPath)
    print("reloaded predictions identical:", try reloaded.predict(xTest) == model.predict(xTest))
    try history.plot("loss")?.write(to: outputDirectory + "/keras-tour-loss.svg")
    print("wrote", modelPath, "and keras-tour-loss.svg")
} catch {
    FileHandle.standardError.write(Data("keras-tour: \(error)\n".utf8))
    exit(1)
}
