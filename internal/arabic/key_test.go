package arabic

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"أوكرانيا", "اوكرانيا"},
		{"إسطنبول", "اسطنبول"},
		{"آسيا الوسطى", "اسيا الوسطي"},
		{"مُحَمَّد", "محمد"},
		{"جمهوريـــة", "جمهوريه"},
		{"سنتَين", "سنتين"},
		{"١٠ شباط ٢٠٢٢", "10 شباط 2022"},
		{"۱۴۰۱", "1401"},
		{"  كازاخستان\u200f   و\u00a0روسيا ", "كازاخستان و روسيا"},
		{"Geopolitical Monitor", "geopolitical monitor"},
		{"ﻻ", "لا"}, // presentation form lam-alef ligature
		{"مسؤول", "مسءول"},
		{"مسئول", "مسءول"},
		{"کتاب", "كتاب"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestASCIIDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"٢٠٢٢", "2022"},
		{"١٫٥", "1.5"},
		{"١٬٠٠٠", "1,000"},
		{"2022", "2022"},
		{"۲۵ نیسان", "25 نیسان"},
	}
	for _, tt := range tests {
		if got := ASCIIDigits(tt.in); got != tt.want {
			t.Errorf("ASCIIDigits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"أوكرانيا", "١٠ شباط", "\xff\xfe", "ﻻ ﷺ", "a\u200fb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Key(%q) is not valid UTF-8", s)
		}
		if Key(k) != k {
			t.Fatalf("Key is not idempotent on %q: %q then %q", s, k, Key(k))
		}
	})
}

func BenchmarkKey(b *testing.B) {
	s := "بعد الغزو الروسي لأوكرانيا، تجرّأ رئيس كازاخستان، قاسم جومارت توكاييف، أخيراً على الخروج من ظل سلفه ١٠ شباط ٢٠٢٢"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Key(s)
	}
}

func TestCountWordsMatchesWords(t *testing.T) {
	for _, s := range []string{"", " ", "كلمة", "  قال   الرئيس\u00a0الروسي\n", "a\u200fb c", "\xff\xfe كلمة", "\u3000x\u2003y "} {
		if got, want := CountWords(s), len(Words(s)); got != want {
			t.Errorf("CountWords(%q) = %d, Words gives %d", s, got, want)
		}
	}
}

func FuzzKeyOf(f *testing.F) {
	reference := strings.NewReplacer("ة", "ه", "ؤ", "ء", "ئ", "ء")
	for _, s := range []string{"", "مسؤول", "مسئولة", "الدولة", "abc", "\xd8", "\xd8\xa9\xd8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := KeyOf(s), reference.Replace(s); got != want {
			t.Fatalf("KeyOf(%q) = %q, want %q", s, got, want)
		}
	})
}
