package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/store"

	"github.com/rasd-project/rasd/internal/document"
)

func newShowCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one stored article (an ID prefix is enough)",
		Args:  cobra.ExactArgs(1),
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			d, err := st.Get(ctx, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.stdout, d)
			}
			printDocument(g.stdout, d)
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the JSON document")
	return cmd
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printDocument writes a document for people: the header fields, captions,
// then the body.
func printDocument(w io.Writer, d *document.Document) {
	a := d.Article
	field := func(name, value string) {
		if strings.TrimSpace(value) != "" {
			fmt.Fprintf(w, "%-10s %s\n", name+":", value)
		}
	}
	field("id", d.ID)
	field("title", a.Title)
	field("authors", strings.Join(a.Authors, "، "))
	published := a.Published
	if a.PublishedHijri != "" {
		published += " (hijri " + a.PublishedHijri + ")"
	}
	field("published", published)
	field("source", a.Source)
	if a.Dateline != nil {
		dl := a.Dateline.Place
		if a.Dateline.Country != "" {
			dl += " [" + a.Dateline.Country + "]"
		}
		if a.Dateline.Agency != "" {
			dl = strings.TrimSpace(dl + " — " + a.Dateline.Agency)
		}
		field("dateline", dl)
	}
	field("url", a.URL)
	field("origin", d.Origin.Path)
	for _, c := range a.Captions {
		field("caption", strings.TrimSpace(c.Text+"  "+c.Date))
	}
	for _, e := range a.Extras {
		field(e.Kind, e.Text)
	}
	if len(d.Dates) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DATES\tTYPE\tVALUE\tTEXT")
		for _, x := range d.Dates {
			value := x.Value
			if x.Mod != "" {
				value += " (" + x.Mod + ")"
			}
			fmt.Fprintf(tw, "\t%s\t%s\t%s\n", x.Type, value, x.Text)
		}
		tw.Flush()
	}
	if len(d.Entities) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ENTITIES\tTYPE\tACTOR\tTEXT")
		seen := map[string]bool{}
		for _, e := range d.Entities {
			code := ""
			if e.Actor != nil {
				code = e.Actor.Code
			}
			if k := e.Type + code + e.Text; !seen[k] {
				seen[k] = true
				fmt.Fprintf(tw, "\t%s\t%s\t%s\n", e.Type, orDash(code), e.Text)
			}
		}
		tw.Flush()
	}
	if len(d.Events) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "EVENTS\tDATE\tSOURCE\tCAMEO\tTARGET\tPLOVER\tTRIGGER")
		for _, e := range d.Events {
			src, tgt := "-", "-"
			if e.Source != nil {
				src = e.Source.Code
			}
			if e.Target != nil {
				tgt = e.Target.Code
			}
			fmt.Fprintf(tw, "\t%s\t%s\t%s %s\t%s\t%s\t%s\n", e.Date, src, e.Code, truncate(e.Label, 28), tgt, orDash(e.Plover), e.Trigger.Text(d.Text))
		}
		tw.Flush()
	}
	fmt.Fprintln(w)
	for _, p := range a.Body {
		if p.Kind == "heading" {
			fmt.Fprintf(w, "## %s\n\n", p.Text)
			continue
		}
		fmt.Fprintf(w, "%s\n\n", p.Text)
	}
}
