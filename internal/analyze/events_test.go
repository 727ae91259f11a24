package analyze

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// seedEventCodes reads an expected.json actor description such as
// "IGO (CSTO) / RUSMIL" or "KAZ (Nazarbayev allies)" into the codes it
// allows.
var seedCode = regexp.MustCompile(`\b[A-Z]{3}(?:[A-Z]{3})?\b`)

// matchesSeedActor: an event actor matches an expected code when the codes
// agree on the country and, when the expected code names a role, on it.
func matchesSeedActor(got *document.EventActor, want string) bool {
	if got == nil {
		return false
	}
	for _, w := range seedCode.FindAllString(want, -1) {
		if w == "IGO" && strings.HasPrefix(got.Code, "IGO") || strings.HasPrefix(got.Code, w) {
			return true
		}
	}
	return false
}

// TestSeedEvents is issue 6's seed check: the events of
// ../shared/data/seed/expected.json with the right root code, direction
// and date, and nothing from the article's hypotheticals.
func TestSeedEvents(t *testing.T) {
	var want struct {
		Events []struct {
			Source, Target, Date string
			Root                 string `json:"cameo_root"`
			Gist                 string
		}
	}
	text, d := analysedSeed(t, &want)
	right := 0
	for _, w := range want.Events {
		found := false
		for _, e := range d.Events {
			if e.Root == w.Root && matchesSeedActor(e.Source, w.Source) && matchesSeedActor(e.Target, w.Target) && strings.HasPrefix(e.Date, w.Date) {
				found = true
				break
			}
		}
		if found {
			right++
		} else {
			t.Logf("missed: %s %s -> %s %s (%s)", w.Root, w.Source, w.Target, w.Date, w.Gist)
		}
	}
	// 10 of 11 today; issue 6 asks for 9.
	if right < 10 {
		t.Errorf("%d of %d seed events right, want at least 10", right, len(want.Events))
	}
	for _, e := range d.Events {
		s := e.Sentence.Text(text)
		if strings.Contains(s, "قد تصل حملة") || strings.Contains(s, "إذا أصبحت الصين") {
			t.Errorf("event %s coded from a hypothetical: %s", e.Code, s)
		}
	}
}

// TestEventContext codes sentences whose context changes the event:
// negation with a conjunction, a conjunction the segmenter leaves on a
// verb, a refused act, a preposition before the name after the verb.
func TestEventContext(t *testing.T) {
	an := NewWithoutFilter()
	if an.coder == nil {
		t.Skip("event dictionaries not shipped")
	}
	tests := []struct {
		name, text string
		want       string // SOURCE-CODE-TARGET of the events, in order
	}{
		{"negated attack with و", "ولم تهاجم القوات الإسرائيلية القرية أمس.", ""},
		{"negated attack with ف", "فلم يهاجم الجيش الروسي المدينة.", ""},
		{"conjunction left on the verb", "واحتج مئات المتظاهرين أمام البرلمان.", "---CVL-140-"}, // the protesters, of no stated country
		{"refused act", "رفضت كازاخستان إرسال الجنود إلى أوكرانيا.", "KAZ-120-UKR"},
		{"troops enter", "صدمت روسيا العالم حين دخل جنودها إلى كازاخستان.", "RUSMIL-074-KAZ"},
		{"judged a provocation", "اعتبرت روسيا قرار أوكرانيا بمثابة استفزاز.", "RUS-111-UKR"},
		{"not judged", "لا تعتبر روسيا قرار أوكرانيا بمثابة استفزاز.", ""},
		{"no judge", "هذا القرار بمثابة خيانة للشعب.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, a := article.FromParts(article.Parts{Body: tt.text, Date: "2022-04-07"})
			d := document.New(text, a, document.Origin{Format: "jsonl"})
			an.Document(d)
			var got []string
			for _, e := range d.Events {
				src, tgt := "", ""
				if e.Source != nil {
					src = e.Source.Code
				}
				if e.Target != nil {
					tgt = e.Target.Code
				}
				got = append(got, src+"-"+e.Code+"-"+tgt)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("%s\n got %q\nwant %q", tt.text, g, tt.want)
			}
		})
	}
}
