package timex

import (
	"fmt"
	"time"

	hijri "github.com/hablullah/go-hijri"
)

// Date is an absolute calendar date found in text: a day, a month or a year.
type Date struct {
	Start, End int    // byte span in the text that was searched
	Text       string // the text at that span
	Year       int    // Gregorian year
	Month      int    // Gregorian month, 0 when only the year is known
	Day        int    // day of month, 0 when only the month is known
	Weekday    int    // 0 = Sunday; -1 when no weekday was written
	Calendar   Calendar
	Hijri      string // Hijri value (1443-09-14) when written in the Hijri calendar
	System     string // month-name system: levantine, egyptian, maghrebi, moroccan, english, hijri, numeric
}

// Value returns the TIMEX3 value: 2022-04-05, 2022-04 or 2022.
func (d Date) Value() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns the date at midnight UTC, with missing parts set to 1.
func (d Date) Time() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// validGregorian reports whether y-m-d is a real Gregorian date in the years
// news talks about.
func validGregorian(y, m, d int) bool {
	if y < 1000 || y > 2200 || m < 1 || m > 12 || d < 0 || d > 31 {
		return false
	}
	if d == 0 {
		return true
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// Umm al-Qura tables in go-hijri cover these Hijri years.
const minHijriYear, maxHijriYear = 1357, 1499

// hijriToGregorian converts a Hijri date; day 0 means the first of the month.
func hijriToGregorian(y, m, d int) (time.Time, bool) {
	if y < minHijriYear || y > maxHijriYear || m < 1 || m > 12 || d < 0 || d > 30 {
		return time.Time{}, false
	}
	t := hijri.UmmAlQuraDate{Year: int64(y), Month: int64(m), Day: int64(max(d, 1))}.ToGregorian()
	if d == 30 { // not every Hijri month has 30 days: check the round trip
		back, err := hijri.CreateUmmAlQuraDate(t)
		if err != nil || back.Day != 30 {
			return time.Time{}, false
		}
	}
	return t, true
}
