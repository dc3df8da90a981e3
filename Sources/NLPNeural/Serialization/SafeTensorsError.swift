// NLPNeural: what can be wrong with a .safetensors file.

/// Why a `.safetensors` file cannot be read or written. Every case names the file and what is wrong.
public enum SafeTensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file cannot be opened, examined or read.
    case cannotRead(path: String, reason: String)
    /// The file cannot be written (the target is left unchanged).
    case cannotWrite(path: String, reason: String)
    /// The file ends before the 8-byte header length or before the header it announces.
    case truncated(path: String, reason: String)
    /// The announced header length exceeds the sanity limit.
    case headerTooLarge(path: String, length: UInt64, limit: Int)
    /// The header is not the expected JSON (not UTF-8 JSON, not an object, a malformed entry).
    case invalidHeader(path: String, reason: String)
    /// A tensor uses an element type this reader does not convert.
    case unsupportedDType(path: String, tensor: String, dtype: String)
    /// A tensor's shape and element type need a different number of bytes than its offsets span.
    case sizeMismatch(path: String, tensor: String, shape: [Int], dtype: String, expectedBytes: Int, foundBytes: Int)
    /// A tensor's offsets are reversed or point outside the data area.
    case offsetsOutOfBounds(path: String, tensor: String, begin: Int, end: Int, dataSize: Int)
    /// Tensors overlap, leave gaps, or do not cover the data area exactly.
    case invalidLayout(path: String, reason: String)
    /// The tensors or metadata given to the writer cannot be stored (e.g. a reserved name).
    case invalidArgument(reason: String)

    /// A message naming the file (or layer) and what is wrong.
    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): return "\(path): cannot read the safetensors file: \(reason)"
        case .cannotWrite(let path, let reason): return "\(path): cannot write the safetensors file: \(reason)"
        case .truncated(let path, let reason): return "\(path): truncated safetensors file: \(reason)"
        case .headerTooLarge(let path, let length, let limit):
            return "\(path): the header claims \(length) bytes, more than the \(limit)-byte limit; "
                + "is this really a safetensors file?"
        case .invalidHeader(let path, let reason): return "\(path): invalid safetensors header: \(reason)"
        case .unsupportedDType(let path, let tensor, let dtype):
            return "\(path): tensor \"\(tensor)\" has element type \"\(dtype)\"; supported: "
                + SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
        case .sizeMismatch(let path, let tensor, let shape, let dtype, let expected, let found):
            return "\(path): tensor \"\(tensor)\" of shape \(shape) and type \(dtype) needs \(expected) bytes, "
                + "but its offsets span \(found)"
        case .offsetsOutOfBounds(let path, let tensor, let begin, let end, let dataSize):
            return "\(path): tensor \"\(tensor)\" has data offsets [\(begin), \(end)] outside the "
                + "\(dataSize)-byte data area"
        case .invalidLayout(let path, let reason): return "\(path): invalid tensor layout: \(reason)"
        case .invalidArgument(let reason): return "cannot store these tensors as safetensors: \(reason)"
        }
    }
}
