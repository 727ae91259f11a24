package actor

import "strings"

// CodeSpan codes the actor named by toks[first:stop] in its sentence: the
// country from a name, city or nisba inside the span (or just after it:
// الشرطة العراقية), the sector from its nouns; failing a country, the
// country the sentence names.
func (d *Dictionary) CodeSpan(toks []Token, first, stop int) (country, sector string) {
	r := &Resolver{Dict: d}
	// A nisba inside the span names the actor's country before any place
	// it mentions: القنصل الأفغاني العام في بيشاور is Afghan.
	for i := first; i < stop && country == ""; i++ {
		for _, c := range candidates(toks[i]).list() {
			if code, ok := d.nisbaOrAccusative(c); ok {
				country = code
				break
			}
		}
	}
	for _, m := range d.Mentions(toks[first:stop]) {
		if m.Entry != nil {
			code := m.Entry.CodeAt(r.Date)
			switch {
			case country != "":
			case m.Entry.Kind == IGO:
				country = "IGO" // the gold standard's code for international bodies
			case m.Entry.Country != "":
				country = m.Entry.Country
			}
			if sector == "" && len(code) >= 6 {
				sector = code[3:6]
			}
		}
	}
	for i := first; i < stop; i++ {
		for _, c := range candidates(toks[i]).list() {
			if code, ok := d.Nisba(c); ok && country == "" {
				country = code
			}
			if s, ok := d.Sector(c); ok && sector == "" {
				sector = s
			}
			if i+1 < stop {
				if s, ok := d.Sector(c + " " + stripPro(toks[i+1])); ok && sector == "" {
					sector = s
				}
			}
		}
	}
	if country == "" || sector == "" {
		s2, c2 := r.scan(toks, stop, +1, toks[first].Sentence)
		if country == "" {
			country = c2
		}
		if sector == "" {
			sector = s2
		}
	}
	if country == "" {
		for _, m := range d.Mentions(toks) {
			if m.Entry != nil && m.Entry.Country != "" && (m.Entry.Kind == Country || m.Entry.Kind == City) {
				country = m.Entry.Country
				break
			}
		}
	}
	return country, sector
}

// nisbaOrAccusative reads a nisba, also with the accusative alif of tanween
// (مصوراً فرنسياً).
func (d *Dictionary) nisbaOrAccusative(key string) (string, bool) {
	if c, ok := d.Nisba(key); ok {
		return c, true
	}
	if strings.HasSuffix(key, "ا") {
		return d.Nisba(strings.TrimSuffix(key, "ا"))
	}
	return "", false
}
