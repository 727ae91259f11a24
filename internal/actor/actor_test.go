package actor

import (
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/arabic"
)

func tokens(text string) []Token {
	an := arabic.NewAnalyzer()
	var out []Token
	for _, t := range arabic.Tokenize(text) {
		at := Token{Start: t.Start, End: t.End, Key: arabic.KeyOf(t.Text), Word: t.Kind == arabic.Word}
		if t.Kind == arabic.Word {
			at.Pro = an.Morph(text[t.Start:t.End], t.Text).Proclitics
		}
		out = append(out, at)
	}
	return out
}

func TestDictionaryLoads(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	d := Default()
	if c, ok := d.Nisba(Key("الكازاخستانية")); !ok || c != "KAZ" {
		t.Errorf("nisba الكازاخستانية = %q %v", c, ok)
	}
	if s, ok := d.Sector(Key("النائب")); !ok || s != "LEG" {
		t.Errorf("sector النائب = %q", s)
	}
}

func TestMentions(t *testing.T) {
	d := Default()
	text := "بين موسكو ونور سلطان، وقال نور سلطان نزارباييف إن منظمة معاهدة الأمن الجماعي وللصين"
	toks := tokens(text)
	var got []string
	for _, m := range d.Mentions(toks) {
		got = append(got, m.Entry.Kind.String()+":"+m.Entry.Code)
	}
	want := []string{"city:RUS", "city:KAZ", "person:", "igo:IGOCST", "country:CHN"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if want[i] != "person:" && got[i] != want[i] || want[i] == "person:" && got[i][:7] != "person:" {
			t.Errorf("mention %d = %s, want %s", i, got[i], want[i])
		}
	}
}

func TestRolesAtDate(t *testing.T) {
	d := Default()
	toks := tokens("نزارباييف")
	e, _ := d.MatchAt(toks, 0)
	if e == nil {
		t.Fatal("نزارباييف not in the people table")
	}
	if c := e.CodeAt(time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)); c != "KAZGOV" {
		t.Errorf("Nazarbayev in 2018 = %s, want KAZGOV", c)
	}
	if c := e.CodeAt(time.Date(2022, 7, 20, 0, 0, 0, 0, time.UTC)); c != "KAZELI" {
		t.Errorf("Nazarbayev in 2022 = %s, want KAZELI", c)
	}
	if h := d.Holder("KAZ", "head_of_state", time.Date(2022, 7, 20, 0, 0, 0, 0, time.UTC)); h == nil || h.Name != "قاسم جومارت توكاييف" {
		t.Errorf("Kazakh head of state in 2022 = %+v", h)
	}
}

func TestCodeSpan(t *testing.T) {
	d := Default()
	toks := tokens("خطف مجهولون مصوراً فرنسياً في بوساسو بشمال الصومال")
	if c, _ := d.CodeSpan(toks, 2, 4); c != "FRA" {
		t.Errorf("مصوراً فرنسياً = %q, want FRA", c)
	}
	toks = tokens("أدان مجلس الأمن الدولي الهجوم")
	if c, _ := d.CodeSpan(toks, 1, 4); c != "IGO" {
		t.Errorf("مجلس الأمن الدولي = %q, want IGO", c)
	}
}
