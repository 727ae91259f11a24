package ingest

import (
	"errors"
	"fmt"
)

// InputError is a problem with one input: a file, a line of a file, or an
// item of a feed. Reading goes on with the next input.
type InputError struct {
	Path   string // file path, "-" or URL
	Line   int    // 1-based line, 0 when unknown
	Offset int64  // byte offset, -1 when unknown
	Item   int    // 1-based feed item or array element, 0 when none
	Err    error
}

func (e *InputError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	case e.Item > 0:
		return fmt.Sprintf("%s: item %d: %v", e.Path, e.Item, e.Err)
	case e.Offset >= 0:
		return fmt.Sprintf("%s: offset %d: %v", e.Path, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// Reasons an input is refused; test with errors.Is.
var (
	ErrEmpty      = errors.New("empty input")
	ErrBinary     = errors.New("binary data, not text")
	ErrTooLarge   = errors.New("input too large")
	ErrInvalidUTF = errors.New("invalid UTF-8")
	ErrTruncated  = errors.New("truncated input")
	ErrNoText     = errors.New("no article text found")
)

func inputErr(path string, line int, offset int64, err error) *InputError {
	return &InputError{Path: path, Line: line, Offset: offset, Err: err}
}
