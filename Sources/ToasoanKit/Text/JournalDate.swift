/// A moment in time as the journal writes it, parsed and formatted by hand.
///
/// Front matter dates are read as strings (a YAML library's timestamp type would turn a
/// zone-less timestamp into UTC midnight) and parsed here: `2019-07-28 02:11`,
/// `2019-07-28T02:11:05`, `2019-07-28`, each optionally followed by `Z` or `±HH:MM`. No
/// offset means +07:00 (Asia/Ho_Chi_Minh, which has no daylight saving), whatever the
/// machine's zone. Pages show the time in +07:00.
public struct JournalDate: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    /// The journal's zone: UTC+07:00.
    public static let journalOffsetSeconds: Int64 = 7 * 3600

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: JournalDate, rhs: JournalDate) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// Calendar fields in the journal's zone (+07:00).
    public struct Fields: Sendable, Hashable {
        public var year: Int
        public var month: Int
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed
        case invalidField(String)

        public var description: String {
            switch self {
            case .malformed:
                return "expected a date like 2019-07-28 02:11 (year-month-day hour:minute)"
            case .invalidField(let detail):
                return detail
            }
        }
    }

    /// Parses the journal's ISO 8601 forms; see the type's documentation.
    public static func parse(_ text: String) throws(ParseError) -> JournalDate {
        var scanner = DigitScanner(Array(text.utf8))
        scanner.skipSpaces()
        guard let year = scanner.number(digits: 4), scanner.take(UInt8(ascii: "-")),
            let month = scanner.number(digits: 2), scanner.take(UInt8(ascii: "-")),
            let day = scanner.number(digits: 2)
        else { throw .malformed }

        var hour = 0, minute = 0, second = 0
        var offset = journalOffsetSeconds
        if scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: " ")) {
            scanner.skipSpaces()
            guard let h = scanner.number(digits: 2) ?? scanner.number(digits: 1),
                scanner.take(UInt8(ascii: ":")), let m = scanner.number(digits: 2)
            else { throw .malformed }
            hour = h
            minute = m
            if scanner.take(UInt8(ascii: ":")) {
                guard let s = scanner.number(digits: 2) else { throw .malformed }
                second = s
                if scanner.take(UInt8(ascii: ".")) { _ = scanner.digitRun() }  // fractions ignored
            }
            scanner.skipSpaces()
            if scanner.take(UInt8(ascii: "Z")) {
                offset = 0
            } else if let sign = scanner.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                scanner.advance()
                guard let oh = scanner.number(digits: 2) else { throw .malformed }
                _ = scanner.take(UInt8(ascii: ":"))
                let om = scanner.number(digits: 2) ?? 0
                guard oh <= 14, om < 60 else { throw .invalidField("time zone offset is out of range") }
                offset = Int64(oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        scanner.skipSpaces()
        guard scanner.isAtEnd else { throw .malformed }

        guard (1...12).contains(month) else { throw .invalidField("month \(month) does not exist") }
        guard (1...daysInMonth(year: year, month: month)).contains(day) else {
            throw .invalidField("day \(day) does not exist in \(month)/\(year)")
        }
        guard hour < 24, minute < 60, second < 60 else {
            throw .invalidField("time \(hour):\(minute < 10 ? "0" : "")\(minute) does not exist")
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return JournalDate(secondsSinceEpoch: local - offset)
    }

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        secondsSinceEpoch =
            days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Self.journalOffsetSeconds
    }

    public var fields: Fields {
        let local = secondsSinceEpoch + Self.journalOffsetSeconds
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondsOfDay = Int(local - days * 86_400)
        let (year, month, day) = Self.civilFromDays(days)
        return Fields(
            year: year, month: month, day: day, hour: secondsOfDay / 3600,
            minute: secondsOfDay / 60 % 60, second: secondsOfDay % 60)
    }

    /// The house style of the journal's pages: `2:11' 28/7/2019`.
    public var houseStyle: String {
        let f = fields
        return "\(f.hour):\(twoDigits(f.minute))' \(f.day)/\(f.month)/\(f.year)"
    }

    /// The date alone in the house style: `28/7/2019`.
    public var houseStyleDay: String {
        let f = fields
        return "\(f.day)/\(f.month)/\(f.year)"
    }

    /// RFC 3339 in the journal's zone, for `<time datetime>` and feeds: `2019-07-28T02:11:00+07:00`.
    public var rfc3339: String {
        let f = fields
        return "\(fourDigits(f.year))-\(twoDigits(f.month))-\(twoDigits(f.day))T"
            + "\(twoDigits(f.hour)):\(twoDigits(f.minute)):\(twoDigits(f.second))+07:00"
    }

    // MARK: - Calendar arithmetic (Howard Hinnant's days-from-civil algorithms)

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
private func fourDigits(_ value: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
}

/// A cursor over ASCII bytes for the hand-written date parser.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }
    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }
    mutating func advance() { index += 1 }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// Exactly `digits` decimal digits, not followed by another digit.
    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        if index + digits < bytes.count, (0x30...0x39).contains(bytes[index + digits]) { return nil }
        index += digits
        return value
    }

    mutating func digitRun() -> Int {
        let start = index
        while let byte = peek(), (0x30...0x39).contains(byte) { index += 1 }
        return index - start
    }
}
