package event

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// Coder codes the events of a document.
type Coder struct {
	Patterns *Patterns
	Ontology *Ontology
	// Nisba maps a nisba adjective (key form) to its country code: in
	// الغزو الروسي the adjective is the agent.
	Nisba func(key string) (string, bool)
	// Capital reports whether a city actor id is a capital, which stands
	// for its government (موسكو ترفض); other cities are places (دونيتسك).
	// Unset, every resolved city counts as a capital.
	Capital func(id string) bool
	// Filter, when set, vets the sentences coded as attacks or protests.
	Filter *Filter
}

// NewCoder returns a coder over the embedded dictionaries.
func NewCoder() (*Coder, error) {
	ont, err := DefaultOntology()
	if err != nil {
		return nil, err
	}
	pat, err := DefaultPatterns()
	if err != nil {
		return nil, err
	}
	return &Coder{Patterns: pat, Ontology: ont, Filter: DefaultFilter()}, nil
}

// Words that change what a trigger means.
var (
	negations     = map[string]bool{"لم": true, "لن": true, "لا": true, "ما": true, "ليس": true, "ليست": true, "غير": true, "دون": true, "عدم": true}
	intentWords   = map[string]bool{"ينوي": true, "تنوي": true, "ينويان": true, "تنويان": true, "ينوون": true, "يعتزم": true, "تعتزم": true, "يعتزمان": true, "عزم": true, "عزمه": true, "عزمها": true, "سوف": true, "تعهد": true, "تعهدت": true, "يخطط": true, "تخطط": true, "المقرر": true, "يسعي": true, "تسعي": true, "يتطلع": true, "تتطلع": true, "يتطلعون": true}
	hypothetical  = map[string]bool{"اذا": true, "لو": true, "لولا": true, "ربما": true, "لعل": true}
	prepositions  = map[string]bool{"علي": true, "ضد": true, "الي": true, "مع": true, "بين": true, "من": true, "عن": true, "في": true}
	reportingLead = map[string]bool{"ان": true}
	// patientNouns are verbal nouns whose genitive suffers the act.
	patientNouns = keySet("مقتل", "اغتيال", "اختطاف", "خطف", "إصابة", "اصابه", "جرح", "إعدام", "تعذيب")
	// visitNouns name a visit whose visitor follows with ل.
	visitNouns = keySet("زيارة", "زيارات")
	// directions name a region of the place after them.
	directions = keySet("شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "أنحاء", "مختلف")
	// claimVerbs carry out or claim an act named before them, by the agent
	// after them.
	claimVerbs = keySet("نفذه", "نفذها", "نفذته", "نفذتها", "نفذوه", "شنه", "شنها", "شنته", "شنتها", "شنوه", "تبناه", "تبنته", "تبناها", "تبنتها", "ارتكبه", "ارتكبها", "ارتكبته", "ارتكبتها")
	// suffered: "was subjected to", whose subject suffers the act after it.
	suffered = keySet("تعرض", "تعرضت", "تعرضوا", "تعرضا", "يتعرض", "تتعرض", "يتعرضون", "تعرضه", "تعرضها", "تعرضهم")
	// forceNouns: armed forces and their machines, whose nisba names the
	// country that attacks (دبابات روسية، طائرات إسرائيلية).
	forceNouns = keySet("قوات", "قوة", "وحدة", "جنود", "جيش", "دبابة", "دبابات", "طائرة", "طائرات", "مروحية", "مروحيات", "مقاتلات", "بارجة", "بوارج", "زوارق", "مدفعية", "صواريخ", "دورية", "فرقة", "كتيبة", "غارة", "غارات", "قذيفة", "قذائف", "صاروخ", "مسيرات", "طيران",
		"طائرتان", "طائرتين", "دبابتان", "دبابتين", "مروحيتان", "مروحيتين", "بارجتان", "زورقان", "زورقين") // and their duals
	// titleLead: a title right after the verb opens its subject, whose name
	// comes after the office (أدان وزير الخارجية الروسي سيرغي لافروف).
	titleLead = keySet("متحدث", "متحدثة", "ناطق", "ناطقة", "وزير", "وزيرة", "رئيس", "رئيسة", "أمين", "سفير", "سفيرة", "مندوب", "مندوبة", "ممثل", "ممثلة", "قائد", "مدير", "مديرة", "نائب", "مستشار", "مستشارة")
	// topicLead: a verbal noun after these words is what was said or felt
	// about something (إزاء اعتقال، بشأن فرض), not an act reported.
	topicLead = map[string]bool{"ازاء": true, "بشان": true, "تجاه": true, "حيال": true}
	// backgroundLead: a definite verbal noun after these words dates or
	// explains something else (بعد الهجوم، منذ الغزو، خلال التظاهرة); the
	// report of the act itself is elsewhere.
	backgroundLead = map[string]bool{"بعد": true, "قبل": true, "منذ": true, "خلال": true, "عشيه": true, "اثر": true, "بسبب": true, "حول": true, "عقب": true, "ابان": true}
)

// party is an actor of an event, taken from the entity layer.
type party struct {
	entity int // index in Document.Entities
	token  int // first token
	code   string
	coord  bool // written with و: the second of coordinated names
	bare   bool // a sector noun of no stated country (مسلحون، الشرطة)
}

// Document codes the events of d and stores them in d.Events.
func (c *Coder) Document(d *document.Document) {
	d.Events = d.Events[:0]
	ents := c.actorEntities(d)
	tk := newTokenKeys(d)
	defer tk.release()
	lastSource := -1 // the last source, for sentences with a pronoun subject
	lastAt := 0      // the sentence lastSource acted in
	for si, s := range d.Sentences {
		if si-lastAt > pronounReach {
			lastSource = -1 // too far back for a pronoun to point to
		}
		first, stop := s.Tokens[0], s.Tokens[1]
		if stop > first && d.Tokens[stop-1].Text == "؟" {
			continue // questions are not events
		}
		all := entitiesIn(ents, first, stop)
		inSent := named(all)
		var speakers []int // who said what follows, for reported acts
		reportAt := -1     // the verb of saying they said it with
		violent := false   // an assault is coded in the sentence
		consult := -1      // index in d.Events of the sentence's last consultation (CAMEO 04)
		refused := -1      // the token right after a refusal's subject: what is refused
		resultAt := -1     // the token after the last casualties read as an attack's result
		appeal := -1       // index in d.Events of the sentence's last appeal, demand or accusation (CAMEO 02, 10, 112)
		actEnd := -1       // the token after the sentence's last coded trigger
		var feats []uint64 // the filter's features, computed once a sentence
		featsOf := func() []uint64 {
			if feats == nil {
				feats = c.features(tk, s)
			}
			return feats
		}
		for i := first; i < stop; i++ {
			t := d.Tokens[i]
			if t.Kind != "word" {
				continue
			}
			pat, n := c.match(tk, i, stop)
			if pat == nil {
				continue
			}
			if pat.Reporting {
				speakers, reportAt = speakersOf(d, inSent, i), i
				continue
			}
			if pat.Judgement {
				if ev, ok := c.judgement(tk, si, i, n, pat, inSent, speakers, reportAt); ok {
					d.Events = append(d.Events, ev)
					i += n - 1
				}
				continue
			}
			if appeal >= 0 && i-actEnd <= 8 && !punctBetween(d, actEnd-1, i) && appealContent(tk, i, first) {
				// دعا الأمين العام إلى وقف إطلاق النار: the act appealed for
				// has not happened; it makes the appeal's code finer. The act
				// an accusation alleges (اتهمها بخرق الهدنة) is not reported
				// as done either.
				c.refineAppeal(&d.Events[appeal], pat.Code)
				appeal = -1
				i += n - 1
				continue
			}
			if actEnd >= 0 && i-actEnd <= 6 && purposeOf(d.Tokens[i]) {
				// وقعتا اتفاقا لاستئناف العلاقات: the purpose of the act
				// coded before, not an act of its own.
				i += n - 1
				continue
			}
			if i == refused && !strings.HasPrefix(pat.Code, "12") {
				// رفض رئيس الوزراء العراقي محمد شياع السوداني دعوات لحل
				// البرلمان: the calls are what he refused, not his own.
				i += n - 1
				continue
			}
			if consult >= 0 && i-actEnd <= 8 && strings.HasPrefix(pat.Code, "04") && adjunctNoun(tk, i, first) {
				// بحث الرئيسان ... في اتصال هاتفي: the noun tells how
				// the consultation coded before took place.
				c.refineConsult(d.Events[consult:], pat.Code)
				consult = -1
				i += n - 1
				continue
			}
			if violent && (resultOfViolence(tk, i, first) || resultAt >= 0 && i-resultAt <= 6 && strings.HasPrefix(tk.key(i), "و")) {
				// أطلق مسلحون النار ... مما أدى إلى مقتل شرطيين وإصابة
				// آخرين، وأسفر الهجوم عن مقتل: the casualties and the attack
				// named again are the act coded before.
				resultAt = i + n
				i += n - 1
				continue
			}
			if violent && adjunctNoun(tk, i, first) {
				// قتل جنديان في هجوم، أصيب ثلاثة بانفجار: the noun names the
				// act the verb before reported, not another one.
				i += n - 1
				continue
			}
			ev, ok := c.code(tk, si, i, n, pat, inSent, lastSource, speakers, featsOf)
			if len(all) > len(inSent) && (!ok || partiesOf(ev) < 2) {
				// The named actors leave a side empty: read the sentence
				// again with its bare sector nouns (هاجم مسلحون مركزا
				// للشرطة، اعتقلت الشرطة العراقية عشرة أشخاص).
				ev2, ok2 := c.code(tk, si, i, n, pat, all, lastSource, speakers, featsOf)
				victimsSuffer(ev2)
				if ok2 && (!ok || partiesOf(ev2) > partiesOf(ev)) {
					ev, ok = ev2, true
				}
			}
			if !ok {
				// A phrase the patterns matched whole (بخرق وقف إطلاق النار)
				// stays whole when it codes nothing: its inner words are no
				// triggers of their own.
				i += n - 1
				continue
			}
			if ev[0].Intent {
				dropIntentOf(d, tk, i, first)
			}
			violent = violent || ev[0].Plover == "ASSAULT"
			appeal, actEnd, consult = -1, i+n, -1
			if ev[0].Root == "12" {
				refused = afterSubject(d, ev[0], i+n)
			}
			if ev[0].Root == "04" {
				consult = len(d.Events)
			}
			if ev[0].Root == "02" || ev[0].Root == "10" || strings.HasPrefix(ev[0].Code, "112") {
				appeal = len(d.Events) // where ev[0] is about to go
			}
			for _, e := range ev {
				d.Events = append(d.Events, e)
			}
			if src, ok := actedBy(d, inSent, ev[0]); ok {
				lastSource, lastAt = src, si
			} else if src, ok := firstSource(inSent, i); ok {
				lastSource, lastAt = src, si
			}
			i += n - 1
		}
	}
	d.Events = dedup(d.Events)
	for i := range d.Events {
		d.Events[i].ID = fmt.Sprintf("%s-%d", d.ID, i+1)
	}
}

// afterSubject is the token right after the source of e when the source
// follows the trigger, which ends before token from; else -1.
func afterSubject(d *document.Document, e document.Event, from int) int {
	if e.Source == nil {
		return -1
	}
	k, ok := endToken(d, e.Source.Span)
	if !ok || k < from {
		return -1
	}
	return k + 1
}

// endToken is the token holding the last byte of span sp.
func endToken(d *document.Document, sp *article.Span) (int, bool) {
	if sp == nil {
		return 0, false
	}
	return tokenAt(d, sp.End-1)
}

// pronounReach is how many sentences after an actor acted a pronoun
// subject may still point to it: a feature story's later verbs (ويقول،
// استولى) are not the acts of a president named paragraphs before.
const pronounReach = 2

// judgement codes a verb of saying or judging that calls its object a
// betrayal or a crime (يعتبر المحللون الروس تردد توكاييف بمثابة خيانة):
// the source is the judge, named by a nisba right after the verb (the
// Russian analysts) or else the speaker, and the target the first actor
// named between the judge and the trigger. Without a verb of saying in
// the sentence there is no judge and no event.
func (c *Coder) judgement(tk *tokenKeys, si, i, n int, pat *Pattern, inSent []party, speakers []int, reportAt int) (document.Event, bool) {
	d := tk.d
	if reportAt < 0 || reportAt >= i {
		return document.Event{}, false
	}
	for k := d.Sentences[si].Tokens[0]; k < i; k++ {
		if hypothetical[tk.key(k)] || negations[bareConjunction(tk.key(k))] && k >= reportAt-1 {
			return document.Event{}, false // لو اعتبر، لا يعتبر: no judgement made
		}
	}
	var src *document.EventActor
	var judges []int // the speakers, when they are the judge
	from := reportAt + 1
	for j := reportAt + 1; j <= reportAt+2 && j < i && c.Nisba != nil; j++ {
		if code, ok := c.Nisba(arabic.KeyOf(d.Tokens[j].Text)); ok {
			sp := d.Tokens[j].Span
			src, from = &document.EventActor{Code: code, Text: d.Tokens[j].Text, Span: &sp}, j+1
			break
		}
	}
	if src == nil && len(speakers) > 0 {
		src, judges = actorOf(d, speakers[0]), speakers
		if p, ok := partyOf(inSent, speakers[0]); ok {
			from = p.token + 1
		}
	}
	var tgt *document.EventActor
	for _, p := range inSent {
		if p.token >= from && p.token < i && !contains(judges, p.entity) {
			tgt = actorOf(d, p.entity)
			break
		}
	}
	if src == nil || tgt == nil || src.Code == tgt.Code {
		return document.Event{}, false
	}
	entry, ok := c.Ontology.Lookup(pat.Code)
	if !ok {
		return document.Event{}, false
	}
	s := d.Sentences[si]
	return document.Event{
		Code: entry.Code, Root: entry.Code[:2], Label: entry.Label, Goldstein: entry.Goldstein, Quad: entry.Quad,
		Plover: entry.Plover, Mode: entry.Mode, Context: entry.Context,
		Date: sentenceDate(d, s), Location: location(d, s, nil, nil),
		Source: src, Target: tgt, Sentence: s.Span,
		Trigger:    article.Span{Start: d.Tokens[i].Span.Start, End: d.Tokens[i+n-1].Span.End},
		Confidence: 0.6,
	}, true
}

func partyOf(ps []party, entity int) (party, bool) {
	for _, p := range ps {
		if p.entity == entity {
			return p, true
		}
	}
	return party{}, false
}

// dedup keeps one event per source, target and root code in a sentence,
// and one per source, target and CAMEO code in an article: analyses repeat
// "the Russian invasion of Ukraine" in every paragraph, while a seizure
// (171) and, sentences later, arrests (173) by the same government are two
// acts.
func dedup(evs []document.Event) []document.Event {
	seen := map[string]bool{}
	out := evs[:0]
	for _, e := range evs {
		k := ""
		if e.Source != nil {
			k += e.Source.Code
		}
		k += "|"
		if e.Target != nil {
			k += e.Target.Code
		}
		inSentence := fmt.Sprintf("%s|%s|%d", k, e.Root, e.Sentence.Start)
		inArticle := k + "|" + e.Code
		if seen[inSentence] || seen[inArticle] {
			continue
		}
		seen[inSentence], seen[inArticle] = true, true
		out = append(out, e)
	}
	return out
}

// tokenKeys memoises appendTriggerKeys per token of a document: match tries
// every token as a trigger and the four after it as required words, so
// each token's keys would otherwise be folded up to five times.
type tokenKeys struct {
	d     *document.Document
	keys  [][]string
	full  []string // the key as written, proclitics included
	arena []string // holds keys' slices
	// nameEnds[k] is the last token of the longest name starting at token
	// k, or -1; built on first use (see subjectEnd).
	nameEnds []int32
	inPerson []bool // the token is part of a person's name
}

// keySets are reused across documents (see release).
var keySets = sync.Pool{New: func() any { return new(tokenKeys) }}

func newTokenKeys(d *document.Document) *tokenKeys {
	tk := keySets.Get().(*tokenKeys)
	n := len(d.Tokens)
	if cap(tk.keys) < n {
		tk.keys, tk.full = make([][]string, n), make([]string, n)
	}
	tk.d, tk.keys, tk.full, tk.arena = d, tk.keys[:n], tk.full[:n], tk.arena[:0]
	tk.nameEnds, tk.inPerson = tk.nameEnds[:0], tk.inPerson[:0]
	clear(tk.keys)
	clear(tk.full)
	return tk
}

// release hands tk back for another document; nothing may use it after.
func (tk *tokenKeys) release() {
	tk.d = nil
	keySets.Put(tk)
}

func (tk *tokenKeys) of(i int) []string {
	if tk.keys[i] == nil {
		start := len(tk.arena)
		tk.arena = appendTriggerKeys(tk.arena, tk.d.Tokens[i], tk.key(i))
		tk.keys[i] = tk.arena[start:len(tk.arena):len(tk.arena)]
	}
	return tk.keys[i]
}

func (tk *tokenKeys) key(i int) string {
	if tk.full[i] == "" {
		tk.full[i] = arabic.KeyOf(tk.d.Tokens[i].Text)
	}
	return tk.full[i]
}

// match finds the pattern whose trigger is token i (and whose required
// word follows within four tokens, or within four after a name that is
// the verb's subject); it returns the pattern and the number of tokens
// the trigger spans.
func (c *Coder) match(tk *tokenKeys, i, stop int) (*Pattern, int) {
	reach := -1 // the window past the subject, computed when first needed
	for _, k := range tk.of(i) {
		for _, p := range c.Patterns.byTrigger[k] {
			if len(p.Requires) == 0 {
				return p, 1
			}
			if j, ok := tk.requiredIn(p, i+1, min(stop, i+5)); ok {
				return p, j - i + 1
			}
			if reach < 0 {
				reach = 0
				if e := tk.subjectEnd(i, stop); e > 0 {
					reach = e + 5
				}
			}
			// بحث الرئيس المصري عبد الفتاح السيسي مع نظيره: a long
			// subject between the verb and its complement.
			if j, ok := tk.requiredIn(p, i+5, min(stop, reach)); ok {
				return p, j - i + 1
			}
		}
	}
	return nil, 0
}

// requiredIn finds the first token in [from, to) that is one of p's
// required words.
func (tk *tokenKeys) requiredIn(p *Pattern, from, to int) (int, bool) {
	for j := from; j < to; j++ {
		for _, rk := range tk.of(j) {
			if slices.Contains(p.Requires, rk) {
				return j, true
			}
		}
	}
	return 0, false
}

// subjectEnd is the last token of the names that follow trigger i as its
// subject (a name starting within three tokens, and a second name right
// after it: الرئيس المصري | عبد الفتاح السيسي), or 0 when none does.
func (tk *tokenKeys) subjectEnd(i, stop int) int {
	tk.indexNames()
	end := 0
	for k := i + 1; k < stop && k <= i+3; k++ {
		if e := int(tk.nameEnds[k]); e >= 0 {
			end = e
			break
		}
	}
	if end > 0 && end+1 < stop && tk.nameEnds[end+1] >= 0 {
		end = int(tk.nameEnds[end+1])
	}
	return end
}

// indexNames fills nameEnds and inPerson from the entity layer, once per
// document (both are empty until then).
func (tk *tokenKeys) indexNames() {
	d := tk.d
	if len(tk.nameEnds) == len(d.Tokens) {
		return
	}
	for range d.Tokens {
		tk.nameEnds = append(tk.nameEnds, -1)
		tk.inPerson = append(tk.inPerson, false)
	}
	for _, e := range d.Entities {
		if e.Span == nil || e.Span.End <= e.Span.Start {
			continue
		}
		a, ok1 := tokenAt(d, e.Span.Start)
		b, ok2 := tokenAt(d, e.Span.End-1)
		if !ok1 || !ok2 || b < a {
			continue
		}
		if int32(b) > tk.nameEnds[a] {
			tk.nameEnds[a] = int32(b)
		}
		if e.Type == "PERS" {
			for k := a; k <= b; k++ {
				tk.inPerson[k] = true
			}
		}
	}
}

// personAt reports whether token k is part of a person's name: السوداني
// in محمد شياع السوداني is no nisba.
func (tk *tokenKeys) personAt(k int) bool {
	tk.indexNames()
	return tk.inPerson[k]
}

// appendTriggerKeys appends the forms a token may match a trigger under:
// without its proclitics (و ف ب ل س ال), and as written.
func appendTriggerKeys(out []string, t document.Token, key string) []string {
	first := len(out)
	if t.Pro != "" && strings.HasPrefix(key, t.Pro) && len(key) > len(t.Pro) {
		out = append(out, key[len(t.Pro):])
	}
	out = append(out, key)
	if t.Pro == "" && len(key) >= 8 && (strings.HasPrefix(key, "و") || strings.HasPrefix(key, "ف")) {
		// واحتج، ويعتصم: a conjunction the segmenter left on the word
		out = append(out, key[len("و"):])
	}
	if t.Enc != "" && t.Stem != "" && t.Stem != out[first] {
		out = append(out, t.Stem) // تعاونهما: the stem تعاون under its pronoun
	}
	return out
}

// code builds the events of one trigger, or none when the sentence only
// supposes, asks or denies it.
func (c *Coder) code(tk *tokenKeys, si, i, n int, pat *Pattern, inSent []party, lastSource int, speakers []int, feats func() []uint64) ([]document.Event, bool) {
	d := tk.d
	s := d.Sentences[si]
	first := s.Tokens[0]
	codeStr := pat.Code
	negated, intent := false, strings.Contains(d.Tokens[i].Pro, "س")
	for k := i - 1; k >= first && k >= i-3; k-- {
		key := bareConjunction(tk.key(k))
		switch {
		case negations[key] && !ownClause(d.Tokens[i], key, k == i-1):
			negated = true
		case intentWord(key):
			intent = true
		case key == "قد" && k == i-1 && strings.IndexAny(d.Tokens[i].Text, "يت") == 0:
			return nil, false // قد تصل: may reach, not did reach
		}
	}
	for k := i - 1; k >= first && k >= i-3; k-- {
		if p, _ := c.match(tk, k, i); p != nil && strings.HasPrefix(p.Code, "12") && !strings.HasPrefix(pat.Code, "12") {
			return nil, false // ترفض إرسال الجنود: the refusal is the event, not the act refused
		}
	}
	for k := first; k < i && k < first+8; k++ {
		if hypothetical[tk.key(k)] {
			return nil, false // إذا أصبحت الصين...: a condition, not an event
		}
	}
	if i > first && topicLead[tk.key(i-1)] {
		return nil, false // قلقها إزاء اعتقال الصحفيين: the topic of what was said
	}
	if strings.HasPrefix(pat.Code, "02") && prayer(tk, i+n, s.Tokens[1]) {
		return nil, false // ودعت القيادة الله أن يتقبله: a prayer, not an appeal
	}
	if strings.HasPrefix(tk.of(i)[0], "تعليق") && i+1 < len(d.Tokens) && tk.key(i+1) == onKey {
		return nil, false // تعليقه على الاتفاق: his comment on it, no suspension
	}
	if i-1 > first && tk.key(i-1) == "في" && anyKey(tk.of(i-2), inquiryNouns) {
		return nil, false // فتحت تحقيقا في مقتل الصحفية: what is investigated
	}
	if i > first && backgroundLead[tk.key(i-1)] && (nounTrigger(d.Tokens[i]) || d.Tokens[i].Enc != "" && tk.key(i-1) != "خلال") {
		// بعد الهجوم، بعد احتجازه: the act is background to this
		// sentence; خلال لقائه is the meeting the sentence reports.
		return nil, false
	}
	if bareConjunction(tk.key(i)) == "احتجاجا" && c.actBefore(tk, first, i) {
		return nil, false // استدعت السفير احتجاجا على: the purpose of the act before, no protest of its own
	}
	root := codeStr[:2]
	quad := QuadClass(codeStr)
	switch {
	case negated && root == "12":
		return nil, false // refusing to refuse: leave it
	case negated && quad <= 2:
		codeStr = "120" // لن يعترف: not recognising is rejecting
	case negated:
		return nil, false
	case intent && quad <= 2 && root != "03":
		codeStr = intentCode(codeStr)
	case intent && quad == 4:
		codeStr = threatCode(codeStr)
	}
	var sources, targets []int
	var nisbaSource, nisbaTarget *document.EventActor
	passive := false // the verb's subject suffered the act (أصيب، قُتل)
	if visitNouns[bareConjunction(tk.key(i))] && c.visitParties(d, inSent, i+n, s.Tokens[1], &sources, &nisbaSource, &targets, &nisbaTarget) {
		// في زيارة لمسؤول كازاخستاني إلى العاصمة البلجيكية: the visitor
		// after ل, the host after إلى.
	} else if v, ok := arrivalBefore(tk, i, first); ok && visitNouns[bareConjunction(tk.key(i))] {
		// وصل وزير الخارجية الصيني إلى الرياض في زيارة: the one who
		// arrived visits the place after إلى.
		sources, targets = arrivalParties(d, inSent, v, i)
	} else if masdarObject(d, i, first) {
		// سارع إلى انتقاد نزارباييف: the verbal noun's genitive is its
		// object; the agent is the subject before.
		if p, ok := nearestBefore(inSent, i, 12); ok {
			sources = []int{p.entity}
		}
		if p, ok := nearestAfter(inSent, i+n-1, 2); ok {
			targets = []int{p.entity}
		}
	} else if lightVerbBefore(tk, i, first) {
		// ألقت الشرطة العراقية القبض على ثلاثة مسلحين: ألقى is the verb and
		// القبض its object; the agent is the subject between them, the
		// patient the name after على.
		if p, ok := nearestBefore(inSent, i, 6); ok {
			sources = []int{p.entity}
		}
		if t, ok := firstTarget(d, entitiesIn(inSent, i+n, s.Tokens[1]), i+n+6); ok {
			targets = []int{t}
		}
	} else if i > first && anyKey(tk.of(i-1), passiveAux) {
		// تم اعتقال ثلاثة صحفيين أتراك، جرى اعتقاله من قبل الشرطة: the
		// verbal noun after تم is passive; the name after it suffered the
		// act, and its agent, if named, follows من قبل or على يد.
		passive = true
		for _, p := range inSent {
			if p.token < i+n {
				continue
			}
			if agentLeadBefore(tk, p.token) {
				sources = []int{p.entity}
			} else if len(targets) == 0 && len(sources) == 0 {
				targets = []int{p.entity}
			}
		}
		if len(targets) == 0 {
			nisbaTarget = c.nisbaIn(tk, i+n, min(s.Tokens[1], i+n+4))
		}
	} else if nb := c.weaponNisba(tk, i, n); nb != nil {
		// قذيفة روسية، غارة إسرائيلية: the nisba after a weapon is whose
		// force fired it; the name after it, if any, was hit.
		nisbaSource = nb
		if t, ok := firstTarget(d, entitiesIn(inSent, i+n+1, s.Tokens[1]), i+n+6); ok {
			targets = []int{t}
		}
	} else if nounTrigger(d.Tokens[i]) {
		// A verbal noun: its agent is the nisba or the name right after it
		// (الغزو الروسي، غزو بوتين), its patient the name after ل or a
		// preposition (لأوكرانيا، على كازاخستان).
		nisbaSource, sources, targets = c.nominal(d, i+n, s.Tokens[1], inSent)
		if nisbaSource == nil && len(sources) == 0 && !actorless(root) {
			return nil, false // a reference to an act with no agent: background
		}
	} else if patientNouns[bareConjunction(tk.key(i))] && !agentAfter(d, inSent, i+n) {
		// مقتل 15 جنديا تركيا، اغتيال رئيس الوزراء: the name after the
		// noun is who suffered; the agent, if any, is named apart.
		if t, ok := firstTarget(d, entitiesIn(inSent, i+n, s.Tokens[1]), i+n+4); ok {
			targets = []int{t}
		}
	} else {
		sources, targets = assign(tk, inSent, i, n, first, lastSource)
		if len(sources) > 0 && c.verbBetween(tk, i+n, sources[0], s.Tokens[1]) {
			// دعا الرئيس إلى الحوار ثم هاجمت القوات المدينة: a name after
			// another verb is that verb's subject, not this one's.
			sources, targets = nil, nil
		}
		if e, k, ok := passiveAgent(tk, inSent, i, n, root, s.Tokens[1]); ok && subjectAfter(d, i, sources) {
			// أصيب ثلاثة فلسطينيين برصاص الجيش الإسرائيلي، قتل ثلاثة مدنيين
			// على يد مسلحين: the name after the weapon or على يد did it;
			// the victims are the name or the nisba before it.
			sources, targets, passive = []int{e}, nil, true
			if p, ok := nearestAfter(inSent, i+n-1, k-i-n); ok && p.token < k {
				targets = []int{p.entity}
			} else {
				nisbaTarget = c.nisbaIn(tk, i+1, k)
			}
		} else if c.passiveVictims(tk, i, n, root, sources, targets, s.Tokens[1]) {
			// أصيب ثلاثة جنود أمريكيين، قتل جنديان أمريكيان في هجوم: the
			// name after the verb suffered the act; who did it is named
			// apart, if at all.
			sources, targets, passive = nil, sources, true
		}
		if len(speakers) > 1 && len(sources) > 0 && contains(speakers, sources[0]) {
			sources = speakers // the clause's subject is the speakers together: البلدين ينويان
		}
		if !passive && len(speakers) > 0 && (len(sources) == 0 || before(inSent, sources[0], speakers)) {
			// قال/أعلن X أن ...: the speakers act unless the clause names
			// its own subject after them; after a passive verb they only
			// report who suffered (قال المتحدث إنه قتل ثلاثة جنود).
			if len(sources) > 0 && !contains(speakers, sources[0]) && len(targets) == 0 {
				targets = []int{sources[0]}
			}
			sources = speakers
		}
	}
	suffer, suffering := sufferedBy(tk, i, first)
	suffering = suffering && actorless(root)
	if suffering {
		// القوات الأميركية تعرضت لهجوم: who suffers the attack is named
		// before تعرض; its author only after a verb of carrying it out.
		// تعرضت قافلة عسكرية أمريكية لهجوم: or named between the two.
		targets = nil
		if p, ok := nearestAfter(inSent, suffer, i-suffer-1); ok {
			targets = []int{p.entity}
		} else if nb := c.nisbaIn(tk, suffer+1, i); nb != nil {
			nisbaTarget = nb
		} else if p, ok := nearestBefore(inSent, suffer, 3); ok {
			targets = []int{p.entity}
		} else if nb := c.nisbaBefore(d, suffer, first, 3); nb != nil {
			nisbaTarget = nb
		}
		sources, nisbaSource = c.claimedBy(tk, inSent, i+n, s.Tokens[1])
	} else if len(sources) == 0 && nisbaSource == nil && actorless(root) && root != "14" {
		// هجوم شنه متمردون، عمليات نفذها قراصنة صوماليون، تبناه تنظيم القاعدة
		if sources, nisbaSource = c.claimedBy(tk, inSent, i+n, s.Tokens[1]); sources == nil && nisbaSource == nil && !passive {
			nisbaSource = c.forceNisba(d, i, n, first, s.Tokens[1])
		}
		// هجوم نفذه قراصنة صوماليون: who carried it out is not its target.
		targets = slices.DeleteFunc(targets, func(t int) bool { return contains(sources, t) })
	}
	if len(targets) == 0 && nisbaTarget == nil && c.Nisba != nil {
		// الأسواق الأوروبية: a nisba after the trigger names the recipient.
		srcCountry := ""
		if len(sources) > 0 {
			if a := actorOf(d, sources[0]); a != nil && len(a.Code) >= 3 {
				srcCountry = a.Code[:3]
			}
		} else if nisbaSource != nil && len(nisbaSource.Code) >= 3 {
			srcCountry = nisbaSource.Code[:3] // RUSMIL from الطائرات الروسية: الروسية is not also the target
		}
		for j := i + n; j < s.Tokens[1]; j++ {
			if tk.personAt(j) {
				continue
			}
			nb := c.nisbaKeyAt(tk, j)
			if nb == nil && c.accusativeNisba(tk, j) {
				nb = c.accusativeNisbaAt(tk, j) // قتلت القوات شابا فلسطينيا
			}
			if nb != nil && len(sources) == 0 && nisbaSource == nil && actorless(root) && forceNouns[tk.of(j - 1)[0]] && !targetMarked(tk, j-1, i+n) {
				// قتل ثلاثة أشخاص في غارة إسرائيلية: the weapon's nisba
				// is the agent, not the target.
				nb.Code += "MIL"
				nisbaSource, srcCountry = nb, nb.Code[:3]
				continue
			}
			if nb != nil && nb.Code != srcCountry {
				nisbaTarget = nb
				break
			}
		}
		if nisbaTarget == nil && QuadClass(codeStr) >= 3 && len(sources) > 0 {
			// حين بدأ الغزو الروسي يتباطأ، كانت كازاخستان أول دولة ترفض
			// إرسال الجنود: a conflictual act answers the other side the
			// sentence, or the one before it in the paragraph, named
			// before it (... الغزو الروسي ... كازاخستان لن تعترف بدونيتسك).
			for j := i - 1; j >= paragraphBack(d, si); j-- {
				if nb := c.nisbaKeyAt(tk, j); nb != nil && nb.Code != srcCountry {
					nisbaTarget = nb
					break
				}
			}
		}
	}
	confidence := 0.7
	if len(sources) == 0 && nisbaSource == nil && lastSource >= 0 && !suffering && !passive {
		sources = []int{lastSource} // a pronoun subject: the last actor that acted
		confidence -= 0.15
	}
	if len(sources) == 0 && nisbaSource == nil && !actorless(root) {
		return nil, false // every coded act has an agent, except attacks and protests that the news reports without one
	}
	if len(targets) == 0 && nisbaTarget == nil && root == "17" && len(sources) == 1 {
		// اعتقل عددا من حلفاء الرئيس السابق: a government's coercion
		// without a named target falls on its own country.
		if a := actorOf(d, sources[0]); a != nil && len(a.Code) > 3 && !actor.Bare(a.Code) {
			sp := a.Span
			nisbaTarget = &document.EventActor{Code: a.Code[:3], Text: a.Text, Span: sp}
		}
	}
	if len(sources) == 1 && len(targets) == 0 {
		sources = withConjunct(d, inSent, sources[0])
	}
	if len(sources) == 2 && len(targets) == 0 && (root == "03" || root == "04" || root == "05" || root == "06" || codeStr == "019") {
		// أعلن توكاييف ووزير الدفاع الصيني أن البلدين ينويان...: a joint act,
		// one event each way.
		targets = []int{sources[1], sources[0]}
	}
	entry, ok := c.Ontology.Lookup(codeStr)
	if !ok {
		return nil, false
	}
	if c.Filter.Vets(entry.Plover) {
		if score, ok := c.Filter.Score(entry.Plover, feats()); ok && score <= 0 {
			return nil, false // the filter reads a mention, not an event
		}
	}
	date := sentenceDate(d, s)
	loc := location(d, s, sources, targets)
	var out []document.Event
	if nisbaSource != nil {
		sources = []int{-2} // the nisba agent, set below
	}
	if len(sources) == 0 {
		sources = []int{-1}
	}
	for k, src := range sources {
		tgts := targets
		if len(sources) == 2 && len(targets) == 2 && targets[0] == sources[1] {
			tgts = []int{targets[k]}
		}
		if len(tgts) == 0 {
			tgts = []int{-1}
		}
		for _, tgt := range tgts {
			if tgt == src && src >= 0 {
				continue // an actor acting on itself; -1 is no actor on either side
			}
			ev := document.Event{
				Code: entry.Code, Root: entry.Code[:2], Label: entry.Label, Goldstein: entry.Goldstein, Quad: entry.Quad,
				Plover: entry.Plover, Mode: entry.Mode, Context: entry.Context,
				Date: date, Location: loc,
				Source: actorOf(d, src), Target: actorOf(d, tgt),
				Sentence: s.Span, Trigger: article.Span{Start: d.Tokens[i].Span.Start, End: d.Tokens[i+n-1].Span.End},
				Negated: negated, Intent: intent, Confidence: confidence,
			}
			if src == -2 {
				ev.Source = nisbaSource
			}
			if tgt == -1 && nisbaTarget != nil {
				ev.Target = nisbaTarget
			}
			c.placeParty(d, s, &ev, sources, targets)
			if tgt >= 0 {
				ev.Confidence += 0.1
			}
			if len(speakers) > 0 && !contains(speakers, src) {
				ev.Speaker = actorOf(d, speakers[0])
			}
			if ev.Source != nil && len(ev.Source.Code) == 3 && militaryAgent(d, i, n) {
				ev.Source.Code += "MIL" // دخل جنودها: the country's soldiers act
			}
			if ev.Source != nil && ev.Target != nil && selfDirected(ev.Source.Code, ev.Target.Code, entry.Quad, entry.Code[:2]) {
				if !actorless(entry.Code[:2]) {
					continue
				}
				ev.Target = nil // an attack or protest happened, whoever it was against
			}
			out = append(out, ev)
		}
	}
	return out, len(out) > 0
}

// claimedBy finds the agent named after a verb of carrying out or claiming
// (نفذه، شنها، تبناه) that follows the trigger: the nearest name within
// four words after it, or a nisba within three (قراصنة صوماليون).
func (c *Coder) claimedBy(tk *tokenKeys, inSent []party, from, stop int) ([]int, *document.EventActor) {
	d := tk.d
	for k := from; k < stop && k < from+12; k++ {
		if !claimVerbs[bareConjunction(tk.key(k))] {
			continue
		}
		if p, ok := nearestAfter(inSent, k, 4); ok {
			return []int{p.entity}, nil
		}
		if nb := c.nisbaAfter(d, k, stop, 3); nb != nil {
			return nil, nb
		}
		return nil, nil
	}
	return nil, nil
}

// nisbaAt is token k as a party when it is a nisba adjective (الروسي,
// صوماليون), else nil.
func (c *Coder) nisbaAt(d *document.Document, k int) *document.EventActor {
	return c.nisbaOfKey(d, k, arabic.KeyOf(d.Tokens[k].Text))
}

// nisbaKeyAt is nisbaAt with the memoised key: the scans over a whole
// clause call it for every word.
func (c *Coder) nisbaKeyAt(tk *tokenKeys, k int) *document.EventActor {
	return c.nisbaOfKey(tk.d, k, tk.key(k))
}

func (c *Coder) nisbaOfKey(d *document.Document, k int, key string) *document.EventActor {
	if c.Nisba == nil {
		return nil
	}
	code, ok := c.Nisba(key)
	if !ok {
		return nil
	}
	t := d.Tokens[k]
	sp := t.Span
	return &document.EventActor{Code: code, Text: t.Text, Span: &sp}
}

// nisbaAfter is the nearest nisba in the within words after token k.
func (c *Coder) nisbaAfter(d *document.Document, k, stop, within int) *document.EventActor {
	for j := k + 1; j < stop && j <= k+within; j++ {
		if nb := c.nisbaAt(d, j); nb != nil {
			return nb
		}
	}
	return nil
}

// actBefore reports whether a trigger of a conflictual act other than a
// protest (a summons, a recall) comes before token i in the sentence
// starting at first.
func (c *Coder) actBefore(tk *tokenKeys, first, i int) bool {
	for k := first; k < i; k++ {
		if p, n := c.match(tk, k, i); p != nil && !p.Reporting {
			if !strings.HasPrefix(p.Code, "14") && QuadClass(p.Code) >= 3 {
				return true
			}
			k += n - 1
		}
	}
	return false
}

// visitParties reads a visit noun's visitor, written after ل (لمسؤول
// كازاخستاني، للرئيس الصيني), and its host, after إلى (إلى بكين، إلى
// العاصمة البلجيكية), in the words after the noun; a name or a nisba on
// either side. It reports whether it found the visitor.
func (c *Coder) visitParties(d *document.Document, inSent []party, from, stop int, sources *[]int, nisbaSource **document.EventActor, targets *[]int, nisbaTarget **document.EventActor) bool {
	side := 0 // 1 after ل, 2 after إلى
	found := false
	for k := from; k < stop && k < from+10; k++ {
		t := d.Tokens[k]
		if t.Kind == "punct" {
			break
		}
		key := arabic.KeyOf(t.Text)
		switch {
		case key == "الي":
			side = 2
			continue
		case k <= from+2 && !found && strings.HasPrefix(t.Pro, "ل"):
			side = 1 // زيارة لمسؤول، زيارة هي الثالثة لمسؤول
		}
		if side == 0 {
			if !found && k >= from+2 {
				return false // the noun is not followed by its visitor
			}
			continue
		}
		var actor *document.EventActor
		entity := -1
		if p, ok := partyAt(inSent, k); ok {
			entity = p.entity
		} else {
			actor = c.nisbaAt(d, k)
		}
		if entity < 0 && actor == nil {
			continue
		}
		switch {
		case side == 1 && !found:
			found = true
			if entity >= 0 {
				*sources = []int{entity}
			} else {
				*nisbaSource = actor
			}
			side = 0
		case side == 2:
			if entity >= 0 {
				*targets = []int{entity}
			} else {
				*nisbaTarget = actor
			}
			return found
		}
	}
	return found
}

// partyAt is the party whose name starts at token k.
func partyAt(ps []party, k int) (party, bool) {
	for _, p := range ps {
		if p.token == k {
			return p, true
		}
	}
	return party{}, false
}

// sufferedBy finds a form of تعرض ("was subjected to") in the two words
// before trigger i: the attack's victim is its subject.
func sufferedBy(tk *tokenKeys, i, first int) (int, bool) {
	for k := i - 1; k >= first && k >= i-5; k-- {
		if tk.d.Tokens[k].Kind == "punct" {
			break
		}
		if suffered[bareConjunction(tk.key(k))] {
			return k, true
		}
	}
	return -1, false
}

// nisbaBefore is the nearest nisba in the within words before token k.
func (c *Coder) nisbaBefore(d *document.Document, k, first, within int) *document.EventActor {
	for j := k - 1; j >= first && j >= k-within && d.Tokens[j].Kind != "punct"; j-- {
		if nb := c.nisbaAt(d, j); nb != nil {
			return nb
		}
	}
	return nil
}

// forceNisba is the agent of an attack named by a nisba, as a country (or
// its military, after a force noun): the subject just before the verb
// (دبابات روسية فتحت النار، وحدة إسرائيلية خاصة اغتالت), a force right
// after it (أطلقت دبابة إسرائيلية), or the adjective just after a verbal
// noun (ضربة جوية أميركية).
func (c *Coder) forceNisba(d *document.Document, i, n, first, stop int) *document.EventActor {
	var span []int
	if nounTrigger(d.Tokens[i]) {
		for k := i + n; k < stop && k < i+n+2; k++ {
			span = append(span, k)
		}
	} else {
		for k := i - 1; k >= first && k >= i-3 && d.Tokens[k].Kind != "punct"; k-- {
			span = append(span, k)
		}
		for j := i + 1; j+1 < stop && j <= i+n; j++ {
			if forceNouns[bareKey(d.Tokens[j])] {
				span = append(span, j+1) // VSO: أطلقت دبابة إسرائيلية
				break
			}
		}
	}
	for _, k := range span {
		nb := c.nisbaAt(d, k)
		if nb == nil {
			continue
		}
		if k > first && forceNouns[bareKey(d.Tokens[k-1])] {
			nb.Code += "MIL"
		}
		return nb
	}
	return nil
}

// weaponNisba is the force named by a nisba right after the weapon or
// force noun at i (قذيفة روسية: RUSMIL), or nil.
func (c *Coder) weaponNisba(tk *tokenKeys, i, n int) *document.EventActor {
	if n != 1 || i+1 >= len(tk.d.Tokens) || !forceNouns[tk.of(i)[0]] {
		return nil
	}
	nb := c.nisbaKeyAt(tk, i+1)
	if nb != nil {
		nb.Code += "MIL"
	}
	return nb
}

// bareKey is a token's key without the article: the key of the noun
// itself (القوات is قوات).
func bareKey(t document.Token) string {
	return strings.TrimPrefix(arabic.KeyOf(t.Text), "ال")
}

// placeParty gives an attack without a named victim, or a protest without
// named protesters, the country where it happened: a car bomb that kills
// ten people in Baghdad falls on Iraq, and a march in Tunis is Tunisians'.
// The country of the sentence's first place that is not a party stands in.
func (c *Coder) placeParty(d *document.Document, s document.Sentence, ev *document.Event, sources, targets []int) {
	side, other := &ev.Target, ev.Source
	switch ev.Plover {
	case "ASSAULT":
	case "PROTEST":
		side, other = &ev.Source, ev.Target
	default:
		return
	}
	if *side != nil && (*side).Code != "" {
		return
	}
	var party *document.EventActor
	if k, ok := placeEntity(d, s, sources, targets); ok {
		e := d.Entities[k]
		party = &document.EventActor{Code: e.Actor.Country, ID: e.Actor.ID, Name: e.Actor.Name, Text: e.Text, Span: e.Span}
	}
	if ev.Plover == "PROTEST" {
		// The protesters' nisba, when it comes first: آلاف المتظاهرين
		// الصوماليين، متظاهرون غاضبون في البقاع اللبناني.
		if nb := c.firstNisba(d, s); nb != nil && (party == nil || nb.Span.Start < party.Span.Start) {
			party = nb
		}
	}
	if party == nil {
		return
	}
	if other != nil && other.Code == party.Code {
		if ev.Plover == "PROTEST" && len(other.Code) == 3 {
			// تظاهر آلاف التونسيين في تونس: the country's own people
			// protest, at home.
			party.Code += "CVL"
			*side = party
		}
		return
	}
	*side = party
	if ev.Plover == "PROTEST" && (ev.Target == nil || ev.Target.Code == "") && len(party.Code) == 3 {
		// متظاهرون غاضبون في البقاع اللبناني: with no one named, a protest
		// at home is its people's against their own state.
		home := *party
		party.Code += "CVL"
		ev.Target = &home
	}
}

// firstNisba is the first nisba adjective of sentence s, as a party.
func (c *Coder) firstNisba(d *document.Document, s document.Sentence) *document.EventActor {
	for i := s.Tokens[0]; i < s.Tokens[1]; i++ {
		if d.Tokens[i].Kind != "word" {
			continue
		}
		if nb := c.nisbaAt(d, i); nb != nil {
			return nb
		}
	}
	return nil
}

// placeEntity is the first place in sentence s, with a country, that is
// not one of the event's parties.
func placeEntity(d *document.Document, s document.Sentence, sources, targets []int) (int, bool) {
	for k, e := range d.Entities {
		if e.Type != "LOC" || e.Span == nil || e.Actor == nil || e.Actor.Country == "" || e.Span.Start < s.Span.Start || e.Span.End > s.Span.End {
			continue
		}
		if contains(sources, k) || contains(targets, k) {
			continue
		}
		return k, true
	}
	return -1, false
}

// selfDirected reports whether an event's two sides are one actor, or a
// country and one of its own bodies (KAZGOV and KAZ) in an act of
// cooperation or a rejection: a state's organ cooperating with, or
// rejecting, the bare state is a misreading (the country named in a
// quote). Coercion and violence may be domestic (KAZGOV arrests in KAZ).
func selfDirected(src, tgt string, quad int, root string) bool {
	if src == tgt {
		return true
	}
	if quad > 2 && root != "12" {
		return false
	}
	switch {
	case len(tgt) == 3 && len(src) > 3:
		return strings.HasPrefix(src, tgt)
	case len(src) == 3 && len(tgt) > 3:
		return strings.HasPrefix(tgt, src)
	}
	return false
}

// paragraphBack is the first token of the sentence before si when both
// are in one paragraph, else of si itself.
func paragraphBack(d *document.Document, si int) int {
	s := d.Sentences[si]
	if si > 0 {
		if p := d.Sentences[si-1]; p.Region == s.Region && p.Block == s.Block {
			return p.Tokens[0]
		}
	}
	return s.Tokens[0]
}

// bareConjunction strips a leading و or ف from a particle: ولم، فلن، ولا
// negate as لم، لن، لا do.
func bareConjunction(key string) string {
	if len(key) > len("و") && (strings.HasPrefix(key, "و") || strings.HasPrefix(key, "ف")) {
		if rest := key[len("و"):]; negations[rest] || intentWords[rest] || rest == "قد" {
			return rest
		}
	}
	return key
}

// ownClause reports whether the trigger t stands outside the scope of the
// negation word neg: غير negates only the word right after it (غير مألوفة
// واعتقل), and a verb coordinated with و or ف starts a clause of its own
// (لم ينتقد واعتقل).
func ownClause(t document.Token, neg string, adjacent bool) bool {
	if neg == "غير" && !adjacent {
		return true
	}
	return !adjacent && coordinatedVerb(t) && !strings.HasPrefix(t.Stem, "ي") && !strings.HasPrefix(t.Stem, "ت")
}

// dropIntentOf removes the event the intent word before trigger i coded on
// its own (تعتزم: 030) once the act it governs is coded as intended
// (تعتزم الحكومة فرض عقوبات: 1312): the word is that event's mood, not a
// second event.
func dropIntentOf(d *document.Document, tk *tokenKeys, i, first int) {
	for k := max(i-3, first); k < i; k++ {
		if !intentWord(bareConjunction(tk.key(k))) {
			continue
		}
		at := d.Tokens[k].Span.Start
		d.Events = slices.DeleteFunc(d.Events, func(e document.Event) bool {
			return e.Trigger.Start == at && e.Root == "03"
		})
	}
}

// intentWord reports whether key (its conjunction stripped by
// bareConjunction, or still on it) is a word of intent.
func intentWord(key string) bool {
	return intentWords[key] || strings.HasPrefix(key, "و") && intentWords[key[len("و"):]]
}

// prefixRule maps the CAMEO codes that start with prefix to code.
type prefixRule struct{ prefix, code string }

// byPrefix is the code of the first rule whose prefix starts code, or
// otherwise; rules list longer prefixes first.
func byPrefix(rules []prefixRule, code, otherwise string) string {
	for _, r := range rules {
		if strings.HasPrefix(code, r.prefix) {
			return r.code
		}
	}
	return otherwise
}

// intentCodes are the CAMEO 03 codes of intending a cooperative act: to
// meet (036), to cooperate diplomatically (032) or materially (031), to
// give aid (033), to yield (035); 030 for the rest.
var intentCodes = []prefixRule{{"04", "036"}, {"05", "032"}, {"06", "031"}, {"07", "033"}, {"08", "035"}}

func intentCode(code string) string { return byPrefix(intentCodes, code, "030") }

// threatCodes are the CAMEO 13 codes of intending a hostile act, which is
// a threat of it: to sanction (1312), to cut relations (1313) or aid
// (1311), to halt talks (134), mediation (135) or involvement (136), to
// arrest or expel (132), to repress (137), other coercion (130), to
// protest (133); force (15, 18-20) is a threat of military force (138).
var threatCodes = []prefixRule{
	{"163", "1312"}, {"161", "1313"}, {"162", "1311"}, {"164", "134"}, {"165", "135"}, {"166", "136"}, {"16", "131"},
	{"172", "132"}, {"173", "132"}, {"174", "132"}, {"175", "137"}, {"17", "130"}, {"14", "133"},
}

func threatCode(code string) string { return byPrefix(threatCodes, code, "138") }

// coordinatedVerb: a verb joined to the one before by و or ف (واعتقل),
// which shares that verb's subject unless it names its own.
func coordinatedVerb(t document.Token) bool {
	return !nounTrigger(t) && (strings.HasPrefix(t.Pro, "و") || strings.HasPrefix(t.Pro, "ف"))
}

// assign picks sources and targets around trigger i: Arabic puts the verb
// first (أغلقت محكمة روسية محطة...) or the subject first (توكاييف رفض...);
// coordinated names (X و Y) give one event each.
func assign(tk *tokenKeys, inSent []party, i, n, first, lastSource int) (sources, targets []int) {
	d := tk.d
	after := func(from int) []party {
		var ps []party
		for _, p := range inSent {
			if p.token >= from {
				ps = append(ps, p)
			}
		}
		return ps
	}
	// Names between the trigger and its required word are its subjects:
	// وقّعت كازاخستان والصين اتفاقية.
	next := after(i + 1)
	if len(next) > 0 && counterpartOf(tk, next[0]) {
		// والتقى نظيره الصيني: the counterpart is the object, and the
		// subject is whoever the pronoun on نظير points back to: the
		// previous verb's subject, or the actor named before (not a place:
		// زار بكين والتقى نظيره).
		if p, ok := nearestActorBefore(d, inSent, i, 12); ok && !(coordinatedVerb(d.Tokens[i]) && lastSource >= 0) {
			sources = append(sources, p.entity)
		} else if lastSource >= 0 {
			sources = append(sources, lastSource)
		}
		return sources, []int{next[0].entity}
	}
	if i-1 > first && relatives[tk.key(i-1)] {
		// الكاظمي الذي التقى الوفدين: the verb after a relative pronoun has
		// the name before the pronoun as its subject, the names after it
		// as objects.
		if p, ok := nearestBefore(inSent, i-1, 4); ok && !punctBetween(d, p.token, i) {
			if len(next) > 0 {
				targets = withConjunct(d, inSent, next[0].entity)
			}
			return []int{p.entity}, targets
		}
	}
	if p, ok := nearestBefore(inSent, i, 2); ok && !punctBetween(d, p.token, i) {
		// SVO: a name right before the verb is its subject (تصريحات
		// زاتولين وتهدد كازاخستان).
		sources = append(sources, p.entity)
		if len(next) > 0 {
			targets = append(targets, next[0].entity)
		}
		return sources, targets
	}
	if k, ok := biObject(d, inSent, i, n); ok && coordinatedVerb(d.Tokens[i]) && lastSource >= 0 {
		// وطالب الاتحاد الأوروبي بزيادة استثماراته: one name between a
		// coordinated verb and its بـ complement is the object; the
		// subject is the previous verb's.
		return []int{lastSource}, []int{k}
	}
	reach := i + n + 3
	if i+n < len(d.Tokens) && titleLead[bareKey(d.Tokens[i+n])] {
		reach = i + n + 7 // انتقدت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا
	}
	if len(next) > 0 && next[0].token <= reach && !governed(d, i+n, next[0].token) {
		// VSO: the subject follows the verb closely.
		sources = append(sources, next[0].entity)
		rest := next[1:]
		if len(rest) > 0 && apposition(d, next[0], rest[0]) {
			// الأمين العام للأمم المتحدة أنطونيو غوتيريش: the title and the
			// name are one subject.
			rest = rest[1:]
		}
		if len(rest) > 0 && rest[0].coord && rest[0].token <= next[0].token+3 {
			// a second subject in coordination: توكاييف ووزير الدفاع الصيني
			sources = append(sources, rest[0].entity)
			rest = rest[1:]
		}
		if t, ok := firstTarget(d, rest, len(d.Tokens)); ok {
			targets = append(targets, t) // not في العراق: where it happened
		}
		return sources, targets
	}
	if coordinatedVerb(d.Tokens[i]) && lastSource >= 0 {
		// انتقد توكاييف نزارباييف واعتقل: the subject of the first verb
		sources = append(sources, lastSource)
	} else if p, ok := nearestBefore(inSent, i, 12); ok {
		sources = append(sources, p.entity)
	}
	if t, ok := firstTarget(d, next, i+n+8); ok {
		targets = append(targets, t)
	}
	return sources, targets
}

// counterpartOf reports whether p is someone's counterpart: a counterpart
// phrase (نظيره الصيني) or a name right after one (نظيره الصيني شي جين
// بينغ). It is never the subject of the verb before it.
func counterpartOf(tk *tokenKeys, p party) bool {
	d := tk.d
	if d.Entities[p.entity].Source == "counterpart" {
		return true
	}
	for k := p.token - 1; k >= 0 && k >= p.token-3; k-- {
		t := d.Tokens[k]
		if t.Kind != "word" && t.Text != "،" && t.Text != "," {
			return false
		}
		if actor.Counterpart(actor.Token{Key: tk.key(k), Pro: t.Pro}) {
			return true
		}
	}
	return false
}

// nearestActorBefore is the nearest party before token i, within tokens,
// that is not a place.
func nearestActorBefore(d *document.Document, ps []party, i, within int) (party, bool) {
	for k := len(ps) - 1; k >= 0; k-- {
		p := ps[k]
		if p.token >= i || d.Entities[p.entity].Type == "LOC" {
			continue
		}
		return p, p.token >= i-within
	}
	return party{}, false
}

// biObject reports the one name between trigger i and the word with ب that
// ends its span (طالب X بـ، اتهم X بـ), the verb's object.
func biObject(d *document.Document, inSent []party, i, n int) (int, bool) {
	if n < 3 {
		return -1, false
	}
	last := d.Tokens[i+n-1]
	if !strings.HasPrefix(last.Pro, "ب") && !strings.HasPrefix(arabic.KeyOf(last.Text), "ب") {
		return -1, false
	}
	names := entitiesIn(inSent, i+1, i+n-1)
	if len(names) != 1 || names[0].token != i+1 {
		return -1, false
	}
	return names[0].entity, true
}

// firstTarget is the first name after the verb that is not where the act
// happened (في أوكرانيا is a place, not the recipient) and not beyond
// token within.
func firstTarget(d *document.Document, next []party, within int) (int, bool) {
	for _, p := range next {
		if p.token > within {
			break // a name far after the verb belongs to another clause
		}
		if placePhrase(d, p.token) && strings.HasPrefix(d.Entities[p.entity].Actor.ID, "country:") {
			continue
		}
		return p.entity, true
	}
	return -1, false
}

// withConjunct returns the source and the name coordinated with it right
// before or after it (الجيشان المصري والسعودي), or the source alone.
func withConjunct(d *document.Document, inSent []party, src int) []int {
	for k, p := range inSent {
		if p.entity != src {
			continue
		}
		if p.coord && k > 0 && adjacent(d, inSent[k-1], p) {
			return []int{inSent[k-1].entity, src}
		}
		if k+1 < len(inSent) && inSent[k+1].coord && adjacent(d, p, inSent[k+1]) {
			return []int{src, inSent[k+1].entity}
		}
		break
	}
	return []int{src}
}

// adjacent reports whether party b starts right after party a ends.
func adjacent(d *document.Document, a, b party) bool {
	end, ok := endToken(d, d.Entities[a.entity].Span)
	return ok && b.token == end+1
}

// apposition reports whether party b follows party a directly, or after
// honorifics, as the same actor: a title and its holder's name, of one
// country (the name may hold another office too: ولي العهد السعودي الأمير
// محمد بن سلمان, crown prince and defence minister).
func apposition(d *document.Document, a, b party) bool {
	if b.coord || len(a.code) < 3 || len(b.code) < 3 || a.code[:3] != b.code[:3] {
		return false
	}
	ea, eb := d.Entities[a.entity], d.Entities[b.entity]
	switch {
	case ea.Type == "PERS" && eb.Type == "PERS":
		if ea.Actor.ID != eb.Actor.ID {
			return false // انتقد توكاييف نزارباييف: two people
		}
	case a.code != b.code && eb.Type != "PERS":
		return false // one country, two bodies
	}
	end, ok := endToken(d, ea.Span)
	if !ok {
		return false
	}
	k := end + 1
	for k < b.token && k <= end+2 && honorifics[arabic.KeyOf(d.Tokens[k].Text)] {
		k++ // ولي العهد السعودي الأمير محمد بن سلمان
	}
	return k == b.token
}

// honorifics come between a title and the name of its holder.
var honorifics = keySet("الأمير", "الشيخ", "الملك", "السيد", "السيدة", "الدكتور", "الدكتورة", "المشير", "الفريق", "اللواء", "العميد", "العقيد", "الجنرال", "المستشار", "المهندس", "سمو", "السلطان")

// placePhrase reports whether the name at token p is where something
// happened: after في, or after في and a direction (في شمال العراق).
func placePhrase(d *document.Document, p int) bool {
	k := p - 1
	if k > 0 && directions[arabic.KeyOf(d.Tokens[k].Text)] {
		k--
	}
	return k >= 0 && arabic.KeyOf(d.Tokens[k].Text) == "في"
}

// governed reports whether a preposition comes between the verb (ending
// before token from) and the name at token p: in دخل جنودها إلى كازاخستان
// or لن يعترف بجمهوريتي دونيتسك the name is an object, not the subject.
func governed(d *document.Document, from, p int) bool {
	for k := from; k <= p && k < len(d.Tokens); k++ {
		t := d.Tokens[k]
		key := arabic.KeyOf(t.Text)
		if key == "باسم" {
			continue // المتحدثة باسم الخارجية: the subject's title, no object
		}
		if k < p && (prepositions[key] || locatives[key]) {
			return true // على، أمام السفارة: an object or a place, not the subject
		}
		if strings.HasPrefix(t.Pro, "ب") || strings.HasPrefix(t.Pro, "ل") || strings.HasPrefix(t.Pro, "وب") || strings.HasPrefix(t.Pro, "ول") {
			return true
		}
	}
	return false
}

// targetMarked reports whether the noun at k comes after a preposition
// that marks the target (على دورية بريطانية، ضد القوات) or carries ل.
func targetMarked(tk *tokenKeys, k, from int) bool {
	if strings.Contains(tk.d.Tokens[k].Pro, "ل") {
		return true
	}
	return k > from && targetLeads[tk.key(k-1)]
}

var targetLeads = keySet("على", "ضد", "إلى", "تجاه", "باتجاه", "نحو")

// locatives are prepositions of place: a name after them is where the
// act happened or whom it faced (احتجوا أمام السفارة المصرية).
var locatives = keySet("أمام", "قرب", "داخل", "خارج", "عند", "لدى", "وسط", "خلف", "قبالة")

// punctBetween reports whether a punctuation mark separates tokens a and b:
// a name before a comma ends the clause before the verb (الغزو الروسي
// لأوكرانيا، عرض توكاييف) and is not its subject.
func punctBetween(d *document.Document, a, b int) bool {
	for k := a + 1; k < b; k++ {
		if d.Tokens[k].Kind == "punct" {
			return true
		}
	}
	return false
}

// actorEntities lists the entities that can act: resolved, with a token
// position, and not a mere city (cities are where things happen).
func (c *Coder) actorEntities(d *document.Document) []party {
	var out []party
	for k, e := range d.Entities {
		if e.Span == nil || e.Actor == nil || e.Actor.Code == "" || strings.HasPrefix(e.Actor.ID, "city:") && !c.capitalAsGovernment(e) {
			continue
		}
		tok, ok := tokenAt(d, e.Span.Start)
		if ok && strings.HasPrefix(e.Actor.ID, "city:") && (tok > 0 && arabic.KeyOf(d.Tokens[tok-1].Text) == "في" || strings.HasPrefix(d.Tokens[tok].Pro, "ب")) {
			continue // في أستانا: where it happened, not who acted
		}
		if ok {
			out = append(out, party{entity: k, token: tok, code: e.Actor.Code, coord: strings.HasPrefix(d.Tokens[tok].Pro, "و"),
				bare: actor.Bare(e.Actor.Code)})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].token < out[b].token })
	return out
}

// tokenAt is the token holding byte offset off (a span may start after a
// proclitic); tokens are in text order, so a binary search finds it.
func tokenAt(d *document.Document, off int) (int, bool) {
	i := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].Span.End > off })
	if i < len(d.Tokens) && d.Tokens[i].Span.Start <= off {
		return i, true
	}
	return 0, false
}

// capitalAsGovernment: a capital stands for its government (موسكو ترفض).
func (c *Coder) capitalAsGovernment(e document.Entity) bool {
	if !strings.HasPrefix(e.Actor.ID, "city:") || e.Actor.Code == "" {
		return false
	}
	if c.Capital != nil {
		return c.Capital(e.Actor.ID)
	}
	return true
}

// named is ps without the bare sector nouns: a sentence's named actors
// take the sides of its acts first.
func named(ps []party) []party {
	bare := func(p party) bool { return p.bare }
	if !slices.ContainsFunc(ps, bare) {
		return ps
	}
	return slices.DeleteFunc(slices.Clone(ps), bare)
}

// purposeOf reports whether t is a verbal noun of purpose: ل without the
// article (لاستئناف، ولمناقشة), "in order to".
func purposeOf(t document.Token) bool {
	return t.Pro == "ل" || t.Pro == "ول" || t.Pro == "فل"
}

// appealContent reports whether trigger i is what an appeal or demand
// before it asks for: a verbal noun after إلى or with ب or ل (إلى وقف،
// بوقف، لوقف).
func appealContent(tk *tokenKeys, i, first int) bool {
	t := tk.d.Tokens[i]
	if strings.HasPrefix(t.Pro, "ب") || strings.HasPrefix(t.Pro, "ل") {
		return true
	}
	// إلى وقف، إلى إجراء محادثات: إلى, and at most a light verbal noun
	// between it and the act.
	for k := i - 1; k >= first && k >= i-2; k-- {
		if tk.key(k) == "الي" {
			return true
		}
	}
	return false
}

// refineAppeal gives a generic appeal (020) or demand (100) the code of
// what it asks for: to yield (025x / 105x as the act yielded: a ceasefire
// is 0256 / 1056, a release 0253 / 1053), to meet (026 / 106), to
// cooperate (021, 022 / 101, 102), to give aid (023 / 103). A finer
// appeal the patterns coded already is kept.
func (c *Coder) refineAppeal(ev *document.Event, content string) {
	if ev.Code != "020" && ev.Code != "100" {
		return
	}
	tail := byPrefix(appealTails, content, "") // the digits after 02 or 10
	if tail == "" {
		return
	}
	entry, ok := c.Ontology.Lookup(ev.Code[:2] + tail)
	if !ok {
		return
	}
	setCode(ev, entry)
}

// setCode gives ev the code of entry, with its label, score and types.
func setCode(ev *document.Event, entry *Code) {
	ev.Code, ev.Label, ev.Goldstein, ev.Quad = entry.Code, entry.Label, entry.Goldstein, entry.Quad
	ev.Plover, ev.Mode, ev.Context = entry.Plover, entry.Mode, entry.Context
}

// refineConsult gives the events of one consultation the finer code of
// the noun that says how it took place (041 by telephone), when the
// events have the bare 040.
func (c *Coder) refineConsult(evs []document.Event, code string) {
	entry, ok := c.Ontology.Lookup(code)
	if !ok || code == "040" {
		return
	}
	for i := range evs {
		if evs[i].Code == "040" {
			setCode(&evs[i], entry)
		}
	}
}

// appealTails map the code of what is asked for, by its longest prefix
// first, to the digits that follow 02 (appeal) or 10 (demand): CAMEO
// numbers the two families alike (0256 and 1056 both ask for
// de-escalation).
var appealTails = []prefixRule{
	{"087", "56"}, {"0841", "53"}, {"081", "51"}, {"082", "52"}, {"085", "54"}, {"086", "55"},
	{"083", "4"}, {"08", "5"}, {"04", "6"}, {"06", "1"}, {"05", "2"}, {"07", "3"},
}

// lightVerbBefore reports whether a light verb whose object is the verbal
// noun at i comes up to four words before it (ألقت الشرطة القبض).
func lightVerbBefore(tk *tokenKeys, i, first int) bool {
	if !nounTrigger(tk.d.Tokens[i]) {
		return false
	}
	for k := i - 1; k >= first && k >= i-4; k-- {
		for _, key := range tk.of(k) { // وألقت: the verb without its conjunction
			if lightVerbs[key] {
				return true
			}
		}
	}
	return false
}

var lightVerbs = keySet("ألقى", "ألقت", "ألقوا", "ألقيا", "يلقي", "تلقي", "يلقون")

// adjunctNoun reports whether trigger i is a verbal noun in an adjunct
// phrase that says how or why the act before happened: في هجوم، جراء
// القصف، إثر انفجار، بانفجار، في اتصال هاتفي.
func adjunctNoun(tk *tokenKeys, i, first int) bool {
	t := tk.d.Tokens[i] // a word after ب or after these words is a noun
	if strings.HasPrefix(t.Pro, "ب") || strings.HasPrefix(t.Pro, "وب") {
		return true
	}
	return i > first && causeLeads[bareKey(tk.d.Tokens[i-1])]
}

// arrivalBefore finds a verb of arrival (وصل، حل) up to twelve words
// before the visit noun at i, which must follow في: في زيارة is how the
// arrival took place.
func arrivalBefore(tk *tokenKeys, i, first int) (int, bool) {
	if i == first || tk.key(i-1) != "في" {
		return 0, false
	}
	for k := i - 2; k >= first && k >= i-12; k-- {
		if tk.d.Tokens[k].Kind == "punct" {
			break
		}
		for _, key := range tk.of(k) {
			if arrivalVerbs[key] {
				return k, true
			}
		}
	}
	return 0, false
}

var arrivalVerbs = keySet("وصل", "وصلت", "وصلوا", "وصلا", "يصل", "تصل", "يصلون", "حل", "حلت")

// arrivalParties reads the visitor (the verb's subject, right after it)
// and the host (the name after إلى) between the verb at v and the noun
// at i.
func arrivalParties(d *document.Document, inSent []party, v, i int) (sources, targets []int) {
	host := -1
	for k := v + 1; k < i; k++ {
		if arabic.KeyOf(d.Tokens[k].Text) == "الي" {
			host = k
			break
		}
	}
	for _, p := range inSent {
		switch {
		case p.token <= v || p.token >= i:
		case host < 0 || p.token < host:
			if len(sources) == 0 {
				sources = []int{p.entity}
			}
		case len(targets) == 0:
			targets = []int{p.entity}
		}
	}
	return sources, targets
}

// resultOfViolence reports whether the trigger at i follows a verb of
// result (أدى إلى، أسفر عن، أوقع، خلف), as its subject or its object.
func resultOfViolence(tk *tokenKeys, i, first int) bool {
	for k := i - 1; k >= first && k >= i-3; k-- {
		for _, key := range tk.of(k) { // وأسفر: the verb without its conjunction
			if resultVerbs[key] {
				return true
			}
		}
	}
	return false
}

var resultVerbs = keySet("أدى", "أدت", "يؤدي", "تؤدي", "أسفر", "أسفرت", "يسفر", "تسفر", "أوقع", "أوقعت", "خلف", "خلفت", "حصد", "حصدت")

var causeLeads = keySet("في", "جراء", "إثر", "اثر", "خلال", "بسبب", "نتيجة")

// agentAfter reports whether the word at token k is an armed or
// coercive actor (مسلحون، الشرطة، قوات): after خطف or جرح it makes the
// trigger a verb with its subject (خطف مسلحون مهندسا), not a verbal noun
// whose genitive suffered it (خطف مهندس).
func agentAfter(d *document.Document, ps []party, k int) bool {
	p, ok := partyAt(ps, k)
	if !ok {
		return false
	}
	a := d.Entities[p.entity].Actor
	return a != nil && len(a.Code) >= 6 && agentSectors[a.Code[len(a.Code)-3:]]
}

var agentSectors = map[string]bool{"UAF": true, "REB": true, "MIL": true, "COP": true, "CRM": true, "RAD": true, "SEP": true}

// passiveVerbs are verbs of violence whose subject suffers it: the news
// writes them without the vowel that marks the passive (أُصيب، اُغتيل).
var passiveVerbs = keySet("أصيب", "أصيبت", "أصيبوا", "أصيبا", "يصاب", "تصاب", "يصابون", "اغتيل", "اغتيلت", "اغتيلوا")

// passiveForm reports whether trigger i is a passive verb of violence, or
// a form of قتل that may be read as passive (واغتيل، وقتل: the trigger
// without its conjunction).
func passiveForm(tk *tokenKeys, i int) (passive, kill bool) {
	for _, key := range tk.of(i) {
		passive = passive || passiveVerbs[key]
		kill = kill || killVerbs[key]
	}
	return passive, kill
}

// killVerbs are the forms of قتل that read as killed (قُتل) as often as
// killed (قَتل): passive when the subject after them has no object.
var killVerbs = keySet("قتل", "قتلت", "قتلوا", "قتلا")

// verbBetween reports whether another trigger that is a verb (no article,
// no preposition) starts between token from and the first token of entity
// e, which follows them.
func (c *Coder) verbBetween(tk *tokenKeys, from, e, stop int) bool {
	sp := tk.d.Entities[e].Span
	if sp == nil {
		return false
	}
	for k := from; k < stop && tk.d.Tokens[k].Span.End <= sp.Start; k++ {
		t := tk.d.Tokens[k]
		if t.Kind != "word" || t.Pro != "" && t.Pro != "و" && t.Pro != "ف" {
			continue
		}
		if p, _ := c.match(tk, k, stop); p != nil && !p.Reporting && !nounTrigger(t) {
			return true
		}
	}
	return false
}

// passiveVictims reports whether the subject that assign found after
// trigger i is the victim of the act: always after a passive verb, and
// after a form of قتل when no actor or nisba follows the subject in its
// clause (قتل جنديان أمريكيان في هجوم, not قتل جنود أمريكيون عراقيين).
func (c *Coder) passiveVictims(tk *tokenKeys, i, n int, root string, sources, targets []int, stop int) bool {
	if root != "18" && root != "19" && root != "20" || len(sources) == 0 {
		return false
	}
	d := tk.d
	passive, kill := passiveForm(tk, i)
	if passive {
		return true
	}
	if !kill {
		return false
	}
	subj := d.Entities[sources[0]].Span
	if subj == nil || subj.Start < d.Tokens[i].Span.End {
		return false // a subject before the verb: مسلحون قتلوا is active
	}
	end := subj.End
	for k := i + n; k < stop; k++ {
		t := d.Tokens[k]
		if t.Span.Start < subj.End {
			continue
		}
		if t.Kind == "punct" || clauseBreak[bareKey(t)] || t.Pro == "ب" || t.Pro == "و" {
			break
		}
		if c.nisbaKeyAt(tk, k) != nil || c.accusativeNisba(tk, k) {
			return false // قتل جنود أمريكيون عراقيين، قتلت القوات شابا فلسطينيا: the nisba is the object
		}
		end = t.Span.End
	}
	// A target inside the subject's clause is the verb's object (قتل
	// مسلحون جنديين); one past a break belongs to another clause (قتل خمسة
	// جنود في هجوم شنه مسلحون).
	for _, t := range targets {
		if sp := d.Entities[t].Span; sp != nil && sp.Start < end {
			return false
		}
	}
	return true
}

// passiveAgent finds, after a passive verb of violence at i (or a form
// of قتل), the name of its agent within the clause: after a weapon
// (برصاص الجيش، بنيران القوات) or an agent phrase (على يد مسلحين، من قبل
// الشرطة). It returns the entity and the token where the phrase starts.
func passiveAgent(tk *tokenKeys, inSent []party, i, n int, root string, stop int) (int, int, bool) {
	if root != "18" && root != "19" && root != "20" {
		return 0, 0, false
	}
	if passive, kill := passiveForm(tk, i); !passive && !kill {
		return 0, 0, false
	}
	for _, p := range inSent {
		if p.token < i+n || p.token < 1 {
			continue
		}
		if p.token > i+n+8 {
			break
		}
		k := p.token - 1
		if strings.HasPrefix(tk.d.Tokens[k].Pro, "ب") && weaponNouns[tk.of(k)[0]] {
			return p.entity, k, true
		}
		if agentLeadBefore(tk, p.token) {
			return p.entity, k - 1, true
		}
	}
	return 0, 0, false
}

// weaponNouns are what a passive victim was hit by (أصيب برصاص، قتل بنيران).
var weaponNouns = keySet("رصاص", "نيران", "نار", "قذيفة", "قذائف", "صاروخ", "صواريخ", "قصف", "غارة", "غارات", "رصاصة", "شظايا")

// accusativeNisba reports whether token k is a nisba with the alif of
// the indefinite accusative (فلسطينيا، أمريكيا): an object's adjective.
// A word that is also a country (سوريا) is not read so.
func (c *Coder) accusativeNisba(tk *tokenKeys, k int) bool {
	key := tk.key(k)
	stem, ok := strings.CutSuffix(key, "يا")
	if !ok || c.Nisba == nil {
		return false
	}
	if _, country := c.Nisba(key); country {
		return false
	}
	_, ok = c.Nisba(stem + "ي")
	return ok && !countryAt(tk.d, k)
}

// accusativeNisbaAt is the actor of the accusative nisba at token k.
func (c *Coder) accusativeNisbaAt(tk *tokenKeys, k int) *document.EventActor {
	code, _ := c.Nisba(strings.TrimSuffix(tk.key(k), "ا"))
	t := tk.d.Tokens[k]
	sp := t.Span
	return &document.EventActor{Code: code, Text: t.Text, Span: &sp}
}

// countryAt reports whether a name of a country starts at token k.
func countryAt(d *document.Document, k int) bool {
	start := d.Tokens[k].Span.Start
	for _, e := range d.Entities {
		if e.Span != nil && e.Actor != nil && e.Span.Start >= start && e.Span.Start < d.Tokens[k].Span.End && strings.HasPrefix(e.Actor.ID, "country:") {
			return true
		}
	}
	return false
}

// subjectAfter reports whether the verb at i has no subject before it:
// none found, or the first found after it.
func subjectAfter(d *document.Document, i int, sources []int) bool {
	if len(sources) == 0 {
		return true
	}
	sp := d.Entities[sources[0]].Span
	return sp != nil && sp.Start >= d.Tokens[i].Span.End
}

// anyKey reports whether one of keys is in set.
func anyKey(keys []string, set map[string]bool) bool {
	for _, k := range keys {
		if set[k] {
			return true
		}
	}
	return false
}

// prayer reports whether God is named within three words after an
// appeal's trigger: دعا الله is a prayer.
func prayer(tk *tokenKeys, from, stop int) bool {
	for k := from; k < stop && k < from+3; k++ {
		if tk.key(k) == godKey {
			return true
		}
	}
	return false
}

var godKey = wordKey("الله")

// onKey is على as the token layer writes it.
var onKey = wordKey("على")

// inquiryNouns are investigations and trials: the act after their في is
// what they look into, not an act the sentence reports.
var inquiryNouns = keySet("تحقيق", "تحقيقا", "تحقيقات", "تحقيقاتها", "التحقيق", "التحقيقات", "لجنة", "محاكمة", "المحاكمة", "النظر")

// relatives are the relative pronouns: a verb after one has its
// antecedent as subject.
var relatives = keySet("الذي", "التي", "الذين", "اللذين", "اللذان", "اللتين", "اللتان")

// passiveAux are the verbs that make a verbal noun passive (تم اعتقال).
var passiveAux = keySet("تم", "تمت", "يتم", "تتم", "سيتم", "جرى", "جرت", "وتم", "وتمت", "ويتم", "وجرى", "فتم")

// agentLeads name the agent of a passive verb: على يد، من قبل.
var agentLeads = [][2]string{{wordKey("على"), wordKey("يد")}, {wordKey("من"), wordKey("قبل")}}

// agentLeadBefore reports whether an agent lead ends right before token k.
func agentLeadBefore(tk *tokenKeys, k int) bool {
	if k < 2 {
		return false
	}
	for _, l := range agentLeads {
		if tk.key(k-2) == l[0] && tk.key(k-1) == l[1] {
			return true
		}
	}
	return false
}

// nisbaIn is the first nisba among tokens [from, to).
func (c *Coder) nisbaIn(tk *tokenKeys, from, to int) *document.EventActor {
	for k := from; k < to; k++ {
		if nb := c.nisbaKeyAt(tk, k); nb != nil {
			return nb
		}
	}
	return nil
}

// clauseBreak are words that end the subject's clause: a place, a cause,
// a time follows (في هجوم، جراء القصف، إثر، خلال، عندما).
var clauseBreak = keySet("في", "جراء", "إثر", "اثر", "خلال", "عندما", "حين", "بعد", "قبل", "أمس", "امس", "اليوم", "على", "من")

// victimsSuffer turns bare civilians or refugees read as the agent of an
// assault (CAMEO 18 to 20) into its target: قتل عشرة أشخاص is ten people killed.
func victimsSuffer(events []document.Event) {
	for k := range events {
		e := &events[k]
		if e.Root != "18" && e.Root != "19" && e.Root != "20" || e.Source == nil || e.Source.Code != actor.NoCountry+"CVL" && e.Source.Code != actor.NoCountry+"REF" {
			continue
		}
		if e.Target == nil {
			e.Target = e.Source
		}
		e.Source = nil
	}
}

// partiesOf counts the sides the first of events fills.
func partiesOf(events []document.Event) int {
	if len(events) == 0 {
		return 0
	}
	n := 0
	src, tgt := events[0].Source, events[0].Target
	if src != nil {
		n++
	}
	if tgt != nil && !(src != nil && tgt.Span != nil && src.Span != nil && *src.Span == *tgt.Span) {
		n++ // not the source's own country standing in (اعتقلت الشرطة العراقية: IRQ)
	}
	return n
}

func entitiesIn(ps []party, first, stop int) []party {
	var out []party
	for _, p := range ps {
		if p.token >= first && p.token < stop {
			out = append(out, p)
		}
	}
	return out
}

func nearestBefore(ps []party, i, within int) (party, bool) {
	for k := len(ps) - 1; k >= 0; k-- {
		if ps[k].token < i && ps[k].token >= i-within {
			return ps[k], true
		}
	}
	return party{}, false
}

func nearestAfter(ps []party, i, within int) (party, bool) {
	for _, p := range ps {
		if p.token > i && p.token <= i+within {
			return p, true
		}
	}
	return party{}, false
}

// actedBy is the entity that is the source of e, when it is a named party
// of the sentence.
func actedBy(d *document.Document, inSent []party, e document.Event) (int, bool) {
	if e.Source == nil || e.Source.Span == nil {
		return -1, false
	}
	for _, p := range inSent {
		if sp := d.Entities[p.entity].Span; sp != nil && *sp == *e.Source.Span {
			return p.entity, true
		}
	}
	return -1, false
}

func firstSource(ps []party, i int) (int, bool) {
	if p, ok := nearestBefore(ps, i, 12); ok {
		return p.entity, true
	}
	return -1, false
}

// sentenceDate is the first date of the sentence, else the last date of
// the paragraph before it (narrative time carries over), else the article
// date.
func sentenceDate(d *document.Document, s document.Sentence) string {
	if v := dateIn(d, s.Span.Start, s.Span.End, false); v != "" {
		return v
	}
	for k := len(d.Sentences) - 1; k >= 0; k-- {
		p := d.Sentences[k]
		if p.Span.End > s.Span.Start || p.Region != s.Region || p.Block != s.Block {
			continue
		}
		if v := dateIn(d, p.Span.Start, p.Span.End, true); v != "" {
			return v
		}
	}
	return d.Article.Published
}

// dateIn is the first (or last) full-year date within [start, end).
func dateIn(d *document.Document, start, end int, last bool) string {
	v := ""
	for _, x := range d.Dates {
		if x.Span.Start >= start && x.Span.End <= end && (x.Type == "DATE" || x.Type == "TIME") && x.Value != "" && x.Value[0] >= '0' && x.Value[0] <= '9' {
			val := x.Value
			if i := strings.IndexByte(val, 'T'); i > 0 {
				val = val[:i]
			}
			if !last {
				return val
			}
			v = val
		}
	}
	return v
}

// location is a city or country named in the sentence that is neither
// party to the event.
func location(d *document.Document, s document.Sentence, sources, targets []int) string {
	used := map[int]bool{}
	for _, k := range append(append([]int{}, sources...), targets...) {
		used[k] = true
	}
	for k, e := range d.Entities {
		if used[k] || e.Type != "LOC" || e.Span == nil || e.Span.Start < s.Span.Start || e.Span.End > s.Span.End {
			continue
		}
		return e.Text
	}
	return ""
}

func actorOf(d *document.Document, k int) *document.EventActor {
	if k < 0 || k >= len(d.Entities) {
		return nil
	}
	e := d.Entities[k]
	a := &document.EventActor{Text: e.Text, Span: e.Span}
	if e.Actor != nil {
		a.Code, a.ID, a.Name = e.Actor.Code, e.Actor.ID, e.Actor.Name
	}
	return a
}

// actorless reports whether a root is coded even without actors: attacks,
// fighting, mass violence and protests, which the news often reports as
// happenings ("انفجار سيارة مفخخة", "خرجت تظاهرات").
func actorless(root string) bool {
	switch root {
	case "14", "18", "19", "20":
		return true
	}
	return false
}

// nounTrigger: a trigger with the article, or a verbal noun form that the
// pattern lists as such, is nominal; verbs carry no article.
func nounTrigger(t document.Token) bool {
	return strings.HasSuffix(t.Pro, "ال") || strings.HasSuffix(t.Pro, "لل")
}

// nominal reads the agent and patient of a verbal noun from the words after
// it, up to the end of the sentence.
func (c *Coder) nominal(d *document.Document, j, stop int, inSent []party) (*document.EventActor, []int, []int) {
	var nisba *document.EventActor
	var sources, targets []int
	if j < stop && c.Nisba != nil {
		t := d.Tokens[j]
		if code, ok := c.Nisba(arabic.KeyOf(t.Text)); ok {
			sp := t.Span
			nisba = &document.EventActor{Code: code, Text: t.Text, Span: &sp}
			j++
		}
	}
	for _, p := range inSent {
		if p.token < j || p.token > j+3 {
			continue
		}
		tok := d.Tokens[p.token]
		prep := strings.HasPrefix(tok.Pro, "ل") || strings.HasPrefix(tok.Pro, "ب")
		for k := j; k < p.token && !prep; k++ {
			prep = prepositions[arabic.KeyOf(d.Tokens[k].Text)] // القبض على أحد الأشخاص
		}
		switch {
		case prep || nisba != nil || len(sources) > 0:
			if len(targets) == 0 {
				targets = append(targets, p.entity)
			}
		default:
			sources = append(sources, p.entity) // غزو بوتين: the genitive is the agent
		}
	}
	return nisba, sources, targets
}

// speakersOf are the subjects of a reporting verb at i: the names right
// after it, with a second one in coordination (أعلن توكاييف ووزير الدفاع
// الصيني أن...), or else the name before it.
func speakersOf(d *document.Document, inSent []party, i int) []int {
	var out []int
	for k, p := range inSent {
		if p.token > i && p.token <= i+4 {
			if strings.Contains(d.Tokens[p.token].Pro, "ل") {
				continue // قالت المصادر لوكالة الأنباء: who was told, not who spoke
			}
			out = append(out, p.entity)
			// a second speaker in coordination, after its title and
			// nisba: توكاييف ووزير الدفاع الصيني، وي فانغ
			if k+1 < len(inSent) && inSent[k+1].token <= p.token+6 && joined(d, p.token, inSent[k+1].token) {
				out = append(out, inSent[k+1].entity)
			}
			return out
		}
	}
	if p, ok := nearestBefore(inSent, i, 6); ok {
		out = append(out, p.entity)
	}
	return out
}

// joined reports whether a word with و between tokens a and b (b
// included) coordinates the name at b with the one at a (توكاييف ووزير
// الدفاع الصيني، وي فانغ), rather than b being another clause's name
// (المحللون الروس تردد توكاييف).
func joined(d *document.Document, a, b int) bool {
	for k := a + 1; k <= b; k++ {
		if strings.HasPrefix(d.Tokens[k].Pro, "و") {
			return true
		}
	}
	return false
}

// before reports whether entity e comes before every speaker (it belongs to
// an earlier clause).
func before(inSent []party, e int, speakers []int) bool {
	pos := map[int]int{}
	for _, p := range inSent {
		pos[p.entity] = p.token
	}
	for _, s := range speakers {
		if pos[e] > pos[s] {
			return false
		}
	}
	return true
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// masdarObject: a verbal noun without the article right after a preposition
// or a verb of starting (إلى انتقاد، على رفض): its genitive is its object.
func masdarObject(d *document.Document, i, first int) bool {
	t := d.Tokens[i]
	if nounTrigger(t) || i == first {
		return false
	}
	prev := arabic.KeyOf(d.Tokens[i-1].Text)
	return prev == "الي" || prev == "علي" || prev == "في" || prev == "عن" || strings.HasPrefix(t.Pro, "ب") || strings.HasPrefix(t.Pro, "ل")
}

// militaryAgent reports whether the trigger span i..i+n names soldiers or
// forces with a pronoun as its subject (دخل جنودها، أرسلت قواتها).
func militaryAgent(d *document.Document, i, n int) bool {
	for k := i + 1; k < i+n; k++ {
		t := d.Tokens[k]
		if t.Enc == "" {
			continue
		}
		switch arabic.KeyOf(strings.TrimSuffix(t.Text, t.Enc)) {
		case "جنود", "قوات", "جيش", "عساكر":
			return true
		}
	}
	return false
}
