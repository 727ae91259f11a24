package analytics

import (
	"context"
	"sort"

	"github.com/rasd-project/rasd/internal/store"
)

// ActorCount is an actor's share of the events.
type ActorCount struct {
	Code          string  `json:"code"`
	Events        int     `json:"events"`
	AsSource      int     `json:"as_source"`
	AsTarget      int     `json:"as_target"`
	GoldsteinMean float64 `json:"goldstein_mean"`
}

// Level says whether actors are countries (KAZ) or full codes (KAZGOV).
type Level string

const (
	Countries Level = "country"
	Codes     Level = "code"
)

// ParseLevel checks a level name; "" is country.
func ParseLevel(s string) Level {
	if s == string(Codes) {
		return Codes
	}
	return Countries
}

func (l Level) dims() (store.Dim, store.Dim) {
	if l == Codes {
		return store.BySource, store.ByTarget
	}
	return store.BySourceCountry, store.ByTargetCountry
}

// TopActors ranks the actors by the events they take part in.
func TopActors(ctx context.Context, es EventStore, f store.EventFilter, level Level, n int) ([]ActorCount, error) {
	src, tgt := level.dims()
	groups, err := es.GroupEvents(ctx, f, src, tgt)
	if err != nil {
		return nil, err
	}
	type acc struct {
		ActorCount
		sum float64
	}
	byCode := map[string]*acc{}
	get := func(code string) *acc {
		a := byCode[code]
		if a == nil {
			a = &acc{ActorCount: ActorCount{Code: code}}
			byCode[code] = a
		}
		return a
	}
	for _, g := range groups {
		s, t := g.Keys[0], g.Keys[1]
		if s != "" {
			a := get(s)
			a.AsSource += g.Events
			a.Events += g.Events
			a.sum += g.Goldstein
		}
		if t != "" && t != s {
			a := get(t)
			a.AsTarget += g.Events
			a.Events += g.Events
			a.sum += g.Goldstein
		}
	}
	out := make([]ActorCount, 0, len(byCode))
	for _, a := range byCode {
		a.GoldsteinMean = a.sum / float64(a.Events)
		out = append(out, a.ActorCount)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Code < out[j].Code
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// Edge is who acted on whom, how often, how cooperatively.
type Edge struct {
	Source        string  `json:"source"`
	Target        string  `json:"target"`
	Events        int     `json:"events"`
	GoldsteinMean float64 `json:"goldstein_mean"`
	Quad          [4]int  `json:"quad"`
}

// Network is a weighted directed graph of actors.
type Network struct {
	Nodes []ActorCount `json:"nodes"`
	Edges []Edge       `json:"edges"`
}

// ActorNetwork returns the edges with at least minEvents events among the
// events of f, heaviest first, and their nodes. Events without a target
// (or self-directed ones) are no edges.
func ActorNetwork(ctx context.Context, es EventStore, f store.EventFilter, level Level, minEvents, maxEdges int) (Network, error) {
	src, tgt := level.dims()
	groups, err := es.GroupEvents(ctx, f, src, tgt, store.ByQuad)
	if err != nil {
		return Network{}, err
	}
	type key struct{ s, t string }
	edges := map[key]*Edge{}
	sums := map[key]float64{}
	for _, g := range groups {
		k := key{g.Keys[0], g.Keys[1]}
		if k.s == "" || k.t == "" || k.s == k.t {
			continue
		}
		e := edges[k]
		if e == nil {
			e = &Edge{Source: k.s, Target: k.t}
			edges[k] = e
		}
		e.Events += g.Events
		sums[k] += g.Goldstein
		if q := quadOf(g.Keys[2]); q > 0 {
			e.Quad[q-1] += g.Events
		}
	}
	var net Network
	for k, e := range edges {
		if e.Events < max(minEvents, 1) {
			continue
		}
		e.GoldsteinMean = sums[k] / float64(e.Events)
		net.Edges = append(net.Edges, *e)
	}
	sort.Slice(net.Edges, func(i, j int) bool {
		a, b := net.Edges[i], net.Edges[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return a.Source+a.Target < b.Source+b.Target
	})
	if maxEdges > 0 && len(net.Edges) > maxEdges {
		net.Edges = net.Edges[:maxEdges]
	}
	net.Nodes = nodes(net.Edges)
	return net, nil
}

func quadOf(s string) int {
	if len(s) == 1 && s[0] >= '1' && s[0] <= '4' {
		return int(s[0] - '0')
	}
	return 0
}

// nodes sums the edges at each end.
func nodes(edges []Edge) []ActorCount {
	byCode := map[string]*ActorCount{}
	sums := map[string]float64{}
	get := func(code string) *ActorCount {
		n := byCode[code]
		if n == nil {
			n = &ActorCount{Code: code}
			byCode[code] = n
		}
		return n
	}
	for _, e := range edges {
		s, t := get(e.Source), get(e.Target)
		s.AsSource += e.Events
		t.AsTarget += e.Events
		s.Events += e.Events
		t.Events += e.Events
		sums[e.Source] += e.GoldsteinMean * float64(e.Events)
		sums[e.Target] += e.GoldsteinMean * float64(e.Events)
	}
	out := make([]ActorCount, 0, len(byCode))
	for code, n := range byCode {
		n.GoldsteinMean = sums[code] / float64(n.Events)
		out = append(out, *n)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Code < out[j].Code
	})
	return out
}
