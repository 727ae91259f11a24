package arabic

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // kind:text, space-separated
	}{
		{"قال الرئيسُ: «لن نتراجع»؟", "word:قال word:الرئيس punct:: punct:« word:لن word:نتراجع punct:» punct:؟"},
		{"نما 1.5% و2,5 مليار و6ر1 مليون و١٠ أيام و١٫٥", "word:نما number:1.5 punct:% word:و number:2,5 word:مليار word:و number:6ر1 word:مليون word:و number:10 word:ايام word:و number:1.5"},
		{"راجع https://example.com/a?b=1. أو www.rasd.dev", "word:راجع url:https://example.com/a?b=1 punct:. word:او url:www.rasd.dev"},
		{"راسلونا على info@rasd.dev و@rasd_news #كازاخستان #COP27", "word:راسلونا word:علي email:info@rasd.dev word:و mention:@rasd_news hashtag:#كازاخستان hashtag:#cop27"},
		{"Geopolitical Monitor.com", "latin:geopolitical latin:monitor punct:. latin:com"},
		{"بـ5 مقاعد", "word:ب number:5 word:مقاعد"},
		{"انتظروا...", "word:انتظروا punct:..."},
		{"ﻻ إله", "word:لا word:اله"},
		{"کتاب\u200fی", "word:كتاب word:ي"},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokenize(tt.in) {
			got = append(got, tok.Kind.String()+":"+tok.Text)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, strings.Join(got, " "), tt.want)
		}
	}
}

func TestNormalizeOffsets(t *testing.T) {
	in := "أُعلِنَ في ﻻهاي ١٠ شباط"
	n := Normalize(in)
	if n.Text != "اعلن في لاهاي 10 شباط" {
		t.Fatalf("Normalize = %q", n.Text)
	}
	for _, word := range []string{"اعلن", "لاهاي", "10", "شباط"} {
		i := strings.Index(n.Text, word)
		s, e := n.OriginalSpan(i, i+len(word))
		if got := NormalizeString(in[s:e]); got != word {
			t.Errorf("%q maps back to %q, which normalises to %q", word, in[s:e], got)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"قال د. أحمد إن النمو بلغ 2.5 في المئة. وأضاف أن الوضع مستقر!", []string{"قال د. أحمد إن النمو بلغ 2.5 في المئة.", "وأضاف أن الوضع مستقر!"}},
		{"قال: \"لن نتراجع.\" ثم غادر. هل يعود؟ ربما…", []string{"قال: \"لن نتراجع.\"", "ثم غادر.", "هل يعود؟", "ربما…"}},
		{"سطر أول بلا نقطة\nسطر ثان.", []string{"سطر أول بلا نقطة", "سطر ثان."}},
		{"زار أ. د. محمد علي القاهرة.", []string{"زار أ. د. محمد علي القاهرة."}},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in)
		var got []string
		for _, s := range Sentences(tt.in, toks, 0, len(toks)) {
			got = append(got, tt.in[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestSentenceBound(t *testing.T) {
	in := strings.Repeat("كلمة ", 300) + strings.Repeat("كلمة، ", 100)
	toks := Tokenize(in)
	ss := Sentences(in, toks, 0, len(toks))
	covered := 0
	for _, s := range ss {
		if n := s.Stop - s.First; n > MaxSentenceTokens || n == 0 {
			t.Fatalf("sentence of %d tokens", n)
		}
		covered += s.Stop - s.First
	}
	if covered != len(toks) {
		t.Errorf("sentences cover %d of %d tokens", covered, len(toks))
	}
}

// checkTokens asserts the tokenizer's contract on any input.
func checkTokens(t *testing.T, s string) {
	prev := 0
	for _, tok := range Tokenize(s) {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
			t.Fatalf("bad span %d:%d after %d in %q", tok.Start, tok.End, prev, s)
		}
		if got := NormalizeString(s[tok.Start:tok.End]); got != tok.Text {
			t.Fatalf("token %q: normalising its span gives %q", tok.Text, got)
		}
		prev = tok.End
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"قال الرئيسُ: «لن نتراجع»؟", "1.5% 6ر1 ١٫٥", "https://x.y/z. a@b.cc #وسم @x", "ﻻ ﷺ", "\xff\xfe", "..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s)
		toks := Tokenize(s)
		prev := 0
		for _, sn := range Sentences(s, toks, 0, len(toks)) {
			if sn.First != prev || sn.Stop <= sn.First || sn.Stop-sn.First > MaxSentenceTokens {
				t.Fatalf("sentence %+v after %d", sn, prev)
			}
			prev = sn.Stop
		}
		if prev != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", prev, len(toks))
		}
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"أُعلِنَ في ﻻهاي ١٠ شباط", "A\xb4̨", "ﷺ", "Ǆ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if n.Text != NormalizeString(s) {
			t.Fatalf("Normalize and NormalizeString differ on %q", s)
		}
		if !utf8.ValidString(n.Text) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for i := 0; i <= len(n.Text); i++ {
			if o := n.Original(i); o < 0 || o > len(s) {
				t.Fatalf("offset %d maps to %d outside the original", i, o)
			}
		}
	})
}
