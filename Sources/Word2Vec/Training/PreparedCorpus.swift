// Reading the corpus once into a vocabulary and an in-memory stream of word ids.

import NLPText

/// The corpus as the trainer reads it: the vocabulary and every in-vocabulary word as an
/// `Int32` id, with sentence starts (word2vec.c's "precomputed corpus of ids").
///
/// How the text is read:
/// - Files (plain or gzip) are read twice, streaming: one pass counts the words
///   (``VocabularyCounter``, with word2vec.c's pruning), the second encodes them with the finished
///   vocabulary. Memory holds the counts and the ids (4 bytes per word), never the text.
/// - Standard input and file descriptors cannot be read twice: their text is read once into memory
///   and counted and encoded from there. A phrase pass also works on an in-memory copy.
/// - Every newline ends a sentence (word2vec.c's `</s>`); `</s>` is vocabulary id 0 with the
///   number of newlines as its count, as word2vec.c has it, but it never appears in the stream.
///   Sentences longer than `maxSentenceLength` words are split (before subsampling; word2vec.c
///   splits after it). Words outside the vocabulary are dropped, as word2vec.c does.
struct PreparedCorpus {
    var vocabulary: Vocabulary
    var ids: [Int32]
    /// `sentenceStarts[s] ..< sentenceStarts[s + 1]` is sentence `s`; the last entry is `ids.count`.
    var sentenceStarts: [Int]
    /// Every token read, before the vocabulary's minimum count.
    var corpusWords: Int

    /// Reads `corpus`; with `vocabulary` (continued training) only encodes it with that vocabulary.
    static func read(
        _ corpus: Corpus, options: Word2VecOptions, vocabulary existing: Vocabulary?,
        cancellation: TrainingCancellation?
    ) throws -> PreparedCorpus {
        let inMemory =
            options.phrasePasses > 0
            || corpus.sources.contains {
                switch $0 {
                case .standardInput, .fileDescriptor: true
                case .file, .directory: false
                }
            }
        let tokenizer = corpus.tokenizer(marksSentenceEnds: true)
        var text: [UInt8] = []
        if inMemory { text = try readText(corpus, options: options) }
        if cancellation?.isCancelled == true { throw Word2VecError.cancelled }

        let vocabulary: Vocabulary
        var corpusWords = 0
        if let existing {
            vocabulary = existing
        } else {
            let counter = VocabularyCounter(maxTypes: options.maxCountedTypes)
            if inMemory {
                _ = text.withUnsafeBytes { bytes in
                    tokenizer.forEachToken(in: bytes) { token in
                        switch token {
                        case .word(let word): counter.add(word)
                        case .sentenceEnd: counter.addSentenceEnd()
                        }
                    }
                }
            } else {
                try counter.count(corpus)
            }
            corpusWords = counter.wordCount
            vocabulary = counter.makeVocabulary(
                minCount: options.minCount, maxSize: options.maxVocabularySize.map { $0 - 1 },
                specialTokens: [.sentenceEnd])
            if vocabulary.count < 2 {
                throw Word2VecError.emptyVocabulary(minCount: options.minCount, corpusWords: corpusWords)
            }
        }
        if cancellation?.isCancelled == true { throw Word2VecError.cancelled }

        var stream = WordIDStream()
        if existing == nil { stream.ids.reserveCapacity(vocabulary.totalCount - vocabulary.frequency(at: 0)) }
        func encode(_ token: WhitespaceToken) {
            switch token {
            case .word(let word):
                if let id = vocabulary.id(forBytes: word), id > 0 {
                    stream.ids.append(Int32(id))
                } else {
                    stream.droppedWords += 1
                }
            case .sentenceEnd:
                if stream.ids.count > (stream.sentenceEnds.last ?? 0) { stream.sentenceEnds.append(stream.ids.count) }
            }
        }
        if inMemory {
            _ = text.withUnsafeBytes { bytes in tokenizer.forEachToken(in: bytes, encode) }
            text = []
        } else {
            try corpus.forEachToken(marksSentenceEnds: true, encode)
        }
        if stream.ids.count > (stream.sentenceEnds.last ?? 0) { stream.sentenceEnds.append(stream.ids.count) }
        if existing != nil { corpusWords = stream.ids.count + stream.droppedWords }
        if stream.ids.isEmpty { throw Word2VecError.emptyCorpus }

        var starts = [0]
        starts.reserveCapacity(stream.sentenceEnds.count + 1)
        for end in stream.sentenceEnds {
            var start = starts.last!
            while end - start > options.maxSentenceLength {
                start += options.maxSentenceLength
                starts.append(start)
            }
            starts.append(end)
        }
        return PreparedCorpus(
            vocabulary: vocabulary, ids: stream.ids, sentenceStarts: starts, corpusWords: corpusWords)
    }

    /// The corpus text in memory, after the phrase passes if any.
    private static func readText(_ corpus: Corpus, options: Word2VecOptions) throws -> [UInt8] {
        guard options.phrasePasses > 0 else {
            var text: [UInt8] = []
            try corpus.forEachChunk { chunk in text.append(contentsOf: chunk) }
            return text
        }
        var sentences: [[String]] = []
        try corpus.forEachSentence(maxLength: Int.max) { sentences.append($0) }
        let phraseOptions = PhraseOptions(minCount: options.phraseMinCount, threshold: options.phraseThreshold)
        let model = PhraseModel.learn(sentences: sentences, passes: options.phrasePasses, options: phraseOptions)
        var text: [UInt8] = []
        for sentence in sentences {
            for (index, word) in model.apply(to: sentence).enumerated() {
                if index > 0 { text.append(0x20) }
                text.append(contentsOf: word.utf8)
            }
            text.append(0x0A)
        }
        return text
    }
}
