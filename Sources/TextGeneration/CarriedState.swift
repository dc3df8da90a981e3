// TextGeneration: the recurrent state of a stopped epoch, kept in checkpoints.
import Foundation
import NLPCore

/// One recurrent state tensor (`h` or `c` of a layer, `[B, H]`) as raw Float32 bytes, so a
/// checkpoint written mid-epoch can continue every stream from where it stopped.
struct CarriedTensor: Codable, Equatable, Sendable {
    var shape: [Int]
    /// Little-endian Float32 values (base64 in the JSON metadata).
    var values: Data

    init(_ tensor: Tensor) {
        shape = tensor.shape
        values = tensor.withUnsafeBufferPointer { buffer in
            Data(buffer: UnsafeBufferPointer(start: buffer.baseAddress, count: buffer.count))
        }
    }

    /// The tensor, or `nil` when the byte count does not match the shape.
    var tensor: Tensor? {
        guard shape.allSatisfy({ $0 > 0 }), values.count == shape.reduce(1, *) * MemoryLayout<Float>.size else {
            return nil
        }
        return Tensor(shape: shape) { destination in
            values.withUnsafeBytes { raw in
                for i in 0 ..< destination.count {
                    destination[i] = raw.loadUnaligned(fromByteOffset: 4 * i, as: Float.self)
                }
            }
        }
    }

    /// The states of every recurrent layer (`nil` for a layer starting from zeros).
    static func encode(_ states: [[Tensor]?]) -> [[CarriedTensor]?] {
        states.map { layer in layer.map { $0.map(CarriedTensor.init) } }
    }

    /// The states back, or `nil` when they do not fit `expected` (`[B, H]` per layer).
    static func decode(_ carried: [[CarriedTensor]?], expected shapes: [[Int]]) -> [[Tensor]?]? {
        guard carried.count == shapes.count else { return nil }
        var states: [[Tensor]?] = []
        for (layer, shape) in zip(carried, shapes) {
            guard let layer else {
                states.append(nil)
                continue
            }
            let tensors = layer.compactMap(\.tensor)
            guard tensors.count == layer.count, tensors.allSatisfy({ $0.shape == shape }) else { return nil }
            states.append(tensors)
        }
        return states
    }
}
