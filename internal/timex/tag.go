package timex

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/arabic"
)

// Timex is a temporal expression found in text, normalised to a TimeML
// TIMEX3 type and value.
type Timex struct {
	Start, End int    // byte span in the text
	Text       string // the text at the span
	Type       string // DATE, TIME, DURATION, SET
	Value      string // 2022-04-05, 2022-W15, P2D, XXXX-07-04, PRESENT_REF...
	Mod        string // START, MID, END, APPROX, MORE_THAN, LESS_THAN
	Hijri      string // the Hijri value of a Hijri date
	// Anchor says what a relative expression was resolved against: "dct"
	// (the article date), "text" (the first full date of an undated text)
	// or "previous" (the date mentioned before it); "" for absolute ones.
	Anchor string
}

// Tag finds the temporal expressions among tokens (arabic.Tokenize of text
// or a document's token layer) and resolves them against dct, the article
// date; a zero dct means the text is undated, and relative expressions are
// then anchored on the first full date the text gives.
func Tag(text string, tokens []arabic.Token, dct time.Time) []Timex {
	tg := taggers.Get().(*tagger)
	defer taggers.Put(tg)
	tg.text, tg.t = text, mustTables()
	tg.words = tg.prepare(tg.words[:0], tokens)
	var found []found
	for i := 0; i < len(tg.words); {
		f, ok := tg.match(i)
		if !ok {
			i++
			continue
		}
		found = append(found, f)
		i += f.n
	}
	return tg.resolve(found, dct)
}

// word is a token as the tagger reads it: its key with a proclitic و ف ب ل
// ك split off when that leaves a temporal word.
type word struct {
	start, end int // span, after the proclitic
	key        string
	kind       arabic.TokenKind
	num        int // value of a number token
	digits     int
}

type tagger struct {
	text  string
	t     *tables
	words []word
}

// taggers are reused across Tag calls: the words of a document are most
// of what tagging allocates, and none outlives the call.
var taggers = sync.Pool{New: func() any { return new(tagger) }}

// vocabulary is every word the patterns know, to decide clitic splits.
var vocabulary = func() map[string]bool {
	v := map[string]bool{
		"امس": true, "الامس": true, "اليوم": true, "غدا": true, "غد": true, "بعد": true, "قبل": true, "يوم": true,
		"الساعه": true, "كل": true, "منتصف": true, "شهر": true, "هذا": true, "هذه": true, "ليل": true,
	}
	for _, m := range []map[string]int{cardinals, ordinals, directions} {
		for k := range m {
			v[k] = true
		}
	}
	for _, m := range []map[string]string{periods, modWords, partsOfDay, sets, refs, definiteUnits} {
		for k := range m {
			v[k] = true
		}
	}
	for k := range units {
		v[k] = true
	}
	return v
}()

// prepare appends the words of tokens to out.
func (tg *tagger) prepare(out []word, tokens []arabic.Token) []word {
	for _, t := range tokens {
		w := word{start: t.Start, end: t.End, kind: t.Kind}
		switch t.Kind {
		case arabic.Number:
			w.num, w.digits = numberValue(t.Text)
			w.key = t.Text
		case arabic.Word:
			w.key = arabic.KeyOf(t.Text)
			if !tg.known(w.key) {
				if rest, n := tg.splitClitic(w.key); n > 0 {
					w.key = rest
					w.start = skipRunes(tg.text, t.Start, n)
				}
			}
		default:
			w.key = t.Text
		}
		out = append(out, w)
	}
	return out
}

var (
	knownOnce sync.Once
	knownSet  map[string]bool
	// startSet is knownSet and every other word that may open an
	// expression: canStart asks once per word of the text, in one map.
	startSet map[string]bool
)

// known reports whether key is a temporal word or month or weekday name.
func (tg *tagger) known(key string) bool {
	tg.buildSets()
	return knownSet[key]
}

func (tg *tagger) buildSets() {
	knownOnce.Do(func() {
		knownSet = make(map[string]bool, len(vocabulary)+len(tg.t.months)+len(tg.t.weekdays))
		for k := range vocabulary {
			knownSet[k] = true
		}
		for k := range tg.t.months {
			knownSet[k] = true
		}
		for k := range tg.t.weekdays {
			knownSet[k] = true
		}
		startSet = maps.Clone(knownSet)
		for _, set := range []map[string]bool{starters, yearCueWords, quantifiers} {
			maps.Copy(startSet, set)
		}
		for k := range decades {
			startSet[k] = true
		}
		for k := range approx {
			startSet[k] = true
		}
	})
}

// cliticLetter reports whether key begins with و ف ب ل ك.
func cliticLetter(key string) bool {
	if len(key) < 2 {
		return false
	}
	switch key[:2] {
	case "و", "ف", "ب", "ل", "ك":
		return true
	}
	return false
}

// splitClitic strips و ف ب ل ك (or ب/ل before ال) when what is left is a
// temporal word; it returns the rest and the number of letters stripped.
func (tg *tagger) splitClitic(key string) (string, int) {
	if !cliticLetter(key) {
		return "", 0
	}
	p, rest := key[:2], key[2:]
	if utf8.RuneCountInString(rest) < 2 {
		return "", 0
	}
	if tg.known(rest) {
		return rest, 1
	}
	if p == "و" { // وبعد، وللعام
		if r2, n := tg.splitClitic(rest); n > 0 {
			return r2, 1 + n
		}
	}
	if p == "ل" && strings.HasPrefix(rest, "ل") { // للعام: ل + العام
		var buf [64]byte
		if len(rest)+2 <= len(buf) {
			al := append(append(buf[:0], "ا"...), rest...)
			if tg.known(string(al)) {
				return "ا" + rest, 1
			}
		}
	}
	return "", 0
}

// skipRunes moves past n letters and the harakat after them.
func skipRunes(text string, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !arabic.IsDiacritic(r) && r != arabic.Tatweel {
				break
			}
			i += size
		}
	}
	return i
}

func numberValue(s string) (int, int) {
	n, digits := 0, 0
	for _, r := range s {
		d, ok := arabic.DigitValue(r)
		if !ok {
			return n, digits // 1.5: the integer part
		}
		if digits < 9 {
			n = n*10 + d
		}
		digits++
	}
	return n, digits
}

func (tg *tagger) key(i int) string {
	if i < 0 || i >= len(tg.words) {
		return ""
	}
	return tg.words[i].key
}

func (tg *tagger) isNum(i int) bool {
	return i >= 0 && i < len(tg.words) && tg.words[i].kind == arabic.Number
}

// found is a matched expression before resolution.
type found struct {
	i, n int // tokens[i : i+n]
	typ  string
	spec spec
}

// relKind says how a date is computed.
type relKind uint8

const (
	relNone     relKind = iota // absolute, or literal
	relDay                     // reference + offset days
	relWeek                    // reference week + offset
	relMonth                   // reference month + offset
	relYear                    // reference year + offset
	relWeekday                 // a weekday near the reference
	relMonthDay                // a month (and day) with no year
	relQuarter                 // a quarter of a year given by year or offset
)

// spec describes a date or time to resolve.
type spec struct {
	literal   string // a value needing no resolution (durations, sets, 199X)
	year      int
	month     int
	day       int
	hijriMon  int // Hijri month of a Hijri date without a year
	hijri     string
	rel       relKind
	offset    int
	dir       int
	weekday   int
	quarter   int
	gran      byte // 'D', 'W', 'M', 'Y', 'Q'
	anaphoric bool
	mod       string
	part      string // MO, AF, EV, NI or a clock time 15:00
	future    bool   // the sentence speaks of the future (weekday default)
	// A month or quarter placed by a year phrase: من العام الماضي.
	yearRel       bool
	yearOffset    int
	yearAnaphoric bool
}

// patterns are tried at every word that can start an expression.
var patterns = [...]func(*tagger, int) (found, bool){
	(*tagger).matchClock, (*tagger).matchPartOfDay, (*tagger).matchDayDate, (*tagger).matchRelativeDay,
	(*tagger).matchOffset, (*tagger).matchModified, (*tagger).matchPeriod, (*tagger).matchQuarter,
	(*tagger).matchMonth, (*tagger).matchYear, (*tagger).matchDecade, (*tagger).matchWeekday,
	(*tagger).matchDuration, (*tagger).matchSet, (*tagger).matchRef,
}

// match tries every pattern at word i and keeps the longest match. Most
// words cannot start an expression and are passed over at once.
func (tg *tagger) match(i int) (found, bool) {
	if !tg.canStart(i) {
		return found{}, false
	}
	best := found{}
	for _, p := range patterns {
		if f, ok := p(tg, i); ok && f.n > best.n {
			best = f
		}
	}
	return best, best.n > 0
}

// canStart reports whether word i may begin a temporal expression.
func (tg *tagger) canStart(i int) bool {
	w := tg.words[i]
	switch w.kind {
	case arabic.Number:
		return true
	case arabic.Word:
	default:
		return false
	}
	tg.buildSets()
	return startSet[w.key]
}

// starters are words that open patterns without being temporal themselves.
var starters = map[string]bool{
	"يوم": true, "شهر": true, "هذا": true, "هذه": true, "قبل": true, "بعد": true, "كل": true, "الساعه": true,
	"اكثر": true, "ازيد": true, "اقل": true, "القرن": true, "الربع": true, "الثلاثيه": true, "الوقت": true,
	"المستقبل": true,
}

// ---- dates with a day ----

// dayRef reads a day reference at i: a relative day (أمس، اليوم، غداً،
// بعد غد), a weekday with its direction, or a day-month date. It is the
// tail of times (صباح اليوم، مساء الاثنين المقبل). A Hijri date after the
// weekday stands apart, as Gulf papers write it: مساء يوم الجمعة 29 شعبان.
func (tg *tagger) dayRef(i int) (spec, int, bool) {
	if s, n, ok := tg.relativeDay(i); ok {
		return s, n, true
	}
	if f, ok := tg.matchDayDate(i); ok && f.spec.hijri == "" && f.spec.hijriMon == 0 {
		return f.spec, f.n, true
	}
	if f, ok := tg.matchWeekday(i); ok {
		return f.spec, f.n, true
	}
	return spec{}, 0, false
}

// matchDayDate: [يوم] [weekday] DAY [من] MONTH [/MONTH] [YEAR [م|هـ]] [dir].
func (tg *tagger) matchDayDate(i int) (found, bool) {
	if nameHeads[tg.key(i-1)] {
		return found{}, false // شارع 26 يوليو, ساحة 14 جانفي: a name
	}
	j := i
	if tg.key(j) == "يوم" {
		j++
	}
	wd := -1
	if d, ok := tg.t.weekdays[tg.key(j)]; ok {
		wd = d
		j++
		if tg.key(j) == "،" || tg.key(j) == "," {
			j++
		}
	}
	day, n := tg.dayNumber(j)
	if n == 0 {
		return found{}, false
	}
	j += n
	if tg.key(j) == "من" {
		j++
	}
	if tg.key(j) == "شهر" {
		j++
	}
	m, mn := tg.monthAt(j)
	if mn == 0 {
		return found{}, false
	}
	j += mn
	s := spec{day: day, month: m.month, weekday: wd, gran: 'D', future: tg.futureContext(i)}
	if m.calendar == Hijri {
		s.hijriMon = m.month
		s.month = 0
	}
	j = tg.yearTail(j, &s)
	return found{i: i, n: j - i, typ: "DATE", spec: s}, s.finishDay()
}

// nameHeads are nouns that make the date after them part of a name.
var nameHeads = map[string]bool{
	"شارع": true, "ساحه": true, "ميدان": true, "جامعه": true, "جسر": true, "حي": true, "مدرسه": true, "ثوره": true, "حركه": true, "مستشفي": true,
}

// finishDay checks a day date and sets how it resolves.
func (s *spec) finishDay() bool {
	if s.day < 1 || s.day > 31 {
		return false
	}
	if s.hijriMon > 0 {
		if s.year > 0 {
			g, ok := hijriToGregorian(s.year, s.hijriMon, s.day)
			if !ok {
				return false
			}
			s.hijri = fmt.Sprintf("%04d-%02d-%02d", s.year, s.hijriMon, s.day)
			s.year, s.month, s.day = g.Year(), int(g.Month()), g.Day()
			s.hijriMon = 0
			return true
		}
		s.rel = relMonthDay
		return true
	}
	if s.year > 0 {
		return validGregorian(s.year, s.month, s.day)
	}
	s.rel = relMonthDay
	return s.day <= 31
}

// dayNumber reads a day of the month: 5, ٥, الخامس, الحادي والعشرين,
// الفاتح, غرة.
func (tg *tagger) dayNumber(j int) (int, int) {
	if tg.isNum(j) && tg.words[j].digits <= 2 && tg.words[j].num >= 1 && tg.words[j].num <= 31 {
		return tg.words[j].num, 1
	}
	v, ok := ordinals[tg.key(j)]
	if !ok {
		return 0, 0
	}
	n := 1
	if tg.key(j+1) == "عشر" || tg.key(j+1) == "عشره" { // الحادي عشر
		return v + 10, 2
	}
	if ten, ok := ordinals[tg.key(j+1)]; ok && (ten == 20 || ten == 30) && v < 10 { // الحادي والعشرين (و split off)
		return v + ten, 2
	}
	return v, n
}

// monthAt reads a month name with an optional second name: أيلول/سبتمبر,
// أيار (مايو).
func (tg *tagger) monthAt(j int) (monthName, int) {
	m, n := tg.monthName(j)
	if n == 0 {
		return m, 0
	}
	k := j + n
	switch tg.key(k) {
	case "/", "-":
		if alt, an := tg.monthName(k + 1); an > 0 && alt.month == m.month {
			n += 1 + an
		}
	case "(":
		if alt, an := tg.monthName(k + 1); an > 0 && alt.month == m.month && tg.key(k+1+an) == ")" {
			n += 2 + an
		}
	}
	return m, n
}

func (tg *tagger) monthName(j int) (monthName, int) {
	if j >= len(tg.words) || tg.words[j].kind != arabic.Word {
		return monthName{}, 0
	}
	var best monthName
	bestN := 0
	for _, m := range tg.t.months[tg.key(j)] {
		if len(m.words) <= bestN {
			continue
		}
		ok := true
		for k, w := range m.words[1:] {
			if tg.key(j+1+k) != w {
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

// yearTail reads what may follow a month: a year with its era mark, a
// direction (الماضي، المقبل، الجاري) or "من العام الماضي".
func (tg *tagger) yearTail(j int, s *spec) int {
	if j < len(tg.words) && tg.isYear(j) {
		s.year = tg.words[j].num
		j++
		if e := tg.key(j); e == "م" || e == "ه" || e == "هجري" || e == "هجريه" || e == "ميلادي" || e == "ميلاديه" {
			j++
		}
		return j
	}
	if d, ok := directions[tg.key(j)]; ok && d != dirNone && tg.key(j) != "نفسه" && tg.key(j) != "ذاته" {
		s.dir = d
		return j + 1
	}
	if tg.key(j) == "من" {
		if y, k, ok := tg.yearPhrase(j + 1); ok {
			if y.year > 0 {
				s.year = y.year
			} else {
				s.yearRel, s.yearOffset, s.yearAnaphoric = true, y.offset, y.anaphoric
			}
			return k
		}
	}
	return j
}

// yearRef is a year given in words: an explicit year, or an offset from
// the reference year (العام الماضي), or the year last mentioned (العام نفسه).
type yearRef struct {
	year      int
	offset    int
	anaphoric bool
}

// yearPhrase reads العام الماضي, العام نفسه, السنة الجارية, عام 2021.
func (tg *tagger) yearPhrase(j int) (yearRef, int, bool) {
	if !yearCueWords[tg.key(j)] {
		return yearRef{}, j, false
	}
	if tg.isYear(j + 1) {
		return yearRef{year: tg.words[j+1].num}, j + 2, true
	}
	var y yearRef
	switch d := directions[tg.key(j+1)]; {
	case tg.key(j+1) == "نفسه" || tg.key(j+1) == "ذاته":
		y.anaphoric = true
	case d == dirPast:
		y.offset = -1
	case d == dirNext:
		y.offset = 1
	case d == dirThis:
	default:
		return yearRef{}, j, false
	}
	return y, j + 2, true
}

func (tg *tagger) isYear(j int) bool {
	return tg.isNum(j) && tg.words[j].digits == 4 && tg.words[j].num >= 1000 && tg.words[j].num <= 2200
}

// ---- relative days ----

// relativeDay: أمس [الأول] [weekday], اليوم [weekday|نفسه|السابق|التالي],
// غداً [weekday], بعد غد [weekday].
func (tg *tagger) relativeDay(i int) (spec, int, bool) {
	s := spec{rel: relDay, gran: 'D', weekday: -1}
	j := i
	switch tg.key(j) {
	case "امس", "الامس":
		s.offset = -1
		j++
		if tg.key(j) == "الاول" {
			s.offset = -2
			j++
		}
	case "اليوم":
		if k := tg.key(j + 1); k == "»" || k == "\"" || k == "”" {
			return s, 0, false // «عمان اليوم»: a newspaper
		}
		j++
		switch tg.key(j) {
		case "نفسه", "ذاته":
			s.anaphoric = true
			j++
		case "السابق":
			s.anaphoric, s.offset = true, -1
			j++
		case "التالي":
			s.anaphoric, s.offset = true, 1
			j++
		}
	case "غدا", "غد":
		s.offset = 1
		j++
	case "بعد":
		if tg.key(j+1) != "غد" && tg.key(j+1) != "غدا" {
			return s, 0, false
		}
		s.offset = 2
		j += 2
	default:
		return s, 0, false
	}
	if _, ok := tg.t.weekdays[tg.key(j)]; ok {
		j++
	}
	return s, j - i, true
}

func (tg *tagger) matchRelativeDay(i int) (found, bool) {
	s, n, ok := tg.relativeDay(i)
	return found{i: i, n: n, typ: "DATE", spec: s}, ok
}

// matchWeekday: [يوم] WEEKDAY [dir].
func (tg *tagger) matchWeekday(i int) (found, bool) {
	j := i
	if tg.key(j) == "يوم" {
		j++
	}
	wd, ok := tg.t.weekdays[tg.key(j)]
	if !ok {
		return found{}, false
	}
	j++
	s := spec{rel: relWeekday, weekday: wd, gran: 'D', future: tg.futureContext(i)}
	if d, ok := directions[tg.key(j)]; ok && (d == dirPast || d == dirNext) {
		s.dir = d
		j++
	}
	return found{i: i, n: j - i, typ: "DATE", spec: s}, true
}

// futureContext reports whether the words before i speak of the future:
// a verb with the future prefix, سوف, المقرر.
func (tg *tagger) futureContext(i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		w := tg.words[k]
		if w.kind == arabic.Punct && (w.key == "." || w.key == "؟") {
			break
		}
		key := w.key
		if strings.HasPrefix(key, "و") {
			key = key[2:]
		}
		switch {
		case key == "سوف", key == "المقرر", key == "يعتزم", key == "ينوي", key == "المنتظر", key == "المرتقب", key == "المزمع":
			return true
		case utf8.RuneCountInString(key) >= 4 && (strings.HasPrefix(key, "سي") || strings.HasPrefix(key, "ست") || strings.HasPrefix(key, "سن")):
			return true
		}
	}
	return false
}

// ---- offsets ----

// matchOffset: قبل/بعد COUNT UNIT [على ذلك|من ذلك|من الآن].
func (tg *tagger) matchOffset(i int) (found, bool) {
	sign := 0
	switch tg.key(i) {
	case "قبل":
		sign = -1
	case "بعد":
		sign = 1
	default:
		return found{}, false
	}
	count, u, n := tg.countUnit(i + 1)
	if n == 0 || u.clock || count <= 0 {
		return found{}, false
	}
	j := i + 1 + n
	s := spec{offset: sign * count * max(u.scale, 1)}
	switch tg.key(j) {
	case "علي", "من":
		switch tg.key(j + 1) {
		case "ذلك", "ذالك", "هذا", "الحادث", "الحادثه":
			s.anaphoric = true
			j += 2
			if k := tg.key(j); (tg.key(j-1) == "ذلك" || tg.key(j-1) == "هذا") && strings.HasPrefix(k, "ال") && tg.words[j].kind == arabic.Word {
				j++ // على ذلك العرض
			}
		case "الان":
			j += 2
		default:
			return found{}, false // بعد ثلاثة أيام من الكارثة: a duration
		}
	}
	switch u.letter {
	case "D":
		s.rel, s.gran = relDay, 'D'
	case "W":
		s.rel, s.gran = relWeek, 'W'
	case "M":
		s.rel, s.gran = relMonth, 'M'
	case "Y":
		s.rel, s.gran = relYear, 'Y'
	}
	return found{i: i, n: j - i, typ: "DATE", spec: s}, true
}

// countUnit reads a count and a unit: ثلاثة أيام, 48 ساعة, يومين, أسبوع,
// خمسة وعشرين يوماً, ثلاثة عشر شهراً. count is -1 for a vague count
// (عدة أسابيع, سنوات).
func (tg *tagger) countUnit(j int) (int, unit, int) {
	if u, ok := units[tg.key(j)]; ok {
		switch {
		case u.dual:
			return 2, u, 1
		case u.plural:
			return -1, u, 1
		}
		return 1, u, 1
	}
	if quantifiers[tg.key(j)] {
		if u, ok := units[tg.key(j+1)]; ok {
			return -1, u, 2
		}
		return 0, unit{}, 0
	}
	count, n := tg.count(j)
	if n == 0 {
		return 0, unit{}, 0
	}
	u, ok := units[tg.key(j+n)]
	if !ok || u.dual {
		return 0, unit{}, 0
	}
	return count, u, n + 1
}

// count reads a number: digits, a number word, a teen (ثلاثة عشر) or a
// unit and a ten (خمسة وعشرون, the و already split off).
func (tg *tagger) count(j int) (int, int) {
	if tg.isNum(j) {
		return tg.words[j].num, 1
	}
	v, ok := cardinals[tg.key(j)]
	if !ok {
		if t, ok := teens[tg.key(j)]; ok && (tg.key(j+1) == "عشر" || tg.key(j+1) == "عشره") {
			return 10 + t, 2
		}
		return 0, 0
	}
	if v < 10 && (tg.key(j+1) == "عشر" || tg.key(j+1) == "عشره") {
		return 10 + v, 2
	}
	if ten, ok := cardinals[tg.key(j+1)]; ok && v < 10 && ten >= 20 && ten < 100 && ten%10 == 0 {
		return v + ten, 2
	}
	return v, 1
}

// ---- periods, months, years ----

// matchModified: MOD (month-expr | period-expr | year-expr | bare period).
func (tg *tagger) matchModified(i int) (found, bool) {
	mod, ok := modWords[tg.key(i)]
	if !ok {
		return found{}, false
	}
	j := i + 1
	for _, p := range []func(int) (found, bool){tg.matchPeriod, tg.matchQuarter, tg.matchMonth, tg.matchYear} {
		if f, ok := p(j); ok {
			f.i, f.n = i, f.n+1
			f.spec.mod = mod
			return f, true
		}
	}
	// مطلع العام, نهاية الشهر: the current period.
	if g, ok := periods[tg.key(j)]; ok && (g == "M" || g == "Y") {
		s := spec{mod: mod}
		if g == "M" {
			s.rel, s.gran = relMonth, 'M'
		} else {
			s.rel, s.gran = relYear, 'Y'
		}
		n := 1
		if k := tg.key(j + 1); k == "نفسه" || k == "ذاته" {
			s.anaphoric = true
			n++
		}
		return found{i: i, n: n + 1, typ: "DATE", spec: s}, true
	}
	return found{}, false
}

// matchPeriod: الأسبوع الماضي, الشهر الجاري, العام المقبل, هذا العام,
// هذه السنة, الشهر نفسه [من العام الماضي].
func (tg *tagger) matchPeriod(i int) (found, bool) {
	j := i
	this := false
	if k := tg.key(j); k == "هذا" || k == "هذه" {
		this = true
		j++
	}
	g, ok := periods[tg.key(j)]
	if !ok || g == "Q" || g == "P" {
		return found{}, false
	}
	j++
	s := spec{}
	switch {
	case this:
	case tg.key(j) == "نفسه" || tg.key(j) == "ذاته":
		s.anaphoric = true
		j++
	default:
		d, ok := directions[tg.key(j)]
		if !ok {
			return found{}, false
		}
		switch d {
		case dirPast:
			s.offset = -1
		case dirNext:
			s.offset = 1
		}
		j++
	}
	switch g {
	case "W":
		s.rel, s.gran = relWeek, 'W'
	case "M":
		s.rel, s.gran = relMonth, 'M'
		if tg.key(j) == "من" {
			if y, k, ok := tg.yearPhrase(j + 1); ok && y.year == 0 && !y.anaphoric {
				s.offset += 12 * y.offset
				j = k
			}
		}
	case "Y":
		s.rel, s.gran = relYear, 'Y'
	}
	return found{i: i, n: j - i, typ: "DATE", spec: s}, true
}

// matchQuarter: الربع الأول [من العام الماضي|من عام 2021], الثلاثية الأولى.
func (tg *tagger) matchQuarter(i int) (found, bool) {
	if k := tg.key(i); k != "الربع" && k != "الثلاثيه" {
		return found{}, false
	}
	q, ok := ordinals[tg.key(i+1)]
	if !ok || q < 1 || q > 4 {
		return found{}, false
	}
	s := spec{rel: relQuarter, quarter: q, gran: 'Q'}
	j := i + 2
	if tg.key(j) == "من" {
		if y, k, ok := tg.yearPhrase(j + 1); ok {
			s.year, s.offset, s.anaphoric = y.year, y.offset, y.anaphoric
			s.yearRel = y.year == 0
			j = k
		} else if tg.isYear(j + 1) {
			s.year = tg.words[j+1].num
			j += 2
		}
	} else {
		s.future = tg.futureContext(i)
	}
	return found{i: i, n: j - i, typ: "DATE", spec: s}, true
}

// matchMonth: [شهر] MONTH [/MONTH] (YEAR | dir | من العام ...)?; a month
// alone needs a cue when its name is also a common word (مارس).
func (tg *tagger) matchMonth(i int) (found, bool) {
	j := i
	if tg.key(j) == "شهر" {
		j++
	}
	m, n := tg.monthAt(j)
	if n == 0 {
		return found{}, false
	}
	j += n
	if nameHeads[tg.key(i-1)] || tg.isNum(i-1) && nameHeads[tg.key(i-2)] {
		return found{}, false // جامعة 8 ماي 1945: a name
	}
	s := spec{month: m.month, gran: 'M', rel: relMonthDay, future: tg.futureContext(i)}
	k := tg.yearTail(j, &s)
	bare := k == j
	if bare && ambiguousMonths[m.words[0]] && j-i == 1 && !monthCues[tg.key(i-1)] {
		if _, isMod := modWords[tg.key(i-1)]; !isMod {
			return found{}, false
		}
	}
	if m.calendar == Hijri {
		if s.year == 0 {
			return found{}, false // رمضان alone is also a name
		}
		g, ok := hijriToGregorian(s.year, m.month, 0)
		if !ok {
			return found{}, false
		}
		s.hijri = fmt.Sprintf("%04d-%02d", s.year, m.month)
		s.year, s.month = g.Year(), int(g.Month())
	}
	if s.year > 0 && s.rel == relMonthDay {
		s.rel = relNone
	}
	return found{i: i, n: k - i, typ: "DATE", spec: s}, true
}

// matchYear: عام 2021, العام ٢٠٢٢ م, and a bare year after a preposition.
func (tg *tagger) matchYear(i int) (found, bool) {
	if yearCueWords[tg.key(i)] {
		j := i + 1
		if k := tg.key(j); k == "المالي" || k == "الدراسي" || k == "الهجري" || k == "الميلادي" {
			j++ // العام المالي 2024
		}
		if tg.isYear(j) {
			n := j + 1 - i
			if e := tg.key(j + 1); e == "م" || e == "ميلادي" {
				n++
			}
			return found{i: i, n: n, typ: "DATE", spec: spec{year: tg.words[j].num, gran: 'Y'}}, true
		}
	}
	if !tg.isYear(i) {
		return found{}, false
	}
	y := tg.words[i].num
	if y < 1900 || y > 2100 {
		return found{}, false
	}
	_, isMod := modWords[tg.key(i-1)]
	// في 2020, منذ 2019, and years in a list: موازنات 2023 و2024 و2025.
	listed := tg.key(i-1) == "و" && tg.isYear(i-2) || tg.key(i+1) == "و" && tg.isYear(i+2)
	if yearPreps[tg.key(i-1)] || isMod || listed {
		return found{i: i, n: 1, typ: "DATE", spec: spec{year: y, gran: 'Y'}}, true
	}
	return found{}, false
}

// decades: التسعينيات, ثمانينيات القرن الماضي.
var decades = map[string]int{
	"العشرينيات": 2, "الثلاثينيات": 3, "الاربعينيات": 4, "الخمسينيات": 5, "الستينيات": 6, "السبعينيات": 7, "الثمانينيات": 8, "التسعينيات": 9,
	"عشرينيات": 2, "ثلاثينيات": 3, "اربعينيات": 4, "خمسينيات": 5, "ستينيات": 6, "سبعينيات": 7, "ثمانينيات": 8, "تسعينيات": 9,
}

// matchDecade: decades and centuries.
func (tg *tagger) matchDecade(i int) (found, bool) {
	if d, ok := decades[tg.key(i)]; ok {
		n := 1
		century := 19
		if tg.key(i+1) == "القرن" || tg.key(i+1) == "من" && tg.key(i+2) == "القرن" {
			k := i + 1
			if tg.key(k) == "من" {
				k++
			}
			if c, cn := tg.century(k); cn > 0 {
				century = c - 1
				n = k + cn - i
			}
		}
		return found{i: i, n: n, typ: "DATE", spec: spec{literal: fmt.Sprintf("%02d%dX", century, d)}}, true
	}
	if c, cn := tg.century(i); cn > 0 {
		return found{i: i, n: cn, typ: "DATE", spec: spec{literal: fmt.Sprintf("%02dXX", c-1)}}, true
	}
	return found{}, false
}

// century reads القرن العشرين, القرن التاسع عشر, القرن الحادي والعشرين,
// القرن الماضي (the twentieth), القرن الحالي (the twenty-first).
func (tg *tagger) century(i int) (int, int) {
	if tg.key(i) != "القرن" {
		return 0, 0
	}
	switch tg.key(i + 1) {
	case "الماضي":
		return 20, 2
	case "الحالي", "الجاري":
		return 21, 2
	}
	if v, n := tg.dayNumber(i + 1); n > 0 && v <= 21 {
		return v, n + 1
	}
	return 0, 0
}

// ---- times ----

// hourWords are feminine ordinals naming clock hours.
var hourWords = map[string]int{
	"الواحده": 1, "الثانيه": 2, "الثالثه": 3, "الرابعه": 4, "الخامسه": 5, "السادسه": 6, "السابعه": 7,
	"الثامنه": 8, "التاسعه": 9, "العاشره": 10, "الحاديه": 11,
}

// matchClock: الساعة HOUR[:MIN] [و N دقيقة|والنصف|والربع] [part] [من PART DAYREF | DAYREF].
func (tg *tagger) matchClock(i int) (found, bool) {
	if tg.key(i) != "الساعه" {
		return found{}, false
	}
	j := i + 1
	hour, minute := -1, 0
	switch {
	case tg.isNum(j) && tg.words[j].num <= 24:
		hour = tg.words[j].num
		j++
		if (tg.key(j) == ":" || tg.key(j) == "：") && tg.isNum(j+1) {
			minute = tg.words[j+1].num
			j += 2
		}
	default:
		h, ok := hourWords[tg.key(j)]
		if !ok {
			return found{}, false
		}
		hour = h
		j++
		if tg.key(j) == "عشره" || tg.key(j) == "عشر" { // الحادية عشرة, الثانية عشرة
			hour += 10
			if h == 11 {
				hour = 11
			}
			j++
		}
	}
	switch {
	case tg.key(j) == "النصف" || tg.key(j) == "والنصف":
		minute, j = 30, j+1
	case tg.key(j) == "الربع" || tg.key(j) == "والربع":
		minute, j = 15, j+1
	case tg.isNum(j) && (tg.key(j+1) == "دقيقه" || tg.key(j+1) == "دقاءق"):
		minute, j = tg.words[j].num, j+2
	case tg.key(j) == "و" && tg.isNum(j+1) && (tg.key(j+2) == "دقيقه" || tg.key(j+2) == "دقاءق"):
		minute, j = tg.words[j+1].num, j+3
	}
	s := spec{weekday: -1}
	part := ""
	if p, ok := partsOfDay[tg.key(j)]; ok {
		part = p
		j++
	} else if (tg.key(j) == "قبل" || tg.key(j) == "بعد") && tg.key(j+1) == "الظهر" {
		part = map[string]string{"قبل": "MO", "بعد": "AF"}[tg.key(j)]
		j += 2
	}
	// من صباح الثلاثاء المقبل, بعد ظهر أمس
	if tg.key(j) == "من" {
		if p, ok := partsOfDay[tg.key(j+1)]; ok {
			if d, n, ok := tg.dayRef(j + 2); ok {
				part, s, j = p, d, j+2+n
			}
		}
	} else if tg.key(j) == "بعد" && tg.key(j+1) == "ظهر" {
		if d, n, ok := tg.dayRef(j + 2); ok {
			part, s, j = "AF", d, j+2+n
		}
	} else if d, n, ok := tg.dayRef(j); ok {
		s, j = d, j+n
	}
	if s.rel == relNone && s.year == 0 && s.day == 0 {
		s = spec{rel: relDay, gran: 'D', weekday: -1, anaphoric: true} // the day last mentioned
	}
	hour = to24(hour, part)
	s.part = fmt.Sprintf("%02d:%02d", hour, minute)
	return found{i: i, n: j - i, typ: "TIME", spec: s}, true
}

// to24 turns a 12-hour reading into 24 hours by the part of day.
func to24(h int, part string) int {
	switch part {
	case "AF", "EV":
		if h < 12 {
			return h + 12
		}
	case "NI":
		if h >= 6 && h < 12 {
			return h + 12
		}
	case "MI":
		if h < 6 {
			return h + 12
		}
	}
	return h
}

// matchPartOfDay: صباح اليوم, مساء أمس الثلاثاء, ليل الأحد, بعد ظهر اليوم
// نفسه, منتصف ليل الاثنين, and a lone part of day (ظهراً).
func (tg *tagger) matchPartOfDay(i int) (found, bool) {
	j := i
	part := ""
	switch {
	case tg.key(j) == "بعد" && tg.key(j+1) == "ظهر":
		part, j = "AF", j+2
	case tg.key(j) == "منتصف" && (tg.key(j+1) == "ليل" || tg.key(j+1) == "الليل"):
		part, j = "24:00", j+2
	default:
		p, ok := partsOfDay[tg.key(j)]
		if !ok {
			return found{}, false
		}
		part, j = p, j+1
	}
	if d, n, ok := tg.dayRef(j); ok {
		d.part = part
		return found{i: i, n: j + n - i, typ: "TIME", spec: d}, true
	}
	// A lone part of day: ظهراً, صباحاً (adverbs only, not صباح alone).
	if k := tg.key(i); j == i+1 && (strings.HasSuffix(k, "ا") || k == "الليله") {
		return found{i: i, n: 1, typ: "TIME", spec: spec{rel: relDay, gran: 'D', part: part, weekday: -1, anaphoric: true}}, true
	}
	return found{}, false
}

// ---- durations, sets, references ----

// matchDuration: [mod] COUNT UNIT [ونصف] [إضافي], and the definite forms
// الأيام العشرة المقبلة, السنوات الخمس الماضية, العامين الماضيين.
func (tg *tagger) matchDuration(i int) (found, bool) {
	j := i
	mod := ""
	switch {
	case (tg.key(j) == "اكثر" || tg.key(j) == "ازيد") && tg.key(j+1) == "من":
		mod, j = "MORE_THAN", j+2
	case tg.key(j) == "اقل" && tg.key(j+1) == "من":
		mod, j = "LESS_THAN", j+2
	default:
		if m, ok := approx[tg.key(j)]; ok {
			mod, j = m, j+1
		}
	}
	if f, ok := tg.definiteDuration(j); ok {
		f.i, f.n, f.spec.mod = i, f.n+j-i, mod
		return f, true
	}
	count, u, n := tg.countUnit(j)
	if n == 0 {
		return found{}, false
	}
	// A lone singular or plural unit is a duration only after لمدة and the like.
	if n == 1 && !u.dual && !durationCue(tg.key(i-1)) && tg.key(j+1) != "ونصف" && tg.key(j+1) != "نصف" {
		return found{}, false
	}
	if count > 0 && !u.clock && u.letter == "Y" && ageCue(tg.key(i-1), tg.key(j+n)) {
		return found{}, false // 24 سنة in an age bracket is not a duration of the text
	}
	j += n
	half := false
	if tg.key(j) == "نصف" || tg.key(j) == "ونصف" {
		half = true
		j++
	}
	if strings.HasPrefix(tg.key(j), "اضافي") {
		j++
	}
	return found{i: i, n: j - i, typ: "DURATION", spec: spec{literal: durationValue(count, u, half), mod: mod}}, true
}

func durationCue(k string) bool {
	switch k {
	case "لمده", "مده", "طيله", "طوال", "منذ", "خلال", "قرابه", "بعد", "قبل", "استمر", "استمرت", "دام", "دامت", "امتد", "امتدت", "تستمر", "يستمر":
		return true
	}
	return false
}

// ageCue: عمره 24 سنة, الفئة العمرية (15-24 سنة).
func ageCue(before, after string) bool {
	return before == "-" || before == "عمر" || before == "عمره" || before == "عمرها" || before == "سن" || after == ")"
}

// definiteDuration: الأيام العشرة المقبلة, الأشهر الثلاثة الماضية,
// العامين الماضيين, الأسابيع المقبلة.
func (tg *tagger) definiteDuration(j int) (found, bool) {
	bare, ok := definiteUnits[tg.key(j)]
	if !ok {
		return found{}, false
	}
	u := units[bare]
	k := j + 1
	count := -1
	if u.dual {
		count = 2
	} else if c, n := tg.count(k); n > 0 {
		count, k = c, k+n
	} else if c, ok := cardinals[strings.TrimPrefix(tg.key(k), "ال")]; ok { // الأيام العشرة, السنوات الخمس
		count, k = c, k+1
	}
	if d, ok := directions[tg.key(k)]; !ok || d == dirThis {
		return found{}, false
	}
	k++
	return found{i: j, n: k - j, typ: "DURATION", spec: spec{literal: durationValue(count, u, false)}}, true
}

// durationValue writes P3D, PT48H, P1Y6M, P40Y, PXW.
func durationValue(count int, u unit, half bool) string {
	n := "X"
	if count > 0 {
		n = fmt.Sprint(count * max(u.scale, 1))
	}
	t := ""
	if u.clock {
		t = "T"
	}
	v := "P" + t + n + u.letter
	if half {
		switch u.letter {
		case "Y":
			v += "6M"
		case "M":
			if !u.clock {
				v += "15D"
			} else {
				v += "30S"
			}
		case "D":
			v = "P" + n + "DT12H"
		case "H":
			v += "30M"
		case "W":
			v = fmt.Sprintf("P%sD", fmt.Sprint(count*7+3))
		}
	}
	return v
}

// matchSet: يومياً, أسبوعياً, كل يوم, كل أسبوعين, كل ستة أشهر.
func (tg *tagger) matchSet(i int) (found, bool) {
	if v, ok := sets[tg.key(i)]; ok {
		return found{i: i, n: 1, typ: "SET", spec: spec{literal: v}}, true
	}
	if tg.key(i) != "كل" {
		return found{}, false
	}
	count, u, n := tg.countUnit(i + 1)
	if n == 0 || u.plural && count < 0 {
		return found{}, false
	}
	return found{i: i, n: n + 1, typ: "SET", spec: spec{literal: durationValue(count, u, false)}}, true
}

// matchRef: الآن, حالياً, سابقاً, مستقبلاً, في المستقبل, في الوقت الحالي.
func (tg *tagger) matchRef(i int) (found, bool) {
	if k := tg.key(i + 1); k == "»" || k == "\"" || k == "”" {
		return found{}, false // «نواكشوط الآن»: a newspaper
	}
	if v, ok := refs[tg.key(i)]; ok {
		return found{i: i, n: 1, typ: "DATE", spec: spec{literal: v}}, true
	}
	switch {
	case tg.key(i) == "المستقبل":
		return found{i: i, n: 1, typ: "DATE", spec: spec{literal: "FUTURE_REF"}}, true
	case tg.key(i) == "الوقت" && (tg.key(i+1) == "الحالي" || tg.key(i+1) == "الراهن"):
		return found{i: i, n: 2, typ: "DATE", spec: spec{literal: "PRESENT_REF"}}, true
	}
	return found{}, false
}
