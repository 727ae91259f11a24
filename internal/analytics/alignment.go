package analytics

import (
	"context"
	"errors"
	"math"
	"sort"

	"github.com/rasd-project/rasd/internal/store"
)

// Period is a closed date range, YYYY-MM-DD; "" leaves a bound open.
type Period struct {
	Since string `json:"since,omitempty"`
	Until string `json:"until,omitempty"`
}

// Stance is the focal actor's relation to one partner in one period.
type Stance struct {
	Events        int     `json:"events"`
	GoldsteinMean float64 `json:"goldstein_mean"`
}

// Shift is how the focal actor's relation to a partner changed.
type Shift struct {
	Partner string  `json:"partner"`
	Before  Stance  `json:"before"`
	After   Stance  `json:"after"`
	Delta   float64 `json:"delta"` // After minus Before mean Goldstein
}

// Alignment is the ranked shifts of a focal actor between two periods.
type Alignment struct {
	Actor  string  `json:"actor"`
	Before Period  `json:"before"`
	After  Period  `json:"after"`
	Shifts []Shift `json:"shifts"`
}

// AlignmentShift compares the focal actor's mean Goldstein towards each
// partner country in two periods, events in both directions counted. Only
// partners with at least minEvents events in each period are ranked,
// biggest change first; a positive delta is a move towards the partner.
func AlignmentShift(ctx context.Context, es EventStore, focal string, before, after Period, minEvents int) (Alignment, error) {
	if focal == "" {
		return Alignment{}, errors.New("alignment: no focal actor")
	}
	a := Alignment{Actor: focal, Before: before, After: after, Shifts: []Shift{}}
	b, err := stances(ctx, es, focal, before)
	if err != nil {
		return a, err
	}
	c, err := stances(ctx, es, focal, after)
	if err != nil {
		return a, err
	}
	for partner, sb := range b {
		sa, ok := c[partner]
		if !ok || sb.Events < max(minEvents, 1) || sa.Events < max(minEvents, 1) {
			continue
		}
		a.Shifts = append(a.Shifts, Shift{Partner: partner, Before: sb, After: sa, Delta: sa.GoldsteinMean - sb.GoldsteinMean})
	}
	sort.Slice(a.Shifts, func(i, j int) bool {
		x, y := math.Abs(a.Shifts[i].Delta), math.Abs(a.Shifts[j].Delta)
		if x != y {
			return x > y
		}
		return a.Shifts[i].Partner < a.Shifts[j].Partner
	})
	return a, nil
}

// stances groups the focal actor's events in a period by partner country.
func stances(ctx context.Context, es EventStore, focal string, p Period) (map[string]Stance, error) {
	groups, err := es.GroupEvents(ctx, store.EventFilter{Actor: focal, Since: p.Since, Until: p.Until},
		store.BySourceCountry, store.ByTargetCountry, store.BySource, store.ByTarget)
	if err != nil {
		return nil, err
	}
	sums := map[string]float64{}
	counts := map[string]int{}
	for _, g := range groups {
		partner := partnerOf(focal, g.Keys)
		if partner == "" {
			continue
		}
		sums[partner] += g.Goldstein
		counts[partner] += g.Events
	}
	out := make(map[string]Stance, len(counts))
	for p, n := range counts {
		out[p] = Stance{Events: n, GoldsteinMean: sums[p] / float64(n)}
	}
	return out, nil
}

// partnerOf returns the other side of an event of the focal actor, as a
// country (or, for IGOs, the full code); "" for events within the focal
// actor or without a second party.
func partnerOf(focal string, keys []string) string {
	srcCountry, tgtCountry, src, tgt := keys[0], keys[1], keys[2], keys[3]
	side := func(country, code string) string {
		if country != "" {
			return country
		}
		return code
	}
	s, t := side(srcCountry, src), side(tgtCountry, tgt)
	matches := func(country, code string) bool { return country == focal || code == focal }
	switch {
	case matches(srcCountry, src) && !matches(tgtCountry, tgt):
		return t
	case matches(tgtCountry, tgt) && !matches(srcCountry, src):
		return s
	}
	return ""
}
