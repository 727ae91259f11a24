package document

import (
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/article"
)

// Schema names the JSON document format; Version changes when a field
// changes meaning or goes away (adding a layer does not).
const (
	Schema  = "rasd.document"
	Version = 1
)

// Origin says where an article came from.
type Origin struct {
	Path   string `json:"path,omitempty"` // file path, "-" for stdin, or the URL fetched
	Line   int    `json:"line,omitempty"` // line of a JSON-lines record
	Item   int    `json:"item,omitempty"` // 1-based index of a feed item or array element
	Format string `json:"format"`         // text, html, jsonl, json, feed
}

// Document is one article and every layer of its analysis.
type Document struct {
	Schema  string          `json:"schema"`
	Version int             `json:"version"`
	ID      string          `json:"id"`
	Hash    string          `json:"hash"`
	Origin  Origin          `json:"origin"`
	Text    string          `json:"text"`
	Article article.Article `json:"article"`

	// Sentences and Tokens are the text layer: tokens of the headline,
	// captions and body paragraphs, and the sentences they form. Tokens are
	// not stored (they are cheap to remake from the text); they appear in
	// the JSON of `rasd extract --tokens`.
	Sentences []Sentence `json:"sentences,omitempty"`
	Tokens    []Token    `json:"tokens,omitempty"`

	// Dates is the temporal layer: every date, time, duration and set in
	// the headline, captions and body, normalised to TIMEX3.
	Dates []Date `json:"dates,omitempty"`

	// Entities is the entity layer: names of people, places, organisations
	// and other things, resolved to actors with CAMEO codes where possible.
	Entities []Entity `json:"entities,omitempty"`

	// Events is the event layer: who did what to whom, when and where.
	Events []Event `json:"events,omitempty"`
}

// Event is a coded event, tied to its evidence.
type Event struct {
	ID         string       `json:"id"`
	Date       string       `json:"date"`
	Source     *EventActor  `json:"source,omitempty"`
	Target     *EventActor  `json:"target,omitempty"`
	Code       string       `json:"cameo"`
	Root       string       `json:"root"`
	Label      string       `json:"label"`
	Plover     string       `json:"plover,omitempty"`
	Mode       string       `json:"mode,omitempty"`
	Context    string       `json:"context,omitempty"`
	Goldstein  float64      `json:"goldstein"`
	Quad       int          `json:"quad_class"`
	Location   string       `json:"location,omitempty"`
	Speaker    *EventActor  `json:"speaker,omitempty"`
	Negated    bool         `json:"negated,omitempty"`
	Intent     bool         `json:"intent,omitempty"`
	Sentence   article.Span `json:"sentence"`
	Trigger    article.Span `json:"trigger"`
	Confidence float64      `json:"confidence"`
}

// EventActor is a party to an event: the entity and its actor code.
type EventActor struct {
	Code string        `json:"code"`
	ID   string        `json:"id,omitempty"`
	Name string        `json:"name,omitempty"`
	Text string        `json:"text"`
	Span *article.Span `json:"span,omitempty"`
}

// Entity is a name in the text, or an article author.
type Entity struct {
	Span       *article.Span `json:"span,omitempty"` // nil for an author from metadata
	Text       string        `json:"text"`
	Type       string        `json:"type"`           // PERS, LOC, ORG, MISC
	Role       string        `json:"role,omitempty"` // "author" for the article's writers
	Actor      *Actor        `json:"actor,omitempty"`
	Confidence float64       `json:"confidence"`
	Source     string        `json:"source"` // dictionary, model, both, alias, metadata
}

// Actor is the canonical actor an entity resolves to.
type Actor struct {
	ID       string `json:"id"`             // country:KAZ, person:kassym-jomart-tokayev, igo:CSTO
	Name     string `json:"name,omitempty"` // Arabic display name
	Code     string `json:"code,omitempty"` // CAMEO actor code at the article's date: KAZGOV, RUS, IGOCST
	Country  string `json:"country,omitempty"`
	Sector   string `json:"sector,omitempty"`
	Wikidata string `json:"wikidata,omitempty"`
}

// Date is a temporal expression: TIMEX3 type and value, resolved against
// the article date (or, for an undated article, the text's first full date).
type Date struct {
	Span   article.Span `json:"span"`
	Text   string       `json:"text"`
	Type   string       `json:"type"`  // DATE, TIME, DURATION, SET
	Value  string       `json:"value"` // 2022-04-05, 2022-W15, P2D, XXXX-07-04...
	Mod    string       `json:"mod,omitempty"`
	Hijri  string       `json:"hijri,omitempty"`
	Anchor string       `json:"anchor,omitempty"` // dct, text, previous
}

// Regions of an article that the text layer reads.
const (
	RegionTitle   = "title"
	RegionCaption = "caption"
	RegionBody    = "body"
)

// Sentence is a sentence of the headline, a caption or a body paragraph.
type Sentence struct {
	Span   article.Span `json:"span"`
	Tokens [2]int       `json:"tokens"` // Tokens[0]:Tokens[1] index Document.Tokens
	Region string       `json:"region"` // title, caption, body
	Block  int          `json:"block"`  // index of the caption or body paragraph
}

// Token is a token of the text layer.
type Token struct {
	Span article.Span `json:"span"`
	Kind string       `json:"kind"` // word, latin, number, punct, symbol, url, email, hashtag, mention
	Text string       `json:"text"` // the normalised form of the span
	Stem string       `json:"stem,omitempty"`
	Pro  string       `json:"proclitics,omitempty"`
	Enc  string       `json:"enclitic,omitempty"`
}

// New makes the document of an article whose anatomy has been read from
// text, and computes its identity.
func New(text string, a article.Article, origin Origin) *Document {
	h := ContentHash(a)
	return &Document{Schema: Schema, Version: Version, ID: h[:16], Hash: h, Origin: origin, Text: text, Article: a}
}

// ContentHash identifies an article by its normalised headline, body and URL,
// so that the same article read twice, even re-encoded or with its harakat
// or hamzas written differently, gets the same hash. The URL is part of the
// identity because outlets republish one text at two addresses as two items;
// reports of one event in many articles are merged at the event layer.
func ContentHash(a article.Article) string {
	h := sha256.New()
	io.WriteString(h, arabic.Key(a.Title))
	h.Write([]byte{0})
	for _, p := range a.Body {
		io.WriteString(h, arabic.Key(p.Text))
		h.Write([]byte{'\n'})
	}
	h.Write([]byte{0})
	io.WriteString(h, a.URL)
	return hex.EncodeToString(h.Sum(nil))
}
