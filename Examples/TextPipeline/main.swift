// The README's text-pipeline example: labelled sentences → Keras-style ids, padded batches and
// tf-idf rows; word2phrase on the same sentences.
//
//   swift run -c release text-pipeline [corpora/movie-snippets.tsv]
import Foundation
import NLPText

let path = CommandLine.arguments.dropFirst().first ?? "corpora/movie-snippets.tsv"
do {
    let dataset = try LabeledTextDataset.load(delimitedFile: path).dataset  // TSV: label, rating, text
    let parts = dataset.split(train: 0.8, test: 0.2, seed: 42, stratified: true)
    var tokenizer = TextTokenizer(numWords: 10_000, oovToken: "<OOV>")  // Keras Tokenizer
    tokenizer.fit(texts: parts.train.texts)
    let ids = padSequences(tokenizer.textsToSequences(parts.train.texts), maxLength: 40)
    let tfidf = try tokenizer.textsToMatrix(parts.test.texts, mode: .tfidf)
    print("classes:", parts.train.classSummary)
    print("train ids:", ids.shape, "test tf-idf:", tfidf.shape)

    let words = try UnicodeTokenizer()  // ICU word boundaries, lower-cased, punctuation stripped
    let sentences = dataset.texts.map { words.tokenize($0) }
    let phrases = PhraseModel.learn(sentences: sentences, passes: 1, options: PhraseOptions(minCount: 3, threshold: 10))
    print("phrases:", phrases.tables[0].phrases.prefix(8).map(\.text).joined(separator: " "))
} catch {
    FileHandle.standardError.write(Data("text-pipeline: \(error)\n".utf8))
    exit(1)
}
