package timex

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/arabic"
)

func TestTag(t *testing.T) {
	dct := time.Date(2022, 4, 7, 0, 0, 0, 0, time.UTC) // a Thursday
	tests := []struct {
		text, want string // want: text=TYPE:value pairs joined by "; "
	}{
		{"أعلنت الوزارة أمس أن الاجتماع سيعقد الخميس المقبل", "أمس=DATE:2022-04-06; الخميس المقبل=DATE:2022-04-14"},
		{"وصل في 5 نيسان واستمرت الزيارة ثلاثة أيام", "5 نيسان=DATE:2022-04-05; ثلاثة أيام=DURATION:P3D"},
		{"الأسبوع الماضي والشهر الجاري والعام المقبل", "الأسبوع الماضي=DATE:2022-W13; الشهر الجاري=DATE:2022-04; العام المقبل=DATE:2023"},
		{"في مطلع العام وفي منتصف الشهر", "مطلع العام=DATE:2022; منتصف الشهر=DATE:2022-04"},
		{"قبل ثلاثة أيام وقع الهجوم", "قبل ثلاثة أيام=DATE:2022-04-04"},
		{"الساعة الثالثة عصراً اليوم", "الساعة الثالثة عصراً اليوم=TIME:2022-04-07T15:00"},
		{"مساء أمس الأربعاء", "مساء أمس الأربعاء=TIME:2022-04-06TEV"},
		{"يجتمع المجلس أسبوعياً وكل ستة أشهر", "أسبوعياً=SET:P1W; كل ستة أشهر=SET:P6M"},
		{"الأحد 14 رمضان 1443 هـ", "الأحد 14 رمضان 1443 هـ=DATE:2022-04-15"},
		{"الخامس من نيسان", "الخامس من نيسان=DATE:2022-04-05"},
		{"منذ العام 2021 وحتى الآن", "العام 2021=DATE:2021; الآن=DATE:PRESENT_REF"},
		{"خلال السنوات الخمس الماضية", "السنوات الخمس الماضية=DURATION:P5Y"},
		{"قال رمضان إن 14 جندياً قتلوا وفق القرار 2254 والمادة 5", ""},
		{"في أيلول/سبتمبر 2021", "أيلول/سبتمبر 2021=DATE:2021-09"},
		{"التسعينيات من القرن الماضي", "التسعينيات من القرن الماضي=DATE:199X"},
		{"الربع الأول من العام الماضي", "الربع الأول من العام الماضي=DATE:2021-Q1"},
		{"مارس الضغط على الحكومة", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, x := range Tag(tt.text, arabic.Tokenize(tt.text), dct) {
			got = append(got, x.Text+"="+x.Type+":"+x.Value)
			if tt.text[x.Start:x.End] != x.Text {
				t.Errorf("%q: span does not hold %q", tt.text, x.Text)
			}
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("Tag(%q)\n got %s\nwant %s", tt.text, strings.Join(got, "; "), tt.want)
		}
	}
}

func TestTagUndated(t *testing.T) {
	text := "وقع الحادث يوم 4 يوليو، وبعد ثلاثة أيام على ذلك أعلن الجيش النتائج"
	var got []string
	for _, x := range Tag(text, arabic.Tokenize(text), time.Time{}) {
		got = append(got, x.Value)
	}
	if strings.Join(got, " ") != "XXXX-07-04 XXXX-07-07" {
		t.Errorf("got %v", got)
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{"أمس الأول", "الساعة 10:30 من مساء اليوم", "بعد يومين على ذلك", "الربع الرابع", "كل أسبوعين", "30 شباط", "\xff"} {
		f.Add(s)
	}
	dct := time.Date(2022, 4, 7, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, x := range Tag(s, arabic.Tokenize(s), dct) {
			if x.Start < prev || x.End <= x.Start || x.End > len(s) || x.Value == "" {
				t.Fatalf("bad timex %+v", x)
			}
			prev = x.End
		}
		Tag(s, arabic.Tokenize(s), time.Time{})
	})
}

func FuzzReadTimeML(f *testing.F) {
	f.Add(`<TimeML><DCT><TIMEX3 functionInDocument="CREATION_TIME" value="2022-04-07">x</TIMEX3></DCT><TEXT>أمس <TIMEX3 type="DATE" value="2022-04-06">أمس</TIMEX3></TEXT></TimeML>`)
	f.Add(`<TimeML><TIMEX3>`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ReadTimeML(strings.NewReader(s), "fuzz.tml")
		if err != nil {
			return
		}
		for _, g := range d.Gold {
			if g.Start < 0 || g.End > len(d.Text) || g.Start > g.End {
				t.Fatalf("gold span %d:%d outside the text", g.Start, g.End)
			}
		}
	})
}

// BenchmarkTagNews tags the news sample's token layer: the cost of the
// temporal stage once the text layer exists.
func BenchmarkTagNews(b *testing.B) {
	f, err := os.Open("../../../shared/data/news/saudinewsnet_sample.jsonl")
	if err != nil {
		b.Skipf("news sample not available (../shared is absent): %v", err)
	}
	defer f.Close()
	type doc struct {
		text string
		toks []arabic.Token
	}
	var docs []doc
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var rec struct{ Content string }
		if json.Unmarshal(sc.Bytes(), &rec) == nil {
			docs = append(docs, doc{rec.Content, arabic.Tokenize(rec.Content)})
			size += len(rec.Content)
		}
	}
	dct := time.Date(2015, 7, 21, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			Tag(d.text, d.toks, dct)
		}
	}
}
