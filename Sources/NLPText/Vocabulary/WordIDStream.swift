// A corpus as one flat array of word ids with sentence boundaries: the word2vec trainer's input.

/// Word ids of a whole corpus in one `[Int32]`, with the end offset of every sentence: what a
/// word2vec trainer reads instead of text.
///
/// Sentences are lines (newlines and file ends); empty sentences are left out. Words outside
/// the vocabulary become its ``Vocabulary/unknownID`` if it has one, and are dropped otherwise
/// (as word2vec.c drops them); the special tokens never appear in the stream.
public struct WordIDStream: Sendable, Equatable {
    /// The ids of all kept words, sentence after sentence.
    public var ids: [Int32]
    /// `sentenceEnds[i]` is the end (exclusive) of sentence `i` in ``ids``; sentence `i` starts
    /// at `sentenceEnds[i - 1]` (0 for the first).
    public var sentenceEnds: [Int]
    /// Words dropped because they are not in the vocabulary.
    public var droppedWords: Int

    /// An empty stream.
    public init() {
        ids = []
        sentenceEnds = []
        droppedWords = 0
    }

    /// The number of sentences.
    public var sentenceCount: Int { sentenceEnds.count }

    /// The ids of sentence `index`.
    /// - Precondition: `0 <= index < sentenceCount`.
    public func sentence(_ index: Int) -> ArraySlice<Int32> {
        precondition(index >= 0 && index < sentenceCount, "sentence \(index) is out of range 0..<\(sentenceCount)")
        return ids[(index == 0 ? 0 : sentenceEnds[index - 1]) ..< sentenceEnds[index]]
    }
}

extension Vocabulary {
    /// The ids of `corpus` (see ``WordIDStream``), read in one streaming pass.
    /// - Throws: the corpus's errors (``FileError``, ``CorpusError``).
    public func encode(_ corpus: Corpus) throws -> WordIDStream {
        var stream = WordIDStream()
        let unknown = unknownID.map(Int32.init)
        try corpus.forEachToken(marksSentenceEnds: true) { token in
            switch token {
            case .word(let bytes):
                if let id = table.find(bytes) {
                    stream.ids.append(Int32(id))
                } else if let unknown {
                    stream.ids.append(unknown)
                } else {
                    stream.droppedWords += 1
                }
            case .sentenceEnd:
                if stream.ids.count > (stream.sentenceEnds.last ?? 0) { stream.sentenceEnds.append(stream.ids.count) }
            }
        }
        return stream
    }

    /// The ids of the words of `text` (whitespace-separated), with unknown words mapped to
    /// ``unknownID`` or dropped.
    public func encode(_ text: String) -> [Int32] {
        var text = text
        let unknown = unknownID.map(Int32.init)
        var ids: [Int32] = []
        text.withUTF8 { utf8 in
            _ = WhitespaceTokenizer().forEachToken(in: UnsafeRawBufferPointer(utf8)) { token in
                guard case .word(let bytes) = token else { return }
                if let id = table.find(bytes) { ids.append(Int32(id)) } else if let unknown { ids.append(unknown) }
            }
        }
        return ids
    }

    /// The words of `ids`.
    /// - Precondition: every id is in `0 ..< count`.
    public func decode<S: Sequence>(_ ids: S) -> [String] where S.Element == Int32 {
        ids.map { word(at: Int($0)) }
    }
}
