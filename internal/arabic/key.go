package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold maps letters that Arabic writers use interchangeably to one form:
// alef with hamza or madda to bare alef, alef maqsura and Persian ya to ya,
// ta marbuta to ha, hamza on waw or ya to bare hamza, Persian kaf to Arabic kaf.
func fold(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى', 'ی', 'ې':
		return 'ي'
	case 'ة', 'ۀ', 'ە':
		return 'ه'
	case 'ک', 'ڪ':
		return 'ك'
	case 'ؤ', 'ئ':
		return 'ء'
	}
	return r
}

// Key returns the matching key of s: NFKC (so presentation forms become base
// letters), diacritics, tatweel and invisible controls removed, alef, ya, ta
// marbuta, hamza seats and Persian letters folded, all digits made ASCII,
// Latin lower-cased and runs of space collapsed to one ASCII space.
//
// Two spellings of the same word written with or without hamza or harakat
// share a key; the key is never shown to users.
func Key(s string) string {
	if s == "" {
		return ""
	}
	if !isNFKCQuick(s) {
		// Invalid bytes go first, or they would keep apart characters that
		// NFKC composes once they are gone.
		s = norm.NFKC.String(strings.ToValidUTF8(s, ""))
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError, IsDiacritic(r), r == Tatweel, IsInvisible(r):
			continue
		case IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if d, ok := DigitValue(r); ok {
			b.WriteByte(byte('0' + d))
			continue
		}
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= 0x0600:
			r = fold(r)
		case r >= 0x80:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	out := b.String()
	// Lower-casing can leave a letter and a combining mark that NFKC
	// composes (y + ̊ is ẙ; Y + ̊ has no composed form): compose once more so
	// that Key(Key(s)) == Key(s).
	if !isNFKCQuick(out) {
		out = norm.NFKC.String(out)
	}
	return out
}

// isNFKCQuick avoids the cost of the norm package for the common case:
// text made of ASCII, Latin-1 punctuation and the Arabic block, where NFKC
// changes nothing that Key does not handle itself. Anything else (presentation
// forms, combining hamza, typographic marks) takes the full check.
func isNFKCQuick(s string) bool {
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return false
		case r < 0xA0, r == 0xA0, r == 0xAB, r == 0xBB, r == 0xAD:
		case r >= 0x0600 && r <= 0x0652, r >= 0x0656 && r <= 0x0674, r >= 0x0679 && r <= 0x06FF:
		case r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0x2013, r == 0x2014, r == 0x2018, r == 0x2019, r == 0x201C, r == 0x201D:
		default:
			return norm.NFKC.IsNormalString(s)
		}
	}
	return true
}

// ASCIIDigits returns s with every Eastern Arabic and Persian digit replaced
// by its ASCII digit and the Arabic decimal and thousands separators by '.'
// and ','; other characters are kept.
func ASCIIDigits(s string) string {
	if !hasNonASCIIDigit(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '٫':
			b.WriteByte('.')
		case r == '٬':
			b.WriteByte(',')
		default:
			if d, ok := DigitValue(r); ok {
				b.WriteByte(byte('0' + d))
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

func hasNonASCIIDigit(s string) bool {
	for _, r := range s {
		if r == '٫' || r == '٬' || (r > 0x7F && IsDigit(r)) {
			return true
		}
	}
	return false
}

// CountLetters returns the number of Arabic letters and of Latin letters in s.
func CountLetters(s string) (arabic, latin int) {
	for _, r := range s {
		switch {
		case IsLetter(r):
			arabic++
		case r < 0x250 && unicode.IsLetter(r):
			latin++
		}
	}
	return arabic, latin
}

// CountWords is len(Words(s)) without making the slice.
func CountWords(s string) int {
	n, inWord := 0, false
	for _, r := range s {
		space := IsSpace(r)
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// Words splits s on spaces and returns the fields, like strings.Fields but
// with IsSpace's wider notion of space.
func Words(s string) []string {
	return strings.FieldsFunc(s, IsSpace)
}
