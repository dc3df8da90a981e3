// Training progress on standard error: loss, bits per character, chars/s, ETA, and a sample per epoch.
import CommandLineSupport
import Foundation
import TextGeneration

/// Prints a trainer's progress and, after every epoch, a short sample of the model's text.
final class ProgressPrinter: TrainingObserver {
    let model: LanguageModel
    let epochs: Int
    let quiet: Bool
    let sampleLength: Int
    let samplePrompt: String
    let sampleTemperature: Float
    let seed: UInt64
    private let redraws = standardErrorIsTerminal
    private var lastLine = 0.0

    init(
        model: LanguageModel, epochs: Int, quiet: Bool, sampleLength: Int, samplePrompt: String,
        sampleTemperature: Float, seed: UInt64
    ) {
        self.model = model
        self.epochs = epochs
        self.quiet = quiet
        self.sampleLength = sampleLength
        self.samplePrompt = samplePrompt
        self.sampleTemperature = sampleTemperature
        self.seed = seed
    }

    private var unit: String { model.tokenizer.isCharacterLevel ? "chars" : "words" }
    private var bitsName: String { model.tokenizer.isCharacterLevel ? "bpc" : "bits/word" }

    func trainingWillStart(trainingTokens: Int, validationTokens: Int, batchesPerEpoch: Int, startEpoch: Int) {
        guard !quiet else { return }
        let configuration = model.configuration
        printDiagnostic(
            "\(configuration.layers) × \(configuration.cell.rawValue.uppercased())(\(configuration.units)), "
                + (configuration.embeddingDimension > 0
                    ? "embedding \(configuration.embeddingDimension)" : "one-hot input")
                + ", vocabulary \(model.vocabularySize), \(model.network.parameters.reduce(0) { $0 + $1.count }) parameters; "
                + "\(trainingTokens) training and \(validationTokens) validation \(unit), \(batchesPerEpoch) batches per epoch"
                + (startEpoch > 1 ? "; resuming at epoch \(startEpoch)" : ""))
        noteBLASKernelOverride()
    }

    func batchDidFinish(_ progress: BatchProgress) {
        guard !quiet else { return }
        let line = String(
            format: "epoch %d/%d  batch %d/%d  loss %.4f  %@ %.3f  %@ %@/s  ETA %@",
            progress.epoch, epochs, progress.batch, progress.batchesPerEpoch, progress.loss, bitsName,
            progress.bitsPerToken, Format.compact(progress.tokensPerSecond), unit,
            Format.clock(progress.remainingSeconds))
        if redraws {
            writeToStandardError("\r\u{1B}[K" + line)
        } else if progress.elapsedSeconds - lastLine >= 30 || progress.batch == progress.batchesPerEpoch {
            lastLine = progress.elapsedSeconds
            printDiagnostic(line)
        }
    }

    func epochDidFinish(_ record: EpochRecord) {
        guard !quiet else { return }
        if redraws { writeToStandardError("\r\u{1B}[K") }
        var line = String(
            format: "epoch %d%@: train loss %.4f (%@ %.3f)", record.epoch, record.isPartial ? " (partial)" : "",
            record.trainingLoss, bitsName, record.trainingLoss / M_LN2)
        if let validation = record.validation {
            line += String(
                format: ", validation loss %.4f (%@ %.3f, perplexity %.2f)", validation.crossEntropy, bitsName,
                validation.bitsPerToken, validation.perplexity)
        }
        line += String(format: ", %.0f s, learning rate %.2e", record.seconds, Double(record.learningRate))
        printDiagnostic(line)
        if sampleLength > 0,
            let sample = try? model.generate(
                prompt: samplePrompt, length: sampleLength, strategy: .temperature(sampleTemperature),
                seed: seed &+ UInt64(record.epoch))
        {
            printDiagnostic("--- sample (temperature \(sampleTemperature)) ---\n\(samplePrompt)\(sample)\n---")
        }
    }

    func shouldStop() -> Bool { interruptRequested.load(ordering: .relaxed) }
}
