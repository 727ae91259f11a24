package alert

import (
	"strings"
	"testing"
)

func TestParseRules(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{name: "defaults", in: "rules:\n  - name: s\n    kind: dyad_shift\n    actors: [kaz, RUS]\n    delta: 2\n"},
		{name: "unknown field", in: "rules:\n  - name: s\n    kind: event\n    actor: [KAZ]\n", err: `rules.yaml:2: unknown field "actor"`},
		{name: "unknown kind", in: "rules:\n  - name: s\n    kind: vibes\n", err: `rule "s": kind "vibes"`},
		{name: "no kind", in: "rules:\n  - name: s\n", err: "no kind"},
		{name: "shift needs two actors", in: "rules:\n  - name: s\n    kind: dyad_shift\n    actors: [KAZ]\n    delta: 1\n", err: "needs two actors"},
		{name: "shift needs delta", in: "rules:\n  - name: s\n    kind: dyad_shift\n    actors: [KAZ, RUS]\n", err: "delta > 0"},
		{name: "bad actor", in: "rules:\n  - name: s\n    kind: event\n    actors: [Kazakhstan!]\n", err: "want a CAMEO code"},
		{name: "bad type", in: "rules:\n  - name: s\n    kind: event\n    types: [RIOT]\n", err: `type "RIOT"`},
		{name: "unknown cameo", in: "rules:\n  - name: s\n    kind: event\n    types: [\"99\"]\n", err: "no such CAMEO code"},
		{name: "duplicate", in: "rules:\n  - name: s\n    kind: event\n    types: [ASSAULT]\n  - name: s\n    kind: event\n    types: [PROTEST]\n", err: `rules.yaml:5: rule "s" is defined already on line 2`},
		{name: "first_seen context", in: "rules:\n  - name: s\n    kind: first_seen\n    actors: [KAZ]\n    context: mood\n", err: `context "mood"`},
		{name: "spike days", in: "rules:\n  - name: s\n    kind: volume_spike\n    days: 1\n", err: "at least 2 days"},
		{name: "top level", in: "alerts: []\n", err: `unknown key "alerts"`},
		{name: "empty", in: "", err: "no rules"},
		{name: "not yaml", in: "rules: [\n", err: "rules.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := ParseRules([]byte(tt.in), "rules.yaml")
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				r := rules[0]
				if r.Actors[0] != "KAZ" || r.Days != DefaultShiftDays || r.MinEvents != DefaultMinEvents || r.Direction != "any" || r.Line() != 2 {
					t.Errorf("rule = %+v, want KAZ upper-cased and the defaults filled in", r)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("err = %v, want it to contain %q", err, tt.err)
			}
		})
	}
}

func FuzzParseRules(f *testing.F) {
	f.Add([]byte(testRules))
	f.Add([]byte("rules:\n  - name: v\n    kind: volume_spike\n    k: 2.5\n"))
	f.Add([]byte("rules: {}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rules, err := ParseRules(b, "fuzz.yaml")
		if err != nil {
			return
		}
		for _, r := range rules {
			if r.Name == "" || r.Kind == "" {
				t.Fatalf("accepted a rule without name or kind: %+v", r)
			}
			if r.Kind == KindDyadShift && (len(r.Actors) != 2 || r.Delta <= 0 || r.Days <= 0) {
				t.Fatalf("accepted a bad dyad_shift rule: %+v", r)
			}
		}
	})
}
