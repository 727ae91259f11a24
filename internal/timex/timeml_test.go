package timex

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestReadTimeML(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-04-07" functionInDocument="CREATION_TIME">2022-04-07</TIMEX3></DCT>
<TEXT>أعلنت الوزارة <TIMEX3 tid="t1" type="DATE" value="2022-04-06">أمس</TIMEX3> أن المحادثات ستستمر <TIMEX3 tid="t2" type="DURATION" value="P3D">ثلاثة أيام</TIMEX3>.</TEXT>
</TimeML>`
	d, err := ReadTimeML(strings.NewReader(in), "x.tml")
	if err != nil {
		t.Fatal(err)
	}
	if d.DCT.Format("2006-01-02") != "2022-04-07" || len(d.Gold) != 2 || d.Gold[0].Text != "أمس" || d.Gold[1].Value != "P3D" {
		t.Fatalf("%+v", d)
	}
	if strings.Contains(d.Text, "<") || d.Text[d.Gold[1].Start:d.Gold[1].End] != "ثلاثة أيام" {
		t.Errorf("text %q", d.Text)
	}
}

// TestDevSet scores the tagger on the team's TimeML dev set and holds it to
// the targets (relaxed F1 0.90, type accuracy 0.90, value accuracy
// 0.80).
func TestDevSet(t *testing.T) {
	docs, err := ReadTimeMLDir("testdata/timeml")
	if err != nil {
		t.Fatal(err)
	}
	rep := Evaluate(docs, testing.Verbose())
	for _, e := range rep.Errors {
		t.Logf("%-32s gold %-50s predicted %s", e.Doc, e.Gold, e.Predicted)
	}
	rep.Errors = nil
	out, _ := json.Marshal(rep)
	t.Logf("dev set: %s", out)
	if rep.Relaxed.F1 < 0.90 || rep.TypeAccuracy < 0.90 || rep.ValueAccuracy < 0.80 {
		t.Errorf("below target: relaxed F1 %.3f, type %.3f, value %.3f", rep.Relaxed.F1, rep.TypeAccuracy, rep.ValueAccuracy)
	}
}
