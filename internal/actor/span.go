package actor

import "strings"

// CodeSpan codes the actor named by toks[first:stop] in its sentence, as
// the Arabic event gold standard codes its "main" field: the country from
// a name, city or nisba inside the span (or just after it: الشرطة
// العراقية), the sector from its nouns; failing a country, the country the
// sentence names. An international body is IGO, a region or a group of
// countries (القوات الأفريقية، طائرات غربية) INT, and an actor led by a
// country (التحالف بقيادة الولايات المتحدة) is that country's.
func (d *Dictionary) CodeSpan(toks []Token, first, stop int) (country, sector string) {
	r := &Resolver{Dict: d}
	mentions := d.Mentions(toks[first:stop])
	var region string // a region named in the span, used when no country is
	setCountry := func(code string) {
		switch {
		case code == "" || country != "":
		case d.regions[code]:
			if region == "" {
				region = code
			}
		default:
			country = code
		}
	}
	if c := d.leader(toks, first, stop); c != "" {
		country = c
	}
	// The span's head naming an international body (الاتحاد الأوروبي) is
	// the actor; a nisba after it is part of its name.
	if len(mentions) > 0 && mentions[0].First == 0 && mentions[0].Entry != nil && mentions[0].Entry.Kind == IGO && country == "" {
		country = "IGO"
	}
	// A nisba inside the span names the actor's country before any place
	// it mentions: القنصل الأفغاني العام في بيشاور is Afghan.
	for i := first; i < stop && country == ""; i++ {
		for _, c := range candidates(toks[i]).list() {
			if code, ok := d.nisbaOrAccusative(c); ok {
				setCountry(code)
				break
			}
		}
	}
	for _, m := range mentions {
		if m.Entry == nil {
			continue
		}
		code := m.Entry.CodeAt(r.Date)
		if m.Entry.Kind == IGO && country == "" {
			country = "IGO"
		}
		setCountry(m.Entry.Country)
		if sector == "" && len(code) >= 6 {
			sector = code[3:6]
		}
	}
	for i := first; i < stop; i++ {
		for _, c := range candidates(toks[i]).list() {
			if code, ok := d.Nisba(c); ok {
				setCountry(code)
			}
			// The longer noun first: مسلحين مجهولين is UAF, مسلحين alone
			// would not say so.
			if i+1 < stop {
				if s, ok := d.SectorPair(c, stripPro(toks[i+1])); ok && sector == "" {
					sector = s
				}
			}
			if s, ok := d.Sector(c); ok && sector == "" {
				sector = s
			}
		}
	}
	if country == "" && region != "" {
		country = "INT" // the gold standard's code for multinational actors
	}
	if country == "" || sector == "" {
		s2, c2 := r.scan(toks, stop, +1, toks[first].Sentence)
		if country == "" {
			setCountry(c2)
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
	if country == "" && region != "" {
		country = "INT"
	}
	return country, sector
}

// ledBy are the words that introduce who leads a coalition or a force.
var ledBy = map[string]bool{"بقياده": true, "تقودها": true, "يقودها": true, "بزعامه": true}

// leader returns the country named right after "led by" inside the span.
func (d *Dictionary) leader(toks []Token, first, stop int) string {
	for i := first; i+1 < stop; i++ {
		if !ledBy[toks[i].Key] {
			continue
		}
		if e, _ := d.MatchAt(toks, i+1); e != nil && e.Kind == Country {
			return e.Country
		}
		for _, c := range candidates(toks[i+1]).list() {
			if code, ok := d.Nisba(c); ok && !d.regions[code] {
				return code // بقيادة أميركية
			}
		}
	}
	return ""
}

// NisbaOrDual is Nisba, also in the dual (أمريكيان، إسرائيليتان). Unlike
// the role reading it takes no accusative alif: روسيا is a country's name.
func (d *Dictionary) NisbaOrDual(key string) (string, bool) {
	if c, ok := d.Nisba(key); ok {
		return c, true
	}
	return d.dualNisba(key)
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
	return d.dualNisba(key)
}

// dualNisba reads the dual of a nisba, which the country table does not
// list: جنديان أمريكيان (أمريكي + ان), مدينتان عراقيتان and
// عراقيتين (عراقية + تان / تين).
func (d *Dictionary) dualNisba(key string) (string, bool) {
	for _, suf := range [...]string{"تان", "تين"} {
		if stem, ok := strings.CutSuffix(key, suf); ok && strings.HasSuffix(stem, "ي") {
			return d.Nisba(stem + "ه")
		}
	}
	if stem, ok := strings.CutSuffix(key, "ان"); ok && strings.HasSuffix(stem, "ي") {
		return d.Nisba(stem)
	}
	return "", false
}
