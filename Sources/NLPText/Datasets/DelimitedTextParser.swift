// Splitting CSV (RFC 4180 quoting) and TSV (plain) bytes into records with line numbers.

/// One record of a delimited file.
struct DelimitedRecord: Equatable {
    /// The 1-based line where the record starts.
    var line: Int
    /// The fields, decoded as UTF-8 (invalid bytes become U+FFFD).
    var fields: [String]
    /// Why the record is malformed (text after a closing quote), or `nil`.
    var problem: String?
}

/// A byte-level parser for comma- or tab-separated text.
///
/// - CSV (`quoted: true`, RFC 4180): a field that starts with `"` runs to the next lone `"`; `""`
///   inside it is one quote, and separators and line breaks inside it are data. Text between a
///   closing quote and the next separator makes the record malformed. A `"` inside an unquoted
///   field is kept as data (as Python's csv module does).
/// - TSV (`quoted: false`): fields are split at every tab; quotes are ordinary characters.
///
/// Records end at `\n` or `\r\n`; blank lines are skipped; a UTF-8 byte order mark is dropped.
enum DelimitedTextParser {
    /// - Throws: ``DatasetError/unterminatedQuote(path:line:)``.
    static func records(in bytes: [UInt8], separator: UInt8, quoted: Bool, source: String) throws
        -> [DelimitedRecord]
    {
        let quote = UInt8(ascii: "\"")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        var records: [DelimitedRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        var line = 1
        var recordLine = 1
        var recordHasContent = false

        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let end = bytes.count

        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func finishRecord() {
            finishField()
            if recordHasContent || fields.count > 1 || !fields[0].isEmpty {
                records.append(DelimitedRecord(line: recordLine, fields: fields, problem: problem))
            }
            fields.removeAll(keepingCapacity: true)
            problem = nil
            recordHasContent = false
        }

        while i < end {
            let byte = bytes[i]
            if quoted && byte == quote && field.isEmpty {
                // A quoted field: read to the closing quote.
                let quoteLine = line
                recordHasContent = true
                i += 1
                var closed = false
                while i < end {
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < end && bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if b == newline { line += 1 }
                    field.append(b)
                    i += 1
                }
                guard closed else { throw DatasetError.unterminatedQuote(path: source, line: quoteLine) }
                // After the closing quote: a separator, a line break or the end is expected.
                while i < end && bytes[i] != separator && bytes[i] != newline
                    && !(bytes[i] == carriageReturn && i + 1 < end && bytes[i + 1] == newline)
                {
                    if problem == nil {
                        problem = "unexpected text after the closing quote of field \(fields.count + 1)"
                    }
                    field.append(bytes[i])
                    i += 1
                }
                continue
            }
            // A quote opens a quoted field only at the start of a field (checked above).
            if byte == separator {
                recordHasContent = true
                finishField()
                i += 1
            } else if byte == newline || (byte == carriageReturn && i + 1 < end && bytes[i + 1] == newline) {
                finishRecord()
                i += byte == newline ? 1 : 2
                line += 1
                recordLine = line
            } else {
                field.append(byte)
                i += 1
            }
        }
        if recordHasContent || !field.isEmpty || !fields.isEmpty { finishRecord() }
        return records
    }
}
