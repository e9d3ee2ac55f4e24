import Testing
import ToasoanKit

@Suite struct JournalDateTests {
    @Test func noOffsetMeansHanoiTime() throws {
        let date = try JournalDate.parse("2019-07-28 02:11")
        #expect(date.houseStyle == "2:11' 28/7/2019")
        #expect(date.rfc3339 == "2019-07-28T02:11:00+07:00")
        // 2019-07-27T19:11:00Z
        #expect(date.secondsSinceEpoch == 1_564_254_660)
    }

    @Test func acceptsSecondsTAndExplicitOffsets() throws {
        #expect(try JournalDate.parse("2019-07-28T02:11:05").rfc3339 == "2019-07-28T02:11:05+07:00")
        #expect(try JournalDate.parse("2019-07-27T19:11:00Z").houseStyle == "2:11' 28/7/2019")
        #expect(try JournalDate.parse("2019-07-28 04:11+09:00").houseStyle == "2:11' 28/7/2019")
        #expect(try JournalDate.parse("2019-07-28").houseStyle == "0:00' 28/7/2019")
    }

    @Test func houseStyleHasNoLeadingZerosExceptMinutes() throws {
        #expect(try JournalDate.parse("2020-01-05 09:05").houseStyle == "9:05' 5/1/2020")
        #expect(try JournalDate.parse("2020-12-31 23:59").houseStyle == "23:59' 31/12/2020")
        #expect(try JournalDate.parse("2020-12-31 23:59").houseStyleDay == "31/12/2020")
    }

    @Test func leapYearsAndOldDates() throws {
        #expect(try JournalDate.parse("2020-02-29 12:00").houseStyleDay == "29/2/2020")
        #expect(throws: JournalDate.ParseError.self) { try JournalDate.parse("2019-02-29 12:00") }
        #expect(try JournalDate.parse("1930-02-03 00:00").houseStyleDay == "3/2/1930")
    }

    @Test(arguments: ["28/7/2019", "2019-13-01", "2019-07-32", "2019-07-28 25:00", "2019-7-28", "hôm qua", "2019-07-28 02:11 sáng"])
    func rejectsWhatIsNotADate(_ text: String) {
        #expect(throws: JournalDate.ParseError.self) { try JournalDate.parse(text) }
    }
}
