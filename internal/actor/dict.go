package actor

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rasd-project/rasd/data"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/ner"
)

// Kind is what a dictionary entry names.
type Kind uint8

const (
	Country Kind = iota + 1
	City
	Region
	IGO
	Metonym // الكرملين for the Russian government
	Person
	Organisation
	// Hint is a name that is no actor (a football club, a brand): the
	// NER tagger reads it as a hint, and the coder never matches it.
	Hint
)

var kindNames = [...]string{Country: "country", City: "city", Region: "region", IGO: "igo", Metonym: "metonym", Person: "person", Organisation: "organisation", Hint: "hint"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// EntityType is the NER type of a kind of name.
func (k Kind) EntityType() string {
	switch k {
	case Country, City, Region:
		return "LOC"
	case Person:
		return "PERS"
	}
	return "ORG"
}

// Role is a person's office over a period: CAMEO code while in it.
type Role struct {
	Role       string // head_of_state, head_of_government, foreign_minister, defence_minister, former_head...
	Code       string // KAZGOV, CHNMIL, KAZELI
	Start, End time.Time
}

// Entry is a named thing of the dictionaries.
type Entry struct {
	ID       string // country:KAZ, city:..., igo:CSTO, person:kassym-jomart-tokayev
	Kind     Kind
	Name     string // Arabic display name
	NameEn   string
	Code     string // CAMEO code (for people, see Roles)
	Country  string // CAMEO country code when there is one
	Wikidata string
	Lat, Lon float64
	HasGeo   bool
	Capital  bool
	Roles    []Role
}

// CodeAt returns the entry's CAMEO code at date t (people change codes
// with their offices; a zero t takes the latest role).
func (e *Entry) CodeAt(t time.Time) string {
	if e.Kind != Person || len(e.Roles) == 0 {
		return e.Code
	}
	if t.IsZero() {
		return e.Roles[len(e.Roles)-1].Code
	}
	best := -1
	for i, r := range e.Roles {
		if !t.Before(r.Start) && (r.End.IsZero() || !t.After(r.End)) {
			if best < 0 || rolePriority(r.Role) < rolePriority(e.Roles[best].Role) {
				best = i
			}
		}
	}
	if best >= 0 {
		return e.Roles[best].Code
	}
	// Out of office: a former office holder is an elite of the country.
	last := e.Roles[0]
	for _, r := range e.Roles {
		if r.Start.After(last.Start) {
			last = r
		}
	}
	if t.After(last.Start) && len(last.Code) >= 3 && !strings.HasPrefix(last.Code, "IGO") {
		return last.Code[:3] + "ELI"
	}
	if len(last.Code) >= 3 {
		return last.Code[:3]
	}
	return last.Code
}

func rolePriority(role string) int {
	switch role {
	case "head_of_state":
		return 0
	case "head_of_government":
		return 1
	case "foreign_minister", "defence_minister":
		return 2
	case "igo_head", "group_leader":
		return 3
	case "deputy_head":
		return 4
	}
	return 5
}

// Dictionary holds the actor tables and the indexes to match them in text.
type Dictionary struct {
	names   map[string][]*match // first token key -> candidate names, longest first
	nisba   map[string]string   // nisba adjective key -> country code
	sectors map[string]string   // sector noun (key, possibly two words) -> agent code
	// sectorLemmas are the one-word sector nouns without article and
	// endings (sectorLemma), for the inflected forms the table does not
	// list; "" where two nouns of different codes share a lemma.
	sectorLemmas map[string]string
	// sectorHeads are the first words of the two-word sector nouns: only
	// they are worth joining to the next word for a lookup.
	sectorHeads map[string]bool
	regions     map[string]bool     // CAMEO region codes (AFR, WST, MEA...)
	byISO3      map[string]string   // ISO3 -> CAMEO country code
	people      map[string][]*Entry // role key "RUS:head_of_state" -> people
	entries     []*Entry
	// capitals holds the ids of capital cities under every alias.
	capitals map[string]bool
	// hints index the names of hints.tsv apart from the actors' names, so
	// that only the NER gazetteer sees them.
	hints map[string][]*match
	// noStarts is what StartsOf gives the many words that start no name.
	noStarts Starts
	// hintTypes are the hints' entity types, by entry.
	hintTypes map[*Entry]string
}

// match is one spelling of an entry, as token keys.
type match struct {
	tokens []string
	entry  *Entry
}

var (
	dictOnce sync.Once
	dictVal  *Dictionary
	dictErr  error
)

// Default returns the embedded dictionary. A broken data file is a build
// defect that `rasd dict check` reports; Default then returns what loaded.
func Default() *Dictionary {
	dictOnce.Do(func() { dictVal, dictErr = Load(data.FS) })
	return dictVal
}

// Check validates the embedded actor files.
func Check() error {
	_, err := Load(data.FS)
	return err
}

// Key is the matching form of a name or token: normalised key form.
func Key(s string) string {
	return arabic.KeyOf(arabic.NormalizeString(strings.TrimSpace(s)))
}

func tokenKeys(name string) []string {
	var out []string
	for _, t := range arabic.Tokenize(name) {
		if t.Kind == arabic.Punct && t.Text != "+" {
			continue
		}
		out = append(out, arabic.KeyOf(t.Text))
	}
	return out
}

func (d *Dictionary) add(name string, e *Entry) { addName(d.names, name, e) }

func addName(index map[string][]*match, name string, e *Entry) {
	toks := tokenKeys(name)
	if len(toks) == 0 {
		return
	}
	// A name written with the article is not indexed without it: قاعدة
	// (a base) is not القاعدة, and للصين reaches الصين through the
	// article its clitic absorbed (candidates).
	index[toks[0]] = append(index[toks[0]], &match{tokens: toks, entry: e})
}

// Load reads the actor tables from fsys (the data tree).
func Load(fsys fs.FS) (*Dictionary, error) {
	d := &Dictionary{names: map[string][]*match{}, nisba: map[string]string{}, sectors: map[string]string{}, sectorHeads: map[string]bool{}, regions: map[string]bool{}, byISO3: map[string]string{}, people: map[string][]*Entry{},
		hints: map[string][]*match{}, hintTypes: map[*Entry]string{}}
	d.noStarts.dict = d
	var errs []error
	for _, step := range []func(fs.FS) error{d.loadCountries, d.loadIGOs, d.loadSectors, d.loadMetonyms, d.loadPlaces, d.loadPeople, d.loadOrganisations, d.loadHints} {
		if err := step(fsys); err != nil {
			errs = append(errs, err)
		}
	}
	d.capitals = map[string]bool{}
	for _, ms := range d.names {
		for _, m := range ms {
			if m.entry.Kind == City && m.entry.Capital {
				d.capitals[m.entry.ID] = true // every alias: أستانا as well as نور سلطان
			}
		}
		sort.SliceStable(ms, func(i, j int) bool { return len(ms[i].tokens) > len(ms[j].tokens) })
	}
	for _, ms := range d.hints {
		sort.SliceStable(ms, func(i, j int) bool { return len(ms[i].tokens) > len(ms[j].tokens) })
	}
	return d, errors.Join(errs...)
}

// table reads a TAB-separated file: rows of at least min fields.
func table(fsys fs.FS, name string, min int, row func(line int, f []string) error) error {
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // an optional table
	}
	if err != nil {
		return fmt.Errorf("data/%s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		fields := strings.Split(t, "\t")
		if len(fields) < min {
			return fmt.Errorf("data/%s:%d: want at least %d TAB-separated fields, got %d", name, line, min, len(fields))
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if err := row(line, fields); err != nil {
			return fmt.Errorf("data/%s:%d: %w", name, line, err)
		}
	}
	return sc.Err()
}

// split reads a '|'-separated list; "-" is the tables' empty list.
func split(list string) []string {
	var out []string
	for _, s := range strings.Split(list, "|") {
		if s = strings.TrimSpace(s); s != "" && s != "-" {
			out = append(out, s)
		}
	}
	return out
}

func isCode(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// countries.tsv: cameo iso3 name_ar aliases_ar nisba_ar capital_ar name_en
func (d *Dictionary) loadCountries(fsys fs.FS) error {
	return table(fsys, "actors/countries.tsv", 7, func(_ int, f []string) error {
		if !isCode(f[0], 3) {
			return fmt.Errorf("CAMEO country code %q is not three capital letters", f[0])
		}
		kind := Country
		if f[1] == "-" {
			kind = Region
			d.regions[f[0]] = true
		} else {
			d.byISO3[f[1]] = f[0]
		}
		e := &Entry{ID: "country:" + f[0], Kind: kind, Name: f[2], NameEn: f[6], Code: f[0], Country: f[0]}
		d.entries = append(d.entries, e)
		for _, n := range append([]string{f[2]}, split(f[3])...) {
			d.add(n, e)
		}
		for _, n := range split(f[4]) {
			d.nisba[Key(n)] = f[0]
		}
		for i, c := range split(f[5]) {
			ce := &Entry{ID: "city:" + f[0] + ":" + Key(c), Kind: City, Name: c, Code: f[0], Country: f[0], Capital: true}
			if i == 0 {
				d.entries = append(d.entries, ce)
			}
			d.add(c, ce)
		}
		return nil
	})
}

// igos.tsv: code name_ar aliases_ar name_en cameo
func (d *Dictionary) loadIGOs(fsys fs.FS) error {
	return table(fsys, "actors/igos.tsv", 5, func(_ int, f []string) error {
		e := &Entry{ID: "igo:" + f[0], Kind: IGO, Name: f[1], NameEn: f[3], Code: f[4]}
		d.entries = append(d.entries, e)
		for _, n := range append([]string{f[1]}, split(f[2])...) {
			d.add(n, e)
		}
		return nil
	})
}

// sectors.tsv: noun_ar code note
func (d *Dictionary) loadSectors(fsys fs.FS) error {
	return table(fsys, "actors/sectors.tsv", 2, func(_ int, f []string) error {
		if !isCode(f[1], 3) {
			return fmt.Errorf("agent code %q is not three capital letters", f[1])
		}
		keys := tokenKeys(f[0])
		if len(keys) == 0 {
			return fmt.Errorf("sector noun %q has no words", f[0])
		}
		d.sectors[strings.Join(keys, " ")] = f[1]
		if len(keys) > 1 {
			d.sectorHeads[keys[0]] = true
		} else {
			d.addSectorLemma(keys[0], f[1])
		}
		return nil
	})
}

// metonyms.tsv: name_ar cameo note
func (d *Dictionary) loadMetonyms(fsys fs.FS) error {
	return table(fsys, "actors/metonyms.tsv", 2, func(_ int, f []string) error {
		names := split(f[0])
		if len(names) == 0 {
			return fmt.Errorf("no name")
		}
		e := &Entry{ID: "metonym:" + Key(names[0]), Kind: Metonym, Name: names[0], Code: f[1]}
		if len(f[1]) >= 3 {
			e.Country = f[1][:3]
		}
		d.entries = append(d.entries, e)
		for _, n := range names {
			d.add(n, e)
		}
		return nil
	})
}

// hints.tsv: type name_ar aliases_ar name_en (names that are no actors:
// sports clubs, brands, names too ambiguous to match as actors).
func (d *Dictionary) loadHints(fsys fs.FS) error {
	return table(fsys, "actors/hints.tsv", 3, func(_ int, f []string) error {
		switch f[0] {
		case "PERS", "LOC", "ORG", "MISC":
		default:
			return fmt.Errorf("type %q: want PERS, LOC, ORG or MISC", f[0])
		}
		e := &Entry{ID: "hint:" + Key(f[1]), Kind: Hint, Name: f[1]}
		if len(f) > 3 {
			e.NameEn = f[3]
		}
		d.hintTypes[e] = f[0]
		for _, n := range append([]string{f[1]}, split(f[2])...) {
			if commonWord(n) || stopword(n) {
				continue // الجيش, الشرطة, الوحدة: the club is the rarer sense
			}
			addName(d.hints, n, e)
		}
		return nil
	})
}

// organisations.tsv: name_ar aliases_ar cameo name_en (companies, parties,
// armed groups).
func (d *Dictionary) loadOrganisations(fsys fs.FS) error {
	return table(fsys, "actors/organisations.tsv", 3, func(_ int, f []string) error {
		e := &Entry{ID: "org:" + Key(f[0]), Kind: Organisation, Name: f[0], Code: f[2]}
		if len(f) > 3 {
			e.NameEn = f[3]
		}
		if len(f[2]) >= 6 {
			e.Country = f[2][:3]
		}
		d.entries = append(d.entries, e)
		for _, n := range append([]string{f[0]}, split(f[1])...) {
			if n != "-" {
				d.add(n, e)
			}
		}
		return nil
	})
}

// places.tsv: name_ar aliases_ar country_iso3 name_en lat lon population capital
func (d *Dictionary) loadPlaces(fsys fs.FS) error {
	given, err := givenNames(fsys)
	if err != nil {
		return err
	}
	return table(fsys, "actors/places.tsv", 8, func(_ int, f []string) error {
		code := d.byISO3[f[2]]
		if code == "" {
			code = f[2]
		}
		e := &Entry{ID: "city:" + code + ":" + Key(f[0]), Kind: City, Name: f[0], NameEn: f[3], Code: code, Country: code, Capital: f[7] == "1"}
		if f[4] != "" && f[5] != "" {
			if _, err := fmt.Sscan(f[4], &e.Lat); err == nil {
				if _, err := fmt.Sscan(f[5], &e.Lon); err == nil {
					e.HasGeo = true
				}
			}
		}
		var population int
		fmt.Sscan(f[6], &population)
		d.entries = append(d.entries, e)
		for _, n := range append([]string{f[0]}, split(f[1])...) {
			if stopword(n) {
				continue // كيف is "how" before it is Kyiv
			}
			if !e.Capital && population < 1_000_000 && commonWord(n) && !placesFirst[Key(n)] {
				continue // طاقة, الجديدة: towns named like everyday words
			}
			if !e.Capital && population < 400_000 && given[Key(n)] {
				continue // جورج, فلاديمير: towns named like people
			}
			if _, ok := d.nisbaOrAccusative(Key(n)); ok && !e.Capital {
				continue // بريطانيون (Brits, South Africa) is "British" first
			}
			d.add(n, e)
		}
		return nil
	})
}

// placesFirst are towns whose names are also everyday words or given
// names (الخليل is also the name Khalil, جنين a fetus) but which Arab
// political news means as places far more often.
var placesFirst = map[string]bool{Key("الخليل"): true, Key("جنين"): true}

// givenNames are the one-word names that the news gives people far more
// often than towns: the first names in people.tsv, and the stems that the
// entity lexicon (data/ner) finds mostly inside persons' names.
// A town called جورج or كوفي would otherwise take George Bush's and Kofi
// Annan's first names.
func givenNames(fsys fs.FS) (map[string]bool, error) {
	given := map[string]bool{}
	err := table(fsys, "actors/people.tsv", 3, func(_ int, f []string) error {
		for _, n := range append([]string{f[1]}, split(f[2])...) {
			if k := tokenKeys(n); len(k) > 1 {
				given[k[0]] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	f, err := fsys.Open(ner.EntitiesPath)
	if errors.Is(err, fs.ErrNotExist) {
		return given, nil
	}
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", ner.EntitiesPath, err)
	}
	defer f.Close()
	lex, err := ner.ReadEntityLexicon(f)
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", ner.EntitiesPath, err)
	}
	lex.Each(func(stem string, pers, loc, total int) {
		if pers >= 3 && pers > 2*loc && 2*pers >= total {
			given[stem] = true
		}
	})
	return given, nil
}

// stopword reports a one-word name that is a function word, alone or
// after a one-letter proclitic: بانه (Baneh) is بأنه, وان (Van) is وأن.
func stopword(name string) bool {
	keys := tokenKeys(name)
	if len(keys) != 1 {
		return false
	}
	stop := arabic.DefaultStopwords()
	k := keys[0]
	if stop[k] {
		return true
	}
	r, size := utf8.DecodeRuneInString(k)
	return strings.ContainsRune("وفبلك", r) && stop[k[size:]]
}

// commonWord reports whether a one-word name is also an everyday word: the
// corpus writes it often both bare and with the article (طاقة and الطاقة),
// which names do not (حائل, never الحائل).
func commonWord(name string) bool {
	keys := tokenKeys(name)
	if len(keys) != 1 {
		return false
	}
	base := strings.TrimPrefix(keys[0], "ال")
	if arabic.DefaultStopwords()[keys[0]] || arabic.DefaultStopwords()[base] {
		return true // كان (Cannes) is "was" first
	}
	lex := arabic.DefaultLexicon()
	bare, withArticle := lex.Count(base), lex.Known(base)-lex.Count(base)
	return bare >= 10 && withArticle >= 10 || bare >= 3000
}

// people.tsv: id name_ar aliases_ar name_en wikidata role cameo start end
func (d *Dictionary) loadPeople(fsys fs.FS) error {
	byID := map[string]*Entry{}
	return table(fsys, "actors/people.tsv", 9, func(_ int, f []string) error {
		start, err := time.Parse("2006-01-02", f[7])
		if err != nil {
			return fmt.Errorf("start %q: %w", f[7], err)
		}
		var end time.Time
		if f[8] != "" {
			if end, err = time.Parse("2006-01-02", f[8]); err != nil {
				return fmt.Errorf("end %q: %w", f[8], err)
			}
		}
		e, ok := byID[f[0]]
		if !ok {
			e = &Entry{ID: "person:" + f[0], Kind: Person, Name: f[1], NameEn: f[3], Wikidata: f[4]}
			byID[f[0]] = e
			d.entries = append(d.entries, e)
			for _, n := range append([]string{f[1]}, split(f[2])...) {
				d.add(n, e)
			}
		}
		if e.Wikidata == "" {
			e.Wikidata = f[4]
		}
		e.Roles = append(e.Roles, Role{Role: f[5], Code: f[6], Start: start, End: end})
		if len(f[6]) >= 3 {
			e.Country = f[6][:3]
			k := f[6][:3] + ":" + f[5]
			d.people[k] = append(d.people[k], e)
		}
		return nil
	})
}

// Capital reports whether id is a capital city's: the event coder takes a
// capital for its government (موسكو ترفض) and another city for a place.
func (d *Dictionary) Capital(id string) bool { return d.capitals[id] }

// Entries returns every entry (for listing and tests).
func (d *Dictionary) Entries() []*Entry { return d.entries }

// Nisba returns the country code of a nisba adjective in key form.
func (d *Dictionary) Nisba(key string) (string, bool) {
	c, ok := d.nisba[key]
	return c, ok
}

// Sector returns the agent code of a sector noun phrase in key form, or of
// an inflection of a one-word one (مسلحين، جنديا، مدنيين).
func (d *Dictionary) Sector(key string) (string, bool) {
	if c, ok := d.sectors[key]; ok {
		return c, true
	}
	if l, ok := sectorLemma(key); ok {
		if c := d.sectorLemmas[l]; c != "" {
			return c, true
		}
	}
	return "", false
}

func (d *Dictionary) addSectorLemma(key, code string) {
	l, _ := sectorLemma(key)
	if d.sectorLemmas == nil {
		d.sectorLemmas = map[string]string{}
	}
	if c, seen := d.sectorLemmas[l]; seen && c != code {
		code = "" // two sectors: the ending alone cannot choose
	}
	d.sectorLemmas[l] = code
}

// sectorEndings are the endings of case, number and the dual that a
// sector noun takes: مسلحون، مسلحين، جنديان، جنديا (longest first).
var sectorEndings = []string{"ون", "ين", "ان", "ا"}

// sectorLemma strips the article and one ending off a key, leaving at
// least three letters; ok reports whether anything was stripped.
func sectorLemma(key string) (lemma string, ok bool) {
	lemma = key
	if rest, found := strings.CutPrefix(lemma, "ال"); found && utf8.RuneCountInString(rest) >= 3 {
		lemma, ok = rest, true
	}
	for _, e := range sectorEndings {
		if rest, found := strings.CutSuffix(lemma, e); found && utf8.RuneCountInString(rest) >= 3 {
			return rest, true
		}
	}
	return lemma, ok
}

// SectorPair is Sector of the two-word noun "first next", without
// building the string unless first begins such a noun: it is asked of
// every word of an article.
func (d *Dictionary) SectorPair(first, next string) (string, bool) {
	if !d.sectorHeads[first] {
		return "", false
	}
	return d.Sector(first + " " + next)
}

// Holder returns the person who held role in country at t; at a zero t
// (undated text), the one whose term began last.
func (d *Dictionary) Holder(country, role string, t time.Time) *Entry {
	var latest *Entry
	var latestStart time.Time
	for _, e := range d.people[country+":"+role] {
		for _, r := range e.Roles {
			if r.Role != role || r.Code[:3] != country {
				continue
			}
			if t.IsZero() {
				// Undated text: the holder in office now, the one whose
				// term started last.
				if latest == nil || r.Start.After(latestStart) {
					latest, latestStart = e, r.Start
				}
				continue
			}
			if !t.Before(r.Start) && (r.End.IsZero() || !t.After(r.End)) {
				return e
			}
		}
	}
	return latest
}
