package alert

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/rasd-project/rasd/internal/store"
)

// sums are the event count and Goldstein sum of a stretch of days.
type sums struct {
	n   int
	sum float64
}

func (s sums) mean() float64 {
	if s.n == 0 {
		return 0
	}
	return s.sum / float64(s.n)
}

// prefixSums lets window sums be read in constant time: p[i] covers the
// days before first+i.
type prefixSums struct {
	first day
	p     []sums
}

func newPrefixSums(by map[day][]store.EventRow, first, last day) prefixSums {
	ps := prefixSums{first: first, p: make([]sums, int(last-first)+2)}
	for d := first; d <= last; d++ {
		s := ps.p[d-first]
		for _, row := range by[d] {
			s.n++
			s.sum += row.Event.Goldstein
		}
		ps.p[d-first+1] = s
	}
	return ps
}

// between sums the days in [from, to).
func (ps prefixSums) between(from, to day) sums {
	at := func(d day) sums {
		i := int(d - ps.first)
		return ps.p[max(0, min(i, len(ps.p)-1))]
	}
	a, b := at(from), at(to)
	return sums{n: b.n - a.n, sum: b.sum - a.sum}
}

// dailyInScope reads a rule's events by day, with the first and last of
// those days and the first day an event of the scope's articles falls on;
// by is empty when the scope's articles hold none of the rule's events.
func dailyInScope(ctx context.Context, es Events, r Rule, scope Scope) (by map[day][]store.EventRow, first, last, from day, err error) {
	all, err := rows(ctx, es, r, "")
	if err != nil {
		return nil, 0, 0, 0, err
	}
	from, ok := scopeStart(all, scope)
	if !ok {
		return nil, 0, 0, 0, nil
	}
	by, first, last = daily(all)
	return by, first, last, from, nil
}

// shiftState is the comparison on one day: the last Days days against the
// Days before them.
type shiftState struct {
	before, after sums
	change        float64
	holds         bool
}

// shiftAlerts finds the episodes (runs of days) in which the dyad's mean
// Goldstein over the last N days differs from the N days before by at
// least Delta, and fires once per episode, on its first day.
func (e *Engine) shiftAlerts(ctx context.Context, es Events, r Rule, scope Scope, past []Alert) ([]Alert, error) {
	by, first, last, from, err := dailyInScope(ctx, es, r, scope)
	if err != nil || len(by) == 0 {
		return nil, err
	}
	n := day(r.Days)
	today, _ := parseDay(e.now().UTC().Format(dayLayout))
	end := max(last, min(last+2*n, today)) // a shift can begin when old events leave the window
	ps := newPrefixSums(by, first, last)
	state := func(d day) shiftState {
		s := shiftState{after: ps.between(d-n+1, d+1), before: ps.between(d-2*n+1, d-n+1)}
		if s.after.n < r.MinEvents || s.before.n < r.MinEvents {
			return s
		}
		s.change = s.after.mean() - s.before.mean()
		switch r.Direction {
		case "up":
			s.holds = s.change >= r.Delta
		case "down":
			s.holds = -s.change >= r.Delta
		default:
			s.holds = math.Abs(s.change) >= r.Delta
		}
		return s
	}
	dyad := r.Actors[0] + "-" + r.Actors[1]
	if r.Directed {
		dyad = r.Actors[0] + ">" + r.Actors[1]
	}
	var out []Alert
	for d := first; d <= end; d++ {
		s := state(d)
		if !s.holds || state(d-1).holds {
			continue
		}
		stop := d // the episode's last day
		for stop < end && state(stop+1).holds {
			stop++
		}
		if stop < from || toldBefore(past, r.Name, d, stop, n) {
			d = stop
			continue
		}
		var evidence []store.EventRow
		for x := d - n + 1; x <= d; x++ {
			evidence = append(evidence, by[x]...)
		}
		window := fmt.Sprintf("%s from %s", dyad, d)
		summary := fmt.Sprintf("%s: mean Goldstein %+.2f over the %d days to %s against %+.2f over the %d days before (%+.2f)",
			dyad, s.after.mean(), r.Days, d, s.before.mean(), r.Days, s.change)
		figures := map[string]any{
			"actors": r.Actors, "directed": r.Directed, "days": r.Days, "delta": r.Delta,
			"from": d.String(), "to": stop.String(),
			"before_from": (d - 2*n + 1).String(), "before_to": (d - n).String(), "after_from": (d - n + 1).String(), "after_to": d.String(),
			"events_before": s.before.n, "events_after": s.after.n,
			"mean_before": round2(s.before.mean()), "mean_after": round2(s.after.mean()), "change": round2(s.change),
			"goldstein_before": round2(s.before.sum), "goldstein_after": round2(s.after.sum),
		}
		out = append(out, e.newAlert(r, window, summary, figures, newest(evidence)))
		d = stop
	}
	return out, nil
}

// toldBefore reports whether an alert of the rule already told of an
// episode within n days of [start, stop].
func toldBefore(past []Alert, rule string, start, stop, n day) bool {
	for _, a := range past {
		if a.Rule != rule {
			continue
		}
		from, ok1 := parseDay(fmt.Sprint(a.Figures["from"]))
		to, ok2 := parseDay(fmt.Sprint(a.Figures["to"]))
		if ok1 && ok2 && from <= stop+n && start <= to+n {
			return true
		}
	}
	return false
}

// spikeAlerts fires on each day whose event count is at least MinCount
// and above the trailing mean by more than K standard deviations.
func (e *Engine) spikeAlerts(ctx context.Context, es Events, r Rule, scope Scope) ([]Alert, error) {
	by, first, last, from, err := dailyInScope(ctx, es, r, scope)
	if err != nil || len(by) == 0 {
		return nil, err
	}
	n := day(r.Days)
	scopeLabel := strings.Join(r.Actors, "+")
	if scopeLabel == "" {
		scopeLabel = "all"
	}
	if len(r.Types) > 0 {
		scopeLabel += " " + strings.Join(r.Types, "+")
	}
	var out []Alert
	for d := max(first+n, from); d <= last; d++ {
		count := len(by[d])
		if count < r.MinCount {
			continue
		}
		var sum, sq float64
		for x := d - n; x < d; x++ {
			c := float64(len(by[x]))
			sum += c
			sq += c * c
		}
		mean := sum / float64(n)
		sd := math.Sqrt(max(sq/float64(n)-mean*mean, 0))
		if float64(count) <= mean+r.K*sd {
			continue
		}
		window := fmt.Sprintf("%s on %s", scopeLabel, d)
		summary := fmt.Sprintf("%s: %d events on %s against a mean of %.2f (sd %.2f) over the %d days before", scopeLabel, count, d, mean, sd, r.Days)
		figures := map[string]any{"day": d.String(), "count": count, "trailing_mean": round2(mean), "trailing_sd": round2(sd),
			"k": r.K, "days": r.Days, "actors": r.Actors, "types": r.Types}
		out = append(out, e.newAlert(r, window, summary, figures, newest(by[d])))
	}
	return out, nil
}

// firstSeenAlerts fires when an actor appears in a context (a partner, an
// event type, a PLOVER context, a place) for the first time, after its
// first LearnDays of history.
func (e *Engine) firstSeenAlerts(ctx context.Context, es Events, r Rule, scope Scope) ([]Alert, error) {
	var out []Alert
	for _, actor := range r.Actors {
		one := r
		one.Actors = []string{actor}
		all, err := rows(ctx, es, one, "")
		if err != nil {
			return nil, err
		}
		type first struct {
			d    day
			rows []store.EventRow
		}
		firsts := map[string]*first{}
		var order []string
		var start day
		started := false
		for _, row := range all {
			d, ok := parseDay(eventDay(row))
			if !ok {
				continue
			}
			if !started {
				start, started = d, true
			}
			for _, v := range contextValues(r.Context, actor, row) {
				f := firsts[v]
				switch {
				case f == nil:
					firsts[v] = &first{d: d, rows: []store.EventRow{row}}
					order = append(order, v)
				case f.d == d:
					f.rows = append(f.rows, row)
				}
			}
		}
		for _, v := range order {
			f := firsts[v]
			if f.d < start+day(r.LearnDays) || !anyInScope(f.rows, scope) {
				continue
			}
			window := fmt.Sprintf("%s %s=%s", actor, r.Context, v)
			summary := fmt.Sprintf("%s: first %s %s, on %s", actor, r.Context, v, f.d)
			figures := map[string]any{"actor": actor, "context": r.Context, "value": v, "day": f.d.String(),
				"history_from": start.String(), "events": len(f.rows)}
			out = append(out, e.newAlert(r, window, summary, figures, f.rows[:min(len(f.rows), maxEvidence)]))
		}
	}
	return out, nil
}

func anyInScope(rows []store.EventRow, scope Scope) bool {
	for _, row := range rows {
		if scope.holds(row.ArticleID) {
			return true
		}
	}
	return false
}

// contextValues are the values of a context an event gives the actor.
func contextValues(context, actor string, row store.EventRow) []string {
	ev := row.Event
	switch context {
	case ContextPartner:
		src, tgt := actorCode(ev.Source), actorCode(ev.Target)
		var other string
		switch {
		case matchesActor(actor, src):
			other = tgt
		case matchesActor(actor, tgt):
			other = src
		}
		if len(other) < 3 || strings.HasPrefix(other, actor[:3]) {
			return nil // no partner, or the actor's own country
		}
		if nonState[other[:3]] {
			return []string{other} // IGOCST, not IGO: an organisation or a sector is its own partner
		}
		return []string{other[:3]}
	case ContextEvent:
		if ev.Plover != "" {
			return []string{ev.Plover}
		}
		return []string{"CAMEO " + ev.Root}
	case ContextPlover:
		var vals []string
		for _, c := range strings.FieldsFunc(ev.Context, func(r rune) bool { return r == ';' || r == ',' }) {
			if c = strings.TrimSpace(c); c != "" {
				vals = append(vals, c)
			}
		}
		sort.Strings(vals)
		return vals
	case ContextLocation:
		if ev.Location != "" {
			return []string{ev.Location}
		}
	}
	return nil
}

// nonState are the three-letter CAMEO prefixes that are not countries:
// international and non-governmental bodies, and sectors without a
// country.
var nonState = map[string]bool{"IGO": true, "NGO": true, "MNC": true, "IMG": true, "UAF": true,
	"BUS": true, "GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "OPP": true, "REB": true,
	"CVL": true, "REF": true, "MED": true, "EDU": true, "ELI": true, "HLH": true, "LAB": true, "AGR": true,
	"CRM": true, "SPY": true, "REL": true, "ENV": true, "HRI": true, "INS": true, "MOD": true, "RAD": true}
