// `w2v convert`: between word2vec binary/text, GloVe text and the native model format.
import ArgumentParser
import CommandLineSupport
import Word2Vec

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert word vectors between file formats.",
        discussion: """
            Formats: `bin` (word2vec.c binary), `txt` (word2vec.c text, with a "count dimension" \
            header), `glove` (GloVe text, no header) and `native` (this toolkit's model file, \
            memory-mapped on load). Without --from/--to, formats follow the file's content and \
            extension (.bin, .txt/.vec, .w2vmodel). Converting to word2vec formats keeps only the word \
            vectors; training state (needed by `w2v train --resume`) lives only in native files.

            Examples:
              w2v convert vectors.w2vmodel vectors.bin
              w2v convert glove.6B.100d.txt glove.w2vmodel --from glove
            """)

    @Argument(help: "The vectors to read.") var input: String
    @Argument(help: "Where to write them.") var output: String

    @Option(help: "Input format: bin, txt, glove or native (default: detected).")
    var from: VectorFormatArgument?

    @Option(help: "Output format: bin, txt, glove or native (default: from the extension).")
    var to: VectorFormatArgument?

    func run() throws {
        let vectors = try WordVectors.load(from: input, format: from?.format)
        try vectors.save(to: output, format: to?.format)
        let format = to?.format ?? VectorFileFormat(extensionOf: output)
        printDiagnostic(
            "\(vectors.count) words × \(vectors.dimension) → \(output) (\(format.map(\.description) ?? "?"))")
    }
}

/// A vector file format, as a command-line value.
enum VectorFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case bin, txt, glove, native

    var format: VectorFileFormat {
        switch self {
        case .bin: return .word2vecBinary
        case .txt: return .word2vecText
        case .glove: return .gloveText
        case .native: return .native
        }
    }
}
