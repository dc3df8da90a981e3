// Loading labelled text from CSV and TSV files.

/// How a delimited file is read into a ``LabeledTextDataset``.
public struct DelimitedTextOptions: Sendable {
    /// The file format.
    public enum Format: Sendable, Equatable {
        /// Comma separated with RFC 4180 quoting (quoted fields, `""`, line breaks inside quotes).
        case csv
        /// Tab separated, no quoting: every tab separates, every line break ends a row.
        case tsv
    }

    /// A column, by header name or by 0-based index.
    public enum Column: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
        CustomStringConvertible
    {
        /// The column whose header is this name (the first one, if repeated).
        case name(String)
        /// The column at this 0-based position.
        case index(Int)

        /// `.name(value)`.
        public init(stringLiteral value: String) { self = .name(value) }
        /// `.index(value)`.
        public init(integerLiteral value: Int) { self = .index(value) }

        /// `'name'` or `#index`.
        public var description: String {
            switch self {
            case .name(let name): "'\(name)'"
            case .index(let index): "#\(index)"
            }
        }
    }

    /// What to do with a row that cannot be used.
    public enum BadRowPolicy: Sendable, Equatable {
        /// Throw ``DatasetError/badRow(path:line:reason:)`` at the first bad row (the default).
        case fail
        /// Skip it and report it in ``DelimitedLoadResult/skippedRows``.
        case skip
    }

    /// The format; `.tsv` by default.
    public var format: Format
    /// `true` when the first row names the columns.
    public var hasHeader: Bool
    /// The text column.
    public var textColumn: Column
    /// The label column.
    public var labelColumn: Column
    /// Turns the raw label value (trimmed of surrounding spaces) into a class name.
    public var labelMapping: LabelMapping
    /// The class names in id order; `nil` sorts the names found. Labels outside it are bad rows.
    public var labelNames: [String]?
    /// Strict (fail) or lenient (skip) handling of bad rows.
    public var badRows: BadRowPolicy

    /// Creates options; by default a TSV file with a header and columns `text` and `label`.
    public init(
        format: Format = .tsv, hasHeader: Bool = true, textColumn: Column = "text", labelColumn: Column = "label",
        labelMapping: LabelMapping = .identity, labelNames: [String]? = nil, badRows: BadRowPolicy = .fail
    ) {
        self.format = format
        self.hasHeader = hasHeader
        self.textColumn = textColumn
        self.labelColumn = labelColumn
        self.labelMapping = labelMapping
        self.labelNames = labelNames
        self.badRows = badRows
    }
}

/// How raw label values become class names.
public enum LabelMapping: Sendable {
    /// The value is the class name.
    case identity
    /// A number greater than `threshold` → `above`, otherwise `otherwise`; a value that is not a
    /// number is a bad row. (A rating > 0 → "positive": `.threshold(0, above: "positive",
    /// otherwise: "negative")`.)
    case threshold(Double, above: String, otherwise: String)
    /// Values looked up in a table; a value missing from it is a bad row.
    case table([String: String])
    /// Any function; `nil` makes the row bad.
    case custom(@Sendable (String) -> String?)

    /// The class name for `value`, or why there is none.
    func map(_ value: String) -> Result<String, BadLabel> {
        switch self {
        case .identity:
            return value.isEmpty ? .failure(BadLabel(reason: "empty label")) : .success(value)
        case .threshold(let threshold, let above, let otherwise):
            guard let number = Double(value), !number.isNaN else {
                return .failure(BadLabel(reason: "label '\(value)' is not a number"))
            }
            return .success(number > threshold ? above : otherwise)
        case .table(let table):
            guard let name = table[value] else {
                return .failure(BadLabel(reason: "label '\(value)' is not in the label table"))
            }
            return .success(name)
        case .custom(let function):
            guard let name = function(value) else {
                return .failure(BadLabel(reason: "label '\(value)' is not mapped to a class"))
            }
            return .success(name)
        }
    }

    /// Why a label value has no class.
    struct BadLabel: Error { var reason: String }
}

/// A row that was skipped under ``DelimitedTextOptions/BadRowPolicy/skip``.
public struct SkippedRow: Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line where the row starts.
    public var line: Int
    /// Why it was skipped.
    public var reason: String

    /// `line N: reason`.
    public var description: String { "line \(line): \(reason)" }
}

/// A loaded dataset and the rows that were skipped.
public struct DelimitedLoadResult: Sendable {
    /// The examples.
    public var dataset: LabeledTextDataset
    /// Rows skipped under the lenient policy (always empty under `.fail`).
    public var skippedRows: [SkippedRow]
}

extension LabeledTextDataset {
    /// Loads a CSV or TSV file (gzip-compressed files are read too).
    /// - Throws: ``FileError`` when the file cannot be read; ``DatasetError`` for a missing column,
    ///   an unclosed quote, a bad row under `.fail`, or a file without examples.
    public static func load(delimitedFile path: String, options: DelimitedTextOptions = DelimitedTextOptions())
        throws -> DelimitedLoadResult
    {
        let bytes = try GzipFile(path: path).readToEnd()
        return try parse(delimitedBytes: bytes, options: options, source: path)
    }

    /// Parses CSV or TSV text held in memory; `source` names it in errors.
    /// - Throws: ``DatasetError`` as ``load(delimitedFile:options:)``.
    public static func parse(
        delimitedText text: String, options: DelimitedTextOptions = DelimitedTextOptions(), source: String = "<text>"
    ) throws -> DelimitedLoadResult {
        try parse(delimitedBytes: Array(text.utf8), options: options, source: source)
    }

    static func parse(delimitedBytes bytes: [UInt8], options: DelimitedTextOptions, source: String) throws
        -> DelimitedLoadResult
    {
        var records = try DelimitedTextParser.records(
            in: bytes, separator: UInt8(ascii: options.format == .csv ? "," : "\t"),
            quoted: options.format == .csv, source: source)
        guard !records.isEmpty else { throw DatasetError.noExamples(path: source, reason: "the file is empty") }

        let header: [String] = options.hasHeader ? records.removeFirst().fields : []
        let width = options.hasHeader ? header.count : records.first?.fields.count ?? 0
        func resolve(_ column: DelimitedTextOptions.Column) throws -> Int {
            switch column {
            case .name(let name):
                guard options.hasHeader, let index = header.firstIndex(of: name) else {
                    throw DatasetError.missingColumn(
                        path: source,
                        column: options.hasHeader
                            ? column.description : "\(column) (the file has no header; use an index)",
                        available: header)
                }
                return index
            case .index(let index):
                guard index >= 0, index < width else {
                    throw DatasetError.missingColumn(
                        path: source, column: "\(column) (rows have \(width) fields)", available: header)
                }
                return index
            }
        }
        let textIndex = try resolve(options.textColumn)
        let labelIndex = try resolve(options.labelColumn)

        var texts: [String] = []
        var names: [String] = []
        var lines: [Int] = []
        var skipped: [SkippedRow] = []
        func reject(_ line: Int, _ reason: String) throws {
            if options.badRows == .fail { throw DatasetError.badRow(path: source, line: line, reason: reason) }
            skipped.append(SkippedRow(line: line, reason: reason))
        }
        for record in records {
            if let problem = record.problem {
                try reject(record.line, problem)
                continue
            }
            guard record.fields.count == width else {
                try reject(record.line, "\(record.fields.count) fields, expected \(width)")
                continue
            }
            let rawLabel = record.fields[labelIndex].trimmingSpaces
            switch options.labelMapping.map(rawLabel) {
            case .failure(let bad):
                try reject(record.line, bad.reason)
            case .success(let name):
                texts.append(record.fields[textIndex])
                names.append(name)
                lines.append(record.line)
            }
        }

        let labelNames = options.labelNames ?? Array(Set(names)).sorted()
        let ids = Dictionary(labelNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var examples: [LabeledExample] = []
        examples.reserveCapacity(texts.count)
        for (index, name) in names.enumerated() {
            guard let id = ids[name] else {
                try reject(lines[index], "label '\(name)' is not one of \(labelNames)")
                continue
            }
            examples.append(LabeledExample(text: texts[index], label: id))
        }
        skipped.sort { $0.line < $1.line }
        guard !examples.isEmpty else {
            throw DatasetError.noExamples(
                path: source, reason: skipped.isEmpty ? "no data rows" : "all \(skipped.count) rows were bad")
        }
        return DelimitedLoadResult(
            dataset: LabeledTextDataset(examples: examples, labelNames: labelNames), skippedRows: skipped)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first ... last])
    }
}
