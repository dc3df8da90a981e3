// NLPNeural: the element types a .safetensors file may hold, and their conversion to Float32.

/// The element types this reader converts to `Float32` (the writer always stores `F32`).
public enum SafeTensorsDType: String, CaseIterable, Sendable {
    /// IEEE 754 single precision.
    case float32 = "F32"
    /// IEEE 754 half precision.
    case float16 = "F16"
    /// bfloat16: the upper half of a `Float32`.
    case bfloat16 = "BF16"
    /// IEEE 754 double precision (rounded to the nearest `Float32`).
    case float64 = "F64"

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .float32: 4
        case .float16, .bfloat16: 2
        case .float64: 8
        }
    }

    /// Converts `destination.count` little-endian elements starting at `source` into `Float32`.
    func convert(_ source: UnsafeRawPointer, into destination: UnsafeMutableBufferPointer<Float>) {
        let count = destination.count
        switch self {
        case .float32:
            #if _endian(little)
                // The file's bytes are the host's: one copy (unaligned source is fine for memcpy).
                if let base = destination.baseAddress {
                    UnsafeMutableRawPointer(base).copyMemory(from: source, byteCount: 4 * count)
                }
            #else
                for i in 0 ..< count {
                    let bits = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                    destination[i] = Float(bitPattern: bits)
                }
            #endif
        case .float16:
            for i in 0 ..< count {
                let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                destination[i] = Self.halfToFloat(bits)
            }
        case .bfloat16:
            for i in 0 ..< count {
                let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                destination[i] = Float(bitPattern: UInt32(bits) << 16)
            }
        case .float64:
            for i in 0 ..< count {
                let bits = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                destination[i] = Float(Double(bitPattern: bits))
            }
        }
    }

    /// IEEE half → single, exact for every half value (subnormals, infinities and NaNs included).
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x03FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa · 2⁻²⁴, exactly representable in Float32.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
        }
    }
}
