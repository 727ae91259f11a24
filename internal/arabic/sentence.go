package arabic

import "strings"

// Sentence is a run of tokens: Start and End are byte offsets into the
// text, First and Last+1 index the token slice it was cut from.
type Sentence struct {
	Start, End  int
	First, Stop int // tokens[First:Stop]
}

// MaxSentenceTokens bounds a sentence: longer runs (lists, run-on
// paragraphs without full stops) are cut at a comma or, failing that, at the
// bound itself.
const MaxSentenceTokens = 120

// abbreviations end with a dot that does not end a sentence: single letters
// (د. for doctor, أ. for professor, م. for engineer) and these words.
var abbreviations = map[string]bool{
	"ص": true, "ج": true, "ت": true, "ق": true, "هـ": true, "إلخ": true, "الخ": true,
	"mr": true, "mrs": true, "dr": true, "prof": true, "st": true, "no": true, "vs": true, "etc": true, "inc": true, "co": true, "jr": true, "sr": true,
}

// Sentences cuts tokens[from:to] of text into sentences: at terminal
// punctuation (. ! ? ؟ …) with the closing quotes and brackets after it, and
// at line breaks; not after abbreviations or initials; never longer than
// MaxSentenceTokens.
func Sentences(text string, tokens []Token, from, to int) []Sentence {
	var out []Sentence
	first := from
	emit := func(stop int) {
		if stop > first {
			out = append(out, Sentence{Start: tokens[first].Start, End: tokens[stop-1].End, First: first, Stop: stop})
		}
		first = stop
	}
	for i := from; i < to; i++ {
		if i > first && lineBreakBetween(text, tokens[i-1].End, tokens[i].Start) {
			emit(i)
		}
		if i-first >= MaxSentenceTokens {
			emit(cutPoint(tokens, first, i))
		}
		if !endsSentence(tokens, i, first) {
			continue
		}
		stop := i + 1
		for stop < to && stop-first < MaxSentenceTokens && isCloser(tokens[stop]) && tokens[stop].Start == tokens[stop-1].End {
			stop++
		}
		emit(stop)
		i = stop - 1
	}
	emit(to)
	return out
}

func lineBreakBetween(text string, a, b int) bool {
	return a < b && strings.IndexByte(text[a:b], '\n') >= 0
}

// endsSentence reports whether token i is a terminal mark that ends the
// sentence begun at first.
func endsSentence(tokens []Token, i, first int) bool {
	t := tokens[i]
	if t.Kind != Punct {
		return false
	}
	switch t.Text {
	case "!", "?", "؟", "…", "!!", "؟!":
		return true
	case ".", "...":
	default:
		return strings.HasPrefix(t.Text, "..")
	}
	if t.Text == "." && i > first {
		prev := tokens[i-1]
		if prev.End == t.Start && isAbbreviation(prev) {
			return false
		}
	}
	return true
}

func isAbbreviation(t Token) bool {
	switch t.Kind {
	case Word:
		return len([]rune(t.Text)) == 1 || abbreviations[t.Text]
	case Latin:
		return len(t.Text) == 1 || abbreviations[t.Text]
	}
	return false
}

func isCloser(t Token) bool {
	switch t.Text {
	case "\"", "»", "”", "’", "'", ")", "]", "›":
		return true
	}
	return false
}

// cutPoint picks where to cut an over-long sentence: after the last comma or
// semicolon in its second half, else at the bound.
func cutPoint(tokens []Token, first, i int) int {
	for k := i - 1; k > first+(i-first)/2; k-- {
		switch tokens[k].Text {
		case "،", ",", "؛", ";", ":":
			return k + 1
		}
	}
	return i
}
