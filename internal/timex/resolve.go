package timex

import (
	"fmt"
	"time"

	hijri "github.com/hablullah/go-hijri"
)

// mention is a date the text has given, kept for the expressions that
// refer back to it (بعد يومين على ذلك، العام نفسه). Its year may be unknown
// in an undated text (XXXX-07-04): it is then computed in a stand-in year.
type mention struct {
	t         time.Time
	yearKnown bool
	ok        bool
}

// standInYear carries month-day arithmetic when the year is unknown; not a
// leap year, like most.
const standInYear = 2001

// resolver turns specs into values: relative expressions count from the
// reference date (the article date, or the first full date of an undated
// text); anaphoric ones from the last date of their granularity that the
// text mentioned.
type resolver struct {
	ref                          time.Time
	refKind                      string
	hasRef                       bool
	lastDay, lastMonth, lastYear mention
}

func (tg *tagger) resolve(fs []found, dct time.Time) []Timex {
	r := &resolver{}
	if !dct.IsZero() {
		r.ref, r.refKind, r.hasRef = dct, "dct", true
	} else if t, ok := firstFullDate(fs); ok {
		r.ref, r.refKind, r.hasRef = t, "text", true
	}
	out := make([]Timex, 0, len(fs))
	for _, f := range fs {
		x := Timex{Type: f.typ, Mod: f.spec.mod}
		x.Start = tg.words[f.i].start
		x.End = tg.words[f.i+f.n-1].end
		x.Text = tg.text[x.Start:x.End]
		x.Value, x.Anchor, x.Hijri = r.value(f.spec)
		if x.Value == "" {
			continue
		}
		out = append(out, x)
	}
	return out
}

// firstFullDate is the first explicit date with a year, month and day.
func firstFullDate(fs []found) (time.Time, bool) {
	for _, f := range fs {
		s := f.spec
		if s.rel == relNone && s.literal == "" && s.year > 0 && s.month > 0 && s.day > 0 {
			return time.Date(s.year, time.Month(s.month), s.day, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// base is the date a relative expression counts from, whether its year is
// known, and the anchor's name.
func (r *resolver) base(s spec, gran byte) (mention, string) {
	if s.anaphoric {
		last := r.lastDay
		switch gran {
		case 'M':
			last = r.lastMonth
		case 'Y':
			last = r.lastYear
		}
		if last.ok {
			return last, "previous"
		}
	}
	if r.hasRef {
		return mention{t: r.ref, yearKnown: true, ok: true}, r.refKind
	}
	return mention{}, ""
}

// value resolves one spec.
func (r *resolver) value(s spec) (value, anchor, hijriValue string) {
	if s.literal != "" {
		return s.literal, "", ""
	}
	m, gran, anchor, ok := r.date(s)
	if !ok {
		return r.unanchored(s), "", s.hijri
	}
	r.remember(m, gran)
	v := format(m, gran)
	if s.part != "" {
		v += "T" + s.part
	}
	return v, anchor, s.hijri
}

// remember keeps a resolved date for later anaphora.
func (r *resolver) remember(m mention, gran byte) {
	switch gran {
	case 'D':
		r.lastDay, r.lastMonth, r.lastYear = m, m, m
	case 'M':
		r.lastMonth, r.lastYear = m, m
	case 'Y', 'Q':
		r.lastYear = m
	}
}

// date computes the date of s and its granularity.
func (r *resolver) date(s spec) (mention, byte, string, bool) {
	if s.rel == relNone {
		if s.year == 0 {
			return mention{}, 0, "", false
		}
		gran := byte('Y')
		switch {
		case s.day > 0:
			gran = 'D'
		case s.month > 0:
			gran = 'M'
		}
		t := time.Date(s.year, time.Month(max(s.month, 1)), max(s.day, 1), 0, 0, 0, 0, time.UTC)
		return mention{t: t, yearKnown: true, ok: true}, gran, "", true
	}
	need := map[relKind]byte{relDay: 'D', relWeekday: 'D', relWeek: 'D', relMonth: 'M', relYear: 'Y', relQuarter: 'Y', relMonthDay: 'Y'}[s.rel]
	b, anchor := r.base(s, need)
	if s.rel == relMonthDay && s.yearAnaphoric {
		if r.lastYear.ok {
			b, anchor = r.lastYear, "previous"
		}
	}
	if !b.ok {
		return mention{}, 0, "", false
	}
	at := func(t time.Time, gran byte) (mention, byte, string, bool) {
		return mention{t: t, yearKnown: b.yearKnown, ok: true}, gran, anchor, true
	}
	t := b.t
	switch s.rel {
	case relDay:
		return at(t.AddDate(0, 0, s.offset), 'D')
	case relWeek:
		return at(t.AddDate(0, 0, 7*s.offset), 'W')
	case relMonth:
		first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return at(first.AddDate(0, s.offset, 0), 'M')
	case relYear:
		return at(time.Date(t.Year()+s.offset, 1, 1, 0, 0, 0, 0, time.UTC), 'Y')
	case relQuarter:
		return at(quarterNear(t, s), 'Q')
	case relWeekday:
		return at(weekdayNear(t, s.weekday, s.dir, s.future), 'D')
	case relMonthDay:
		if s.yearRel {
			year := t.Year() + s.yearOffset
			day, gran := max(s.day, 1), byte('D')
			if s.day == 0 {
				gran = 'M'
			}
			return at(time.Date(year, time.Month(s.month), day, 0, 0, 0, 0, time.UTC), gran)
		}
		m, gran, ok := monthDayNear(t, s)
		if !ok {
			return mention{}, 0, "", false
		}
		return at(m, gran)
	}
	return mention{}, 0, "", false
}

// quarterNear places a quarter: in the year given, else in the reference
// year when it has begun (the last quarter reported), else the year before;
// in future sentences, the next one.
func quarterNear(t time.Time, s spec) time.Time {
	start := func(y int) time.Time { return time.Date(y, time.Month(3*s.quarter-2), 1, 0, 0, 0, 0, time.UTC) }
	switch {
	case s.year > 0 && !s.yearRel:
		return start(s.year)
	case s.yearRel || s.offset != 0 || s.anaphoric:
		return start(t.Year() + s.offset)
	}
	q := start(t.Year())
	if s.future {
		if q.Before(t) && t.Sub(q) > 92*24*time.Hour {
			q = start(t.Year() + 1)
		}
		return q
	}
	if q.After(t) {
		q = start(t.Year() - 1)
	}
	return q
}

// weekdayNear finds the weekday wd around b: before it for الماضي, after it
// for المقبل, and otherwise the last one (today included) unless the
// sentence speaks of the future.
func weekdayNear(b time.Time, wd, dir int, future bool) time.Time {
	forward := (wd - int(b.Weekday()) + 7) % 7
	back := (int(b.Weekday()) - wd + 7) % 7
	switch {
	case dir == dirNext || dir == dirNone && future:
		if forward == 0 {
			forward = 7
		}
		return b.AddDate(0, 0, forward)
	case dir == dirPast && back == 0:
		back = 7
	case dir == dirNone && forward > 0 && forward < back && forward <= 2:
		return b.AddDate(0, 0, forward) // the coming Friday, when it is nearer
	}
	return b.AddDate(0, 0, -back)
}

// monthDayNear places a month (and day) without a year: in the year that
// puts it nearest to b, or before b for الماضي and after it for المقبل.
func monthDayNear(b time.Time, s spec) (time.Time, byte, bool) {
	if s.hijriMon > 0 {
		t, ok := hijriNear(b, s)
		return t, 'D', ok
	}
	day, gran := s.day, byte('D')
	if day == 0 {
		day, gran = 1, 'M'
	}
	at := func(y int) time.Time { return time.Date(y, time.Month(s.month), day, 0, 0, 0, 0, time.UTC) }
	ref := b
	if gran == 'M' {
		ref = time.Date(b.Year(), b.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	t := at(b.Year())
	switch s.dir {
	case dirPast:
		if !t.Before(ref) {
			t = at(b.Year() - 1)
		}
	case dirNext:
		if !t.After(ref) {
			t = at(b.Year() + 1)
		}
	case dirThis:
	default:
		// News looks back: a date more than three months ahead of the
		// article is last year's (5 كانون الثاني in a July article), unless
		// the sentence speaks of the future.
		ahead := 92 * 24 * time.Hour
		if s.future {
			ahead = 274 * 24 * time.Hour
		}
		if t.Sub(ref) > ahead {
			t = at(b.Year() - 1)
		} else if ref.Sub(t) > 365*24*time.Hour-ahead {
			t = at(b.Year() + 1)
		}
	}
	if gran == 'D' && t.Day() != s.day {
		return time.Time{}, 0, false // 31 April
	}
	return t, gran, true
}

// hijriNear places a Hijri day and month without a year in the Hijri year
// that puts it nearest to b.
func hijriNear(b time.Time, s spec) (time.Time, bool) {
	h, err := hijri.CreateUmmAlQuraDate(b)
	if err != nil {
		return time.Time{}, false
	}
	best := time.Time{}
	for _, y := range []int{int(h.Year) - 1, int(h.Year), int(h.Year) + 1} {
		t, ok := hijriToGregorian(y, s.hijriMon, s.day)
		if !ok {
			continue
		}
		if best.IsZero() || absDur(t.Sub(b)) < absDur(best.Sub(b)) {
			best = t
		}
	}
	return best, !best.IsZero()
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// unanchored writes what can be said with no reference date, and keeps a
// month and day for later anaphora: XXXX-07-04, then بعد ثلاثة أيام على ذلك
// is XXXX-07-07.
func (r *resolver) unanchored(s spec) string {
	switch {
	case s.rel == relMonthDay && s.hijriMon == 0 && s.day > 0:
		m := mention{t: time.Date(standInYear, time.Month(s.month), s.day, 0, 0, 0, 0, time.UTC), ok: true}
		r.remember(m, 'D')
		return format(m, 'D')
	case s.rel == relMonthDay && s.hijriMon == 0:
		m := mention{t: time.Date(standInYear, time.Month(s.month), 1, 0, 0, 0, 0, time.UTC), ok: true}
		r.remember(m, 'M')
		return format(m, 'M')
	case s.rel == relQuarter && s.year == 0:
		return fmt.Sprintf("XXXX-Q%d", s.quarter)
	case s.rel == relDay && s.offset == 0 && !s.anaphoric && s.part == "":
		return "PRESENT_REF"
	}
	return ""
}

// format writes a date at a granularity, with XXXX for an unknown year.
func format(m mention, gran byte) string {
	t := m.t
	year := fmt.Sprintf("%04d", t.Year())
	if !m.yearKnown {
		year = "XXXX"
	}
	switch gran {
	case 'Y':
		return year
	case 'M':
		return fmt.Sprintf("%s-%02d", year, t.Month())
	case 'W':
		if !m.yearKnown {
			return "XXXX-WXX"
		}
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case 'Q':
		return fmt.Sprintf("%s-Q%d", year, (int(t.Month())+2)/3)
	}
	return fmt.Sprintf("%s-%02d-%02d", year, t.Month(), t.Day())
}
