package article

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

const seedPath = "../../../shared/data/seed/000_9e9e8f35e5b5ed32.txt"

// TestSeedAnatomy checks the reference article against the article block of
// ../shared/data/seed/expected.json.
func TestSeedAnatomy(t *testing.T) {
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article not available (../shared is absent): %v", err)
	}
	text := string(b)
	a := Parse(text)
	w := expectedExample{
		Title:     "كازاخستان تخرج من المحور الروسي في ظل استمرار حرب أوكرانيا",
		Authors:   []string{"نيكولاس فيلاسكيز"},
		Published: "2022-07-20",
		Source:    "Geopolitical Monitor.com",
		Noise:     []string{"02 : 00", "MISS 3"},
	}
	w.Captions = append(w.Captions, struct {
		Text string `json:"text"`
		Date string `json:"date"`
	}{"الرئيس الروسي بوتين مع نظيره الكازاخستاني قاسم جومارت توكاييف", "2022-02-10"})
	checkAnatomy(t, text, a, w)
	if len(a.Body) < 15 {
		t.Errorf("body has %d paragraphs, want the article's 17 or so", len(a.Body))
	}
}

func TestParseLayouts(t *testing.T) {
	tests := []struct {
		name, text               string
		title, published, source string
		authors                  []string
		place, agency            string
		bodyStartsWith           string
	}{
		{
			name:           "wire with weekday and inline dateline",
			text:           "روسيا تطرد دبلوماسيين\nالثلاثاء 5 أبريل 2022\n\nموسكو - رويترز: أعلنت وزارة الخارجية الروسية اليوم طرد عشرة دبلوماسيين أوروبيين ردا على خطوة مماثلة.\n",
			title:          "روسيا تطرد دبلوماسيين",
			published:      "2022-04-05",
			source:         "رويترز",
			place:          "موسكو",
			agency:         "رويترز",
			bodyStartsWith: "موسكو - رويترز:",
		},
		{
			name:           "credit line and Maghrebi month",
			text:           "الجزائر تستدعي سفيرها\nالأربعاء 12 جانفي 2022\nكتب: سمير بن علي ومراد قاسمي\n\nاستدعت الجزائر سفيرها لدى باريس للتشاور بعد تصريحات اعتبرتها مسيئة.\n",
			title:          "الجزائر تستدعي سفيرها",
			published:      "2022-01-12",
			authors:        []string{"سمير بن علي", "مراد قاسمي"},
			bodyStartsWith: "استدعت الجزائر",
		},
		{
			name:           "Hijri and Gregorian date line with agency line",
			text:           "خادم الحرمين يستقبل وزير الخارجية الأمريكي\nالأحد 14 رمضان 1443 هـ - 15 أبريل 2022 م\nجدة - واس\nاستقبل خادم الحرمين الشريفين في جدة اليوم وزير الخارجية الأمريكي وبحث معه العلاقات الثنائية.\n",
			title:          "خادم الحرمين يستقبل وزير الخارجية الأمريكي",
			published:      "2022-04-15",
			source:         "واس",
			place:          "جدة",
			agency:         "واس",
			bodyStartsWith: "استقبل خادم",
		},
		{
			name:           "no headline at all",
			text:           "قال مسؤولون إن المحادثات بين الجانبين ستستأنف الأسبوع المقبل في العاصمة القطرية الدوحة بعد توقف دام شهرين بسبب الخلافات حول جدول الأعمال.\n\nوأضافوا أن الوسطاء يعملون على تقريب وجهات النظر.",
			bodyStartsWith: "قال مسؤولون",
		},
		{
			name:           "CRLF line ends and BOM",
			text:           "\ufeffتركيا تقصف مواقع في سوريا\r\n\r\n٣ تشرين الثاني ٢٠٢٢\r\n\r\nقصفت المدفعية التركية مواقع في ريف حلب الشمالي، بحسب المرصد السوري.\r\n",
			title:          "تركيا تقصف مواقع في سوريا",
			published:      "2022-11-03",
			bodyStartsWith: "قصفت المدفعية",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Parse(tt.text)
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if a.Published != tt.published {
				t.Errorf("published = %q, want %q", a.Published, tt.published)
			}
			if a.Source != tt.source {
				t.Errorf("source = %q, want %q", a.Source, tt.source)
			}
			if !slices.Equal(a.Authors, tt.authors) && len(a.Authors)+len(tt.authors) > 0 {
				t.Errorf("authors = %q, want %q", a.Authors, tt.authors)
			}
			if tt.place != "" || tt.agency != "" {
				if a.Dateline == nil || a.Dateline.Place != tt.place || a.Dateline.Agency != tt.agency {
					t.Errorf("dateline = %+v, want %s/%s", a.Dateline, tt.place, tt.agency)
				}
			}
			if len(a.Body) == 0 || !strings.HasPrefix(a.Body[0].Text, tt.bodyStartsWith) {
				t.Errorf("body = %+v, want it to start with %q", a.Body, tt.bodyStartsWith)
			}
			checkSpans(t, tt.text, a)
		})
	}
}

func TestParseByline(t *testing.T) {
	tests := []struct {
		in      string
		authors []string
		place   string
		country string
		agency  string
	}{
		{"جدة: محمد العتيبي", []string{"محمد العتيبي"}, "جدة", "SAU", ""},
		{"د ب أ - برلين", nil, "برلين", "DEU", "د ب أ"},
		{"القاهرة - رويترز", nil, "القاهرة", "EGY", "رويترز"},
		{"مكة - الوئام :", nil, "مكة", "SAU", "الوئام"},
		{"«الاقتصادية» من الرياض", nil, "الرياض", "SAU", "الاقتصادية"},
		{"كتب - علاء سعيد:", []string{"علاء سعيد"}, "", "", ""},
		{"أبها - عبدالله الهاجري:", []string{"عبدالله الهاجري"}, "أبها", "SAU", ""},
		{"\u00a0عكاظ (جدة)", nil, "جدة", "SAU", "عكاظ"},
		{"أحمد علي- سبق- القاهرة:", []string{"أحمد علي"}, "القاهرة", "EGY", "سبق"},
		{"اليوم - الدمام", nil, "الدمام", "SAU", "اليوم"},
		{"الرياض - واس", nil, "الرياض", "SAU", "واس"},
		{"كتب: سمير علي وليد خالد", []string{"سمير علي وليد خالد"}, "", "", ""},
		{"كتب: سمير علي ووليد خالد", []string{"سمير علي", "وليد خالد"}, "", "", ""},
	}
	for _, tt := range tests {
		b := ParseByline(tt.in)
		if !slices.Equal(b.Authors, tt.authors) || b.Place != tt.place || b.Country != tt.country {
			t.Errorf("ParseByline(%q) = authors %q place %q %q, want %q %q %q", tt.in, b.Authors, b.Place, b.Country, tt.authors, tt.place, tt.country)
		}
		if tt.agency != "" && b.Agency == "" {
			t.Errorf("ParseByline(%q): no agency, want %q", tt.in, tt.agency)
		}
		for i, s := range b.AuthorSpans {
			if s.Text(tt.in) != b.Authors[i] {
				t.Errorf("ParseByline(%q): author span %v holds %q", tt.in, s, s.Text(tt.in))
			}
		}
	}
}

func TestFromParts(t *testing.T) {
	text, a := FromParts(Parts{
		Title:  "  قطر تستضيف  محادثات ",
		Author: "الدوحة - قنا",
		Date:   "2022-08-08 14:30:00",
		Source: "alkhaleej",
		URL:    "https://example.com/a",
		Body:   "استضافت الدوحة اليوم جولة جديدة من المحادثات.\r\n\r\nوقال الوسطاء إن الأجواء إيجابية.",
	})
	if a.Title != "قطر تستضيف محادثات" || a.TitleSpan.Text(text) != a.Title {
		t.Errorf("title %q span %v", a.Title, a.TitleSpan)
	}
	if a.Published != "2022-08-08" || a.PublishedTime != "2022-08-08T14:30:00Z" {
		t.Errorf("published %q %q", a.Published, a.PublishedTime)
	}
	if len(a.Body) != 2 || a.Source != "alkhaleej" || a.Dateline == nil || a.Dateline.Place != "الدوحة" {
		t.Errorf("body %d source %q dateline %+v", len(a.Body), a.Source, a.Dateline)
	}
	checkSpans(t, text, a)
}

func TestCheckData(t *testing.T) {
	if err := CheckData(); err != nil {
		t.Fatal(err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("نيكولاس\n\nعنوان طويل هنا\n\n20 تموز 2022\n\nالمصدر: X\n\n02 : 00\n\nتعليق | ١٠ شباط ٢٠٢٢\nنص.")
	f.Add("موسكو - رويترز: قال")
	f.Add("|\n|٢\n\xff\n")
	f.Fuzz(func(t *testing.T, text string) {
		a := Parse(text)
		if a.TitleSpan != nil && a.TitleSpan.Text(text) != a.Title {
			t.Fatalf("title span %v does not hold %q", *a.TitleSpan, a.Title)
		}
		for _, p := range a.Body {
			if p.Span.Text(text) != p.Text {
				t.Fatalf("paragraph span %v does not hold %q", p.Span, p.Text)
			}
		}
		for _, e := range a.Extras {
			if e.Span.Text(text) != e.Text {
				t.Fatalf("extra span %v does not hold %q", e.Span, e.Text)
			}
		}
		if utf8.ValidString(text) && !utf8.ValidString(a.Title) {
			t.Fatalf("title is not valid UTF-8")
		}
	})
}

func FuzzParseByline(f *testing.F) {
	for _, s := range []string{"جدة: محمد العتيبي", "د ب أ - برلين", "«الاقتصادية» من الرياض", "| Tuesday, 11 August 2015 - 00:00 am", "كتب", "من من"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := ParseByline(s)
		if len(b.AuthorSpans) != len(b.Authors) {
			t.Fatalf("%d spans for %d authors", len(b.AuthorSpans), len(b.Authors))
		}
		for i, sp := range b.AuthorSpans {
			if sp.Text(s) != b.Authors[i] {
				t.Fatalf("author span %v does not hold %q", sp, b.Authors[i])
			}
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2015-07-21 02:16:47", "Mon, 02 Jan 2006 15:04:05 MST", "٣ يوليو ٢٠٢٢", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if tm, ok := ParseTime(s); ok && tm.IsZero() {
			t.Fatalf("ParseTime(%q) ok with zero time", s)
		}
	})
}

func BenchmarkParseSeed(b *testing.B) {
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		b.Skipf("seed article not available: %v", err)
	}
	text := string(raw)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Parse(text)
	}
}
