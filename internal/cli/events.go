package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
)

// ploverEvent is an event as `rasd events --format jsonl` writes it: PLOVER
// field names, then rasd's own.
type ploverEvent struct {
	ID         string  `json:"id"`
	Date       string  `json:"date"`
	Actor      string  `json:"actor"`
	Recipient  string  `json:"recipient"`
	Event      string  `json:"event"`
	Mode       string  `json:"mode"`
	Context    string  `json:"context"`
	QuadCode   int     `json:"quad_code"`
	EventText  string  `json:"event_text"`
	Cameo      string  `json:"cameo"`
	Goldstein  float64 `json:"goldstein"`
	ArticleID  string  `json:"article_id"`
	Sentence   [2]int  `json:"sentence_span"`
	Trigger    [2]int  `json:"trigger_span"`
	ActorText  string  `json:"actor_text,omitempty"`
	TargetText string  `json:"recipient_text,omitempty"`
	Location   string  `json:"location,omitempty"`
	Confidence float64 `json:"confidence"`
}

func toPlover(d *document.Document, e document.Event) ploverEvent {
	p := ploverEvent{ID: e.ID, Date: e.Date, Event: e.Plover, Mode: e.Mode, Context: e.Context, QuadCode: e.Quad,
		Cameo: e.Code, Goldstein: e.Goldstein, ArticleID: d.ID, Sentence: [2]int{e.Sentence.Start, e.Sentence.End},
		Trigger: [2]int{e.Trigger.Start, e.Trigger.End}, Location: e.Location, Confidence: e.Confidence}
	p.EventText = e.Sentence.Text(d.Text)
	if e.Source != nil {
		p.Actor, p.ActorText = e.Source.Code, e.Source.Text
	}
	if e.Target != nil {
		p.Recipient, p.TargetText = e.Target.Code, e.Target.Text
	}
	return p
}

// gdeltHeader are the CSV columns, after GDELT's event table.
var gdeltHeader = []string{"GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor2Code", "Actor2Name", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "PloverEvent", "PloverMode", "ActionGeo_FullName", "ArticleID", "SentenceStart", "SentenceEnd", "Confidence", "EventText"}

func newEventsCmd(g *globals) *cobra.Command {
	var (
		format string
		q      store.Query
	)
	cmd := &cobra.Command{
		Use:   "events",
		Short: "Export the coded events of the stored articles (jsonl, csv)",
		Args:  cobra.NoArgs,
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			return exportEvents(ctx, st, q, format, g.stdout)
		}),
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "jsonl (PLOVER field names) or csv (GDELT-style columns)")
	cmd.Flags().StringVar(&q.Source, "source", "", "only articles from this source")
	cmd.Flags().StringVar(&q.Since, "since", "", "articles published on or after YYYY-MM-DD")
	cmd.Flags().StringVar(&q.Until, "until", "", "articles published on or before YYYY-MM-DD")
	return cmd
}

func exportEvents(ctx context.Context, st store.Store, q store.Query, format string, w io.Writer) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return st.Scan(ctx, q, func(d *document.Document) error {
			for _, e := range d.Events {
				if err := enc.Encode(toPlover(d, e)); err != nil {
					return err
				}
			}
			return nil
		})
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(gdeltHeader); err != nil {
			return err
		}
		err := st.Scan(ctx, q, func(d *document.Document) error {
			for _, e := range d.Events {
				p := toPlover(d, e)
				base := e.Code
				if len(base) > 3 {
					base = base[:3]
				}
				row := []string{p.ID, dateDigits(p.Date), p.Actor, p.ActorText, p.Recipient, p.TargetText, e.Code, base, e.Root,
					strconv.Itoa(e.Quad), strconv.FormatFloat(e.Goldstein, 'f', 1, 64), e.Plover, e.Mode, e.Location, d.ID,
					strconv.Itoa(e.Sentence.Start), strconv.Itoa(e.Sentence.End), strconv.FormatFloat(e.Confidence, 'f', 2, 64), p.EventText}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
			return nil
		})
		cw.Flush()
		if err != nil {
			return err
		}
		return cw.Error()
	}
	return fmt.Errorf("--format %q: want jsonl or csv", format)
}

// dateDigits writes 2022-07-06 as GDELT's 20220706.
func dateDigits(date string) string {
	out := make([]byte, 0, 8)
	for i := 0; i < len(date); i++ {
		if date[i] >= '0' && date[i] <= '9' {
			out = append(out, date[i])
		}
	}
	return string(out)
}
