package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rasd-project/rasd/internal/document"
)

// Options bound what the readers accept.
type Options struct {
	// MaxSize is the largest single document read whole (a text, HTML or
	// feed file, one JSON line). JSON-lines files may be larger in total.
	MaxSize int64
	// Stdin is read for the path "-".
	Stdin io.Reader
	// HTTPClient fetches URLs; nil means a client with a 30 s timeout.
	HTTPClient *http.Client
}

// DefaultMaxSize is the default of Options.MaxSize.
const DefaultMaxSize = 32 << 20

// Yield receives each document read; an error stops reading.
type Yield func(*document.Document) error

// Report receives each input problem; reading goes on.
type Report func(*InputError)

// Reader reads inputs into documents.
type Reader struct {
	opts Options
}

// NewReader returns a reader with the given options, filling in defaults.
func NewReader(opts Options) *Reader {
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	return &Reader{opts: opts}
}

// walkExtensions are the files a directory walk reads; a file named on the
// command line is read whatever its name. Formats are told from content.
var walkExtensions = map[string]bool{
	"": true, ".txt": true, ".text": true, ".html": true, ".htm": true, ".xhtml": true,
	".jsonl": true, ".ndjson": true, ".json": true, ".xml": true, ".rss": true, ".atom": true,
}

// Read reads every path in turn: files, directories (walked, hidden entries
// skipped), "-" for standard input, and http(s) URLs. It stops early only
// when ctx is done or yield fails, and returns that error.
func (r *Reader) Read(ctx context.Context, paths []string, yield Yield, report Report) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case p == "-":
			err = r.readStream(ctx, "-", r.opts.Stdin, yield, report)
		case strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://"):
			err = r.readURL(ctx, p, yield, report)
		default:
			err = r.readPath(ctx, p, yield, report)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *Reader) readPath(ctx context.Context, root string, yield Yield, report Report) error {
	info, err := os.Stat(root)
	if err != nil {
		report(inputErr(root, 0, -1, unwrapPathError(err)))
		return nil
	}
	if !info.IsDir() {
		return r.readFile(ctx, root, yield, report)
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			report(inputErr(path, 0, -1, unwrapPathError(err)))
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !walkExtensions[strings.ToLower(filepath.Ext(path))] {
			return nil
		}
		return r.readFile(ctx, path, yield, report)
	})
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *Reader) readFile(ctx context.Context, path string, yield Yield, report Report) error {
	f, err := os.Open(path)
	if err != nil {
		report(inputErr(path, 0, -1, unwrapPathError(err)))
		return nil
	}
	defer f.Close()
	return r.readStream(ctx, path, f, yield, report)
}

// readStream sniffs the format and dispatches. JSON lines are streamed; every
// other format is read whole, up to MaxSize.
func (r *Reader) readStream(ctx context.Context, path string, in io.Reader, yield Yield, report Report) error {
	br := bufio.NewReaderSize(in, 64<<10)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		report(inputErr(path, 0, -1, err))
		return nil
	}
	format := Sniff(head)
	if format == FormatJSONL {
		return r.readJSONLines(ctx, path, br, yield, report)
	}
	b, ok := r.readWhole(path, br, report)
	if !ok {
		return nil
	}
	switch format {
	case FormatHTML:
		return r.readHTML(path, b, "", yield, report)
	case FormatFeed:
		return r.readFeed(ctx, path, b, yield, report)
	case FormatJSON:
		return r.readJSONArray(path, b, yield, report)
	}
	return readText(path, b, yield, report)
}

// readWhole reads a whole document of at most MaxSize bytes, refuses binary
// data and invalid UTF-8, and drops a byte-order mark.
func (r *Reader) readWhole(path string, in io.Reader, report Report) ([]byte, bool) {
	b, err := io.ReadAll(io.LimitReader(in, r.opts.MaxSize+1))
	if err != nil {
		report(inputErr(path, 0, -1, err))
		return nil, false
	}
	if int64(len(b)) > r.opts.MaxSize {
		report(inputErr(path, 0, -1, fmt.Errorf("%w: more than %d bytes (raise --max-size to read it)", ErrTooLarge, r.opts.MaxSize)))
		return nil, false
	}
	if ierr := checkText(path, b); ierr != nil {
		report(ierr)
		return nil, false
	}
	return bytes.TrimPrefix(b, utf8BOM), true
}

// ReadStream reads one input whose format is told from its content, such
// as a request body; name is what errors call it.
func (r *Reader) ReadStream(ctx context.Context, name string, in io.Reader, yield Yield, report Report) error {
	return r.readStream(ctx, name, in, yield, report)
}

// Walkable says whether a directory walk reads a file of this name.
func Walkable(name string) bool {
	return !strings.HasPrefix(filepath.Base(name), ".") && walkExtensions[strings.ToLower(filepath.Ext(name))]
}
