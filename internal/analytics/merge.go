package analytics

import (
	"context"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
)

// Evidence is one report of an event: the article and sentence.
type Evidence struct {
	ArticleID string       `json:"article_id"`
	Title     string       `json:"article_title"`
	Seq       int          `json:"seq"`
	Sentence  article.Span `json:"sentence"`
	Trigger   article.Span `json:"trigger"`
}

// MergedEvent is one event, however many articles and sentences report it.
type MergedEvent struct {
	Date        string     `json:"date"`
	Source      string     `json:"source"`
	Target      string     `json:"target"`
	Cameo       string     `json:"cameo"`
	Label       string     `json:"label"`
	Plover      string     `json:"plover,omitempty"`
	Quad        int        `json:"quad_class"`
	Goldstein   float64    `json:"goldstein"`
	Confidence  float64    `json:"confidence"` // the highest of its reports
	NumArticles int        `json:"num_articles"`
	NumMentions int        `json:"num_mentions"`
	Evidence    []Evidence `json:"evidence"`
}

type mergeKey struct{ date, source, target, cameo string }

// Merge reads the events of f and merges those with the same date, source,
// target and CAMEO code, newest first as the store returns them.
func Merge(ctx context.Context, es EventStore, f store.EventFilter) ([]MergedEvent, error) {
	var out []MergedEvent
	index := map[mergeKey]int{}
	articles := map[mergeKey]map[string]bool{}
	err := es.Events(ctx, f, func(r store.EventRow) error {
		e := r.Event
		k := mergeKey{e.Date, code(e.Source), code(e.Target), e.Code}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			articles[k] = map[string]bool{}
			out = append(out, MergedEvent{Date: e.Date, Source: k.source, Target: k.target, Cameo: e.Code, Label: e.Label,
				Plover: e.Plover, Quad: e.Quad, Goldstein: e.Goldstein})
		}
		m := &out[i]
		m.NumMentions++
		if !articles[k][r.ArticleID] {
			articles[k][r.ArticleID] = true
			m.NumArticles++
		}
		m.Confidence = max(m.Confidence, e.Confidence)
		m.Evidence = append(m.Evidence, Evidence{ArticleID: r.ArticleID, Title: r.Title, Seq: r.Seq, Sentence: e.Sentence, Trigger: e.Trigger})
		return nil
	})
	return out, err
}

func code(a *document.EventActor) string {
	if a == nil {
		return ""
	}
	return a.Code
}
