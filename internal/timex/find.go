package timex

import "fmt"

// yearCues are words after which a bare number is a year: العام 2021.
var yearCues = map[string]bool{
	"العام": true, "عام": true, "لعام": true, "للعام": true, "بالعام": true, "بعام": true,
	"سنه": true, "السنه": true, "لسنه": true, "للسنه": true, "year": true,
}

// eraSuffix maps the era marks written after a year to their calendar.
var eraSuffix = map[string]Calendar{"م": Gregorian, "ه": Hijri, "هجري": Hijri, "هجريه": Hijri, "ميلادي": Gregorian, "ميلاديه": Gregorian}

// Find returns the absolute dates in s, left to right, without overlaps:
// day-month-year, day-month, month-year, numeric (2022-04-05, 5/4/2022) and
// cued years (العام 2021). A day and month without a year get Year 0: the
// caller resolves them against a reference date.
func Find(s string) []Date {
	t := mustTables()
	toks := scan(s)
	var out []Date
	for i := 0; i < len(toks); {
		d, n, ok := matchAt(t, toks, i)
		if !ok {
			i++
			continue
		}
		d.Start, d.End = toks[i].start, toks[i+n-1].end
		d.Text = s[d.Start:d.End]
		out = append(out, d)
		i += n
	}
	return out
}

// matchAt tries every pattern at token i and returns the date and the number
// of tokens it spans.
func matchAt(t *tables, toks []token, i int) (Date, int, bool) {
	for _, p := range []func(*tables, []token, int) (Date, int, bool){matchWeekdayDate, matchDayMonth, matchMonthDay, matchMonthYear, matchNumeric, matchCuedYear} {
		if d, n, ok := p(t, toks, i); ok {
			return d, n, true
		}
	}
	return Date{}, 0, false
}

// matchWeekdayDate: الثلاثاء 5 نيسان 2022, Tuesday, 11 August 2015.
func matchWeekdayDate(t *tables, toks []token, i int) (Date, int, bool) {
	if toks[i].kind != wordToken {
		return Date{}, 0, false
	}
	wd, ok := t.weekdays[toks[i].key]
	if !ok {
		return Date{}, 0, false
	}
	j := i + 1
	j = skipPunct(toks, j, ",", "،")
	if j >= len(toks) {
		return Date{}, 0, false
	}
	for _, p := range []func(*tables, []token, int) (Date, int, bool){matchDayMonth, matchMonthDay} {
		if d, n, ok := p(t, toks, j); ok {
			d.Weekday = wd
			return d, j - i + n, true
		}
	}
	return Date{}, 0, false
}

// matchDayMonth: 5 نيسان [2022] [م], ١٠ شباط ٢٠٢٢, 5 من نيسان, 14 رمضان 1443 هـ,
// 12 أيلول/سبتمبر 2022.
func matchDayMonth(t *tables, toks []token, i int) (Date, int, bool) {
	if toks[i].kind != numberToken || toks[i].digits > 2 || toks[i].num < 1 || toks[i].num > 31 {
		return Date{}, 0, false
	}
	day := toks[i].num
	j := i + 1
	if j < len(toks) && toks[j].kind == wordToken && toks[j].key == "من" {
		j++
	}
	m, n := matchMonth(t, toks, j)
	if n == 0 {
		return Date{}, 0, false
	}
	j += n
	j += matchAltMonth(t, toks, j, m)
	return finishDate(toks, i, j, m, day)
}

// matchMonthDay: August 11, 2015.
func matchMonthDay(t *tables, toks []token, i int) (Date, int, bool) {
	m, n := matchMonth(t, toks, i)
	if n == 0 || m.system != "english" {
		return Date{}, 0, false
	}
	j := i + n
	if j >= len(toks) || toks[j].kind != numberToken || toks[j].digits > 2 || toks[j].num < 1 || toks[j].num > 31 {
		return Date{}, 0, false
	}
	day := toks[j].num
	j = skipPunct(toks, j+1, ",")
	return finishDate(toks, i, j, m, day)
}

// matchMonthYear: آذار 2019, يوليو ٢٠٢٢, رمضان 1443 هـ. A month name with
// no day needs a year to count as a date: "أيار" alone is also a name.
func matchMonthYear(t *tables, toks []token, i int) (Date, int, bool) {
	m, n := matchMonth(t, toks, i)
	if n == 0 {
		return Date{}, 0, false
	}
	j := i + n
	j += matchAltMonth(t, toks, j, m)
	j = skipPunct(toks, j, ",", "،")
	if j >= len(toks) || !isYear(toks[j]) {
		return Date{}, 0, false
	}
	return finishDate(toks, i, j, m, 0)
}

// finishDate reads an optional year and era mark from token j on and builds
// the date for month m and day (0 for none).
func finishDate(toks []token, i, j int, m monthName, day int) (Date, int, bool) {
	d := Date{Weekday: -1, Calendar: m.calendar, System: m.system, Month: m.month, Day: day}
	year, end := 0, j
	if j < len(toks) && isYear(toks[j]) {
		year, end = toks[j].num, j+1
		if end < len(toks) && toks[end].kind == wordToken {
			if cal, ok := eraSuffix[toks[end].key]; ok && (cal == m.calendar || cal == Gregorian && m.calendar == Gregorian) {
				end++
			}
		}
	}
	if end == i+1 { // a lone day or month is not a date
		return Date{}, 0, false
	}
	if m.calendar == Hijri {
		if year == 0 {
			return Date{}, 0, false // a Hijri day-month with no year cannot be placed yet
		}
		g, ok := hijriToGregorian(year, m.month, day)
		if !ok {
			return Date{}, 0, false
		}
		d.Hijri = fmt.Sprintf("%04d-%02d", year, m.month)
		if day > 0 {
			d.Hijri += fmt.Sprintf("-%02d", day)
		}
		d.Year, d.Month = g.Year(), int(g.Month())
		if day > 0 {
			d.Day = g.Day()
		} else {
			d.Day = 0
		}
		return d, end - i, true
	}
	d.Year = year
	if year != 0 && !validGregorian(year, m.month, day) || year == 0 && day > 31 {
		return Date{}, 0, false
	}
	return d, end - i, true
}

// matchMonth matches the longest month name at token i.
func matchMonth(t *tables, toks []token, i int) (monthName, int) {
	if i >= len(toks) || toks[i].kind != wordToken {
		return monthName{}, 0
	}
	var best monthName
	bestN := 0
	for _, m := range t.months[toks[i].key] {
		if len(m.words) <= bestN || i+len(m.words) > len(toks) {
			continue
		}
		ok := true
		for k, w := range m.words[1:] {
			if toks[i+1+k].kind != wordToken || toks[i+1+k].key != w {
				ok = false
				break
			}
		}
		if ok {
			best, bestN = m, len(m.words)
		}
	}
	return best, bestN
}

// matchAltMonth consumes a second name of the same month written beside the
// first: أيلول/سبتمبر, سبتمبر (أيلول).
func matchAltMonth(t *tables, toks []token, j int, m monthName) int {
	if j >= len(toks) || toks[j].kind != punctToken {
		return 0
	}
	switch toks[j].key {
	case "/", "-":
		if alt, n := matchMonth(t, toks, j+1); n > 0 && alt.month == m.month {
			return 1 + n
		}
	case "(":
		if alt, n := matchMonth(t, toks, j+1); n > 0 && alt.month == m.month && j+1+n < len(toks) && toks[j+1+n].key == ")" {
			return 2 + n
		}
	}
	return 0
}

// matchNumeric: 2022-04-05, 2022/4/5, 5/4/2022, 05.04.2022 (day first, as
// Arabic writers write it).
func matchNumeric(_ *tables, toks []token, i int) (Date, int, bool) {
	if i+4 >= len(toks) {
		return Date{}, 0, false
	}
	a, s1, b, s2, c := toks[i], toks[i+1], toks[i+2], toks[i+3], toks[i+4]
	if a.kind != numberToken || b.kind != numberToken || c.kind != numberToken || s1.kind != punctToken || s1.key != s2.key {
		return Date{}, 0, false
	}
	if s1.key != "-" && s1.key != "/" && s1.key != "." {
		return Date{}, 0, false
	}
	// The five tokens must touch: "5 / 4 / 2022" in prose is not a date.
	if a.end != s1.start || s1.end != b.start || b.end != s2.start || s2.end != c.start {
		return Date{}, 0, false
	}
	var y, m, d int
	switch {
	case a.digits == 4 && b.digits <= 2 && c.digits <= 2:
		y, m, d = a.num, b.num, c.num
	case c.digits == 4 && a.digits <= 2 && b.digits <= 2:
		y, m, d = c.num, b.num, a.num
	default:
		return Date{}, 0, false
	}
	if d == 0 || !validGregorian(y, m, d) {
		return Date{}, 0, false
	}
	return Date{Year: y, Month: m, Day: d, Weekday: -1, System: "numeric"}, 5, true
}

// matchCuedYear: العام 2021, عام ٢٠٢٢, سنة 2019 م.
func matchCuedYear(_ *tables, toks []token, i int) (Date, int, bool) {
	if toks[i].kind != wordToken || !yearCues[toks[i].key] || i+1 >= len(toks) || !isYear(toks[i+1]) {
		return Date{}, 0, false
	}
	y := toks[i+1].num
	if !validGregorian(y, 1, 0) || y < 1800 {
		return Date{}, 0, false
	}
	n := 2
	if i+2 < len(toks) && toks[i+2].kind == wordToken && toks[i+2].key == "م" {
		n = 3
	}
	return Date{Year: y, Weekday: -1, System: "numeric"}, n, true
}

func isYear(t token) bool {
	return t.kind == numberToken && t.digits == 4 && t.num >= 1000
}

func skipPunct(toks []token, j int, marks ...string) int {
	for j < len(toks) && toks[j].kind == punctToken {
		found := false
		for _, m := range marks {
			if toks[j].key == m {
				found = true
			}
		}
		if !found {
			break
		}
		j++
	}
	return j
}
