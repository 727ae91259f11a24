package alert

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rasd-project/rasd/internal/event"
)

// Rule kinds.
const (
	KindEvent       = "event"
	KindDyadShift   = "dyad_shift"
	KindFirstSeen   = "first_seen"
	KindVolumeSpike = "volume_spike"
)

// Contexts a first_seen rule can watch.
const (
	ContextPartner  = "partner"  // the other party's country (or code)
	ContextEvent    = "event"    // the PLOVER type (or CAMEO root)
	ContextPlover   = "context"  // the PLOVER context: military, economic...
	ContextLocation = "location" // the place the event happened
)

// Rule is one alert rule of a rules file. Which fields apply depends on
// Kind; docs/alerts.md lists them.
type Rule struct {
	Name        string   `yaml:"name" json:"name"`
	Kind        string   `yaml:"kind" json:"kind"`
	Description string   `yaml:"description,omitempty" json:"description,omitempty"`
	Actors      []string `yaml:"actors,omitempty" json:"actors,omitempty"` // CAMEO codes: KAZ (a country, any sector) or KAZGOV
	Types       []string `yaml:"types,omitempty" json:"types,omitempty"`   // PLOVER types (ASSAULT) or CAMEO prefixes ("19", "0311")
	Directed    bool     `yaml:"directed,omitempty" json:"directed,omitempty"`

	MinConfidence float64 `yaml:"min_confidence,omitempty" json:"min_confidence,omitempty"`

	Days      int     `yaml:"days,omitempty" json:"days,omitempty"`           // dyad_shift: each window; volume_spike: trailing days
	Delta     float64 `yaml:"delta,omitempty" json:"delta,omitempty"`         // dyad_shift: least change of the mean Goldstein
	Direction string  `yaml:"direction,omitempty" json:"direction,omitempty"` // dyad_shift: any, up, down
	MinEvents int     `yaml:"min_events,omitempty" json:"min_events,omitempty"`
	K         float64 `yaml:"k,omitempty" json:"k,omitempty"`                 // volume_spike: standard deviations
	MinCount  int     `yaml:"min_count,omitempty" json:"min_count,omitempty"` // volume_spike: least events that day
	Context   string  `yaml:"context,omitempty" json:"context,omitempty"`     // first_seen: partner, event, context, location
	LearnDays int     `yaml:"learn_days,omitempty" json:"learn_days,omitempty"`

	line int
}

// Rules is a rules file.
type Rules struct {
	Rules []Rule `yaml:"rules"`
}

// Defaults of rule fields left out.
const (
	DefaultShiftDays   = 30
	DefaultMinEvents   = 3
	DefaultSpikeDays   = 28
	DefaultK           = 3
	DefaultMinCount    = 5
	DefaultLearnDays   = 30
	maxActorsPerRule   = 50
	maxRulesPerFile    = 1000
	maxWindowDays      = 3660
	defaultShiftDirect = "any"
)

// ploverTypes are PLOVER's event types.
var ploverTypes = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
	"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

var (
	ruleName     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)
	actorPattern = regexp.MustCompile(`^[A-Z]{3}([A-Z]{3})*$`)
	cameoCode    = regexp.MustCompile(`^[0-9]{2,4}$`)
)

// ReadRules reads and checks a rules file.
func ReadRules(path string) ([]Rule, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return ParseRules(b, path)
}

// ParseRules reads and checks rules; name is used in errors, which give
// the line of the rule at fault.
func ParseRules(b []byte, name string) ([]Rule, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: no rules", name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want a mapping with a rules list", name, root.Line)
	}
	doc := root.Content[0]
	var list *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		switch key := doc.Content[i].Value; key {
		case "rules":
			list = doc.Content[i+1]
		default:
			return nil, fmt.Errorf("%s:%d: unknown key %q (want rules)", name, doc.Content[i].Line, key)
		}
	}
	if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		return nil, fmt.Errorf("%s: no rules", name)
	}
	if len(list.Content) > maxRulesPerFile {
		return nil, fmt.Errorf("%s: %d rules, at most %d", name, len(list.Content), maxRulesPerFile)
	}
	rules := make([]Rule, 0, len(list.Content))
	seen := map[string]int{}
	for _, n := range list.Content {
		r, err := decodeRule(n)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n.Line, err)
		}
		if first, dup := seen[r.Name]; dup {
			return nil, fmt.Errorf("%s:%d: rule %q is defined already on line %d", name, n.Line, r.Name, first)
		}
		seen[r.Name] = n.Line
		rules = append(rules, r)
	}
	return rules, nil
}

// decodeRule decodes one rule strictly (unknown fields are errors) and
// checks it.
func decodeRule(n *yaml.Node) (Rule, error) {
	var r Rule
	if n.Kind != yaml.MappingNode {
		return r, errors.New("a rule is a mapping (name, kind, ...)")
	}
	for i := 0; i < len(n.Content); i += 2 {
		if !slices.Contains(ruleFields, n.Content[i].Value) {
			return r, fmt.Errorf("unknown field %q (fields: %s)", n.Content[i].Value, strings.Join(ruleFields, ", "))
		}
	}
	if err := n.Decode(&r); err != nil {
		return r, err
	}
	r.line = n.Line
	if err := r.check(); err != nil {
		if r.Name != "" {
			return r, fmt.Errorf("rule %q: %w", r.Name, err)
		}
		return r, err
	}
	return r, nil
}

var ruleFields = []string{"name", "kind", "description", "actors", "types", "directed", "min_confidence",
	"days", "delta", "direction", "min_events", "k", "min_count", "context", "learn_days"}

// check validates a rule and fills in its defaults.
func (r *Rule) check() error {
	if !ruleName.MatchString(r.Name) {
		return fmt.Errorf("name %q: want letters, digits, _ . - (at most 64)", r.Name)
	}
	if len(r.Actors) > maxActorsPerRule {
		return fmt.Errorf("%d actors, at most %d", len(r.Actors), maxActorsPerRule)
	}
	for i, a := range r.Actors {
		a = strings.ToUpper(strings.TrimSpace(a))
		if !actorPattern.MatchString(a) {
			return fmt.Errorf("actor %q: want a CAMEO code such as KAZ or KAZGOV", r.Actors[i])
		}
		r.Actors[i] = a
	}
	for i, t := range r.Types {
		t = strings.ToUpper(strings.TrimSpace(t))
		if err := checkType(t); err != nil {
			return err
		}
		r.Types[i] = t
	}
	if r.MinConfidence < 0 || r.MinConfidence > 1 {
		return fmt.Errorf("min_confidence %g: want 0 to 1", r.MinConfidence)
	}
	if r.Days < 0 || r.Days > maxWindowDays {
		return fmt.Errorf("days %d: want 1 to %d", r.Days, maxWindowDays)
	}
	switch r.Kind {
	case KindEvent:
		if len(r.Actors) == 0 && len(r.Types) == 0 {
			return errors.New("an event rule needs actors, types or both")
		}
	case KindDyadShift:
		return r.checkShift()
	case KindFirstSeen:
		if len(r.Actors) == 0 {
			return errors.New("a first_seen rule needs actors")
		}
		if r.Context == "" {
			r.Context = ContextPartner
		}
		if !slices.Contains([]string{ContextPartner, ContextEvent, ContextPlover, ContextLocation}, r.Context) {
			return fmt.Errorf("context %q: want partner, event, context or location", r.Context)
		}
		r.LearnDays = defaulted(r.LearnDays, DefaultLearnDays)
	case KindVolumeSpike:
		r.Days = defaulted(r.Days, DefaultSpikeDays)
		if r.Days < 2 {
			return errors.New("days: a trailing mean needs at least 2 days")
		}
		if r.K < 0 {
			return fmt.Errorf("k %g: want a positive number of standard deviations", r.K)
		}
		if r.K == 0 {
			r.K = DefaultK
		}
		r.MinCount = defaulted(r.MinCount, DefaultMinCount)
	case "":
		return errors.New("no kind (event, dyad_shift, first_seen, volume_spike)")
	default:
		return fmt.Errorf("kind %q: want event, dyad_shift, first_seen or volume_spike", r.Kind)
	}
	return nil
}

func (r *Rule) checkShift() error {
	if len(r.Actors) != 2 {
		return fmt.Errorf("a dyad_shift rule needs two actors, got %d", len(r.Actors))
	}
	if r.Delta <= 0 {
		return errors.New("a dyad_shift rule needs delta > 0 (a change of the mean Goldstein, -10 to 10)")
	}
	r.Days = defaulted(r.Days, DefaultShiftDays)
	r.MinEvents = defaulted(r.MinEvents, DefaultMinEvents)
	if r.Direction == "" {
		r.Direction = defaultShiftDirect
	}
	if !slices.Contains([]string{"any", "up", "down"}, r.Direction) {
		return fmt.Errorf("direction %q: want any, up or down", r.Direction)
	}
	return nil
}

// checkType accepts a PLOVER type or a CAMEO code (prefix) the ontology
// knows.
func checkType(t string) error {
	if slices.Contains(ploverTypes, t) {
		return nil
	}
	if cameoCode.MatchString(t) {
		ont, err := event.DefaultOntology()
		if err != nil {
			return err
		}
		if ont.Has(t) || ont.Has(t+"0") { // a root (19) is known by its general code (190)
			return nil
		}
		return fmt.Errorf("type %q: no such CAMEO code", t)
	}
	return fmt.Errorf("type %q: want a PLOVER type (%s) or a CAMEO code", t, strings.Join(ploverTypes, ", "))
}

func defaulted(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Line is the rule's line in its file, 0 when it was not read from one.
func (r Rule) Line() int { return r.line }
