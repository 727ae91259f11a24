package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// readHTML reads one HTML page.
func (r *Reader) readHTML(path string, b []byte, pageURL string, yield Yield, report Report) error {
	p, err := PageParts(b, pageURL)
	if err != nil {
		report(inputErr(path, 0, offsetOf(err, len(b)), err))
		return nil
	}
	doc, ok := fromParts(p, document.Origin{Path: path, Format: string(FormatHTML)}, report, inputErr(path, 0, -1, nil))
	if !ok {
		return nil
	}
	return yield(doc)
}

// offsetOf places an error of a whole page: a truncated page fails at its
// end, anything else at no offset.
func offsetOf(err error, size int) int64 {
	if errors.Is(err, ErrTruncated) {
		return int64(size)
	}
	return -1
}

// PageParts extracts the main text and metadata of a page with
// trafilatura, and the photo captions (<figcaption>) of the page itself.
// pageURL, when known, is the article's address if the page names none.
func PageParts(b []byte, pageURL string) (article.Parts, error) {
	if err := checkHTMLComplete(b); err != nil {
		return article.Parts{}, err
	}
	opts := trafilatura.Options{ExcludeComments: true, EnableFallback: true}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.Extract(bytes.NewReader(b), opts)
	if err != nil || res == nil || strings.TrimSpace(res.ContentText) == "" {
		if err != nil {
			return article.Parts{}, fmt.Errorf("%w: %v", ErrNoText, err)
		}
		return article.Parts{}, ErrNoText
	}
	m := res.Metadata
	body := res.ContentText
	if res.ContentNode != nil {
		body = dropLeadingTitle(blockText([]*html.Node{res.ContentNode}), m.Title)
	}
	p := article.Parts{
		Title:    m.Title,
		Author:   m.Author,
		Source:   m.Sitename,
		URL:      firstNonEmpty(m.URL, pageURL),
		Body:     body,
		Captions: figcaptions(b, body),
	}
	if !m.Date.IsZero() {
		p.Date = m.Date.Format("2006-01-02T15:04:05Z07:00")
		if m.Date.Hour() == 0 && m.Date.Minute() == 0 && m.Date.Second() == 0 {
			p.Date = m.Date.Format("2006-01-02")
		}
	}
	return p, nil
}

// Document makes the document of an article's parts; ok is false when the
// parts hold no title, text nor address.
func Document(p article.Parts, origin document.Origin) (*document.Document, bool) {
	text, a := article.FromParts(p)
	if a.Title == "" && len(a.Body) == 0 && a.URL == "" {
		return nil, false
	}
	return document.New(text, a, origin), true
}

// checkHTMLComplete refuses a page cut off before its end: a document that
// opens <html> but never closes it.
func checkHTMLComplete(b []byte) error {
	head := bytes.ToLower(b[:min(len(b), 1024)])
	if !bytes.Contains(head, []byte("<html")) {
		return nil
	}
	tail := bytes.ToLower(b[max(0, len(b)-4096):])
	if !bytes.Contains(tail, []byte("</html")) {
		return fmt.Errorf("%w: the HTML page has no closing </html> tag (cut off after %d bytes?)", ErrTruncated, len(b))
	}
	return nil
}

// figcaptions returns the text of the page's <figcaption> elements that the
// extracted main text does not already hold.
func figcaptions(b []byte, mainText string) []string {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Figcaption {
			if t := strings.Join(strings.Fields(nodeText(n)), " "); t != "" && !strings.Contains(mainText, t) {
				out = append(out, t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func nodeText(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
}

// blockElements end a paragraph when an HTML fragment becomes text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Tr: true, atom.Figcaption: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Pre: true, atom.Table: true,
}

// fragmentText turns an HTML fragment (a feed item's content) into plain
// text with one paragraph per block element, separated by blank lines.
func fragmentText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return strings.TrimSpace(fragment)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"})
	if err != nil {
		return strings.TrimSpace(fragment)
	}
	return blockText(nodes)
}

// dropLeadingTitle removes the headline when the extracted text repeats it
// as its first paragraph.
func dropLeadingTitle(body, title string) string {
	title = strings.Join(strings.Fields(title), " ")
	first, rest, _ := strings.Cut(body, "\n\n")
	if title != "" && strings.Join(strings.Fields(first), " ") == title {
		return rest
	}
	return body
}

// blockText renders nodes as plain text, one paragraph per block element,
// paragraphs separated by blank lines.
func blockText(nodes []*html.Node) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			cur.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		case n.Type == html.ElementNode && blockElements[n.DataAtom]:
			flush()
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			flush()
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	flush()
	return strings.Join(paras, "\n\n")
}
