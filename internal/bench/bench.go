package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rasd-project/rasd/internal/corpus"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
)

// Result is one measured figure beside its target.
type Result struct {
	Issue     int     `json:"issue"`
	Name      string  `json:"name"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Target    float64 `json:"target,omitempty"`  // 0: a figure without a target
	AtMost    bool    `json:"at_most,omitempty"` // the target is a ceiling, not a floor
	Reference string  `json:"reference,omitempty"`
	Met       bool    `json:"met"`
	Skipped   string  `json:"skipped,omitempty"`
}

func (r *Result) judge() {
	switch {
	case r.Skipped != "":
		r.Met = false
	case r.Target == 0:
		r.Met = true
	case r.AtMost:
		r.Met = r.Value <= r.Target
	default:
		r.Met = r.Value >= r.Target
	}
}

// Options set up a run.
type Options struct {
	// Shared is the shared data folder (../shared/data): the news sample
	// is its news/saudinewsnet_sample.jsonl.
	Shared string
	// Articles is the size of the large store of the latency figures: the
	// news sample copied with varied IDs (100,000 by default).
	Articles int
	// LargeDB is a SQLite file for the large store: built when missing,
	// reused when it exists. "" builds one in a temporary folder.
	LargeDB string
	// Passes is how many times each throughput figure goes over its data.
	Passes int
	// Ingest is the command line that runs `rasd ingest` for the memory
	// figure (os.Executable() and "ingest"); nil skips that figure.
	Ingest []string
	// Only names the measures to run (ingest, text, timex, ner, analysis,
	// memory, search); empty runs them all.
	Only []string
	// Log hears of progress.
	Log io.Writer
}

// MeasureNames lists the measures in report order, for Options.Only.
func MeasureNames() []string {
	names := make([]string, len(measures))
	for i, m := range measures {
		names[i] = m.name
	}
	return names
}

// Measure is one part of the report.
type measure struct {
	name string
	run  func(ctx context.Context, e *env) ([]Result, error)
}

var measures = []measure{
	{"ingest", measureIngest},
	{"text", measureText},
	{"timex", measureTimex},
	{"ner", measureNER},
	{"analysis", measureAnalysis},
	{"memory", measureMemory},
	{"search", measureLatency}, // last: it drops the analysed sample
}

// env holds what the measures share: the news sample, read once.
type env struct {
	opts   Options
	sample string
	news   []corpus.NewsArticle
	docs   []*document.Document // parsed, not analysed
	tmp    string
}

func (e *env) logf(format string, args ...any) {
	if e.opts.Log != nil {
		fmt.Fprintf(e.opts.Log, "bench: "+format+"\n", args...)
	}
}

// Run measures every figure and returns them in report order.
func Run(ctx context.Context, opts Options) ([]Result, error) {
	if opts.Articles <= 0 {
		opts.Articles = 100_000
	}
	if opts.Passes <= 0 {
		opts.Passes = 2
	}
	e := &env{opts: opts, sample: filepath.Join(opts.Shared, "news", "saudinewsnet_sample.jsonl")}
	var err error
	if e.news, err = corpus.ReadNews(e.sample); err != nil {
		return nil, fmt.Errorf("bench: the news sample: %w", err)
	}
	err = ingest.NewReader(ingest.Options{}).Read(ctx, []string{e.sample},
		func(d *document.Document) error { e.docs = append(e.docs, d); return nil }, func(*ingest.InputError) {})
	if err != nil {
		return nil, err
	}
	if e.tmp, err = os.MkdirTemp("", "rasd-bench-"); err != nil {
		return nil, err
	}
	defer os.RemoveAll(e.tmp)
	for _, name := range opts.Only {
		if !slices.Contains(MeasureNames(), name) {
			return nil, fmt.Errorf("bench: no measure %q (measures: %s)", name, strings.Join(MeasureNames(), ", "))
		}
	}
	var out []Result
	for _, m := range measures {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if len(opts.Only) > 0 && !slices.Contains(opts.Only, m.name) {
			continue
		}
		start := time.Now()
		rs, err := m.run(ctx, e)
		if err != nil {
			return out, fmt.Errorf("bench %s: %w", m.name, err)
		}
		for i := range rs {
			rs[i].judge()
		}
		out = append(out, rs...)
		e.logf("%s measured in %s", m.name, time.Since(start).Round(time.Millisecond))
	}
	return out, nil
}

// AllMet reports whether every figure with a target met it.
func AllMet(rs []Result) bool {
	for _, r := range rs {
		if !r.Met {
			return false
		}
	}
	return true
}

// Print writes the report as a table.
func Print(w io.Writer, rs []Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ISSUE\tFIGURE\tVALUE\tTARGET\tSTATUS\tREFERENCE (same run)")
	for _, r := range rs {
		target, status := "-", "info"
		if r.Target != 0 {
			op := "≥"
			if r.AtMost {
				op = "≤"
			}
			target = fmt.Sprintf("%s %s", op, number(r.Target))
			status = "MISSED"
			if r.Met {
				status = "met"
			}
		}
		value := number(r.Value) + " " + r.Unit
		if r.Skipped != "" {
			value, status = "skipped: "+r.Skipped, "MISSED"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.Issue, r.Name, value, target, status, r.Reference)
	}
	return tw.Flush()
}

// number prints a figure with the precision it deserves.
func number(v float64) string {
	switch {
	case v >= 10_000:
		return groupThousands(fmt.Sprintf("%.0f", v))
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func groupThousands(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// perCore times fn on the calling goroutine and returns the CPU time it
// took (wall time where CPU time is unknown).
func perCore(fn func()) time.Duration {
	wall, cpu := time.Now(), cpuTime()
	fn()
	if used := cpuTime() - cpu; used > 0 {
		return used
	}
	return time.Since(wall)
}
