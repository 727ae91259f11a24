package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rasd-project/rasd/internal/document"
)

const (
	seedDir    = "../../../shared/data/seed"
	newsSample = "../../../shared/data/news/saudinewsnet_sample.jsonl"
)

// run executes rasd in-process and returns stdout, stderr and the exit code.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := NewRoot(strings.NewReader(stdin), &out, &errOut)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	code := 0
	var exit ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.Code
	case err != nil:
		errOut.WriteString(err.Error())
		code = 1
	}
	return out.String(), errOut.String(), code
}

func needShared(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not available (../shared is absent): %v", path, err)
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../../docs/rasd-document.schema.json")
	if err != nil {
		t.Fatalf("compile JSON Schema: %v", err)
	}
	return sch
}

// TestExtractSeed is issue 2's acceptance check: the seed's article block
// matches expected.json field for field, and the document fits its schema.
func TestExtractSeed(t *testing.T) {
	needShared(t, seedDir)
	out, stderr, code := run(t, "", "extract", "--json", filepath.Join(seedDir, "000_9e9e8f35e5b5ed32.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if err := compileSchema(t).Validate(got); err != nil {
		t.Errorf("document does not fit docs/rasd-document.schema.json: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(seedDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected struct {
		Article map[string]any `json:"article"`
	}
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatal(err)
	}
	art := got["article"].(map[string]any)
	for _, field := range []string{"title", "authors", "published", "source"} {
		if !jsonEqual(art[field], expected.Article[field]) {
			t.Errorf("article.%s = %v, want %v", field, art[field], expected.Article[field])
		}
	}
	wantCaps := expected.Article["captions"].([]any)
	gotCaps, _ := art["captions"].([]any)
	if len(gotCaps) != len(wantCaps) {
		t.Fatalf("captions = %v, want %v", gotCaps, wantCaps)
	}
	for i, w := range wantCaps {
		g := gotCaps[i].(map[string]any)
		for _, f := range []string{"text", "date"} {
			if g[f] != w.(map[string]any)[f] {
				t.Errorf("caption %d %s = %v, want %v", i, f, g[f], w.(map[string]any)[f])
			}
		}
	}
	for _, noise := range expected.Article["noise_lines_not_in_body"].([]any) {
		for _, p := range art["body"].([]any) {
			if strings.Contains(p.(map[string]any)["text"].(string), noise.(string)) {
				t.Errorf("noise line %q is in the body", noise)
			}
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestExamplesEndToEnd: ingest the bundled examples, list, show, re-ingest.
func TestExamplesEndToEnd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rasd.db")
	out, stderr, code := run(t, "", "--db", db, "ingest", "--json", "../../examples")
	if code != 0 {
		t.Fatalf("ingest exit %d: %s %s", code, out, stderr)
	}
	var sum struct {
		Read, New, Duplicate, Failed int
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.New < 19 || sum.Failed != 0 || sum.Read != sum.New {
		t.Errorf("summary %+v: want every example new", sum)
	}
	out, _, _ = run(t, "", "--db", db, "ingest", "../../examples")
	if !strings.Contains(out, "new 0,") {
		t.Errorf("second ingest should add nothing: %s", out)
	}
	out, _, code = run(t, "", "--db", db, "articles", "--json", "--limit", "0")
	var list []struct{ ID, Title, Published string }
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) != sum.New {
		t.Fatalf("articles: %d rows, exit %d, %v", len(list), code, err)
	}
	out, _, code = run(t, "", "--db", db, "show", list[0].ID[:8])
	if code != 0 || !strings.Contains(out, list[0].Title) {
		t.Errorf("show: exit %d, output lacks the title:\n%s", code, out)
	}
	out, _, code = run(t, "", "--db", db, "show", "--json", list[0].ID)
	var d document.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil || d.ID != list[0].ID || d.Text == "" {
		t.Errorf("show --json: %v %q", err, d.ID)
	}
	if _, stderr, code := run(t, "", "--db", db, "show", "0000000000000000"); code == 0 || !strings.Contains(stderr, "not found") {
		t.Errorf("show of a missing ID: exit %d, %q", code, stderr)
	}
}

func TestIngestReportsBadInput(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("عنوان\n\nنص الخبر الكامل في جملة مفيدة للقارئ.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("\x00\x01\x02"), 0o644)
	db := filepath.Join(dir, "x.db")
	out, stderr, code := run(t, "", "--db", db, "ingest", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 when an input failed", code)
	}
	if !strings.Contains(stderr, "bad.txt") || !strings.Contains(out, "new 1, duplicate 0, failed 1") {
		t.Errorf("stdout %q stderr %q", out, stderr)
	}
}

func TestExtractStdin(t *testing.T) {
	out, _, code := run(t, `{"title":"عنوان","content":"نص الخبر.","date":"2022-04-05"}`+"\n", "extract", "--json", "-")
	var d document.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil || code != 0 || d.Article.Published != "2022-04-05" {
		t.Fatalf("exit %d err %v doc %+v", code, err, d.Article)
	}
}

func TestDictCheckAndVersion(t *testing.T) {
	if out, _, code := run(t, "", "dict", "check"); code != 0 || strings.Contains(out, "FAIL") {
		t.Errorf("dict check: exit %d\n%s", code, out)
	}
	out, _, code := run(t, "", "version", "--json")
	var v versionInfo
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != 0 || v.DocumentSchema != "rasd.document/v1" {
		t.Errorf("version: %v %+v", err, v)
	}
}

// TestNewsSample is issue 2's acceptance check on the news sample: 4,547
// articles stored, and a second run adds none.
func TestNewsSample(t *testing.T) {
	needShared(t, newsSample)
	db := filepath.Join(t.TempDir(), "news.db")
	for i, want := range []int{4547, 0} {
		out, stderr, code := run(t, "", "--db", db, "ingest", "--json", newsSample)
		if code != 0 {
			t.Fatalf("run %d: exit %d: %s", i+1, code, stderr)
		}
		var sum struct{ Read, New, Failed int }
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatal(err)
		}
		if sum.New != want || sum.Read != 4547 || sum.Failed != 0 {
			t.Errorf("run %d: %+v, want read 4547, new %d", i+1, sum, want)
		}
	}
}

// TestDictTest: the pattern that fires is named with its line and code,
// and the event coded is shown.
func TestDictTest(t *testing.T) {
	out, stderr, code := run(t, "", "dict", "test", "--json", "وقصف الجيش التركي مواقع في شمال سوريا أمس.")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Patterns []struct {
			Line  int
			Cameo string
		}
		Events []struct{ Root string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(res.Patterns) == 0 || res.Patterns[0].Line == 0 || !strings.HasPrefix(res.Patterns[0].Cameo, "19") {
		t.Errorf("patterns = %+v, want the shelling pattern (19x) with its line", res.Patterns)
	}
	if len(res.Events) == 0 || res.Events[0].Root != "19" {
		t.Errorf("events = %+v, want a root-19 event", res.Events)
	}
	if _, _, code := run(t, "", "dict", "test", "  "); code == 0 {
		t.Error("an empty sentence was accepted")
	}

	// Every event the rules code is either kept or shown as vetoed, with
	// the filter's margin, which is then at most 0.
	for _, sentence := range []string{
		"قصفت الطائرات الروسية مواقع في إدلب.",
		"وأشارت أسماء الموسوي الى ان مسلسل الاغتيالات بدأ منذ عام في محافظات العراق.",
		"تظاهر آلاف الأشخاص في العاصمة احتجاجا على ارتفاع الأسعار.",
	} {
		out, stderr, code := run(t, "", "dict", "test", "--json", sentence)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var res struct {
			Events []struct{ Cameo string }
			Vetoed []struct {
				Cameo       string
				FilterScore float64 `json:"filter_score"`
			}
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		for _, v := range res.Vetoed {
			if v.FilterScore > 0 {
				t.Errorf("%s: vetoed %s with a positive margin %.3f", sentence, v.Cameo, v.FilterScore)
			}
		}
		if len(res.Events)+len(res.Vetoed) == 0 {
			t.Errorf("%s: neither kept nor vetoed events", sentence)
		}
	}
}

// TestEvalCeiling runs `rasd eval ceiling` on a small detection file of
// made-up sentences whose annotators mostly agree, and on one without votes.
func TestEvalCeiling(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id,event_type,label,accept,reject,total,text\n")
	for i := range 60 {
		switch {
		case i < 20:
			fmt.Fprintf(&b, "s%d,PROTEST,yes,3,0,3,تظاهر آلاف في الساحة %d\n", i, i)
		case i < 25:
			fmt.Fprintf(&b, "s%d,PROTEST,ambiguous,2,1,3,تجمع عشرات %d\n", i, i)
		case i < 30:
			fmt.Fprintf(&b, "s%d,PROTEST,difficult no,1,2,3,دعا حزب إلى التظاهر %d\n", i, i)
		default:
			fmt.Fprintf(&b, "s%d,PROTEST,easy no,0,3,3,افتتح الوزير معرضا %d\n", i, i)
		}
	}
	path := filepath.Join(dir, "protest.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "", "eval", "ceiling", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	type fit struct {
		LogLikelihood float64 `json:"log_likelihood"`
		Expected      map[string]float64
		F1            float64
	}
	var rep struct {
		Type       string
		Sentences  int
		Observed   map[string]int
		Beta, Free fit
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if rep.Type != "PROTEST" || rep.Sentences != 60 || rep.Observed["yes"] != 20 || rep.Observed["no"] != 35 {
		t.Errorf("report %+v", rep)
	}
	for name, f := range map[string]fit{"beta": rep.Beta, "free": rep.Free} {
		if y := f.Expected["yes"]; y < 15 || y > 25 {
			t.Errorf("%s prior expects %.1f yes, the file has 20", name, y)
		}
		if f.F1 < 0.7 || f.F1 > 1 {
			t.Errorf("%s prior: ceiling F1 %.3f for annotators who mostly agree", name, f.F1)
		}
	}
	if rep.Free.LogLikelihood < rep.Beta.LogLikelihood-1e-6 {
		t.Errorf("free prior fits worse (%.3f) than the beta one (%.3f)", rep.Free.LogLikelihood, rep.Beta.LogLikelihood)
	}

	bare := filepath.Join(dir, "novotes.csv")
	os.WriteFile(bare, []byte("id,event_type,label,text\ns1,PROTEST,yes,تظاهر\n"), 0o644)
	if _, errOut, code := run(t, "", "eval", "ceiling", bare); code == 0 || !strings.Contains(errOut, "novotes.csv") {
		t.Errorf("a file without votes: exit %d, %q", code, errOut)
	}
}
