package actor

import "time"

// A counterpart (نظيره الصيني, "his Chinese counterpart") is the holder of
// the same office as the person the sentence is about, in the country of
// its nisba: after الرئيس الفرنسي it is the Chinese president, after a
// foreign minister the Chinese foreign minister, after a national team
// the Chinese team. The NER model reads the
// phrase as part of a name at times (التقى نظيره الصيني); the phrase wins
// over such a guess.

// counterpartWords are the key forms of نظير with the pronoun that points
// back to the subject (his, her, their counterpart or counterparts).
var counterpartWords = map[string]bool{
	"نظيره": true, "نظيرها": true, "نظيرهم": true, "نظيرهما": true, "نظيريه": true, "نظيريها": true,
	"نظيرته": true, "نظيرتها": true, "نظراءه": true, "نظراءها": true, "نظراءهم": true,
	"نظيري": true, // my counterpart, in quoted speech
}

// Counterpart reports whether t is a counterpart word, with or without
// proclitics (ونظيره، لنظيره).
func Counterpart(t Token) bool {
	for _, c := range candidates(t).list() {
		if counterpartWords[c] {
			return true
		}
	}
	return false
}

// counterparts returns ms with the counterpart phrases (a counterpart word
// and a nisba) added as mentions, and the model's guesses that overlap
// one without reaching past it removed. A phrase followed by a person's
// name (نظيره الصيني شي جين بينغ) is that person's title, not a mention.
func (r *Resolver) counterparts(toks []Token, ms []Mention) []Mention {
	var found []Mention
	for i := 0; i+1 < len(toks); i++ {
		if !toks[i].Word || toks[i+1].Sentence != toks[i].Sentence || !Counterpart(toks[i]) {
			continue
		}
		if _, ok := r.nisbaOf(toks[i+1]); !ok {
			continue
		}
		c := Mention{First: i, Stop: i + 2, Type: "PERS", Source: "counterpart"}
		if titleOfName(toks, ms, c) {
			continue
		}
		found = append(found, c)
	}
	if len(found) == 0 {
		return ms
	}
	out := make([]Mention, 0, len(ms)+len(found))
	for _, m := range ms {
		if !overridden(m, found) {
			out = append(out, m)
		}
	}
	out = append(out, found...)
	sortMentions(out)
	return out
}

// titleOfName reports whether a name mention starts right after c (or
// after a comma), or a mention other than a model guess covers part of c,
// or a model guess holds c and reaches past it: then c is part of a name.
func titleOfName(toks []Token, ms []Mention, c Mention) bool {
	next := c.Stop
	if next < len(toks) && (toks[next].Key == "،" || toks[next].Key == ",") {
		next++
	}
	for _, m := range ms {
		if m.First == next && m.Type == "PERS" {
			return true
		}
		if m.First < c.Stop && c.First < m.Stop && (m.Source != "model" || m.Stop > c.Stop) {
			return true
		}
	}
	return false
}

// overridden reports whether m is a model guess that overlaps a
// counterpart phrase.
func overridden(m Mention, cs []Mention) bool {
	if m.Source != "model" {
		return false
	}
	for _, c := range cs {
		if m.First < c.Stop && c.First < m.Stop {
			return true
		}
	}
	return false
}

// office is what a counterpart mirrors: the last actor named before it,
// with the office it holds where the dictionaries know one.
type office struct {
	role     string // head_of_state, foreign_minister... or ""
	typ      string // PERS, ORG
	sector   string
	sentence int
}

// codeCounterpart codes a counterpart phrase after the actor last named
// within two sentences: the holder of its office in the nisba's country,
// or the body of that country in its sector (المنتخب السعودي ونظيره
// المصري are two national teams). With no actor before it, the phrase
// names its country only.
func (r *Resolver) codeCounterpart(e *Entity, toks []Token, m Mention, last *office) {
	country, _ := r.nisbaOf(toks[m.Stop-1])
	e.Confidence = 0.7
	sector := ""
	if last != nil && toks[m.First].Sentence-last.sentence <= 2 {
		if last.role != "" {
			if h := r.Dict.Holder(country, last.role, r.Date); h != nil {
				r.fromEntry(e, h)
				return
			}
		}
		sector, e.Type = last.sector, last.typ
	}
	e.Country, e.Sector, e.Code = country, sector, actorCode(country, sector)
	e.ActorID = "role:" + e.Code
	e.ActorName = e.Text
}

// roleAt is the office (one of officeRoles') that en holds at t, the
// latest one for a zero t, or "".
func (en *Entry) roleAt(t time.Time) string {
	best := -1
	for i, ro := range en.Roles {
		if !offices[ro.Role] {
			continue
		}
		switch {
		case t.IsZero():
			if best < 0 || ro.Start.After(en.Roles[best].Start) {
				best = i
			}
		case !t.Before(ro.Start) && (ro.End.IsZero() || !t.After(ro.End)):
			if best < 0 || rolePriority(ro.Role) < rolePriority(en.Roles[best].Role) {
				best = i
			}
		}
	}
	if best < 0 {
		return ""
	}
	return en.Roles[best].Role
}

// offices are the roles of officeRoles: offices with one holder a country.
var offices = func() map[string]bool {
	m := map[string]bool{}
	for _, role := range officeRoles {
		m[role] = true
	}
	return m
}()
