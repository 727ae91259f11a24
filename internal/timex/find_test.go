package timex

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	tests := []struct {
		in    string
		texts []string
		vals  []string
	}{
		{"20 تموز 2022", []string{"20 تموز 2022"}, []string{"2022-07-20"}},
		{"الرئيس الروسي | ١٠ شباط ٢٠٢٢", []string{"١٠ شباط ٢٠٢٢"}, []string{"2022-02-10"}},
		{"وصل إلى الرئاسة في آذار 2019، بعد", []string{"آذار 2019"}, []string{"2019-03"}},
		{"في 5 كانون الثاني، حين", []string{"5 كانون الثاني"}, []string{"XXXX-01-05"}},
		{"الثلاثاء 5 أبريل 2022", []string{"الثلاثاء 5 أبريل 2022"}, []string{"2022-04-05"}},
		{"القاهرة، الأحد ٣ يوليو ٢٠٢٢", []string{"الأحد ٣ يوليو ٢٠٢٢"}, []string{"2022-07-03"}},
		{"الأربعاء 12 جانفي 2022", []string{"الأربعاء 12 جانفي 2022"}, []string{"2022-01-12"}},
		{"السبت 3 يوليوز 2021 - 14 غشت 2021", []string{"السبت 3 يوليوز 2021", "14 غشت 2021"}, []string{"2021-07-03", "2021-08-14"}},
		{"12 أيلول/سبتمبر 2022", []string{"12 أيلول/سبتمبر 2022"}, []string{"2022-09-12"}},
		{"الأحد 14 رمضان 1443 هـ - 15 أبريل 2022 م", []string{"الأحد 14 رمضان 1443 هـ", "15 أبريل 2022 م"}, []string{"2022-04-15", "2022-04-15"}},
		{"| Tuesday, 11 August 2015 - 00:00 am", []string{"Tuesday, 11 August 2015"}, []string{"2015-08-11"}},
		{"August 11, 2015", []string{"August 11, 2015"}, []string{"2015-08-11"}},
		{"نشر في 2015-07-21 02:16", []string{"2015-07-21"}, []string{"2015-07-21"}},
		{"بتاريخ 21/7/2015", []string{"21/7/2015"}, []string{"2015-07-21"}},
		{"في العام 2021 نقل", []string{"العام 2021"}, []string{"2021"}},
		{"الخامس من نيسان", nil, nil}, // written numbers: issue of the timex stage
		{"أيار الماضي", nil, nil},                                    // month without year or day is not absolute
		{"31 شباط 2022", []string{"شباط 2022"}, []string{"2022-02"}}, // no such day: the month stands
		{"قال رمضان إن 14 جندياً", nil, nil},                         // a name, not a month
		{"5 / 4 / 2022 درجة", nil, nil},                              // spaced numbers in prose
		{"في ٢٩ شباط ٢٠٢٤", []string{"٢٩ شباط ٢٠٢٤"}, []string{"2024-02-29"}},
	}
	for _, tt := range tests {
		got := Find(tt.in)
		var texts, vals []string
		for _, d := range got {
			texts = append(texts, d.Text)
			v := d.Value()
			if d.Year == 0 {
				v = "XXXX" + strings.TrimPrefix(v, "")
				v = "XXXX-" + pad2(d.Month) + "-" + pad2(d.Day)
			}
			vals = append(vals, v)
			if tt.in[d.Start:d.End] != d.Text {
				t.Errorf("%q: span %d:%d does not hold %q", tt.in, d.Start, d.End, d.Text)
			}
		}
		if strings.Join(texts, "|") != strings.Join(tt.texts, "|") || strings.Join(vals, "|") != strings.Join(tt.vals, "|") {
			t.Errorf("Find(%q) = %q %q, want %q %q", tt.in, texts, vals, tt.texts, tt.vals)
		}
	}
}

func pad2(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

func TestHijriKeepsText(t *testing.T) {
	ds := Find("الأحد 14 رمضان 1443 هـ")
	if len(ds) != 1 || ds[0].Hijri != "1443-09-14" || ds[0].Calendar != Hijri || ds[0].Weekday != 0 {
		t.Fatalf("got %+v", ds)
	}
}

func TestCheck(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"20 تموز 2022", "١٠ شباط ٢٠٢٢", "14 رمضان 1443 هـ", "2022-04-05", "30 ذو الحجة 1499", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, d := range Find(s) {
			if d.Start < prev || d.End <= d.Start || d.End > len(s) {
				t.Fatalf("bad span %d:%d in %q", d.Start, d.End, s)
			}
			prev = d.End
			if d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
				t.Fatalf("bad date %+v", d)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	s := strings.Repeat("كذلك، صدمت روسيا العالم في 5 كانون الثاني، حين دخل جنودها إلى كازاخستان في آذار 2019. ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Find(s)
	}
}
