package ingest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// FeedItem is one item of an RSS or Atom feed.
type FeedItem struct {
	// GUID is the item's identity in its feed: its guid or id, else its
	// link; "" when it has neither.
	GUID  string
	Parts article.Parts
	// SummaryOnly is true when the item carries a short description and
	// no full content: its page holds the article.
	SummaryOnly bool
}

// summaryRunes is the length under which a description without content
// is taken for a summary.
const summaryRunes = 1000

// ParseFeed reads the items of an RSS or Atom feed. An item's text is its
// full content when the feed carries it, else its description.
func ParseFeed(b []byte) ([]FeedItem, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("invalid feed: %w", err)
	}
	items := make([]FeedItem, 0, len(feed.Items))
	for _, it := range feed.Items {
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
		items = append(items, FeedItem{
			GUID:        firstNonEmpty(strings.TrimSpace(it.GUID), strings.TrimSpace(it.Link)),
			Parts:       p,
			SummaryOnly: strings.TrimSpace(it.Content) == "" && utf8.RuneCountInString(p.Body) < summaryRunes,
		})
	}
	return items, nil
}

// readFeed reads every item of an RSS or Atom feed.
func (r *Reader) readFeed(ctx context.Context, path string, b []byte, yield Yield, report Report) error {
	items, err := ParseFeed(b)
	if err != nil {
		report(inputErr(path, 0, -1, err))
		return nil
	}
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		origin := document.Origin{Path: path, Item: i + 1, Format: string(FormatFeed)}
		doc, ok := fromParts(it.Parts, origin, report, &InputError{Path: path, Item: i + 1, Offset: -1})
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
