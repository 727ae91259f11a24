package bench

import (
	"bytes"
	"strings"
	"testing"
)

func TestJudgeAndPrint(t *testing.T) {
	rs := []Result{
		{Issue: 3, Name: "floor met", Value: 74, Unit: "MB/s", Target: 50},
		{Issue: 6, Name: "floor missed", Value: 4200, Unit: "sentences/s", Target: 5000},
		{Issue: 7, Name: "ceiling met", Value: 30.6, Unit: "ms", Target: 50, AtMost: true},
		{Issue: 7, Name: "ceiling missed", Value: 120, Unit: "ms", Target: 100, AtMost: true},
		{Issue: 8, Name: "no target", Value: 1.51, Unit: "×"},
		{Issue: 10, Name: "skipped", Target: 1024, AtMost: true, Skipped: "no binary"},
	}
	want := []bool{true, false, true, false, true, false}
	for i := range rs {
		rs[i].judge()
		if rs[i].Met != want[i] {
			t.Errorf("%s: met = %v, want %v", rs[i].Name, rs[i].Met, want[i])
		}
	}
	if AllMet(rs) || !AllMet(rs[:1]) {
		t.Error("AllMet disagrees with the results")
	}
	var b bytes.Buffer
	if err := Print(&b, rs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{"≥ 50.0", "≤ 100", "MISSED", "met", "info", "skipped: no binary", "4200 sentences/s"} {
		if !strings.Contains(out, s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
	if got := number(303514); got != "303,514" {
		t.Errorf("number(303514) = %q", got)
	}
}
