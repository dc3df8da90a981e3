// Loading labelled texts for training: TSV/CSV files (checked to be UTF-8) or a folder per class.
import Foundation
import NLPText

/// Loads training data in the layouts users have: a TSV or CSV file with a header, or a folder
/// holding one subfolder of text files per class.
public enum SentimentData {
    /// Loads `path`: a folder per class when it is a directory, CSV when the name ends in `.csv`
    /// (or `.csv.gz`), TSV otherwise. Rows with empty text are kept (empty text is valid input).
    /// - Parameters:
    ///   - textColumn: the header name of the text column (files only).
    ///   - labelColumn: the header name of the label column (files only).
    /// - Throws: NLPText's `FileError` for a missing or unreadable file, ``SentimentError``
    ///   `.invalidUTF8` naming the first bad line, NLPText's `DatasetError` for a missing column, a
    ///   ragged row, an empty file or a file with fewer than two classes of labels.
    public static func load(_ path: String, textColumn: String = "text", labelColumn: String = "label") throws
        -> LabeledTextDataset
    {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return try LabeledTextDataset(folderPerClass: path, fileExtension: nil)
        }
        let bytes = try GzipFile(path: path).readToEnd()
        let text = try decodeUTF8(bytes, path: path)
        let lowered = path.lowercased()
        let format: DelimitedTextOptions.Format =
            lowered.hasSuffix(".csv") || lowered.hasSuffix(".csv.gz") ? .csv : .tsv
        let options = DelimitedTextOptions(
            format: format, hasHeader: true, textColumn: .name(textColumn), labelColumn: .name(labelColumn))
        return try LabeledTextDataset.parse(delimitedText: text, options: options, source: path).dataset
    }

    /// The text of `bytes`, or an error naming the first line that is not UTF-8.
    static func decodeUTF8(_ bytes: [UInt8], path: String) throws -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") || offset == bytes.count - 1 {
            let end = byte == UInt8(ascii: "\n") ? offset : offset + 1
            if String(validating: bytes[start ..< end], as: UTF8.self) == nil {
                throw SentimentError.invalidUTF8(path: path, line: line)
            }
            line += 1
            start = offset + 1
        }
        throw SentimentError.invalidUTF8(path: path, line: line)
    }
}
