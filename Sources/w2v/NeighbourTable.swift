// The table of nearest words that `similar` and `analogy` print, in word2vec.c distance's layout.
import Foundation

/// Formats ranked neighbours as word2vec.c's `distance` does: right-aligned words, then the
/// cosine similarity, under a header and a rule.
func neighbourTable(_ neighbours: [(word: String, similarity: Float)], scoreTitle: String = "Cosine similarity")
    -> String
{
    let width = max(50, neighbours.map { $0.word.count }.max() ?? 0)
    var lines = [pad("Word", to: width) + "       " + scoreTitle]
    lines.append(String(repeating: "-", count: width + 7 + scoreTitle.count))
    for (word, similarity) in neighbours {
        lines.append(pad(word, to: width) + "       " + String(format: "%.6f", similarity))
    }
    return lines.joined(separator: "\n")
}

/// `text` right-aligned in `width` characters.
private func pad(_ text: String, to width: Int) -> String {
    let missing = width - text.count
    return missing > 0 ? String(repeating: " ", count: missing) + text : text
}
