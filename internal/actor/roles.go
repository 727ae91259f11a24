package actor

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/arabic"
)

// Within an article a person's surname alone names the person the full
// name named before it (توكاييف after قاسم جومارت توكاييف), and a sector
// noun with a nisba names a country's body (القوات الروسية is RUSMIL,
// محكمة روسية RUSJUD). Neither needs the NER model: aliases and roles
// adds both to the mentions before resolution.

// officeRoles are the sector nouns that name one office holder: الرئيس
// الروسي is the president of Russia at the article's date.
var officeRoles = map[string]string{
	"الرءيس": "head_of_state", "رءيس": "head_of_state", "رءيس الجمهوريه": "head_of_state",
	"رءيس الوزراء": "head_of_government", "رءيس الحكومه": "head_of_government",
	"وزير الخارجيه": "foreign_minister", "وزير الدفاع": "defence_minister",
}

// officeRole is the office a sector noun names, also after the
// conjunction و the segmenter left on it (والرئيس), but not by cutting
// the و of وزير.
func officeRole(noun string) (string, bool) {
	if role, ok := officeRoles[noun]; ok {
		return role, true
	}
	role, ok := officeRoles[strings.TrimPrefix(noun, "و")]
	return role, ok
}

// extraMentions returns ms with the surname aliases and role mentions of
// the article added, sorted by position.
func (r *Resolver) extraMentions(toks []Token, ms []Mention) []Mention {
	ms = r.freeNisbas(toks, ms)
	covered := make([]bool, len(toks))
	for _, m := range ms {
		for i := m.First; i < m.Stop && i < len(toks); i++ {
			covered[i] = true
		}
	}
	out := r.counterparts(toks, append([]Mention(nil), ms...))
	for _, m := range out {
		if m.Source == "counterpart" {
			markCovered(covered, m.First, m.Stop)
		}
	}
	ms = out
	out = append(out, aliases(toks, ms, covered)...)
	out = append(out, r.roles(toks, ms, covered)...)
	sortMentions(out)
	return out
}

// aliases finds the surnames of multi-word person names again where
// nothing else covers them, after the full name.
func aliases(toks []Token, ms []Mention, covered []bool) []Mention {
	from := map[string]int{} // surname key -> where it may be found alone
	for _, m := range ms {
		if m.Type != "PERS" || m.Stop-m.First < 2 || m.Stop > len(toks) {
			continue
		}
		last := toks[m.Stop-1]
		if !surnameLike(last.Key) {
			continue
		}
		if at, ok := from[last.Key]; !ok || m.Stop < at {
			from[last.Key] = m.Stop
		}
	}
	if len(from) == 0 {
		return nil
	}
	var out []Mention
	for i, t := range toks {
		if covered[i] || !t.Word {
			continue
		}
		for _, c := range candidates(t).list() {
			if at, ok := from[c]; ok && at <= i {
				out = append(out, Mention{First: i, Stop: i + 1, Type: "PERS", Source: "alias"})
				covered[i] = true
				break
			}
		}
	}
	return out
}

// surnameLike: a surname is safe to look for alone when it is not a
// function word or an everyday word (علي is also the preposition على).
func surnameLike(key string) bool {
	if utf8.RuneCountInString(key) < 3 || arabic.DefaultStopwords()[key] {
		return false
	}
	lex := arabic.DefaultLexicon()
	bare, withArticle := lex.Count(key), lex.Known(key)-lex.Count(key)
	return withArticle*10 <= bare+10 && bare < 3000
}

// coordinatedNisba reports whether token k is و and a nisba of another
// country, after the nisba at j of a dual or plural sector noun ending at
// j-1 (الرئيسان الروسي والصيني، الجيشين المصري والسعودي).
func (r *Resolver) coordinatedNisba(toks []Token, j, k int) bool {
	t := toks[k]
	if t.Sentence != toks[j].Sentence || !strings.HasPrefix(t.Pro, "و") {
		return false
	}
	first, _ := r.nisbaOf(toks[j])
	second, ok := r.nisbaOf(t)
	if !ok || second == first {
		return false
	}
	key := toks[j-1].Key
	return strings.HasSuffix(key, "ان") || strings.HasSuffix(key, "ين") || strings.HasSuffix(key, "ون")
}

// freeNisbas drops the model's one-word guesses that are a nisba right
// after a sector noun (طرد المغرب دبلوماسيا جزائريا: جزائريا is no place),
// so that roles reads the two as one actor.
func (r *Resolver) freeNisbas(toks []Token, ms []Mention) []Mention {
	var none []bool // sectorAt's covered: nothing yet
	free := func(m Mention) bool {
		if m.Source != "model" || m.Stop != m.First+1 || m.First == 0 {
			return false
		}
		if none == nil {
			none = make([]bool, len(toks))
		}
		return r.nisbaAfterSector(toks, m.First, none)
	}
	if !slices.ContainsFunc(ms, free) {
		return ms
	}
	return slices.DeleteFunc(slices.Clone(ms), free)
}

// nisbaAfterSector reports whether token i is a nisba with a sector noun
// of one or two words right before it in its sentence.
func (r *Resolver) nisbaAfterSector(toks []Token, i int, none []bool) bool {
	if toks[i-1].Sentence != toks[i].Sentence {
		return false
	}
	if _, ok := r.nisbaOf(toks[i]); !ok {
		return false
	}
	return r.sectorAt(toks, i-1, none) == 1 || i >= 2 && r.sectorAt(toks, i-2, none) == 2
}

// roles finds a sector noun (one or two words) followed by a nisba in the
// same sentence, where no name covers them and no person's name follows in
// apposition (النائب الروسي، كونستانتين زاتولين is the person). A noun of
// a collective sector without a nisba (هاجم مسلحون مركزا للشرطة) is an
// actor of no stated country (bareSector).
func (r *Resolver) roles(toks []Token, ms []Mention, covered []bool) []Mention {
	persAt := map[int]bool{}
	for _, m := range ms {
		if m.Type == "PERS" && m.Source != "counterpart" {
			persAt[m.First] = true // نظيره الفرنسي after الرئيس المصري is another person, not his name
		}
	}
	var out []Mention
	for i := 0; i < len(toks); i++ {
		if covered[i] || !toks[i].Word || i > 0 && adjectival(toks[i-1], toks[i]) {
			continue
		}
		n := r.sectorAt(toks, i, covered)
		if n == 0 {
			continue
		}
		j := i + n
		sameSentence := j < len(toks) && toks[j].Sentence == toks[i].Sentence
		if sameSentence && !covered[j] {
			if _, ok := r.nisbaOf(toks[j]); ok {
				next := j + 1
				if next < len(toks) && (toks[next].Key == "،" || toks[next].Key == ",") {
					next++
				}
				if persAt[next] {
					continue
				}
				out = append(out, Mention{First: i, Stop: j + 1, Type: "ORG", Source: "role"})
				markCovered(covered, i, j+1)
				i = j
				if k := j + 1; k < len(toks) && !covered[k] && r.coordinatedNisba(toks, j, k) {
					// الرئيسان الروسي والصيني: the second nisba is a second
					// actor of the same noun.
					out = append(out, Mention{First: k, Stop: k + 1, Type: "ORG", Source: "role", Noun: [2]int{j - n, j}})
					markCovered(covered, k, k+1)
					i = k
				}
				continue
			}
		}
		if sameSentence && covered[j] {
			continue // a title or a body before its name: اللواء عطا، شرطة دبي
		}
		if _, sector := r.sectorOf(toks, Mention{First: i, Stop: j}); collectiveSectors[sector] {
			out = append(out, Mention{First: i, Stop: j, Type: "ORG", Source: "sector"})
			markCovered(covered, i, j)
			i = j - 1
		}
	}
	return out
}

// collectiveSectors are the sectors whose nouns name an actor without a
// country (مسلحون، الشرطة، المتظاهرون، مدنيين): the news names them so, and
// the event gold standard codes them with no country. A bare government,
// parliament, court or office holder (الحكومة، الرئيس) is left to the
// coder's reading of the context, which knows whose it is.
var collectiveSectors = map[string]bool{
	"MIL": true, "COP": true, "REB": true, "UAF": true, "RAD": true, "SEP": true, "CRM": true,
	"OPP": true, "CVL": true, "REF": true, "LAB": true, "EDU": true, "MED": true,
}

func markCovered(covered []bool, first, stop int) {
	for k := first; k < stop; k++ {
		covered[k] = true
	}
}

// adjectival: a definite sector word after a definite noun qualifies it
// (السياسة الخارجية is foreign policy, not the foreign ministry).
func adjectival(prev, t Token) bool {
	if strings.HasPrefix(t.Pro, "ب") || strings.HasPrefix(t.Pro, "و") {
		return false // بالرئيس، والرئيس: a preposition or a conjunction opens a new phrase
	}
	// ل stays: المجلس الأعلى للأمن is one body, its للأمن no police.
	return prev.Word && prev.Sentence == t.Sentence && definite(prev) && definite(t)
}

// definite reads the article from the segmenter's proclitics: ألقت and
// ألغت fold to keys that begin like the article, but the segmenter splits
// no ال off them (ألقت الشرطة العراقية is IRQCOP).
func definite(t Token) bool {
	if thousands[t.Key] {
		return false
	}
	return strings.HasPrefix(t.Key, t.Pro) && (strings.HasSuffix(t.Pro, "ال") || strings.HasSuffix(t.Pro, "لل"))
}

// thousands are the words for a thousand whose alef folds into what reads
// as the article: آلاف الأشخاص is thousands of people, not a phrase of two
// definite words.
var thousands = map[string]bool{"الف": true, "الاف": true, "الفا": true, "الفين": true}

// sectorAt returns how many words (2 or 1) of a sector noun start at i.
func (r *Resolver) sectorAt(toks []Token, i int, covered []bool) int {
	// Most words start no sector noun, and their Starts say so.
	s := r.Dict.starts(&toks[i])
	if s != nil && !s.sector && !s.sectorHead {
		return 0
	}
	if i+1 < len(toks) && !covered[i+1] && toks[i+1].Sentence == toks[i].Sentence && (s == nil || s.sectorHead) {
		for _, c := range candidates(toks[i]).list() {
			if _, ok := r.Dict.SectorPair(c, toks[i+1].Key); ok {
				return 2
			}
		}
	}
	for _, c := range candidates(toks[i]).list() {
		if _, ok := r.Dict.Sector(c); ok {
			return 1
		}
	}
	return 0
}

// sectorOf reads the sector noun of a mention: a role (the noun and a
// nisba) or a bare sector noun (one or two words).
func (r *Resolver) sectorOf(toks []Token, m Mention) (noun, sector string) {
	words := m.Stop - m.First
	if m.Source == "role" {
		words-- // the nisba
	}
	if m.Noun[1] > 0 {
		m.First, words = m.Noun[0], m.Noun[1]-m.Noun[0]
	}
	for _, c := range candidates(toks[m.First]).list() {
		if words == 2 {
			noun = c + " " + toks[m.First+1].Key
		} else {
			noun = c
		}
		if s, ok := r.Dict.Sector(noun); ok {
			return noun, s
		}
	}
	return "", ""
}

func (r *Resolver) nisbaOf(t Token) (string, bool) {
	for _, c := range candidates(t).list() {
		if code, ok := r.Dict.nisbaOrAccusative(c); ok {
			return code, true
		}
	}
	return "", false
}

// codeRole codes a role mention: country from its nisba, sector from its
// noun; an office with one holder (الرئيس الروسي) is that person.
func (r *Resolver) codeRole(e *Entity, toks []Token, m Mention) {
	country, _ := r.nisbaOf(toks[m.Stop-1])
	noun, sector := r.sectorOf(toks, m)
	e.Confidence = 0.75
	if role, ok := officeRole(noun); ok {
		if h := r.Dict.Holder(country, role, r.Date); h != nil {
			r.fromEntry(e, h)
			e.Type = "PERS"
			return
		}
	}
	e.Country, e.Sector, e.Code = country, sector, actorCode(country, sector)
	e.ActorID = "role:" + e.Code
	e.ActorName = e.Text
}

// NoCountry stands for the country in the code of an actor whose country
// the text does not state, as in TABARI's codes: ---UAF, ---COP.
const NoCountry = "---"

// Bare reports whether code is a sector of no stated country (---UAF).
func Bare(code string) bool { return strings.HasPrefix(code, NoCountry) }

// codeSector codes a bare sector noun: its sector, no country.
func (r *Resolver) codeSector(e *Entity, toks []Token, m Mention) {
	_, sector := r.sectorOf(toks, m)
	e.Confidence = 0.6
	e.Sector, e.Code = sector, NoCountry+sector
	e.ActorID = "sector:" + sector
	e.ActorName = e.Text
}
