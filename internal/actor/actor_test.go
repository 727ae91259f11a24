package actor

import (
	"fmt"
	"strings"
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
	tests := []struct {
		sentence    string
		first, stop int
		want        string
	}{
		{"خطف مجهولون مصوراً فرنسياً في بوساسو بشمال الصومال", 2, 4, "FRA"},
		{"أدان مجلس الأمن الدولي الهجوم", 1, 4, "IGO"},
		// The head names an international body; the nisba is its name.
		{"انتقد الاتحاد الأوروبي القرار", 1, 3, "IGO"},
		// A region is no country: the gold standard's INT.
		{"هاجمت القوات الأفريقية المسلحين في مقديشو", 1, 3, "INT"},
		// Led by a country: that country's, before the sentence's others.
		{"قصفت قوات التحالف بقيادة الولايات المتحدة مواقع في أفغانستان", 1, 6, "USA"},
		{"هاجم مسلحون قافلة لقوات التحالف بقيادة أميركية في أفغانستان", 3, 7, "USA"},
	}
	for _, tc := range tests {
		toks := tokens(tc.sentence)
		if c, _ := d.CodeSpan(toks, tc.first, tc.stop); c != tc.want {
			t.Errorf("%q [%d:%d] = %q, want %s", tc.sentence, tc.first, tc.stop, c, tc.want)
		}
	}
}

// TestResolveAliasesAndRoles: a surname alone after the full name is the
// same person, and a sector noun with a nisba is a coded national body.
// resolveText resolves the dictionary's names in text and the PERS names
// a model would have found there (pers, as token spans) at date.
func resolveText(d *Dictionary, text string, date time.Time, pers [][2]int) []Entity {
	toks := tokens(text)
	var model []Mention
	for _, p := range pers {
		model = append(model, Mention{First: p[0], Stop: p[1], Type: "PERS", Source: "model"})
	}
	r := &Resolver{Dict: d, Date: date}
	return r.Resolve(text, toks, Merge(d.Mentions(toks), model))
}

func TestResolveAliasesAndRoles(t *testing.T) {
	d := Default()
	date := time.Date(2022, 7, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		text  string
		pers  [][2]int // PERS mentions the model found, as token spans
		want  map[string]string
		avoid []string // texts that must not come out as entities
	}{
		{
			name: "surname after the full name",
			text: "قال النائب الروسي، كونستانتين زاتولين إن ... وتهدد تصريحات زاتولين كازاخستان",
			pers: [][2]int{{4, 6}},
			want: map[string]string{"كونستانتين زاتولين": "RUSLEG", "زاتولين": "RUSLEG"},
		},
		{
			name:  "surname before the full name is left alone",
			text:  "زاتولين قال ثم قال النائب الروسي، كونستانتين زاتولين",
			pers:  [][2]int{{7, 9}},
			want:  map[string]string{"كونستانتين زاتولين": "RUSLEG"},
			avoid: []string{"زاتولين"},
		},
		{
			name: "forces, court and office with a nisba",
			text: "دخلت القوات الروسية البلدة وأغلقت محكمة روسية المحطة وقال الرئيس الروسي ذلك",
			want: map[string]string{"القوات الروسية": "RUSMIL", "محكمة روسية": "RUSJUD", "الرئيس الروسي": "RUSGOV"},
		},
		{
			name: "a surname that is also a town, after the full name",
			text: "التقى الوزير جوزيب بوريل أمس ثم دعا بوريل إلى الحوار",
			want: map[string]string{"جوزيب بوريل": "IGOEU", "بوريل": "IGOEU"},
		},
		{
			name:  "a name written with the article needs it: قاعدة is a base, لقاعدة for a base",
			text:  "هجوم على قاعدة عسكرية ثم لقاعدة أخرى وأعلنت القاعدة مسؤوليتها",
			want:  map[string]string{"القاعدة": "IMGREB"},
			avoid: []string{"قاعدة"},
		},
		{
			name: "a title with no country codes the sector alone, as ---GOV",
			text: "قال الوزير خالد منصور إن الاجتماع انتهى",
			pers: [][2]int{{2, 4}},
			want: map[string]string{"خالد منصور": "---GOV"},
		},
		{
			name:  "a definite noun's adjective is no ministry",
			text:  "تغيير السياسة الخارجية الكازاخستانية",
			avoid: []string{"الخارجية الكازاخستانية"},
		},
		{
			name:  "a model guess on the nisba after a sector noun gives way to the role",
			text:  "طرد المغرب دبلوماسيا جزائريا",
			pers:  [][2]int{{3, 4}},
			want:  map[string]string{"دبلوماسيا جزائريا": "DZAGOV"},
			avoid: []string{"جزائريا"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]string{}
			for _, e := range resolveText(d, tt.text, date, tt.pers) {
				got[e.Text] = e.Code
			}
			for text, code := range tt.want {
				if got[text] != code {
					t.Errorf("%s = %q, want %s (all: %v)", text, got[text], code, got)
				}
			}
			for _, text := range tt.avoid {
				if _, ok := got[text]; ok {
					t.Errorf("%s came out as an entity (all: %v)", text, got)
				}
			}
		})
	}
}

// TestDashIsNoName: "-" marks an empty field of the tables (regions and
// city-states have no separate capital); it must not become a name.
func TestDashIsNoName(t *testing.T) {
	d := Default()
	toks := tokens("خط باكو - تبليسي - جيهان")
	for i := range toks {
		if e, _ := d.MatchAt(toks, i); e != nil && e.Name == "-" {
			t.Errorf("token %d matched %s named %q", i, e.ID, e.Name)
		}
	}
	if code, ok := d.Nisba("-"); ok {
		t.Errorf(`"-" is a nisba of %s`, code)
	}
}

// Town names that are first names or function words are no places:
// جورج is George Bush's, not the South African town's; كيف is "how".
func TestTownsNamedLikePeopleOrWords(t *testing.T) {
	d := Default()
	tests := []struct {
		text string
		want []string // mention kinds, in order
	}{
		{"قال جورج إن الأمر انتهى", nil},
		{"لا نعرف كيف حدث ذلك", nil},
		{"وصل الوفد إلى كييف", []string{"city"}},
		{"زار فلاديمير بوتين موسكو", []string{"person", "city"}},
		{"شارك الآلاف في المسيرة", nil},                        // شارك took part (a town in Kyrgyzstan)
		{"اقتحم الجيش جنين والخليل", []string{"city", "city"}}, // news towns that are also words
		{"برنامج إنقاذ مالي جديد", nil},                        // مالي after an indefinite word is "financial"
		{"قتل جنود في مالي", []string{"country"}},
		{"زار الرئيس الفرنسي مالي", []string{"country"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range d.Mentions(tokens(tt.text)) {
			got = append(got, m.Entry.Kind.String())
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: mentions %v, want %v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: mention %d is a %s, want a %s", tt.text, i, got[i], tt.want[i])
			}
		}
	}
}

// Hints (clubs, brands) are never actor mentions; in the gazetteer labels
// a hint stands over the shorter actor names inside it.
func TestHints(t *testing.T) {
	d := Default()
	toks := tokens("فاز ريال مدريد على برشلونة في مدريد")
	mentions := d.Mentions(toks)
	for _, m := range mentions {
		if m.Entry.Kind == Hint {
			t.Errorf("hint %s among the actor mentions", m.Entry.Name)
		}
	}
	got := d.GazLabels(toks, mentions)
	// برشلونة is the city as much as the club: a name of the same length
	// leaves the actor's label.
	want := []string{"", "ORG:hint-B", "ORG:hint-I", "", "LOC:city-B", "", "LOC:city-B"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("label of word %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// A name does not shed the article: المالية ("the financial") is not Malé,
// بأنه not Baneh; sector nouns still do (الجيش is جيش).
func TestArticleStaysWithNames(t *testing.T) {
	d := Default()
	for _, text := range []string{"قال وزير المالية إن وزارة المالية قررت", "وأكد بأنه سيعود"} {
		if ms := d.Mentions(tokens(text)); len(ms) > 0 {
			t.Errorf("%s: mentions %s (%s), want none", text, ms[0].Entry.Name, ms[0].Entry.ID)
		}
	}
	if s, ok := d.Sector(Key("الجيش")); !ok || s != "MIL" {
		t.Errorf("sector الجيش = %q %v, want MIL", s, ok)
	}
}

func TestMerge(t *testing.T) {
	city := &Entry{Kind: City, Name: "مدريد"}
	person := &Entry{Kind: Person, Name: "عبد الله بن خليفة"}
	council := &Entry{Kind: IGO, Name: "مجلس الأمن"}
	tests := []struct {
		name        string
		dict, model []Mention
		want        string
	}{
		{"a club around its city stands alone",
			[]Mention{{First: 1, Stop: 2, Type: "LOC", Entry: city, Source: "dictionary"}},
			[]Mention{{First: 0, Stop: 2, Type: "ORG", Source: "model"}},
			"ORG 0-2 model -"},
		{"a longer name of a known person keeps the person",
			[]Mention{{First: 0, Stop: 4, Type: "PERS", Entry: person, Source: "dictionary"}},
			[]Mention{{First: 0, Stop: 5, Type: "PERS", Source: "model"}},
			"PERS 0-5 both عبد الله بن خليفة"},
		{"an organisation keeps its dictionary span",
			[]Mention{{First: 0, Stop: 2, Type: "ORG", Entry: council, Source: "dictionary"}},
			[]Mention{{First: 0, Stop: 3, Type: "ORG", Source: "model"}},
			"ORG 0-2 both مجلس الأمن"},
		{"two people side by side stay apart",
			[]Mention{{First: 1, Stop: 2, Type: "PERS", Entry: person, Source: "dictionary"}, {First: 2, Stop: 3, Type: "PERS", Entry: person, Source: "dictionary"}},
			[]Mention{{First: 1, Stop: 3, Type: "PERS", Source: "model"}},
			"PERS 1-2 both عبد الله بن خليفة; PERS 2-3 both عبد الله بن خليفة"},
		{"a shorter model name leaves the dictionary's",
			[]Mention{{First: 0, Stop: 2, Type: "LOC", Entry: city, Source: "dictionary"}},
			[]Mention{{First: 1, Stop: 2, Type: "PERS", Source: "model"}},
			"LOC 0-2 both مدريد"},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range Merge(tt.dict, tt.model) {
			name := "-"
			if m.Entry != nil {
				name = m.Entry.Name
			}
			got = append(got, fmt.Sprintf("%s %d-%d %s %s", m.Type, m.First, m.Stop, m.Source, name))
		}
		if s := strings.Join(got, "; "); s != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, s, tt.want)
		}
	}
}

// TestCounterparts: نظيره + nisba is the holder of the office last named,
// in the nisba's country, at the article's date; it wins over a model
// guess that swallowed it, and yields to a name in apposition.
func TestCounterparts(t *testing.T) {
	d := Default()
	tests := []struct {
		name string
		text string
		date time.Time
		pers [][2]int          // the model's PERS guesses, as token spans
		want map[string]string // entity text -> actor id
	}{
		{
			name: "president's counterpart in 2022",
			text: "استقبل الرئيس المصري نظيره الفرنسي في القاهرة",
			date: time.Date(2022, 7, 20, 0, 0, 0, 0, time.UTC),
			want: map[string]string{"الرئيس المصري": "person:abdel-fattah-el-sisi", "نظيره الفرنسي": "person:emmanuel-macron"},
		},
		{
			name: "the same words in 2015",
			text: "استقبل الرئيس المصري نظيره الفرنسي في القاهرة",
			date: time.Date(2015, 7, 20, 0, 0, 0, 0, time.UTC),
			want: map[string]string{"نظيره الفرنسي": "person:francois-hollande"},
		},
		{
			name: "a minister's office names its holder (the و of وزير is no conjunction)",
			text: "قال وزير الخارجية السعودي ووزير الدفاع الأمريكي إن",
			date: time.Date(2022, 7, 20, 0, 0, 0, 0, time.UTC),
			want: map[string]string{"وزير الخارجية السعودي": "person:faisal-bin-farhan", "وزير الدفاع الأمريكي": "person:lloyd-austin"},
		},
		{
			name: "undated: the holder now",
			text: "استقبل الرئيس المصري نظيره الفرنسي في القاهرة",
			want: map[string]string{"نظيره الفرنسي": "person:emmanuel-macron"},
		},
		{
			name: "a foreign minister's counterpart, over the model's guess",
			text: "زار وزير الخارجية الروسي سيرغي لافروف أنقرة والتقى نظيره التركي",
			date: time.Date(2022, 7, 20, 0, 0, 0, 0, time.UTC),
			pers: [][2]int{{4, 6}, {7, 10}},
			want: map[string]string{"سيرغي لافروف": "person:sergey-lavrov", "نظيره التركي": "person:mevlut-cavusoglu"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]string{}
			for _, e := range resolveText(d, tt.text, tt.date, tt.pers) {
				got[e.Text] = e.ActorID
			}
			for text, id := range tt.want {
				if got[text] != id {
					t.Errorf("%s = %q, want %s (all: %v)", text, got[text], id, got)
				}
			}
		})
	}
}
