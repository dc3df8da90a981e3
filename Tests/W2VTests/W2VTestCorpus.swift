import Foundation

/// A small synthetic corpus whose word classes share contexts: animals eat foods, people drive
/// vehicles. A trained model should put each word nearest to its own class.
enum W2VTestCorpus {
    static let animals = ["cat", "dog", "horse", "cow", "sheep", "goat"]
    static let foods = ["apple", "bread", "cheese", "rice", "grass", "hay"]
    static let people = ["alice", "bob", "carol", "dave", "erin", "frank"]
    static let vehicles = ["car", "bus", "truck", "train", "bike", "boat"]

    /// `lines` sentences from a fixed generator (the same text on every call).
    static func text(lines: Int = 4000) -> String {
        var state: UInt64 = 12345
        func pick(_ words: [String]) -> String {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return words[Int((state >> 33) % UInt64(words.count))]
        }
        var text = ""
        for index in 0 ..< lines {
            if index % 2 == 0 {
                text += "the \(pick(animals)) eats some \(pick(foods)) and the \(pick(animals)) eats \(pick(foods))\n"
            } else {
                text += "\(pick(people)) drives a \(pick(vehicles)) while \(pick(people)) rides the \(pick(vehicles))\n"
            }
        }
        return text
    }

    /// A fresh temporary directory holding `corpus.txt`.
    static func makeDirectory(lines: Int = 4000) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "w2v-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text(lines: lines).write(
            to: directory.appendingPathComponent("corpus.txt"), atomically: true, encoding: .utf8)
        return directory
    }
}
