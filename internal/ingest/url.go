package ingest

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
)

// readURL fetches a page or feed and reads it like a file; HTML pages keep
// their address as the article URL.
func (r *Reader) readURL(ctx context.Context, u string, yield Yield, report Report) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		report(inputErr(u, 0, -1, err))
		return nil
	}
	req.Header.Set("User-Agent", "rasd (+https://github.com/rasd-project/rasd)")
	resp, err := r.opts.HTTPClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		report(inputErr(u, 0, -1, err))
		return nil
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		report(inputErr(u, 0, -1, fmt.Errorf("HTTP %s", resp.Status)))
		return nil
	}
	br := bufio.NewReader(resp.Body)
	head, _ := br.Peek(4096)
	if Sniff(head) != FormatHTML {
		return r.readStream(ctx, u, br, yield, report)
	}
	b, ok := r.readWhole(u, br, report)
	if !ok {
		return nil
	}
	return r.readHTML(u, b, u, yield, report)
}
