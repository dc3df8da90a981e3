// The README's word2vec example: train on a corpus, save, reload, query.
//
//   swift run -c release word2vec-tour corpus.txt [word]
//
// Trains with word2vec.c's defaults (CBOW, 100 dimensions, all cores), except that a small corpus
// (under a million words) uses min count 1 and 20 epochs so its rare words still get vectors.
import Foundation
import NLPText
import Word2Vec

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: word2vec-tour corpus.txt [word]\n".utf8))
    exit(2)
}
let query = arguments.count > 2 ? arguments[2] : "king"
do {
    let corpus = try Corpus(path: arguments[1])
    var options = Word2VecOptions()  // word2vec.c's defaults
    if try corpus.forEachToken({ _ in }).words < 1_000_000 {
        options.minCount = 1
        options.epochs = 20
    }
    let model = try Word2VecTrainer(options: options).train(corpus: corpus)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tour-\(getpid()).w2vmodel").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try model.vectors.save(to: path)  // .w2vmodel: native, memory-mapped on load

    let vectors = try WordVectors.load(from: path)
    print(
        "\(vectors.count) words × \(vectors.dimension), loss per epoch \(model.statistics.epochLosses.first!) → \(model.statistics.epochLosses.last!)"
    )
    for (word, similarity) in try vectors.mostSimilar(positive: [query], topN: 5) {
        print(word, String(format: "%.3f", similarity))
    }
} catch {
    FileHandle.standardError.write(Data("word2vec-tour: \(error)\n".utf8))
    exit(1)
}
