import Foundation
import NLPCore
import NLPNeural
import Testing

@Suite("History")
struct HistoryTests {
    @Test("append, subscript, keys")
    func basics() {
        var history = History()
        history.append(epoch: 0, logs: ["loss": 1, "accuracy": 0.5])
        history.append(epoch: 1, logs: ["loss": 0.5, "accuracy": 0.75, "learning_rate": 0.01])
        #expect(history.epochs == [0, 1])
        #expect(history["loss"] == [1, 0.5])
        #expect(history["learning_rate"] == [0.01])
        #expect(history["val_loss"] == nil)
        #expect(history.keys == ["accuracy", "learning_rate", "loss"])
    }

    @Test("Codable round trip, Keras-like JSON, non-finite values as strings")
    func codable() throws {
        var history = History()
        history.append(epoch: 0, logs: ["loss": 0.25, "val_loss": .infinity])
        history.append(epoch: 1, logs: ["loss": .nan, "val_loss": -.infinity])
        let data = try JSONEncoder().encode(history)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"epoch\":[0,1]"))
        #expect(json.contains("\"NaN\"") && json.contains("\"Infinity\"") && json.contains("\"-Infinity\""))
        let decoded = try JSONDecoder().decode(History.self, from: data)
        #expect(decoded.epochs == [0, 1])
        #expect(decoded["loss"]![0] == 0.25 && decoded["loss"]![1].isNaN)
        #expect(decoded["val_loss"] == [.infinity, -.infinity])
        let bad = Data(#"{"epoch":[0],"history":{"loss":[true]}}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(History.self, from: bad) }
    }
}
