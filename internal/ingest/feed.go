package ingest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// readFeed reads every item of an RSS or Atom feed. An item's text is its
// full content when the feed carries it, else its description.
func (r *Reader) readFeed(ctx context.Context, path string, b []byte, yield Yield, report Report) error {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		report(inputErr(path, 0, -1, fmt.Errorf("invalid feed: %w", err)))
		return nil
	}
	for i, it := range feed.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if it == nil {
			continue
		}
		p := article.Parts{
			Title:  it.Title,
			Author: itemAuthors(it),
			Source: feed.Title,
			URL:    it.Link,
			Body:   fragmentText(firstNonEmpty(it.Content, it.Description)),
		}
		switch {
		case it.PublishedParsed != nil:
			p.Date = it.PublishedParsed.UTC().Format(time.RFC3339)
		case it.UpdatedParsed != nil:
			p.Date = it.UpdatedParsed.UTC().Format(time.RFC3339)
		default:
			p.Date = it.Published
		}
		origin := document.Origin{Path: path, Item: i + 1, Format: string(FormatFeed)}
		doc, ok := fromParts(p, origin, report, &InputError{Path: path, Item: i + 1, Offset: -1})
		if !ok {
			continue
		}
		if err := yield(doc); err != nil {
			return err
		}
	}
	return nil
}

func itemAuthors(it *gofeed.Item) string {
	var names []string
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			names = append(names, strings.TrimSpace(a.Name))
		}
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		names = append(names, it.DublinCoreExt.Creator...)
	}
	return strings.Join(names, "، ")
}
