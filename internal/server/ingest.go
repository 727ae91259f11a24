package server

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
)

// ingestResult says what a POST stored.
type ingestResult struct {
	Read      int           `json:"read"`
	New       int           `json:"new"`
	Duplicate int           `json:"duplicate"`
	Failed    int           `json:"failed"`
	IDs       []string      `json:"ids"`
	Errors    []ingestIssue `json:"errors"`
}

type ingestIssue struct {
	Input string `json:"input"`
	Line  int    `json:"line,omitempty"`
	Error string `json:"error"`
}

// apiIngest stores the articles of the body: plain text, HTML, JSON (lines
// or array), RSS/Atom, or a multipart form with a file or a text field.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) error {
	res, err := s.ingestRequest(r)
	if err != nil {
		return err
	}
	code := http.StatusOK
	if res.Read == 0 {
		code = http.StatusBadRequest
	}
	writeJSON(w, code, res)
	return nil
}

// ingestRequest reads, analyses and stores a request's articles.
func (s *Server) ingestRequest(r *http.Request) (ingestResult, error) {
	res := ingestResult{IDs: []string{}, Errors: []ingestIssue{}}
	inputs, err := requestInputs(r)
	if err != nil {
		return res, err
	}
	defer func() {
		for _, in := range inputs {
			if c, ok := in.body.(io.Closer); ok {
				c.Close()
			}
		}
		if r.MultipartForm != nil {
			r.MultipartForm.RemoveAll() // files spilled to disk
		}
	}()
	reader := ingest.NewReader(ingest.Options{MaxSize: s.cfg.MaxBody})
	var docs []*document.Document
	for _, in := range inputs {
		err := reader.ReadStream(r.Context(), in.name, in.body, func(d *document.Document) error {
			docs = append(docs, d)
			return nil
		}, func(e *ingest.InputError) {
			res.Failed++
			res.Errors = append(res.Errors, ingestIssue{Input: e.Path, Line: e.Line, Error: e.Err.Error()})
		})
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return res, err
		}
		if err != nil {
			return res, badRequest("%s: %v", in.name, err)
		}
	}
	for _, e := range res.Errors {
		if strings.Contains(e.Error, "http: request body too large") {
			return res, &http.MaxBytesError{Limit: s.cfg.MaxBody}
		}
	}
	if len(docs) == 0 {
		return res, nil
	}
	if s.cfg.Analyze != nil {
		for _, d := range docs {
			s.cfg.Analyze(d)
		}
	}
	s.ingest.Lock()
	added, err := s.cfg.Store.PutBatch(context.WithoutCancel(r.Context()), docs)
	s.ingest.Unlock()
	if err != nil {
		return res, err
	}
	for i, d := range docs {
		res.Read++
		res.IDs = append(res.IDs, d.ID)
		if added[i] {
			res.New++
		} else {
			res.Duplicate++
		}
	}
	s.metrics.addIngested(res.New)
	return res, nil
}

type input struct {
	name string
	body io.Reader
}

// requestInputs returns the body, or the parts of a multipart form. A
// compressed body (Content-Encoding gzip, deflate...) is refused rather
// than inflated: a few kilobytes can unpack to gigabytes. A compressed file
// sent as such (.gz, .zip) is binary data, which the readers refuse.
func requestInputs(r *http.Request) ([]input, error) {
	if ce := strings.TrimSpace(r.Header.Get("Content-Encoding")); ce != "" && !strings.EqualFold(ce, "identity") {
		return nil, httpError{http.StatusUnsupportedMediaType, "Content-Encoding " + ce + " is not accepted: send the body uncompressed"}
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "multipart/form-data":
		return formInputs(r)
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, badRequest("form: %v", err)
		}
		if t := r.PostForm.Get("text"); strings.TrimSpace(t) != "" {
			return []input{{"text", strings.NewReader(t)}}, nil
		}
		return nil, badRequest("form: the text field is empty")
	}
	return []input{{"body", r.Body}}, nil
}

// maxFormMemory is what a multipart form keeps in memory before spilling
// files to disk.
const maxFormMemory = 8 << 20

func formInputs(r *http.Request) ([]input, error) {
	if err := r.ParseMultipartForm(maxFormMemory); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, err
		}
		return nil, badRequest("form: %v", err)
	}
	var inputs []input
	if t := r.MultipartForm.Value["text"]; len(t) > 0 && strings.TrimSpace(t[0]) != "" {
		inputs = append(inputs, input{"text", strings.NewReader(t[0])})
	}
	for _, fh := range r.MultipartForm.File["file"] {
		f, err := fh.Open()
		if err != nil {
			return nil, badRequest("file %s: %v", fh.Filename, err)
		}
		// Only the base name is kept: it names the input in errors, never
		// a path on this machine.
		name := fh.Filename
		if i := strings.LastIndexAny(name, `/\`); i >= 0 {
			name = name[i+1:]
		}
		inputs = append(inputs, input{"upload:" + name, f})
	}
	if len(inputs) == 0 {
		return nil, badRequest("form: give a file or some text")
	}
	return inputs, nil
}
