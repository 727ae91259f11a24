package arabic

import "unicode"

// DigitValue returns the value of a Western (0-9), Eastern Arabic (٠-٩) or
// Persian (۰-۹) digit, and false for anything else.
func DigitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '٠' && r <= '٩':
		return int(r - '٠'), true
	case r >= '۰' && r <= '۹':
		return int(r - '۰'), true
	}
	return 0, false
}

// IsDigit reports whether r is a digit of any of the systems DigitValue knows.
func IsDigit(r rune) bool {
	_, ok := DigitValue(r)
	return ok
}

// IsLetter reports whether r is a letter of the Arabic script (base letters,
// not diacritics or tatweel).
func IsLetter(r rune) bool {
	switch {
	case r >= 0x0621 && r <= 0x063A, r >= 0x0641 && r <= 0x064A:
		return true
	case r >= 0x0671 && r <= 0x06D3, r == 0x06D5, r >= 0x06EE && r <= 0x06EF, r >= 0x06FA && r <= 0x06FC:
		return true
	case r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFC:
		return true // presentation forms
	}
	return false
}

// IsDiacritic reports whether r is a harakah, shadda, sukun, dagger alef or
// other Quranic mark that normalisation drops.
func IsDiacritic(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || (r >= 0x06D6 && r <= 0x06ED) || (r >= 0x0610 && r <= 0x061A)
}

// Tatweel is the kashida, a stretching character with no meaning.
const Tatweel = 'ـ'

// IsInvisible reports whether r is a bidi, joiner or other format control
// that carries no text (LRM, RLM, ZWJ, ZWNJ, BOM, isolates, embeddings).
func IsInvisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF, 0x00AD, 0x2060:
		return true
	}
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// IsSpace reports whether r separates words: Unicode spaces including NBSP
// and the narrow spaces editors paste.
func IsSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	if r >= 0x0600 && r <= 0x06FF {
		return false
	}
	return unicode.IsSpace(r) || r == 0x00A0 || r == 0x202F || r == 0x2007
}
