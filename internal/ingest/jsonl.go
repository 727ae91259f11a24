package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// record is an article as JSON: the fields of the news sample (title,
// author, date_extracted, source, url, content) and the common aliases.
type record struct {
	Title         string          `json:"title"`
	Headline      string          `json:"headline"`
	Author        json.RawMessage `json:"author"`
	Authors       json.RawMessage `json:"authors"`
	Byline        string          `json:"byline"`
	Date          json.RawMessage `json:"date"`
	Published     json.RawMessage `json:"published"`
	PublishedAt   json.RawMessage `json:"published_at"`
	DateExtracted json.RawMessage `json:"date_extracted"`
	PubDate       json.RawMessage `json:"pubDate"`
	Source        string          `json:"source"`
	URL           string          `json:"url"`
	Link          string          `json:"link"`
	Content       string          `json:"content"`
	Text          string          `json:"text"`
	Body          string          `json:"body"`
	Captions      []string        `json:"captions"`
}

func (rec *record) parts() article.Parts {
	return article.Parts{
		Title:    firstNonEmpty(rec.Title, rec.Headline),
		Author:   firstNonEmpty(stringOrList(rec.Author), stringOrList(rec.Authors), rec.Byline),
		Date:     firstNonEmpty(stringOrList(rec.Published), stringOrList(rec.PublishedAt), stringOrList(rec.Date), stringOrList(rec.PubDate), stringOrList(rec.DateExtracted)),
		Source:   rec.Source,
		URL:      firstNonEmpty(rec.URL, rec.Link),
		Body:     firstNonEmpty(rec.Content, rec.Text, rec.Body),
		Captions: rec.Captions,
	}
}

// stringOrList reads a JSON string, a list of strings (joined with "، ") or
// a number (a Unix time is not guessed: it is kept as digits).
func stringOrList(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return strings.Join(list, "، ")
	}
	return strings.Trim(string(raw), `"`)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// readJSONLines streams a JSON-lines input; each bad line is reported with
// its number and the rest are read.
func (r *Reader) readJSONLines(ctx context.Context, path string, br *bufio.Reader, yield Yield, report Report) error {
	var offset int64
	for lineNo := 1; ; lineNo++ {
		if lineNo%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line, tooLong, err := readLine(br, r.opts.MaxSize)
		start := offset
		offset += int64(len(line))
		if tooLong > 0 {
			offset += tooLong
			report(&InputError{Path: path, Line: lineNo, Offset: start, Err: fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, r.opts.MaxSize)})
		} else if doc, ierr := decodeLine(path, lineNo, start, line); ierr != nil {
			if ierr.Err != nil {
				report(ierr)
			}
		} else if yerr := yield(doc); yerr != nil {
			return yerr
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			report(inputErr(path, lineNo, offset, err))
			return nil
		}
	}
}

// readLine returns the next line including its newline. A line longer than
// max is skipped: its length is returned in skipped and line is nil.
func readLine(br *bufio.Reader, max int64) (line []byte, skipped int64, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if skipped > 0 || int64(len(line)+len(chunk)) > max {
			skipped += int64(len(line) + len(chunk))
			line = nil
		} else {
			line = append(line, chunk...)
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, skipped, err
		}
	}
}

// decodeLine decodes one JSON line. A blank line returns an InputError with
// a nil Err: nothing to read, nothing to report.
func decodeLine(path string, lineNo int, offset int64, line []byte) (*document.Document, *InputError) {
	line = bytes.TrimSpace(bytes.TrimPrefix(line, utf8BOM))
	ierr := &InputError{Path: path, Line: lineNo, Offset: offset}
	if len(line) == 0 {
		return nil, ierr
	}
	if !utf8.Valid(line) {
		ierr.Err = fmt.Errorf("%w at byte %d of the line", ErrInvalidUTF, firstInvalid(line))
		return nil, ierr
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		ierr.Err = describeJSONError(err, line)
		return nil, ierr
	}
	var reported *InputError
	doc, ok := fromParts(rec.parts(), document.Origin{Path: path, Line: lineNo, Format: string(FormatJSONL)}, func(e *InputError) { reported = e }, ierr)
	if !ok {
		return nil, reported
	}
	return doc, nil
}

// describeJSONError says what is wrong with a JSON value in words a user can
// act on, with the column of a syntax error.
func describeJSONError(err error, line []byte) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case strings.Contains(err.Error(), "unexpected end"), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: the JSON value ends after %d bytes, unfinished", ErrTruncated, len(line))
	case errors.As(err, &syn):
		return fmt.Errorf("invalid JSON at column %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		return fmt.Errorf("invalid JSON: field %q should be %s, not %s", typ.Field, typ.Type, typ.Value)
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

// readJSONArray reads a JSON array of article objects.
func (r *Reader) readJSONArray(path string, b []byte, yield Yield, report Report) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	lineAt := func(off int64) int { return 1 + bytes.Count(b[:min(int(off), len(b))], []byte{'\n'}) }
	if _, err := dec.Token(); err != nil {
		report(inputErr(path, 1, 0, describeJSONError(err, b)))
		return nil
	}
	for item := 1; dec.More(); item++ {
		start := dec.InputOffset()
		var rec record
		if err := dec.Decode(&rec); err != nil {
			off := dec.InputOffset()
			report(&InputError{Path: path, Line: lineAt(off), Offset: off, Item: item, Err: describeJSONError(err, b[start:])})
			return nil // a JSON stream cannot resynchronise after a syntax error
		}
		origin := document.Origin{Path: path, Item: item, Line: lineAt(start), Format: string(FormatJSON)}
		doc, ok := fromParts(rec.parts(), origin, report, &InputError{Path: path, Item: item, Line: lineAt(start), Offset: start})
		if !ok {
			continue
		}
		if err := yield(doc); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		report(inputErr(path, lineAt(dec.InputOffset()), dec.InputOffset(), fmt.Errorf("%w: the array is not closed", ErrTruncated)))
	}
	return nil
}
