package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in      string
		match   string
		filters Filters
		err     bool
	}{
		{in: "انتخابات", match: `"انتخاب"`},
		{in: "وبالانتخابات", match: `"انتخاب"`},
		{in: `"ولي العهد"`, match: `"ولي" + "عهد"`},
		{in: "إيران -العراق", match: `("ايران") NOT "عراق"`},
		{in: "روسيا OR الصين", match: `("روسيا" OR "صين")`},
		{in: "روسيا أو الصين", match: `("روسيا" OR "صين")`},
		{in: "نفط actor:kaz since:2022-01-01", match: `"نفط"`, filters: Filters{Actor: "KAZ", Since: "2022-01-01"}},
		{in: "event:assault", filters: Filters{Event: "ASSAULT"}},
		{in: "since:yesterday", err: true},
		{in: "-روسيا", err: true},
		{in: "في من", err: true}, // stop words only
		{in: "   ", err: true},
		{in: `a"b`, match: `"a" + "b"`}, // one word with a quote inside: a phrase
	} {
		q, err := Parse(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("Parse(%q) error = %v, want error %v", tc.in, err, tc.err)
			continue
		}
		if err != nil {
			continue
		}
		if tc.match != "" && q.Match != tc.match {
			t.Errorf("Parse(%q).Match = %s, want %s", tc.in, q.Match, tc.match)
		}
		if q.Filters != tc.filters {
			t.Errorf("Parse(%q).Filters = %+v, want %+v", tc.in, q.Filters, tc.filters)
		}
	}
}

func TestSnippetHighlights(t *testing.T) {
	text := strings.Repeat("كلام عام لا صلة له بالموضوع. ", 20) + "وجرت الانتخابات البرلمانية في موعدها وسط إقبال ضعيف. " + strings.Repeat("نص آخر. ", 30)
	terms := []string{"انتخاب", "برلمان"}
	frags := Snippet(text, Hits(text, terms), 200)
	var hits []string
	for _, f := range frags {
		if f.Hit {
			hits = append(hits, f.Text)
		}
		if !utf8.ValidString(f.Text) {
			t.Errorf("fragment cuts a character: %q", f.Text)
		}
	}
	if len(hits) != 2 || hits[0] != "الانتخابات" || hits[1] != "البرلمانية" {
		t.Errorf("hits = %q, want [الانتخابات البرلمانية]", hits)
	}
	if frags[0].Text != "… " {
		t.Errorf("a snippet from the middle should start with an ellipsis: %q", frags[0].Text)
	}
}

// FuzzParse: any query parses or fails cleanly, and a parsed one has
// balanced quotes and parentheses in its match expression.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"انتخابات", `"ولي العهد" -إيران`, "a OR b OR", "actor:KAZ", `"unterminated`, "«مجلس الأمن»", "-", `""`, "((", "since:2022"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		if strings.Count(q.Match, `"`)%2 != 0 {
			t.Errorf("unbalanced quotes in %q from %q", q.Match, s)
		}
		if strings.Count(q.Match, "(") != strings.Count(q.Match, ")") && !strings.Contains(q.Match, `"(`) {
			t.Errorf("unbalanced parentheses in %q from %q", q.Match, s)
		}
	})
}
