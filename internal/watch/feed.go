package watch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/store"
)

// pollFeed fetches a feed (conditionally) and takes its new items. It
// returns the validators to keep: none when an item could not be read
// this time, so that the next poll reads the whole feed again.
func (w *Watcher) pollFeed(ctx context.Context, src Source, st store.FeedState, stats *Stats) (validators, error) {
	f, err := get(ctx, w.client, src.Target, validators{ETag: st.ETag, LastModified: st.LastModified}, w.opts.MaxSize)
	if err != nil {
		return validators{}, err
	}
	if f.NotModified {
		stats.NotModified++
		return f.Validators, nil
	}
	items, err := ingest.ParseFeed(f.Body)
	if err != nil {
		return validators{}, err
	}
	complete, err := w.takeItems(ctx, src, items, stats)
	if err != nil {
		return validators{}, err
	}
	if !complete {
		return validators{}, nil
	}
	return f.Validators, nil
}

// itemKey is an item's identity in its feed: its GUID or link, else a
// hash of its title, date and text.
func itemKey(it ingest.FeedItem) string {
	if it.GUID != "" {
		return it.GUID
	}
	h := sha256.Sum256([]byte(it.Parts.Title + "\x00" + it.Parts.Date + "\x00" + it.Parts.Body))
	return "sha256:" + hex.EncodeToString(h[:])
}

// takeItems stores the items not taken before and marks them taken. An
// item whose page cannot be fetched now is left for the next poll and
// makes the result incomplete.
func (w *Watcher) takeItems(ctx context.Context, src Source, items []ingest.FeedItem, stats *Stats) (complete bool, err error) {
	keys := make([]string, 0, len(items))
	byKey := make(map[string]int, len(items))
	for i, it := range items {
		k := itemKey(it)
		if _, dup := byKey[k]; dup {
			continue
		}
		byKey[k] = i
		keys = append(keys, k)
	}
	seen, err := w.st.SeenItems(ctx, src.Target, keys)
	if err != nil {
		return false, &storeError{err}
	}
	var fresh []string
	var urls []string
	for _, k := range keys {
		if !seen[k] {
			fresh = append(fresh, k)
			urls = append(urls, items[byKey[k]].Parts.URL)
		}
	}
	if len(fresh) == 0 {
		return true, nil
	}
	stored, err := w.st.StoredURLs(ctx, urls)
	if err != nil {
		return false, &storeError{err}
	}
	complete = true
	marks := make(map[string]string, len(fresh))
	var docs []*document.Document
	var docKeys []string
	for _, k := range fresh {
		i := byKey[k]
		it := items[i]
		if stored[it.Parts.URL] {
			marks[k] = "" // the same article reached us by another feed or item
			stats.Duplicate++
			continue
		}
		parts, err := w.itemParts(ctx, it)
		if err != nil {
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			w.log.Warn("watch: item page", "source", src.Target, "url", it.Parts.URL, "err", err)
			complete = false
			continue
		}
		doc, ok := ingest.Document(parts, document.Origin{Path: src.Target, Item: i + 1, Format: string(ingest.FormatFeed)})
		if !ok {
			marks[k] = "" // nothing to read: no title, text or address
			continue
		}
		docs = append(docs, doc)
		docKeys = append(docKeys, k)
	}
	if _, err := w.keep(ctx, docs, stats); err != nil {
		return false, err
	}
	for i, d := range docs {
		marks[docKeys[i]] = d.ID
	}
	stats.Items += len(marks)
	return complete, w.markSeen(ctx, src.Target, marks)
}

// itemParts are an item's article: the item itself when it carries the
// text, else its linked page read by the HTML reader, under the feed's
// title, date and source. A page that is gone leaves the summary.
func (w *Watcher) itemParts(ctx context.Context, it ingest.FeedItem) (article.Parts, error) {
	p := it.Parts
	if !it.SummaryOnly || !(strings.HasPrefix(p.URL, "http://") || strings.HasPrefix(p.URL, "https://")) {
		return p, nil
	}
	f, err := get(ctx, w.client, p.URL, validators{}, w.opts.MaxSize)
	var se *statusError
	switch {
	case errors.As(err, &se) && se.permanent():
		return p, nil
	case err != nil:
		return p, err
	}
	page, err := ingest.PageParts(f.Body, p.URL)
	if errors.Is(err, ingest.ErrNoText) {
		return p, nil // a page without an article body (video, gallery): the summary stands
	}
	if err != nil {
		return p, err
	}
	page.Title = firstOf(p.Title, page.Title)
	page.Date = firstOf(p.Date, page.Date)
	page.Source = firstOf(p.Source, page.Source)
	page.Author = firstOf(page.Author, p.Author)
	page.URL = p.URL // the feed's link stays the article's identity
	return page, nil
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
