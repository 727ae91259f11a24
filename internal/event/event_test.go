package event

import (
	"bytes"
	"testing"
)

func TestQuadClass(t *testing.T) {
	for code, want := range map[string]int{"010": 1, "057": 1, "061": 2, "0874": 2, "111": 3, "138": 3, "141": 4, "190": 4, "2042": 4, "": 0} {
		if got := QuadClass(code); got != want {
			t.Errorf("QuadClass(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestOntology(t *testing.T) {
	o, err := DefaultOntology()
	if err != nil {
		t.Fatal(err)
	}
	c, ok := o.Lookup("1823")
	if !ok || c.Plover != "ASSAULT" || c.Goldstein >= 0 || c.Quad != 4 {
		t.Errorf("1823 = %+v", c)
	}
	if c, ok := o.Lookup("010"); !ok || c.Plover != "" {
		t.Errorf("010 should have no PLOVER type: %+v", c)
	}
	if c, ok := o.Lookup("200"); !ok || c.Plover != "ASSAULT" {
		t.Errorf("CAMEO 20 maps to ASSAULT: %+v", c)
	}
}

func TestDictionaries(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	p, err := DefaultPatterns()
	if err != nil || p.Len() < 250 {
		t.Fatalf("%d patterns, %v", p.Len(), err)
	}
}

func TestFilterRoundTrip(t *testing.T) {
	exs := []Example{
		{Type: "ASSAULT", Features: []uint64{1, 2}, Positive: true},
		{Type: "ASSAULT", Features: []uint64{1, 3}, Positive: false},
	}
	f := TrainFilter(exs, 5, 1)
	var buf bytes.Buffer
	if err := f.Save(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := ReadFilter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range exs {
		a, _ := f.Score("ASSAULT", e.Features)
		b, _ := g.Score("ASSAULT", e.Features)
		if a != b || (a > 0) != e.Positive {
			t.Errorf("scores %v %v for %+v", a, b, e)
		}
	}
}

func TestSelfDirected(t *testing.T) {
	tests := []struct {
		src, tgt string
		quad     int
		root     string
		want     bool
	}{
		{"KAZ", "KAZ", 4, "19", true},
		{"KAZGOV", "KAZ", 1, "03", true},     // the state intends to cooperate with itself
		{"KAZGOV", "KAZ", 3, "12", true},     // or rejects itself
		{"KAZ", "KAZGOV", 2, "06", true},     // either way round
		{"KAZGOV", "KAZ", 4, "17", false},    // arrests at home are events
		{"KAZGOV", "KAZOPP", 3, "12", false}, // two bodies of one state
		{"KAZGOV", "RUS", 1, "03", false},
	}
	for _, tc := range tests {
		if got := selfDirected(tc.src, tc.tgt, tc.quad, tc.root); got != tc.want {
			t.Errorf("selfDirected(%s, %s, quad %d, root %s) = %v, want %v", tc.src, tc.tgt, tc.quad, tc.root, got, tc.want)
		}
	}
}
