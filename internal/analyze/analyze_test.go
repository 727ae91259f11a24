package analyze

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

func TestTextLayer(t *testing.T) {
	b, err := os.ReadFile("../../examples/01_kazakhstan_russia_drift_analysis.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	d := document.New(text, article.Parse(text), document.Origin{Format: "text"})
	New().Document(d)
	if len(d.Sentences) < 10 || len(d.Tokens) < 200 {
		t.Fatalf("%d sentences, %d tokens", len(d.Sentences), len(d.Tokens))
	}
	if d.Sentences[0].Region != document.RegionTitle {
		t.Errorf("first sentence is in %s, want the title", d.Sentences[0].Region)
	}
	prev := 0
	for _, s := range d.Sentences {
		if s.Tokens[0] != prev || s.Tokens[1] <= s.Tokens[0] {
			t.Fatalf("sentence tokens %v after %d", s.Tokens, prev)
		}
		prev = s.Tokens[1]
		first, last := d.Tokens[s.Tokens[0]], d.Tokens[s.Tokens[1]-1]
		if first.Span.Start != s.Span.Start || last.Span.End != s.Span.End {
			t.Errorf("sentence span %v does not match its tokens", s.Span)
		}
	}
	for _, tok := range d.Tokens {
		if got := arabic.NormalizeString(tok.Span.Text(text)); got != tok.Text {
			t.Fatalf("token %q: span normalises to %q", tok.Text, got)
		}
		if tok.Kind == "word" && tok.Stem == "" {
			t.Errorf("word %q has no stem", tok.Text)
		}
	}
	// No token comes from the header lines that are not regions.
	for _, tok := range d.Tokens {
		if d.Article.PublishedSpan != nil && tok.Span.Start >= d.Article.PublishedSpan.Start && tok.Span.End <= d.Article.PublishedSpan.End {
			t.Errorf("token %q comes from the date line", tok.Text)
		}
	}
	if !strings.Contains(d.Sentences[0].Span.Text(text), "كازاخستان") {
		t.Errorf("title sentence: %q", d.Sentences[0].Span.Text(text))
	}
}

func BenchmarkDocument(b *testing.B) {
	raw, err := os.ReadFile("../../examples/01_kazakhstan_russia_drift_analysis.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	a := article.Parse(text)
	an := New()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		an.Document(document.New(text, a, document.Origin{Format: "text"}))
	}
}

const seedPath = "../../../shared/data/seed/000_9e9e8f35e5b5ed32.txt"

// analysedSeed reads expected.json into want and returns the seed article
// and its analysis; it skips when ../shared is absent.
func analysedSeed(t *testing.T, want any) (string, *document.Document) {
	t.Helper()
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article not available (../shared is absent): %v", err)
	}
	exp, err := os.ReadFile("../../../shared/data/seed/expected.json")
	if err != nil {
		t.Skipf("expected.json not available: %v", err)
	}
	if err := json.Unmarshal(exp, want); err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	d := document.New(text, article.Parse(text), document.Origin{Format: "text"})
	New().Document(d)
	return text, d
}

// TestSeedDates: every date of ../shared/data/seed/expected.json comes out
// of the date layer with its value.
func TestSeedDates(t *testing.T) {
	var want struct {
		Dates []struct{ Text, Value string } `json:"dates"`
	}
	text, d := analysedSeed(t, &want)
	for _, w := range want.Dates {
		found := false
		for _, x := range d.Dates {
			if x.Value == w.Value && (strings.Contains(x.Text, w.Text) || strings.Contains(w.Text, x.Text)) {
				found = true
			}
		}
		if !found {
			t.Errorf("date %q = %s not found", w.Text, w.Value)
		}
	}
	for _, x := range d.Dates {
		if x.Span.Text(text) != x.Text {
			t.Errorf("date span %v does not hold %q", x.Span, x.Text)
		}
	}
}

// TestUndatedAnchorsOnText: with no article date, relative expressions are
// resolved against the first full date the text gives.
func TestUndatedAnchorsOnText(t *testing.T) {
	text := "اجتماع طارئ\n\nعقد المجلس اجتماعاً في 3 آذار 2021، ثم أعلن أمس أن الجولة التالية ستعقد الأسبوع المقبل، وبعد يومين على ذلك صدر البيان."
	d := document.New(text, article.Parse(text), document.Origin{Format: "text"})
	New().Document(d)
	got := map[string]string{}
	for _, x := range d.Dates {
		got[x.Text] = x.Value + "/" + x.Anchor
	}
	for text, want := range map[string]string{
		"3 آذار 2021":       "2021-03-03/",
		"أمس":               "2021-03-02/text",
		"الأسبوع المقبل":    "2021-W10/text",
		"بعد يومين على ذلك": "2021-03-04/previous",
	} {
		if got[text] != want {
			t.Errorf("%s = %q, want %q (all: %v)", text, got[text], want, got)
		}
	}
}

// TestSeedEntities: every entity of ../shared/data/seed/expected.json is
// found with its type and the listed actor code.
func TestSeedEntities(t *testing.T) {
	var want struct {
		Entities []struct{ Text, Type, Actor, Role string } `json:"entities"`
	}
	_, d := analysedSeed(t, &want)
	for _, w := range want.Entities {
		found := false
		for _, e := range d.Entities {
			if e.Type != w.Type || arabic.Key(e.Text) != arabic.Key(w.Text) {
				continue
			}
			if w.Role != "" {
				found = found || e.Role == w.Role
				continue
			}
			if actorMatches(w.Actor, e.Actor) {
				found = true
			}
		}
		if !found {
			t.Errorf("entity %s %q with actor %q not found", w.Type, w.Text, w.Actor)
		}
	}
}

// actorMatches reads expected.json's actor notation: a CAMEO code (KAZGOV),
// "IGO (CSTO)" for an IGO code, a bare sector (BUS), or "" for any.
func actorMatches(want string, got *document.Actor) bool {
	switch {
	case want == "":
		return true
	case got == nil:
		return false
	case strings.HasPrefix(want, "IGO ("):
		return strings.HasPrefix(got.Code, "IGO")
	case len(want) == 3 && got.Sector == want:
		return true
	}
	return got.Code == want
}

// TestEvents codes a few sentences of the kinds the coder must handle.
func TestEvents(t *testing.T) {
	an := New()
	if an.coder == nil {
		t.Skip("event dictionaries not shipped")
	}
	tests := []struct {
		text string
		want []string // SOURCE-ROOT-TARGET, in order; none for no event
	}{
		{"أدانت مصر بشدة الهجوم الذي استهدف السعودية أمس.", []string{"EGY-11-SAU"}},
		{"التقى الرئيس الروسي فلاديمير بوتين نظيره الصيني شي جين بينغ في موسكو يوم الاثنين.", []string{"RUSGOV-04-CHNGOV"}},
		{"لم تعترف الجزائر بقرار المغرب.", []string{"DZA-12-MAR"}},
		{"إذا هاجمت إسرائيل إيران فإن المنطقة ستشتعل.", nil},
		{"وقّعت كازاخستان والصين اتفاقية في أستانا.", []string{"KAZ-05-CHN", "CHN-05-KAZ"}},
	}
	for _, tt := range tests {
		text, a := article.FromParts(article.Parts{Body: tt.text, Date: "2022-04-07"})
		d := document.New(text, a, document.Origin{Format: "jsonl"})
		an.Document(d)
		var got []string
		for _, e := range d.Events {
			src, tgt := "-", "-"
			if e.Source != nil {
				src = e.Source.Code
			}
			if e.Target != nil {
				tgt = e.Target.Code
			}
			got = append(got, src+"-"+e.Root+"-"+tgt)
			if e.Sentence.Text(text) == "" || e.Trigger.Text(text) == "" || e.Goldstein == 0 && e.Root != "01" && e.Root != "04" {
				t.Errorf("%s: event lacks evidence or score: %+v", tt.text, e)
			}
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s\n got %v\nwant %v", tt.text, got, tt.want)
		}
	}
}

// TestCoderRules checks the coder's rules without the learned filter, which
// may veto any sentence: happenings without actors are coded, background
// mentions are not, and clause boundaries (a comma, a verb coordinated
// with و) bound subjects and negation.
func TestCoderRules(t *testing.T) {
	an := NewWithoutFilter()
	if an.coder == nil {
		t.Skip("event dictionaries not shipped")
	}
	tests := []struct {
		text string
		want string // SOURCE-CODE-TARGET of the events, in order
	}{
		{"تظاهر آلاف الأشخاص في العاصمة احتجاجا على ارتفاع الأسعار.", "---CVL-141-"}, // people of no stated country
		{"ومع ساعات بعد الظهر، ارتفعت حدة الاحتجاجات.", "-140-"},
		{"قُتل ثلاثة أشخاص في انفجار سيارة مفخخة في وسط المدينة.", "-1823----CVL"}, // the victims, of no stated country
		// بعد الغزو is background; UKR before the comma is not the subject
		{"بعد الغزو الروسي لأوكرانيا، عرض توكاييف زيادة إنتاج الطاقة للأسواق الأوروبية.", "KAZGOV-030-EUR"},
		{"بعد الهجوم على المدينة، عاد الهدوء إلى الشوارع.", ""},
		// غير negates مألوفة only; واعتقل shares the first verb's subject
		{"انتقد توكاييف نزارباييف بطريقة غير مألوفة واعتقل عددا من حلفائه.", "KAZGOV-111-KAZELI KAZGOV-173-KAZ"},
		{"إذا تظاهر الطلاب فإن الشرطة ستتدخل.", ""},
		// the subject's title opens the subject: the name comes after the office
		{"وانتقدت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا محاولات الغرب.", "RUSGOV-111-WST"},
		// an attack without a named victim falls on the country where it happened
		{"قتل عشرة أشخاص في انفجار سيارة مفخخة في بغداد.", "-1823-IRQ"},
		// a nisba on a force before the verb names the attacker
		{"وأطلقت دبابة إسرائيلية قذيفة على تجمع للمواطنين في غزة.", "ISRMIL-190-PSE"},
		// تعرض: its subject suffers the attack, whose author is not named
		{"وقال مسؤول إن القوات الأميركية تعرضت لهجوم في الرمادي.", "-190-USAMIL"},
		// مقتل: the name after it suffered the act (تركيا is the accusative
		// nisba); after أسفر عن, the deaths are the attack's result, one act
		{"أسفر الهجوم عن مقتل 15 جنديا تركيا في شمال العراق.", "-190-TUR"},
		{"أعلنت أنقرة مقتل 15 جنديا تركيا في شمال العراق.", "-180-TUR"},
		// the agent named after نفذ/شن/تبنى, also of a suffered attack
		{"وتعرضت السفينة لهجوم نفذه قراصنة صوماليون قبالة سواحل اليمن.", "SOMUAF-190-YEM"},
		// احتجاجا after a summons is its purpose, no protest of its own
		{"استدعت وزارة الخارجية الكازاخستانية السفير الصيني احتجاجا على مقال.", "KAZGOV-114-CHN"},
		// a visit noun: the visitor after ل, the host after إلى
		{"وصل الوفد أمس في زيارة لوزير الخارجية الروسي إلى بكين.", "RUSGOV-042-CHN"},
		// one name between a coordinated verb and its بـ complement is the object
		{"وانتقد توكاييف موسكو، وطالب الاتحاد الأوروبي بتسريع المشروع.", "KAZGOV-111-RUS KAZGOV-100-IGOEU"},
		// a protest at home: the country's people protest
		{"تظاهر آلاف التونسيين في العاصمة التونسية.", "TUNCVL-141-TUN"},
		// a counterpart is the object, never the subject: the subject is the
		// previous verb's, in this sentence or the one before
		{"زار الرئيس الفرنسي بكين والتقى نظيره الصيني.", "FRAGOV-042-CHN FRAGOV-040-CHNGOV"},
		{"زار الرئيس الفرنسي بكين. والتقى هناك نظيره الصيني شي جين بينغ.", "FRAGOV-042-CHN FRAGOV-040-CHNGOV"},
		{"استقبل الرئيس المصري نظيره الفرنسي في القاهرة.", "EGYGOV-043-FRAGOV"},
		// an intended act: the intent word is its mood, not an event of its
		// own; intending a hostile act is threatening it
		{"تعتزم الحكومة التركية فرض عقوبات على إسرائيل.", "TURGOV-1312-ISR"},
		{"يعتزم الرئيس الروسي زيارة الصين.", "RUSGOV-036-CHN"},
		{"تنوي الحكومة المصرية تقديم مساعدات إلى السودان.", "EGYGOV-033-SDN"},
		// the nisba of the attacking force is not also its target
		{"قصفت الطائرات الروسية مواقع في إدلب.", "RUSMIL-195-SYR"},
		// passive readings: أصيب always, قتل when its subject has no object;
		// the attack they were wounded or killed in is the same act
		{"أصيب ثلاثة جنود أمريكيين في هجوم في العراق.", "-180-USAMIL"},
		{"قتل جنديان أمريكيان في هجوم على قاعدة في العراق.", "-1823-USAMIL"},
		{"قتل جنود أمريكيون عراقيين في بغداد.", "USAMIL-1823-IRQ"},
		{"قتل جنود بريطانيون مسلحين.", "GBRMIL-1823----UAF"},
		// what an appeal asks for has not happened: it refines the appeal
		{"دعا الأمين العام للأمم المتحدة إلى وقف إطلاق النار في غزة.", "IGOUNO-0256-"},
		{"دعت روسيا الولايات المتحدة إلى إجراء محادثات.", "RUS-026-USA"},
		{"دعت المعارضة إلى التظاهر في العاصمة.", "---OPP-020-"},
		// a purpose (ل and a verbal noun) is not an act of its own
		{"وقعت السعودية وإيران اتفاقا لاستئناف العلاقات الدبلوماسية برعاية صينية.", "SAU-057-IRN IRN-057-SAU"},
		// a verbal noun after إزاء or بشأن is a topic, not an act
		{"أعربت مصر عن قلقها إزاء فرض عقوبات على السودان.", "EGY-012-SDN"},
		// a phrase matched whole stays whole: no ceasefire inside خرق وقف إطلاق النار
		{"واتهمت أرمينيا أذربيجان بخرق وقف إطلاق النار.", "ARM-112-AZE"},
		// خطف with an armed subject after it is the verb, not the noun
		{"خطف مسلحون مجهولون مهندسا تركيا في العراق.", "---UAF-181-TUR"},
		// a preposition opens a new phrase: بالرئيس الإيراني is no adjective
		{"التقى رئيس الوزراء العراقي بالرئيس الإيراني في طهران.", "IRQGOV-040-IRNGOV"},
		// a dual force with a dual nisba
		{"قصفت طائرتان إسرائيليتان موقعا في غزة.", "ISRMIL-190-PSE"},
		// ألقى القبض: the light verb's subject arrests; ألقت is no definite
		// word, so قوات الأمن المصرية after it is a role; the protesters it
		// arrests are the target, not the force's own country
		{"وألقت قوات الأمن المصرية القبض على عشرات المتظاهرين.", "EGYCOP-173----CVL"},
		// a name after another verb is that verb's subject: the call has no
		// named agent, the attack has the forces
		{"دعا الرئيس إلى الحوار ثم هاجمت القوات المدينة.", "---MIL-190-"},
		// قتل with its subject's clause closed before the attackers are
		// named: the soldiers were killed, the gunmen attacked
		{"قتل خمسة جنود باكستانيين في هجوم شنه مسلحون على نقطة تفتيش.", "---UAF-1823-PAKMIL"},
		{"قتل مسلحون خمسة جنود باكستانيين.", "---UAF-1823-PAKMIL"},
		// who reports a passive killing did not kill
		{"قال المتحدث باسم الشرطة: قتل ثلاثة جنود في الهجوم.", "-1823----MIL"},
		// a long subject between the verb and its required word, and the
		// phone call that says how the talks took place
		{"بحث الرئيس المصري عبد الفتاح السيسي مع نظيره الفرنسي إيمانويل ماكرون في اتصال هاتفي تطورات الأوضاع في غزة.", "EGYGOV-041-FRAGOV"},
		// a title and its holder's name are one subject, not source and target
		{"انتقد الأمين العام للأمم المتحدة أنطونيو غوتيريش معاملة المدنيين.", "IGOUNO-111----CVL"},
		// the agent of a passive verb after a weapon or على يد
		{"أصيب ثلاثة فلسطينيين برصاص الجيش الإسرائيلي.", "ISRMIL-180-PSE"},
		{"قتل ثلاثة مدنيين على يد مسلحين في كركوك.", "---UAF-1823----CVL"},
		// an accusative nisba after the object makes قتل active
		{"قتلت القوات الإسرائيلية شابا فلسطينيا بالرصاص.", "ISRMIL-1823-PSE"},
		// two nisbas of one dual noun are two actors acting together
		{"اتفق الرئيسان الروسي والصيني على تعزيز التعاون العسكري.", "RUSGOV-019-CHNGOV CHNGOV-019-RUSGOV"},
		{"أجرى الجيشان المصري والسعودي مناورات مشتركة.", "EGYMIL-062-SAUMIL SAUMIL-062-EGYMIL"},
		// bare هنأ folds to هنا (here): no congratulation without its complement
		{"وهنا تواصل الحديث عن الفيلم.", ""},
		// a pronoun subject points two sentences back at most
		{"زار الرئيس الروسي بكين. وعاد الهدوء إلى المدينة. وانتقد القرار بشدة.", "RUSGOV-042-CHN RUSGOV-111-"},
		{"زار الرئيس الروسي بكين. وعاد الهدوء إلى المدينة. وارتفعت الأسعار في الأسواق. وانتقد القرار بشدة.", "RUSGOV-042-CHN"},
		// a person's name is no nisba, and what is refused is no act of the refuser
		{"رفض رئيس الوزراء العراقي محمد شياع السوداني دعوات لحل البرلمان.", "IRQ-120-"}, // not yet in office at the test date
		// deaths after أدى إلى are the attack's result
		{"أطلق مسلحون النار على دورية للشرطة مما أدى إلى مقتل شرطيين.", "---UAF-190----COP"},
		// a verbal noun with a pronoun after بعد is background
		{"أفرجت السلطات الإيرانية عن صحفي فرنسي بعد احتجازه عامين.", "IRNGOV-0841-FRAMED"},
		// who arrived on a visit visits the place after إلى
		{"وصل الرئيس التركي إلى القاهرة أمس في زيارة رسمية.", "TURGOV-042-EGY"},
		// خرج في مسيرة is taking to the streets
		{"خرج آلاف الطلاب في مسيرة بالعاصمة.", "---EDU-141-"},
		// the nisba after a weapon is whose force fired it
		{"أصابت قذيفة روسية مبنى سكنيا في خاركيف.", "RUSMIL-194-UKR"},
		{"استهدفت غارة إسرائيلية سيارة في جنوب لبنان.", "ISRMIL-190-LBN"},
		{"قتل ثلاثة أشخاص في غارة إسرائيلية على غزة.", "ISRMIL-1823-PSE"},
		{"انفجرت عبوة ناسفة على دورية بريطانية في البصرة.", "-183-GBR"}, // after على the force is hit
		// honorifics between a title and its holder's name
		{"التقى ولي العهد السعودي الأمير محمد بن سلمان الرئيس الأمريكي جو بايدن في جدة.", "SAUGOV-040-USAGOV"},
		// a name after أمام is where the protest faced, not who protested
		{"احتج مئات السودانيين أمام السفارة المصرية في الخرطوم.", "SDN-140-EGYGOV"},
		// أدان with a sentence after ب convicts; without it, condemns
		{"أدانت الأمم المتحدة بشدة إعدام أربعة معارضين.", "IGOUNO-111----OPP"},
		// who suffered an attack may be named between تعرض and the attack
		{"تعرضت قافلة عسكرية أمريكية لهجوم بعبوة ناسفة في العراق.", "-190-USA"},
		// a verbal noun after تم is passive; its agent follows على يد
		{"وتم اعتقال المتهمين على يد قوات الأمن المصرية.", "EGYCOP-173-EGY"},
		// what an investigation looks into is not an act the sentence reports
		{"فتحت الشرطة الإسرائيلية تحقيقا في مقتل الصحفية.", "ISRCOP-090-"},
		// an arrival with its purpose is a visit; وفد with a nisba is a government's
		{"وفد إسرائيلي يصل القاهرة لبحث التهدئة في غزة", "ISRGOV-042-EGY"},
		// the verb after a relative pronoun has the antecedent as subject
		{"وعقدت الجولة برعاية رئيس مجلس الوزراء العراقي مصطفى الكاظمي الذي التقى الوفدين السعودي والإيراني.", "IRQGOV-040-SAUGOV IRQGOV-040-IRNGOV"},
		// يتطلع is an intent; تعليقه على is a comment, not a suspension
		{"وقال الرئيس الأمريكي إنه يتطلع لاستقبال الرئيس الصيني في البيت الأبيض.", "USAGOV-036-CHNGOV"},
		{"قال الرئيس الإيراني في تعليقه على الاتفاق إنه راض.", ""},
		// the wounded after the dead are the same result; الطيران is a force
		{"شن الطيران الروسي غارات على مواقع في إدلب ما أدى إلى مقتل خمسة مسلحين وإصابة عشرة آخرين.", "RUSMIL-195-SYR"},
		// دعا الله is a prayer; طلبات are orders
		{"ورفع وزير الحرس الوطني التهاني للملك داعيا الله أن يحفظه.", ""},
		{"سجلت السوق موجة من طلبات البيع.", ""},
	}
	for _, tt := range tests {
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
	}
}
