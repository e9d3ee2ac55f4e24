/// One issue of the print magazine (`Content/issues/2020-01.yml`): "Số 1 - 2020",
/// or a combined issue "Số 1+2 - 2019".
public struct PrintIssue: Sendable, Hashable {
    /// The numbers it covers: `[1]`, or `[1, 2]` for a combined issue.
    public var numbers: [Int]
    public var year: Int
    public var date: JournalDate
    /// `Xuân Kỷ Hợi`, `Số đặc biệt`.
    public var label: String?
    /// Root-relative path of the cover image (`/media/tap-chi-in/2020/so-1.jpg`).
    public var cover: String?
    public var pdf: String?
    public var sourceFile: String

    public init(
        numbers: [Int], year: Int, date: JournalDate, label: String? = nil, cover: String? = nil,
        pdf: String? = nil, sourceFile: String
    ) {
        self.numbers = numbers
        self.year = year
        self.date = date
        self.label = label
        self.cover = cover
        self.pdf = pdf
        self.sourceFile = sourceFile
    }

    public var key: IssueKey { IssueKey(numbers: numbers, year: year) }

    /// `1+2`
    public var numberText: String { numbers.map(String.init).joined(separator: "+") }

    /// "Số 1+2 - 2019", the way editors write it.
    public var name: String { "Số \(numberText) - \(year)" }

    /// `/tap-chi-in/2019/so-1-2/`
    public var path: SitePath {
        .folder("tap-chi-in", String(year), "so-" + numbers.map(String.init).joined(separator: "-"))
    }
}

/// What identifies a print issue: its numbers and year.
public struct IssueKey: Sendable, Hashable, Comparable {
    public var numbers: [Int]
    public var year: Int

    public init(numbers: [Int], year: Int) {
        self.numbers = numbers
        self.year = year
    }

    public static func < (lhs: IssueKey, rhs: IssueKey) -> Bool {
        (lhs.year, lhs.numbers.first ?? 0) < (rhs.year, rhs.numbers.first ?? 0)
    }

    /// Reads an issue the way editors write it: `Số 1 - 2020`, `số 1+2 - 2019`, `So 1+2/2019`,
    /// `1+2-2019`. The year is the last four-digit number; the numbers before it, joined by
    /// `+`, `-` or `,`, are the issue numbers.
    public static func parse(_ text: String) -> IssueKey? {
        let folded = TextFolding.searchKey(text)
        var groups: [Int] = []
        var current = ""
        for character in folded {
            if character.isASCII, character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                guard let value = Int(current) else { return nil }
                groups.append(value)
                current = ""
            }
        }
        if !current.isEmpty {
            guard let value = Int(current) else { return nil }
            groups.append(value)
        }
        guard groups.count >= 2, let year = groups.last, (1000...9999).contains(year) else { return nil }
        let numbers = Array(groups.dropLast())
        guard numbers.allSatisfy({ (1...99).contains($0) }) else { return nil }
        let remainder = folded.filter { $0.isLetter }
        guard remainder.isEmpty || remainder == "so" else { return nil }
        return IssueKey(numbers: numbers, year: year)
    }
}
