package analyze

import (
	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/document"
)

// personTitles are nouns that stand before a person's name in apposition:
// النائب الروسي، كونستانتين زاتولين.
var personTitles = map[string]bool{
	"رءيس": true, "الرءيس": true, "ناءب": true, "الناءب": true, "وزير": true, "الوزير": true, "السفير": true,
	"سفير": true, "المتحدث": true, "الزعيم": true, "زعيم": true, "الملك": true, "الامير": true, "الشيخ": true,
	"الجنرال": true, "اللواء": true, "العقيد": true, "القاءد": true, "قاءد": true, "المبعوث": true, "مبعوث": true,
	"المستشار": true, "مستشار": true, "السيناتور": true, "النائبه": true, "الوزيره": true, "الرءيسه": true,
	"المعلق": true, "المحلل": true, "الكاتب": true, "الصحفي": true, "المدير": true, "مدير": true,
}

// titleMentions finds names in apposition after a title that neither the
// dictionaries nor the model caught: a title, then its country or
// ministry, then one to four words that the lexicon does not know as
// common words (names never take the article).
func (a *Analyzer) titleMentions(d *document.Document, toks []actor.Token, taken []bool) []actor.Mention {
	lex := arabic.DefaultLexicon()
	var out []actor.Mention
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.Word || !personTitles[t.Key] {
			continue
		}
		j := i + 1
		// Skip what qualifies the title: nisba, country, ministry, commas.
		for k := 0; k < 4 && j < len(toks) && toks[j].Sentence == t.Sentence; k++ {
			tk := toks[j]
			_, nisba := a.dict.Nisba(tk.Key)
			if tk.Key == "،" || tk.Key == "," || nisba || isQualifier(tk.Key) {
				j++
				continue
			}
			if e, _ := a.dict.MatchAt(toks, j); e != nil && e.Kind.EntityType() == "LOC" {
				j++
				continue
			}
			break
		}
		first := j
		for j < len(toks) && j-first < 4 && toks[j].Word && toks[j].Sentence == t.Sentence && !taken[j] && nameLike(lex, toks[j].Key) {
			j++
		}
		if j == first || j-first == 1 && (j >= len(toks) || toks[j].Key != "،") {
			continue
		}
		out = append(out, actor.Mention{First: first, Stop: j, Type: "PERS", Source: "model"})
		i = j - 1
	}
	return out
}

// isQualifier: words that complete a title: الخارجية, الدفاع, العام.
func isQualifier(k string) bool {
	switch k {
	case "الخارجيه", "خارجيه", "الدفاع", "دفاع", "الداخليه", "العام", "الاعلي", "باسم", "الخاص", "السابق", "الاول":
		return true
	}
	return false
}

// nameLike: a word the corpus never writes with the article and seldom
// sees (a name), or does not know at all.
func nameLike(lex *arabic.Lexicon, key string) bool {
	n := lex.Count(key)
	withArticle := lex.Known(key) - n
	return n < 200 && withArticle*10 <= n
}
