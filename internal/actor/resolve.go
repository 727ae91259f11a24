package actor

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/arabic"
)

// Token is what resolution reads of the token layer.
type Token struct {
	Start, End int
	Key        string  // arabic.KeyOf of the normalised token
	Pro        string  // proclitics (key form) the segmenter split off
	Word       bool    // an Arabic or Latin word
	Sentence   int     // index of the sentence holding it
	Starts     *Starts // the names that may start here (Dictionary.StartsOf), nil to look them up
}

// Starts are the names and the hints that may start at a token, looked up
// once for its candidate forms: a caller that memoises its words keeps
// them with each word (Token.Starts) and spares every match its lookups.
type Starts struct {
	dict         *Dictionary
	names, hints []*match
	sector       bool // a form of the word is a sector noun (Dictionary.Sector)
	sectorHead   bool // a form of the word starts a two-word sector noun
}

// StartsOf looks up the names, hints and sector nouns that may start at t.
func (d *Dictionary) StartsOf(t Token) *Starts {
	s := &Starts{dict: d}
	for _, c := range nameCandidates(t).list() {
		s.names = append(s.names, d.names[c]...)
		s.hints = append(s.hints, d.hints[c]...)
	}
	for _, c := range candidates(t).list() {
		_, sector := d.Sector(c)
		s.sector = s.sector || sector
		s.sectorHead = s.sectorHead || d.sectorHeads[c]
	}
	if s.names == nil && s.hints == nil && !s.sector && !s.sectorHead {
		return &d.noStarts
	}
	return s
}

// starts returns what StartsOf found for t, or nil when t does not carry
// this dictionary's.
func (d *Dictionary) starts(t *Token) *Starts {
	if s := t.Starts; s != nil && s.dict == d {
		return s
	}
	return nil
}

// Mention is a name found in the text, with the token span it covers.
type Mention struct {
	First, Stop int    // tokens[First:Stop]
	Type        string // PERS, LOC, ORG, MISC
	Entry       *Entry // the dictionary entry, nil for names the model found alone
	Source      string // dictionary, model, both, role
	// Noun, for a role whose sector noun lies before it (the second nisba
	// of الرئيسان الروسي والصيني), is that noun's tokens[Noun[0]:Noun[1]].
	Noun [2]int
}

// Entity is a resolved name: where it is, what it is, who it is.
type Entity struct {
	Start, End int
	Text       string
	Type       string
	ActorID    string
	ActorName  string
	Code       string // CAMEO actor code at the article's date
	Country    string
	Sector     string
	Wikidata   string
	Confidence float64
	Source     string
}

// candidates are the forms a token may match a name under: as written,
// without its proclitics, and with the article its proclitics absorbed
// (للصين is ل + الصين).
func candidates(t Token) keyCandidates {
	k := keyCandidates{keys: [3]string{t.Key}, n: 1}
	if t.Pro == "" || !strings.HasPrefix(t.Key, t.Pro) {
		return k
	}
	rest := t.Key[len(t.Pro):]
	if rest == "" {
		return k
	}
	k.keys[1], k.n = rest, 2
	if articled(t.Pro) {
		k.keys[2], k.n = "ال"+rest, 3
	}
	return k
}

// nameCandidates are the forms a token may match a name under: as
// candidates, except that a name does not lose the article its proclitics
// end in (المالية is not ال + ماليه, Malé), where a sector noun does
// (الجيش is جيش).
func nameCandidates(t Token) keyCandidates {
	k := candidates(t)
	if k.n == 3 {
		k.keys[1], k.n = k.keys[2], 2
	}
	return k
}

func articled(pro string) bool {
	return strings.HasSuffix(pro, "ال") || strings.HasSuffix(pro, "لل")
}

// keyCandidates are the forms of one token to look up, held in place:
// every word of every article is looked up this way, several times.
type keyCandidates struct {
	keys [3]string
	n    int
}

func (k keyCandidates) list() []string { return k.keys[:k.n] }

// MatchAt returns the longest dictionary name starting at token i and the
// number of tokens it covers.
func (d *Dictionary) MatchAt(toks []Token, i int) (*Entry, int) {
	return d.matchAt(false, toks, i)
}

// matchAt returns the longest name, or hint, starting at token i.
func (d *Dictionary) matchAt(hints bool, toks []Token, i int) (*Entry, int) {
	if s := d.starts(&toks[i]); s != nil {
		if hints {
			return longestAt(s.hints, toks, i, nil, 0)
		}
		return longestAt(s.names, toks, i, nil, 0)
	}
	index := d.names
	if hints {
		index = d.hints
	}
	var best *Entry
	bestN := 0
	for _, c := range nameCandidates(toks[i]).list() {
		best, bestN = longestAt(index[c], toks, i, best, bestN)
	}
	return best, bestN
}

// longestAt returns the longest of ms that matches the tokens from i on
// and is longer than best, or best.
func longestAt(ms []*match, toks []Token, i int, best *Entry, bestN int) (*Entry, int) {
	for _, m := range ms {
		n := len(m.tokens)
		if n <= bestN || i+n > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < n; k++ {
			if toks[i+k].Key != m.tokens[k] || toks[i+k].Sentence != toks[i].Sentence {
				ok = false
				break
			}
		}
		if ok {
			best, bestN = m.entry, n
		}
	}
	return best, bestN
}

// Dictionary mentions: every longest match, left to right.
func (d *Dictionary) Mentions(toks []Token) []Mention {
	return d.scanNames(false, toks, func(e *Entry) (string, string) { return e.Kind.EntityType(), "dictionary" })
}

// adjectiveNames are one-word names that are also common adjectives: مالي
// is Mali, but far more often "financial" (برنامج إنقاذ مالي).
var adjectiveNames = map[string]bool{Key("مالي"): true}

// adjectiveAt reports whether the name at token i is such an adjective:
// it follows an indefinite word of its sentence (an adjective agrees with
// its noun, and المالي would follow a definite one) with nothing to govern
// it (no proclitic, no preposition or place noun before it).
func adjectiveAt(toks []Token, i int) bool {
	t := toks[i]
	if !adjectiveNames[t.Key] || t.Pro != "" || i == 0 {
		return false
	}
	prev := toks[i-1]
	return prev.Word && prev.Sentence == t.Sentence && !nameLeads[prev.Key] && !strings.HasPrefix(prev.Key, "ال")
}

// nameLeads are words after which an adjective-like name is the name.
var nameLeads = map[string]bool{
	Key("في"): true, Key("من"): true, Key("إلى"): true, Key("عن"): true, Key("مع"): true, Key("بين"): true,
	Key("على"): true, Key("شمال"): true, Key("جنوب"): true, Key("شرق"): true, Key("غرب"): true, Key("وسط"): true,
	Key("دولة"): true, Key("جمهورية"): true, Key("حكومة"): true, Key("رئيس"): true, Key("جيش"): true, Key("شعب"): true,
}

// Hints are the names of hints.tsv in toks, longest first, left to right:
// no actors, only the NER tagger's hints.
func (d *Dictionary) Hints(toks []Token) []Mention {
	return d.scanNames(true, toks, func(e *Entry) (string, string) { return d.hintTypes[e], "hint" })
}

// scanNames finds the names (or the hints) in toks, longest first, left
// to right; kind gives a found entry's entity type and source.
func (d *Dictionary) scanNames(hints bool, toks []Token, kind func(*Entry) (typ, source string)) []Mention {
	var out []Mention
	for i := 0; i < len(toks); {
		if !toks[i].Word {
			i++
			continue
		}
		e, n := d.matchAt(hints, toks, i)
		if e == nil || n == 1 && adjectiveAt(toks, i) {
			i++
			continue
		}
		typ, source := kind(e)
		out = append(out, Mention{First: i, Stop: i + n, Type: typ, Entry: e, Source: source})
		i += n
	}
	return out
}

// GazLabels are the NER gazetteer labels of toks ("LOC:city-B", "ORG:hint-I"
// or ""), from the dictionary mentions found in them and the hints: a hint
// stands where it covers every mention it touches (ريال مدريد, not مدريد).
func (d *Dictionary) GazLabels(toks []Token, mentions []Mention) []string {
	labels := make([]string, len(toks))
	mark := func(m Mention) {
		for i := m.First; i < m.Stop; i++ {
			labels[i] = GazLabel(m) + "-I"
		}
		labels[m.First] = GazLabel(m) + "-B"
	}
	for _, m := range mentions {
		mark(m)
	}
	hints := d.Hints(toks)
	if len(hints) == 0 {
		return labels
	}
	owner := make([]int, len(toks)) // 1 + index of the mention on the token
	for k, m := range mentions {
		for i := m.First; i < m.Stop; i++ {
			owner[i] = k + 1
		}
	}
	for _, h := range hints {
		if covers(h, mentions, owner) {
			mark(h)
		}
	}
	return labels
}

// covers reports whether hint h holds whole every mention it overlaps.
func covers(h Mention, mentions []Mention, owner []int) bool {
	for i := h.First; i < h.Stop; i++ {
		if k := owner[i]; k > 0 {
			m := mentions[k-1]
			if m.First < h.First || m.Stop > h.Stop || m.Stop-m.First == h.Stop-h.First {
				return false
			}
		}
	}
	return true
}

// Merge combines dictionary mentions with the model's: where they overlap
// the dictionary's span and entry stand, unless the model's name holds the
// dictionary's whole and is longer: a person's longer name takes the
// dictionary's person (عبد الله بن خليفة العطية around عبد الله بن
// خليفة), and a name of another type stands alone (the club ريال مدريد
// around the city مدريد). Names of one type side by side (توكاييف
// نزارباييف) stay apart, and an organisation keeps its dictionary span
// (مجلس الأمن before a nisba is the nisba's council). The model adds the
// names the dictionaries lack.
func Merge(dict, model []Mention) []Mention {
	out := append([]Mention(nil), dict...)
	dropped := make([]bool, len(out))
	for _, m := range model {
		overlaps := overlapping(dict, m)
		if len(overlaps) == 0 {
			out = append(out, m)
			continue
		}
		if !holds(m, dict, overlaps) {
			for _, k := range overlaps {
				if out[k].Source == "dictionary" {
					out[k].Source = "both"
				}
			}
			continue
		}
		switch {
		case len(overlaps) == 1 && dict[overlaps[0]].Type == "PERS" && m.Type == "PERS":
			k := overlaps[0]
			out[k].First, out[k].Stop, out[k].Source = m.First, m.Stop, "both"
		case otherTypes(m, dict, overlaps):
			for _, k := range overlaps {
				dropped[k] = true
			}
			out = append(out, m)
		default:
			for _, k := range overlaps {
				out[k].Source = "both"
			}
		}
	}
	kept := out[:0]
	for k, m := range out {
		if k >= len(dropped) || !dropped[k] {
			kept = append(kept, m)
		}
	}
	sortMentions(kept)
	return kept
}

// overlapping lists the indexes of the mentions of dict that share a token
// with m.
func overlapping(dict []Mention, m Mention) []int {
	var ks []int
	for k, dm := range dict {
		if m.First < dm.Stop && dm.First < m.Stop {
			ks = append(ks, k)
		}
	}
	return ks
}

// otherTypes reports whether every mention of dict[ks] is of another type
// than m.
func otherTypes(m Mention, dict []Mention, ks []int) bool {
	for _, k := range ks {
		if dict[k].Type == m.Type {
			return false
		}
	}
	return true
}

// holds reports whether m covers each of the mentions dict[ks] whole and
// is longer than each.
func holds(m Mention, dict []Mention, ks []int) bool {
	for _, k := range ks {
		dm := dict[k]
		if dm.First < m.First || dm.Stop > m.Stop || dm.Stop-dm.First == m.Stop-m.First {
			return false
		}
	}
	return true
}

func sortMentions(ms []Mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].First < ms[j-1].First; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// Resolver turns mentions into entities for one article.
type Resolver struct {
	Dict *Dictionary
	Date time.Time // the article's date: roles are taken at it
}

// Resolve codes each mention. text is the article text the token spans
// point into.
func (r *Resolver) Resolve(text string, toks []Token, ms []Mention) []Entity {
	mentions := r.extraMentions(toks, ms)
	out := make([]Entity, 0, len(mentions))
	persons := map[string]*Entity{} // last-name key -> resolved person
	bodies := map[*Entry]Entity{}   // IGO-like names used for a national body
	var last *office                // the last actor named, which a counterpart mirrors
	held := map[string]string{}     // actor id -> office, for surnames after the full name
	for _, m := range mentions {
		e := Entity{Type: m.Type, Source: m.Source}
		e.Start = spanStart(text, toks[m.First])
		e.End = toks[m.Stop-1].End
		e.Text = text[e.Start:e.End]
		switch {
		case m.Entry != nil && m.Entry.Kind == IGO && m.Stop < len(toks) && r.nationalBody(&e, toks[m.Stop]):
			// مجلس الأمن الكازاخستاني: a country's own council, not the UN's.
			e.End = toks[m.Stop].End
			e.Text = text[e.Start:e.End]
			e.Confidence = 0.85
			bodies[m.Entry] = e
		case m.Entry != nil && m.Entry.Kind == IGO && bodies[m.Entry].Code != "":
			// Once the article has named the Kazakh security council, a bare
			// مجلس الأمن is that council.
			b := bodies[m.Entry]
			e.ActorID, e.ActorName, e.Code, e.Country, e.Sector = b.ActorID, b.ActorName, b.Code, b.Country, b.Sector
			e.Confidence, e.Source = 0.7, "alias"
		case m.Entry != nil && m.Entry.Kind == City && !m.Entry.Capital && m.Stop-m.First == 1 && knownSurname(persons, toks[m.First]):
			// بوريل after جوزيب بوريل is the person, not Burrel in Albania.
			p, _ := person(persons, toks[m.First])
			e.Type = "PERS"
			e.ActorID, e.ActorName, e.Code, e.Country, e.Sector, e.Wikidata = p.ActorID, p.ActorName, p.Code, p.Country, p.Sector, p.Wikidata
			e.Confidence, e.Source = 0.8, "alias"
		case m.Entry != nil:
			r.fromEntry(&e, m.Entry)
			e.Confidence = 0.95
			if m.Source == "both" {
				e.Confidence = 0.98
			}
			if m.Entry.Kind == Person && len(m.Entry.Roles) == 0 {
				r.codeFromContext(&e, toks, m)
			}
		case m.Source == "role":
			r.codeRole(&e, toks, m)
		case m.Source == "counterpart":
			r.codeCounterpart(&e, toks, m, last)
		case m.Source == "sector":
			r.codeSector(&e, toks, m)
		case m.Type == "PERS":
			e.Confidence = 0.75
			if p, ok := person(persons, toks[m.Stop-1]); ok && m.Stop-m.First < 3 {
				e.ActorID, e.ActorName, e.Code, e.Country, e.Sector, e.Wikidata = p.ActorID, p.ActorName, p.Code, p.Country, p.Sector, p.Wikidata
				e.Source = "alias"
			} else {
				r.codeFromContext(&e, toks, m)
			}
		case m.Type == "ORG":
			e.Confidence = 0.7
			r.codeOrganisation(&e, toks, m)
		default:
			e.Confidence = 0.7
		}
		if e.Type == "PERS" && e.ActorID == "" && e.Code != "" {
			e.ActorID = "person:" + Key(e.Text)
			e.ActorName = e.Text
		}
		if e.Type == "PERS" && e.Code != "" {
			persons[toks[m.Stop-1].Key] = &e
		}
		if e.Code != "" && e.Type != "LOC" && m.Source != "counterpart" {
			role := ""
			if e.Type == "PERS" {
				role = r.officeOf(m, toks, e.ActorID, held)
			}
			last = &office{role: role, typ: e.Type, sector: e.Sector, sentence: toks[m.First].Sentence}
		}
		out = append(out, e)
	}
	return out
}

// officeOf is the office of a person mention: its entry's role at the
// date, its role noun's (الرئيس الروسي), or, for a surname, the full
// name's. held remembers each person's office by actor id.
func (r *Resolver) officeOf(m Mention, toks []Token, id string, held map[string]string) string {
	role := ""
	switch {
	case m.Entry != nil && m.Entry.Kind == Person:
		role = m.Entry.roleAt(r.Date)
	case m.Source == "role":
		noun, _ := r.sectorOf(toks, m)
		role, _ = officeRole(noun)
	default:
		return held[id]
	}
	if role != "" && id != "" {
		held[id] = role
	}
	return role
}

// knownSurname reports whether t is the surname of a person the article
// has already named.
func knownSurname(persons map[string]*Entity, t Token) bool {
	_, ok := person(persons, t)
	return ok
}

// person looks a surname up among the article's persons, also without
// its proclitics (لتوكاييف).
func person(persons map[string]*Entity, t Token) (*Entity, bool) {
	for _, c := range candidates(t).list() {
		if p, ok := persons[c]; ok {
			return p, true
		}
	}
	return nil, false
}

// spanStart is the start of a token without its proclitics (و, ب, ل...)
// but with an article the name carries.
func spanStart(text string, t Token) int {
	if t.Pro == "" || !strings.HasPrefix(t.Key, t.Pro) {
		return t.Start
	}
	skip := utf8.RuneCountInString(t.Pro)
	if strings.HasSuffix(t.Pro, "ال") {
		skip -= 2
	}
	i := t.Start
	for ; skip > 0 && i < t.End; skip-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
		for i < t.End {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !arabic.IsDiacritic(r) && r != arabic.Tatweel {
				break
			}
			i += size
		}
	}
	return i
}

func (r *Resolver) fromEntry(e *Entity, en *Entry) {
	e.ActorID, e.ActorName, e.Wikidata = en.ID, en.Name, en.Wikidata
	e.Code = en.CodeAt(r.Date)
	e.Country = en.Country
	switch {
	case len(e.Code) >= 6 && e.Country != "":
		e.Sector = e.Code[3:]
	case len(e.Code) == 3 && en.Kind == Organisation:
		e.Sector = e.Code // a multinational company: BUS
	}
	if e.Country == "" && len(e.Code) >= 3 && !strings.HasPrefix(e.Code, "IGO") && !strings.HasPrefix(e.Code, "NGO") {
		e.Country = e.Code[:3]
	}
}

// codeFromContext codes a person from the words around the name: a title
// and a country before it (النائب الروسي، كونستانتين زاتولين; وزير الدفاع
// الصيني وي فانغ), or after it in apposition (زاتولين، النائب الروسي).
func (r *Resolver) codeFromContext(e *Entity, toks []Token, m Mention) {
	sector, country := r.scan(toks, m.First-1, -1, toks[m.First].Sentence)
	if sector == "" || country == "" {
		s2, c2 := r.scan(toks, m.Stop, +1, toks[m.First].Sentence)
		if sector == "" {
			sector = s2
		}
		if country == "" {
			country = c2
		}
	}
	if country == "" && sector == "" {
		return
	}
	e.Country, e.Sector = country, sector
	e.Code = actorCode(country, sector)
	e.Confidence = max(e.Confidence, 0.8)
}

// scan reads up to six words from i in direction dir within the sentence,
// over commas, stopping at another name, and returns the first sector noun
// and country (nisba or name) it meets.
func (r *Resolver) scan(toks []Token, i, dir, sentence int) (sector, country string) {
	for steps := 0; steps < 6 && i >= 0 && i < len(toks) && toks[i].Sentence == sentence; steps++ {
		t := toks[i]
		if !t.Word {
			if t.Key != "،" && t.Key != "," {
				break
			}
			i += dir
			continue
		}
		for _, c := range candidates(t).list() {
			if country == "" {
				if code, ok := r.Dict.Nisba(c); ok {
					country = code
				} else if e, _ := r.Dict.MatchAt(toks, i); e != nil && (e.Kind == Country) {
					country = e.Code
				}
			}
			if sector == "" {
				// Two-word sector nouns first: وزير الدفاع.
				if dir < 0 && i > 0 {
					if s, ok := r.Dict.Sector(stripPro(toks[i-1]) + " " + c); ok {
						sector = s
					}
				}
				if dir > 0 && i+1 < len(toks) {
					if s, ok := r.Dict.SectorPair(c, stripPro(toks[i+1])); ok {
						sector = s
					}
				}
				if sector == "" {
					if s, ok := r.Dict.Sector(c); ok {
						sector = s
					}
				}
			}
		}
		if sector != "" && country != "" {
			return
		}
		i += dir
	}
	return
}

func stripPro(t Token) string {
	if t.Pro != "" && strings.HasPrefix(t.Key, t.Pro) && !strings.HasSuffix(t.Pro, "ال") {
		return t.Key[len(t.Pro):]
	}
	return t.Key
}

// codeOrganisation codes an organisation the dictionaries lack from the
// sector nouns in its name and a country named in or right after it:
// محكمة روسية is RUSJUD, مجلس الأمن الكازاخستاني KAZGOV.
func (r *Resolver) codeOrganisation(e *Entity, toks []Token, m Mention) {
	sector, country := "", ""
	for i := m.First; i < m.Stop+1 && i < len(toks); i++ {
		for _, c := range candidates(toks[i]).list() {
			if s, ok := r.Dict.Sector(c); ok && sector == "" {
				sector = s
			}
			if code, ok := r.Dict.Nisba(c); ok && country == "" {
				country = code
			}
		}
	}
	if sector == "" && country == "" {
		return
	}
	if sector == "" {
		sector = "GOV"
	}
	e.Country, e.Sector, e.Code = country, sector, actorCode(country, sector)
}

// actorCode joins a country and a sector into a CAMEO actor code; a sector
// of no stated country is ---GOV, never a bare GOV that reads like a
// country code.
func actorCode(country, sector string) string {
	if country == "" && sector != "" {
		return NoCountry + sector
	}
	return country + sector
}

// nationalBody codes an IGO-like name followed by a nisba as that
// country's body.
func (r *Resolver) nationalBody(e *Entity, next Token) bool {
	for _, c := range candidates(next).list() {
		if code, ok := r.Dict.Nisba(c); ok {
			e.Country, e.Sector, e.Code = code, "GOV", code+"GOV"
			e.ActorID = "org:" + code + ":" + Key(e.Text)
			e.ActorName = e.Text
			return true
		}
	}
	return false
}
