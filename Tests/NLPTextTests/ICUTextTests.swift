import Testing

@testable import NLPText

@Suite("ICU normalization, case mapping and character classes")
struct ICUTextTests {
    // MARK: - Normalization

    @Test(
        "Normalization forms",
        arguments: [
            ("ﬁ", NormalizationForm.nfkc, "fi"),
            ("ＡＢＣ", .nfkc, "ABC"),
            ("①²", .nfkc, "12"),
            ("e\u{301}", .nfc, "é"),
            ("é", .nfd, "e\u{301}"),
            ("ﬁ", .nfc, "ﬁ"),
            ("ＡＢＣ Straße", .nfkcCasefold, "abc strasse"),
            ("soft\u{AD}hyphen", .nfkcCasefold, "softhyphen"),
            ("", .nfc, ""),
        ])
    func normalize(input: String, form: NormalizationForm, expected: String) throws {
        let result = try ICUText.normalize(input, form: form)
        // Compare scalars: Swift's `==` treats canonically equivalent strings as equal.
        #expect(Array(result.unicodeScalars) == Array(expected.unicodeScalars))
    }

    // MARK: - Case mapping

    @Test(
        "Case folding and root-locale lower-casing",
        arguments: [
            ("Straße", "strasse", "straße"),
            ("İSTANBUL", "i\u{307}stanbul", "i\u{307}stanbul"),
            ("ΣΊΣΥΦΟΣ", "σίσυφοσ", "σίσυφος"),
            ("Hello World", "hello world", "hello world"),
            ("ǅ", "ǆ", "ǆ"),
        ])
    func caseMapping(input: String, folded: String, lowered: String) throws {
        #expect(Array(try ICUText.foldCase(input).unicodeScalars) == Array(folded.unicodeScalars))
        #expect(
            Array(try ICUText.lowercased(input).unicodeScalars) == Array(lowered.unicodeScalars))
    }

    @Test("Long text takes the heap path and may grow")
    func longText() throws {
        let text = String(repeating: "ﬁﬂ Straße ＡＢＣ ", count: 20_000)
        let expected = String(repeating: "fifl strasse abc ", count: 20_000)
        #expect(try ICUText.normalize(text, form: .nfkcCasefold) == expected)
        // NFKC of U+FDFA expands one scalar into 18: far beyond the first output estimate.
        let expanded = try ICUText.normalize(
            String(repeating: "\u{FDFA}", count: 1_000), form: .nfkc)
        #expect(expanded.unicodeScalars.count == 18_000)
    }

    // MARK: - Invalid UTF-8

    @Test(
        "Invalid UTF-8 bytes become U+FFFD",
        arguments: [
            ([0x61, 0xFF, 0x62] as [UInt8], "a\u{FFFD}b"),
            ([0xC3] as [UInt8], "\u{FFFD}"),
            ([0x41, 0xED, 0xA0, 0x80, 0x42] as [UInt8], "a\u{FFFD}\u{FFFD}\u{FFFD}b"),
            ([0xEF, 0xAC, 0x81, 0x80] as [UInt8], "fi\u{FFFD}"),
        ])
    func invalidUTF8(bytes: [UInt8], expected: String) throws {
        let result = try ICUText.transformUTF8(
            bytes, operation: NormalizationForm.nfkcCasefold.operation)
        #expect(String(validating: result, as: UTF8.self) == expected)
    }

    @Test("Swift repairs invalid UTF-8 before ICU sees it")
    func repairedString() throws {
        let text = String(decoding: [0x63, 0x61, 0x66, 0xC3, 0xA9, 0xFF] as [UInt8], as: UTF8.self)
        #expect(try ICUText.normalize(text, form: .nfc) == "café\u{FFFD}")
    }

    // MARK: - Character classes

    @Test(
        "Character classes",
        arguments: [
            // scalar, punctuation, symbol, whitespace, digit
            ("!" as Unicode.Scalar, true, false, false, false),
            ("「", true, false, false, false),
            ("-", true, false, false, false),
            ("$", false, true, false, false),
            ("+", false, true, false, false),
            ("😀", false, true, false, false),
            (" ", false, false, true, false),
            ("\u{3000}", false, false, true, false),
            ("\u{A0}", false, false, true, false),
            ("7", false, false, false, true),
            ("٣", false, false, false, true),
            ("a", false, false, false, false),
            ("²", false, false, false, false),
        ])
    func classes(
        scalar: Unicode.Scalar, punctuation: Bool, symbol: Bool, whitespace: Bool, digit: Bool
    ) {
        #expect(scalar.icu.isPunctuation == punctuation)
        #expect(scalar.icu.isSymbol == symbol)
        #expect(scalar.icu.isWhitespace == whitespace)
        #expect(scalar.icu.isDigit == digit)
    }

    // MARK: - Version and errors

    @Test("ICU version is the system's N.N")
    func version() {
        let version = ICUText.version
        let parts = version.split(separator: ".")
        #expect(parts.count >= 2)
        #expect(parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
        #expect(version.hasPrefix("72"))
    }

    @Test("Errors carry ICU's error name")
    func errorMessages() {
        let error = ICUError.transformFailed(operation: "case folding", code: 7)
        #expect(error.errorName == "U_MEMORY_ALLOCATION_ERROR")
        #expect(error.description.contains("case folding"))
        #expect(error.description.contains("U_MEMORY_ALLOCATION_ERROR"))
        #expect(ICUError.cannotOpenWordBreaker(locale: "xx", code: 1).description.contains("'xx'"))
    }

    @Test("An unknown operation is reported, not a crash")
    func unknownOperation() {
        #expect(throws: ICUError.transformFailed(operation: "transform", code: 1)) {
            try ICUText.transformUTF8([0x61], operation: 99)
        }
    }
}
