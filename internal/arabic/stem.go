package arabic

import (
	"strings"
	"unicode/utf8"
)

// Stem strips inflectional suffixes from a segmented stem (key form): the
// sound plurals (ات ون ين), the dual (ان ين, تان تين for feminine nouns),
// the feminine ة and the nisba (ي، ية، يون، يين). A rule applies only where
// the lexicon knows what is left and knows the word's paradigm: المسؤولين
// loses ين because مسؤولون is a word too, البحرين keeps it because بحرون is
// not. A nisba goes back to its place: الكازاخستانية to كازاخستان, الروسية
// to روسيا, الأمريكي to أمريكا. taMarbuta tells that the stem ends in ة as
// written (Segments.TaMarbuta): a final ه of the key form is otherwise a
// root letter (مياه، توجيه).
func (s *Segmenter) Stem(stem string, taMarbuta bool) string {
	if utf8.RuneCountInString(stem) < 4 || wholeWords()[stem] {
		return stem
	}
	w, fem := s.stripNumber(stem, taMarbuta)
	if fem {
		w = s.stripFeminine(w)
	}
	if strings.HasSuffix(w, "ي") {
		w = s.nisba(w)
	}
	return w
}

// stripNumber removes a plural or dual ending; fem reports that what is
// left ends in ة.
func (s *Segmenter) stripNumber(w string, taMarbuta bool) (string, bool) {
	switch {
	case taMarbuta:
		return w, true
	case strings.HasSuffix(w, "يون"), strings.HasSuffix(w, "يين"):
		adj := w[:len(w)-4] // keeps the ي of the nisba
		if s.lex.Known(adj) > 0 {
			return adj, false
		}
	case strings.HasSuffix(w, "تين"), strings.HasSuffix(w, "تان"):
		base := w[:len(w)-6] + "ه" // دولتين to دولة
		if s.lex.Known(base) > 0 {
			return base, true
		}
	case strings.HasSuffix(w, "ات"):
		base := w[:len(w)-4]
		fem := base + "ه"
		kb, kf := s.lex.Known(base), s.lex.Known(fem)
		switch {
		case kf > 0 && kf >= kb:
			return fem, true
		case kb > 0:
			return base, false
		}
	case strings.HasSuffix(w, "ون"):
		if base := w[:len(w)-4]; s.paradigm(base, "ين") {
			return base, false
		}
	case strings.HasSuffix(w, "ين"):
		// A plural (with ون beside it), a dual (with ان), or a dual of a
		// word far more common than it (شهرين): not البحرين, ياسين, تشرين.
		base := w[:len(w)-4]
		if s.paradigm(base, "ون") || s.paradigm(base, "ان") || utf8.RuneCountInString(base) >= 3 && s.lex.Known(base) >= 4*s.lex.Known(w) {
			return base, false
		}
	case strings.HasSuffix(w, "ان"):
		if base := w[:len(w)-4]; s.paradigm(base, "ين") && s.lex.Known(base) >= s.lex.Known(w) {
			return base, false
		}
	}
	return w, false
}

// paradigm reports whether base is a known word whose form with the other
// ending is known too.
func (s *Segmenter) paradigm(base, other string) bool {
	if utf8.RuneCountInString(base) < 3 || s.lex.Known(base) == 0 {
		return false
	}
	var buf [96]byte
	if len(base)+len(other) > len(buf) {
		return false
	}
	return s.lex.Known(string(append(append(buf[:0], base...), other...))) > 0
}

// stripFeminine turns a feminine ending in ة into the masculine when the
// masculine is about as common: الأخيرة to أخير, but عاصمة is not عاصم.
func (s *Segmenter) stripFeminine(w string) string {
	base := w[:len(w)-2]
	if utf8.RuneCountInString(base) < 3 {
		return w
	}
	kb, kw := s.lex.Known(base), s.lex.Known(w)
	if kb > 0 && 10*kb >= kw {
		return base
	}
	return w
}

// nisba maps an adjective of relation ending in ي to its place: the word
// without ي (مصري to مصر), with ا added (روسي to روسيا) or with ي turned into
// ا (أمريكي to أمريكا), whichever is most common. An adjective is a nisba
// only if its feminine (ية) is a word too: كرسي is not.
func (s *Segmenter) nisba(adj string) string {
	if utf8.RuneCountInString(adj) < 4 || s.lex.Known(adj+"ه") == 0 {
		return adj
	}
	base := adj[:len(adj)-2]
	out, top := adj, 0
	for _, c := range []string{base, adj + "ا", base + "ا"} {
		if utf8.RuneCountInString(c) < 3 {
			continue
		}
		if k := s.lex.Known(c); k > top {
			out, top = c, k
		}
	}
	// A plain adjective stays itself when its "base" is rare beside it:
	// سياسي is not سياسيا.
	if 8*top < s.lex.Known(adj) {
		return adj
	}
	return out
}
