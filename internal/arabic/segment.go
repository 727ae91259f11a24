package arabic

import (
	"bufio"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rasd-project/rasd/data"
)

// Segments is a word split into proclitics, stem and enclitic, in key form:
// وبالمفاوضات is و+ب+ال, مفاوضات, "".
type Segments struct {
	Proclitics string // e.g. "وبال"; "" when none
	Stem       string
	Enclitic   string // e.g. "ها"; "" when none
	// ProBytes and EncBytes are the byte lengths of the clitics in the
	// normalised word, so that callers can map the stem back to a span.
	ProBytes, EncBytes int
	// TaMarbuta: the stem ends in ة as written (its key form ends in ه),
	// which the feminine and nisba rules of Stem need to know.
	TaMarbuta bool
}

// proclitics are the prefix strings tried, longest first. س (future) only
// goes before the prefixes of the imperfect verb.
var proclitics = []string{
	"وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
	"وب", "وك", "ول", "وس", "فب", "فك", "فل", "فس", "و", "ف", "ب", "ك", "ل", "س",
}

// enclitics are the pronoun suffixes tried.
var enclitics = []string{"هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ني", "ه", "ك", "ي"}

// WholeWordsPath lists words the segmenter and stemmer leave whole.
const WholeWordsPath = "lexicon/whole.txt"

var (
	wholeOnce sync.Once
	wholeSet  map[string]bool
)

// wholeWords returns the set of data/lexicon/whole.txt, in key form.
func wholeWords() map[string]bool {
	wholeOnce.Do(func() {
		wholeSet = map[string]bool{}
		f, err := data.FS.Open(WholeWordsPath)
		if err != nil {
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
				wholeSet[KeyOf(NormalizeString(w))] = true
			}
		}
	})
	return wholeSet
}

// Segmenter splits clitics off words, checking each split against a
// lexicon so that names like بكين or وليد stay whole.
type Segmenter struct {
	lex *Lexicon
}

// NewSegmenter returns a segmenter over lex (DefaultLexicon when nil).
func NewSegmenter(lex *Lexicon) *Segmenter {
	if lex == nil {
		lex = DefaultLexicon()
	}
	return &Segmenter{lex: lex}
}

// Lexicon returns the lexicon the segmenter consults.
func (s *Segmenter) Lexicon() *Lexicon { return s.lex }

// Segment splits a word given as its key form and its hamza form (see
// HamzaForm); the two must be the same word. Non-Arabic input comes back
// whole.
func (s *Segmenter) Segment(key, hform string) Segments {
	seg := s.segment(key, hform)
	if seg.Enclitic == "" {
		seg.TaMarbuta = strings.HasSuffix(hform, "ة")
	} else {
		seg.TaMarbuta = strings.HasSuffix(seg.Stem, "ه") && strings.HasSuffix(hform[:len(hform)-len(seg.Enclitic)], "ت")
	}
	return seg
}

func (s *Segmenter) segment(key, hform string) Segments {
	whole := Segments{Stem: key}
	if len(key) != len(hform) || len(key) < 6 || wholeWords()[key] {
		return whole
	}
	best, bestScore := whole, s.wholeScore(key)
	for _, p := range proclitics {
		if !strings.HasPrefix(key, p) || !strings.HasPrefix(hform, p) {
			continue
		}
		rest := key[len(p):]
		if utf8.RuneCountInString(rest) < 2 || strings.HasSuffix(p, "س") && !futureVerb(rest) {
			continue
		}
		if hasArticle(p) && !s.articleFits(rest) {
			continue
		}
		s.tryEnclitics(key, hform, p, rest, &best, &bestScore)
		if strings.HasSuffix(p, "لل") { // للجنة: ل + ال + لجنة, one lam written
			s.consider(key, p, "ل"+rest, "", &best, &bestScore)
		}
	}
	s.tryEnclitics(key, hform, "", key, &best, &bestScore)
	return best
}

// wholeScore is how strongly the lexicon vouches for the word unsplit.
func (s *Segmenter) wholeScore(key string) float64 {
	return math.Log1p(float64(s.lex.Count(key)))
}

// tryEnclitics scores the split p + stem (+ enclitic) for every enclitic
// that fits, keeping the best.
func (s *Segmenter) tryEnclitics(key, hform, p, rest string, best *Segments, bestScore *float64) {
	s.consider(key, p, rest, "", best, bestScore)
	for _, e := range enclitics {
		// Match on the hamza form, where ة is still apart from the pronoun ه.
		if !strings.HasSuffix(hform, e) || len(rest) <= len(e) {
			continue
		}
		stem := rest[:len(rest)-len(e)]
		if utf8.RuneCountInString(stem) < 3 {
			continue // فقه is not فق + ه
		}
		s.consider(key, p, stem, e, best, bestScore)
		if strings.HasSuffix(stem, "ت") { // حكومته: the ta marbuta before a pronoun
			s.consider(key, p, stem[:len(stem)-2]+"ه", e, best, bestScore)
		}
	}
}

// consider scores the split p + stem + enc and keeps it if it beats best.
func (s *Segmenter) consider(key, p, stem, enc string, best *Segments, bestScore *float64) {
	if utf8.RuneCountInString(stem) < 2 || p == "" && enc == "" {
		return
	}
	if hasArticle(p) && enc != "" {
		return // the article and a possessive pronoun never meet
	}
	known := s.lex.Known(stem)
	if known == 0 && !(hasArticle(p) && enc == "" && utf8.RuneCountInString(stem) >= 3) {
		return // unknown stems are trusted only behind the article
	}
	if p != "" && !hasArticle(p) && utf8.RuneCountInString(stem) < 3 {
		return // و + يد is not وليد: two-letter stems only behind the article
	}
	score := math.Log1p(float64(known)) + s.splitBonus(p, enc)
	if p != "" && !hasArticle(p) && !strings.HasSuffix(p, "س") {
		// A word that itself takes clitics (الوزير، لفيصل، بفكرة) is a word,
		// not و or ف or ب on a stem; a form that never does (وأضاف, وقال)
		// is the clitic on a known word, however common the pair: it splits
		// unless a better split was found.
		// Overwhelming evidence for the stem beats the clitic test for ل
		// and ب: لاتحاد is ل + اتحاد (الاتحاد is everywhere), though
		// ولاتحاد makes لاتحاد look like a word.
		strong := (p == "ل" || p == "ب") && known >= 10*max(s.lex.Count(key), 1)
		if s.lex.Lexical(key) >= 2 && !strong {
			return
		}
		if best.Proclitics == "" && best.Enclitic == "" {
			score = math.Max(score, *bestScore+1e-9)
		}
	}
	if score > *bestScore {
		*best = Segments{Proclitics: p, Stem: stem, Enclitic: enc, ProBytes: len(p), EncBytes: len(enc)}
		*bestScore = score
	}
}

// splitBonus weighs one split against another. The article is near
// certain; whether و or ب splits at all is decided in consider.
func (s *Segmenter) splitBonus(p, enc string) float64 {
	bonus := 0.0
	switch {
	case hasArticle(p):
		bonus += 3
	case p != "":
		bonus -= 0.1 * float64(len(p)/2-1)
	}
	switch enc {
	case "", "ه":
	case "ني", "ي":
		bonus -= math.Log(8) // معاني is not معا + ني
	default:
		bonus -= math.Log(2)
	}
	return bonus
}

func hasArticle(p string) bool { return strings.HasSuffix(p, "ال") || strings.HasSuffix(p, "لل") }

// articleFits reports whether ال before rest is the article, rather than
// the start of a word spelled with hamza whose hamza was dropped (الغاء for
// إلغاء).
func (s *Segmenter) articleFits(rest string) bool {
	var buf [96]byte
	if len(rest)+4 > len(buf) {
		return true
	}
	alWord := append(append(buf[:0], "ال"...), rest...)
	if wholeWords()[string(alWord)] {
		return false
	}
	// More often written أل/إل than bare: the hamza was dropped.
	if c := s.lex.Count(string(alWord)); 2*s.lex.HamzaSpelled(string(alWord)) > c {
		return false
	}
	// الالتزام: a word that itself takes the article has its own ال.
	if len(alWord)+4 <= len(buf) {
		double := append(append(buf[len(alWord):len(alWord)], "ال"...), alWord...)
		if s.lex.Count(string(double)) > 0 {
			return false
		}
	}
	return true
}

// futureVerb: س is the future particle only before ي ت ن ا.
func futureVerb(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return r == 'ي' || r == 'ت' || r == 'ن' || r == 'ا'
}
