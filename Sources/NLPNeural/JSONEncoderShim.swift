// NLPNeural: JSON encoding through Foundation, kept in one place.
import Foundation

/// Foundation's JSON coders with the toolkit's settings (sorted keys, pretty printed).
enum JSONEncoderShim {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}
