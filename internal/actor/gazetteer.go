package actor

import "github.com/rasd-project/rasd/internal/ner"

// gazetteer marks the NER words that dictionary names cover.
type gazetteer struct{ d *Dictionary }

// Gazetteer returns the dictionary as a ner.Gazetteer: each word covered by
// a name gets the name's type and position, such as "LOC-B".
func (d *Dictionary) Gazetteer() ner.Gazetteer { return gazetteer{d} }

func (g gazetteer) Mark(ws []ner.Word) {
	toks := TokensOf(ws)
	for i, label := range g.d.GazLabels(toks, g.d.Mentions(toks)) {
		ws[i].Gaz = label
	}
}

// GazLabel names the kind of a dictionary mention for the NER features: the
// labeller learns how far to trust each kind (a country more than a city,
// whose name may be a common word).
func GazLabel(m Mention) string {
	if m.Entry == nil {
		return m.Type
	}
	return m.Type + ":" + m.Entry.Kind.String()
}

// TokensOf reads NER words as the tokens the dictionary matches.
func TokensOf(ws []ner.Word) []Token {
	toks := make([]Token, len(ws))
	for i, w := range ws {
		toks[i] = Token{Key: w.Key, Pro: w.Pro, Word: w.Shape == "a" || w.Shape == "l"}
	}
	return toks
}
