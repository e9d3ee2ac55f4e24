import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ToasoanKit

/// The byte-level escapers against the rules they implement, over awkward texts.
@Suite struct EscapingTests {
    /// Texts mixing ASCII, Vietnamese (precomposed and decomposed), other scripts, emoji,
    /// controls and the characters each escaper handles.
    static let samples: [String] = [
        "", "Đảng", "Tom & Jerry <b>\"hi\"</b> 'x'", "a\u{0}b\u{1}c\u{1F}\td\ne\rf",
        "x\u{FFFE}y\u{FFFF}z\u{FFFD}", "line\u{2028}sep\u{2029}end\u{2027}\u{202A}", "\\ back \\\\",
        "Xây dựng Đảng".decomposedStringWithCanonicalMapping, "日本語 🇻🇳 👍🏽", "Ð\u{00A0}—–…“”",
        String(repeating: "ắ&", count: 50), String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self),
    ]

    /// Pages get their values escaped straight into their bytes: the same bytes as `text(_:)`,
    /// after what the page holds already. Every byte value is tried next to the five.
    @Test(arguments: samples + ["\"&'<>", "a\"b&c'd<e>f"])
    func escapingIntoBytesGivesTheEscapedText(text: String) {
        var output = Array("giữ ".utf8)
        var text = text
        text.withUTF8 { HTMLEscaping.append(escaping: $0, to: &output) }
        #expect(output == Array("giữ ".utf8) + Array(HTMLEscaping.text(text).utf8))
    }

    @Test(arguments: samples) func htmlEscapingReplacesTheFiveCharactersOnly(text: String) {
        var expected = ""
        for character in text {
            switch character {
            case "&": expected += "&amp;"
            case "<": expected += "&lt;"
            case ">": expected += "&gt;"
            case "\"": expected += "&quot;"
            case "'": expected += "&#39;"
            default: expected.append(character)
            }
        }
        #expect(HTMLEscaping.text(text) == expected)
        #expect(HTMLEscaping.needsEscaping(text) == (expected != text))
    }

    @Test(arguments: samples) func xmlEscapingParsesBackToTheAllowedCharacters(text: String) throws {
        let escaped = XMLEscaping.text(text)
        let allowed = String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter {
                    $0.value >= 0x20 ? $0.value != 0xFFFE && $0.value != 0xFFFF : [0x09, 0x0A, 0x0D].contains($0.value)
                }))
        let reader = TextCollector()
        let parser = XMLParser(data: Data("<t>\(escaped)</t>".utf8))
        parser.delegate = reader
        #expect(parser.parse())
        // XML parsers read a CR as a LF.
        #expect(reader.text == allowed.replacingOccurrences(of: "\r", with: "\n"))
    }

    final class TextCollector: NSObject, XMLParserDelegate {
        var text = ""
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    @Test(arguments: samples) func jsonStringsParseBackToTheText(text: String) throws {
        let literal = JSONText.string(text)
        #expect(!literal.contains("<"))
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x2028 || $0.value == 0x2029 })
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(parsed == [text])
    }

    /// The rule `needsNormalization` implements, scalar by scalar.
    static func needsNormalizationByScalars(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            !($0.value < 0x0300 || (0x1E00...0x1EFF).contains($0.value) || (0x2010...0x205E).contains($0.value))
        }
    }

    /// Texts of scalars drawn from around every boundary of the rule, 2,000 of them.
    @Test func normalizationCheckMatchesItsRuleOnRandomTexts() {
        let pool: [UInt32] = [
            0x41, 0x7A, 0x20, 0x0A, 0xA0, 0xD0, 0xE0, 0x0111, 0x01B0, 0x02FF, 0x0300, 0x0301, 0x0323, 0x036F, 0x0370,
            0x1DFF, 0x1E00, 0x1EA1, 0x1EC7, 0x1EFF, 0x1F00, 0x2000, 0x200F, 0x2010, 0x2013, 0x201C, 0x2026, 0x205E,
            0x205F, 0x20AC, 0x3042, 0xAC00, 0x1F600,
        ]
        var state: UInt64 = 2_026
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            state = state &* 6_364_136_223_846_793_005 &+ 1
            for _ in 0..<(Int(state >> 60) + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1
                // Mostly letters that need nothing, so one odd scalar decides.
                let value = state >> 61 == 0 ? pool[Int((state >> 33) % UInt64(pool.count))] : [0x61, 0xE1, 0x1EA1, 0x0111][Int(state >> 62)]
                text.append(Unicode.Scalar(value)!)
            }
            let string = String(text)
            #expect(TextFolding.needsNormalization(string) == Self.needsNormalizationByScalars(string), "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Byte strings made of scalars of every width and of the edges of UTF-8 (overlong forms,
    /// surrogates, U+10FFFF and beyond, stray and missing continuation bytes), 5,000 of them:
    /// the one-pass check agrees with Swift's own validation and with the normalisation rule.
    @Test func utf8CheckAgreesWithSwiftAndTheNormalizationRule() {
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array(" \n".utf8), Array("Xây dựng Đảng".utf8), Array("\u{0301}".utf8), Array("\u{2026}".utf8),
            Array("\u{205F}".utf8), Array("\u{1EFF}".utf8), Array("\u{1F00}".utf8), Array("日本".utf8), Array("🇻🇳".utf8),
            Array("\u{10FFFF}".utf8), [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xE1, 0xBA],
            [0xE2, 0x80], [0xF0, 0x9F, 0x98],
        ]
        var state: UInt64 = 25_112_026
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var invalid = 0
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(next(6) + 1) {
                // Mostly valid text, so that one odd piece decides; sometimes ASCII runs past eight bytes.
                bytes += next(3) == 0 ? pieces[next(pieces.count)] : Array(["Đảng ", "và dân ", "abcdefghijk", "ễ"][next(4)].utf8)
            }
            let swift = String(validating: bytes, as: UTF8.self)
            let result = bytes.withUnsafeBufferPointer { UTF8Check.scan($0) }
            #expect(result.isValid == (swift != nil), "\(bytes)")
            if let swift {
                #expect(result.isCertainlyNFC == !Self.needsNormalizationByScalars(swift), "\(bytes)")
            } else {
                invalid += 1
            }
        }
        #expect(invalid > 500 && invalid < 4_500)
    }

    @Test(arguments: samples + ["\u{2010}\u{205E}\u{205F}\u{200F}", "\u{1DFF}\u{1E00}\u{1EFF}\u{1F00}", "\u{02FF}\u{0300}"])
    func normalizationCheckMatchesItsRule(text: String) {
        #expect(TextFolding.needsNormalization(text) == Self.needsNormalizationByScalars(text))
        if !TextFolding.needsNormalization(text) {
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
        }
    }
}

@Suite struct DistinctWordsTests {
    @Test func wordsAreKeptOnceInTheOrderTheyFirstOccur() {
        #expect(DistinctWords.of("Đảng và dân; ĐẢNG, dân, Ý Đảng\nlòng dân") == "dang va dan y long")
    }

    /// Thousands of distinct words (the set grows several times), each seen three times.
    @Test func manyDistinctWordsAreEachKeptOnce() {
        let words = (0..<5_000).map { "t\(String($0, radix: 36))" }
        let text = (words + words.reversed() + words).joined(separator: " ")
        #expect(DistinctWords.of(text) == words.joined(separator: " "))
    }

    /// Every word distinct: the kept words outgrow the room first set aside for them.
    @Test func aTextOfDistinctWordsIsKeptWhole() {
        let text = (0..<20_000).map { "từ\(String($0, radix: 36))" }.joined(separator: " ")
        #expect(DistinctWords.of(text) == SearchTerms.terms(in: text).joined(separator: " "))
        #expect(DistinctWords.of(text).utf8.count > text.utf8.count / 2)
    }

    /// The hash the tokenizer computes as it folds is `ContentHash.of` the word it gives.
    @Test func termHashesAreTheContentHashesOfTheTerms() {
        var text = "Xây dựng Đảng a ab abc abcd abcdefg abcdefgh abcdefghi ĐẢNG ư "
        text += String(repeating: "nghiêng ", count: 3) + "日本語 x1 0 " + String(repeating: "b", count: 40)
        var count = 0
        text.withUTF8 { bytes in
            SearchTerms.forEachHashedTerm(inUTF8: bytes) { word, hash in
                count += 1
                #expect(hash == ContentHash.of(UnsafeRawBufferPointer(word)), "\(String(decoding: word, as: UTF8.self))")
            }
        }
        #expect(count == 18, "12 words, nghieng three times, 日本語, x1 and 0; not the 40 b's (too long)")
    }

    @Test func hashesAreNumberedOnceInOrderThroughGrowth() {
        var set = HashNumbering()
        var generator = SystemRandomNumberGenerator()
        var values: [UInt64] = [0, 1, 1024, 2048, UInt64.max]
        for _ in 0..<5000 { values.append(generator.next()) }
        let firstTime = values.map { set.insert($0) }
        let secondTime = values.map { set.insert($0) }
        #expect(firstTime.allSatisfy { $0 })
        #expect(secondTime.allSatisfy { !$0 })
        #expect(values.indices.allSatisfy { set.number(for: values[$0]) == ($0, false) })
        #expect(set.count == values.count)
    }
}
