package arabic

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalized is text normalised for matching, with a map from every byte of
// the normalised text back to the original, so that anything found in the
// normalised text can be reported as a span of the original bytes.
//
// Normalisation: NFKC for presentation forms and other compatibility
// characters, harakat, tatweel, bidi and zero-width controls removed, alef
// variants (أ إ آ ٱ) to ا, ى to ي, Persian and Urdu letters (ک ی ۀ) to
// Arabic, Eastern Arabic and Persian digits and separators to ASCII, Latin
// lower-cased. Ta marbuta stays: Key folds it, for keys only.
type Normalized struct {
	Text string
	// orig[i] is the original offset of the rune that produced byte i of
	// Text; orig[len(Text)] is the length of the original.
	orig []int32
}

// Normalize normalises s and keeps the offset map.
func Normalize(s string) Normalized {
	var b []byte
	orig := make([]int32, 0, len(s)+1)
	var scratch [utf8.UTFMax * 4]byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		out := appendNormRune(scratch[:0], r, size)
		for range out {
			orig = append(orig, int32(i))
		}
		b = append(b, out...)
		i += size
	}
	orig = append(orig, int32(len(s)))
	return Normalized{Text: string(b), orig: orig}
}

// Original maps an offset in the normalised text to the original text. An
// offset at a rune boundary of Text maps to the start of the original rune
// that produced it; len(Text) maps to the length of the original.
func (n Normalized) Original(i int) int {
	if i < 0 {
		return 0
	}
	if i >= len(n.orig) {
		return int(n.orig[len(n.orig)-1])
	}
	return int(n.orig[i])
}

// OriginalSpan maps the normalised span [start, end) to the smallest original
// span that holds everything that produced it.
func (n Normalized) OriginalSpan(start, end int) (int, int) {
	if end <= start {
		o := n.Original(start)
		return o, o
	}
	os := n.Original(start)
	last := n.Original(end - 1)
	// end of the original rune that produced the last byte
	oe := last
	for j := end; j < len(n.orig); j++ {
		if int(n.orig[j]) != last {
			oe = int(n.orig[j])
			break
		}
	}
	if oe == last {
		oe = n.Original(len(n.orig))
	}
	return os, oe
}

// NormalizeString is Normalize without the offset map. It returns s itself,
// without allocating, when s is already normal.
func NormalizeString(s string) string {
	if isNormal(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b = appendNormRune(b, r, size)
		i += size
	}
	return string(b)
}

// isNormal reports whether NormalizeString would leave s as it is: ASCII
// without capitals and the letters of U+0621..U+064A that fold to
// themselves, which are all two bytes, D8 or D9 then one more.
func isNormal(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		if (c != 0xD8 && c != 0xD9) || i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
			return false
		}
		r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
		if r < 0x0621 || r > 0x064A || !normalLetters[r-0x0621] {
			return false
		}
		i += 2
	}
	return true
}

// normalLetters marks the letters of U+0621..U+064A that normalise to
// themselves.
var normalLetters = func() (t [0x064A - 0x0621 + 1]bool) {
	for r := rune(0x0621); r <= 0x064A; r++ {
		t[r-0x0621] = r != Tatweel && foldNorm(r) == r
	}
	return t
}()

// appendNormRune appends the normal form of r (which took size bytes).
func appendNormRune(b []byte, r rune, size int) []byte {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	case r == utf8.RuneError && size <= 1:
		return b // invalid byte: dropped
	case IsDiacritic(r), r == Tatweel, IsInvisible(r):
		return b
	case r >= 0x0600 && r <= 0x06FF && (r < 0x0675 || r > 0x0678):
		return appendFolded(b, r)
	case unicode.Is(unicode.Mn, r):
		return b // other combining marks: accents on Latin letters
	}
	// Compatibility characters (presentation forms, ligatures, fullwidth
	// letters, NBSP): NFKC, then fold what comes out.
	for _, c := range norm.NFKC.String(string(r)) {
		if IsDiacritic(c) || c == Tatweel || IsInvisible(c) || unicode.Is(unicode.Mn, c) {
			continue
		}
		if IsSpace(c) {
			c = ' '
		}
		b = appendFolded(b, c)
	}
	return b
}

func appendFolded(b []byte, r rune) []byte {
	if d, ok := DigitValue(r); ok {
		return append(b, byte('0'+d))
	}
	switch r {
	case '٫':
		return append(b, '.')
	case '٬':
		return append(b, ',')
	}
	r = foldNorm(r)
	if r < 0x0600 {
		r = unicode.ToLower(r)
	}
	return utf8.AppendRune(b, r)
}

// foldNorm is the letter folding of Normalize: spelling variants that
// writers mix, but not ta marbuta or hamza seats, which tell words apart.
func foldNorm(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى', 'ی', 'ې':
		return 'ي'
	case 'ک', 'ڪ':
		return 'ك'
	case 'ۀ', 'ە':
		return 'ه'
	}
	if d, ok := DigitValue(r); ok && r > '9' {
		return '0' + rune(d)
	}
	return r
}

// KeyOf folds an already normalised word to its key form: ta marbuta to ha,
// hamza on waw or ya to bare hamza (مسؤول and مسئول are one word). It is
// Key's letter folding without the rest.
func KeyOf(normal string) string {
	// ة ؤ ئ are D8 A9, D8 A4, D8 A6 and become ه ء ء (D9 87, D8 A1): the
	// same length, so the key is the word with those pairs rewritten.
	first := keyPair(normal, 0)
	if first < 0 {
		return normal
	}
	b := []byte(normal)
	for i := first; i >= 0; i = keyPair(normal, i+2) {
		if b[i+1] == 0xA9 {
			b[i], b[i+1] = 0xD9, 0x87
		} else {
			b[i+1] = 0xA1
		}
	}
	return string(b)
}

// keyPair returns the offset of the first ة ؤ or ئ in s from i, or -1.
func keyPair(s string, i int) int {
	for ; i+1 < len(s); i++ {
		if s[i] == 0xD8 {
			switch s[i+1] {
			case 0xA9, 0xA4, 0xA6:
				return i
			}
		}
	}
	return -1
}

// HamzaForm is the normal form with hamza on alef kept (أ إ آ stay apart from
// ا) and ta marbuta kept (ة is not the pronoun ه), alef maqsura as ya and
// hamza on waw or ya as bare hamza. Arabic letters are two bytes in both forms, so a byte offset into
// KeyOf(NormalizeString(w)) is the same offset into HamzaForm(w) for words
// of Arabic letters: the segmenter reads both side by side to tell the
// article (always bare ال) from أل or إل that begin a word (ألمانيا، إلغاء).
func HamzaForm(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case 'أ', 'إ', 'آ':
			b = utf8.AppendRune(b, r)
			continue
		}
		start := len(b)
		b = appendNormRune(b, r, size)
		if len(b) == start+2 {
			switch b[start+1] {
			case 0xA4, 0xA6: // ؤ U+0624, ئ U+0626 -> ء U+0621
				if b[start] == 0xD8 {
					b[start+1] = 0xA1
				}
			}
		}
	}
	return string(b)
}
