package analytics

import (
	"context"
	"strconv"

	"github.com/rasd-project/rasd/internal/store"
)

// Point is one period of a series.
type Point struct {
	Period        string  `json:"period"`
	Events        int     `json:"events"`
	Quad          [4]int  `json:"quad"` // events per quad class 1-4
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"`
}

// Series is the event history of an actor, or of a pair of actors.
type Series struct {
	Actor    string   `json:"actor"`
	Partner  string   `json:"partner,omitempty"`
	Directed bool     `json:"directed"`
	Interval Interval `json:"interval"`
	Points   []Point  `json:"points"`
	Total    Point    `json:"total"`
	// Coarse counts events dated too coarsely for the interval (a year
	// only, say): in Total but in no point.
	Coarse int `json:"coarse"`
}

// maxPoints bounds a filled series; longer ones keep only active periods.
const maxPoints = 4000

// Dyad returns the series of events between actor and partner (partner ""
// gives the actor's own timeline), per interval. Codes of three letters are
// countries (KAZ), longer ones exact actor codes (KAZGOV).
func Dyad(ctx context.Context, es EventStore, f store.EventFilter, iv Interval) (Series, error) {
	groups, err := es.GroupEvents(ctx, f, store.ByDay, store.ByQuad)
	if err != nil {
		return Series{}, err
	}
	s := Series{Actor: f.Actor, Partner: f.Partner, Directed: f.Directed, Interval: iv, Points: []Point{}}
	index := map[string]int{}
	var order []string
	for _, g := range groups {
		quad, _ := strconv.Atoi(g.Keys[1])
		add(&s.Total, quad, g)
		p, ok := bucket(g.Keys[0], iv)
		if !ok {
			s.Coarse += g.Events
			continue
		}
		i, seen := index[p]
		if !seen {
			i = len(s.Points)
			index[p] = i
			order = append(order, p)
			s.Points = append(s.Points, Point{Period: p})
		}
		add(&s.Points[i], quad, g)
	}
	finish(&s.Total)
	for i := range s.Points {
		finish(&s.Points[i])
	}
	if len(order) > 1 {
		s.Points = fill(s.Points, periods(order[0], order[len(order)-1], iv, maxPoints))
	}
	return s, nil
}

func add(p *Point, quad int, g store.Group) {
	p.Events += g.Events
	p.GoldsteinSum += g.Goldstein
	if quad >= 1 && quad <= 4 {
		p.Quad[quad-1] += g.Events
	}
}

func finish(p *Point) {
	if p.Events > 0 {
		p.GoldsteinMean = p.GoldsteinSum / float64(p.Events)
	}
}

// fill puts empty points for the quiet periods among all (sorted).
func fill(points []Point, all []string) []Point {
	if all == nil {
		return points
	}
	byPeriod := make(map[string]Point, len(points))
	for _, p := range points {
		byPeriod[p.Period] = p
	}
	out := make([]Point, len(all))
	for i, period := range all {
		p, ok := byPeriod[period]
		if !ok {
			p = Point{Period: period}
		}
		out[i] = p
	}
	return out
}
