// Package analyze runs the analysis stages over a document, each adding its
// layer: the text layer (tokens, clitics, stems, sentences), dates,
// entities (dictionary names, NER, resolution to actors) and events. Stages
// read the layers earlier stages made and never re-tokenise.
//
// What depends on a word alone is worked out once per distinct word and
// memoised (words.go): its segmentation, the NER labeller's view of it with
// the model's sums attached (ner.Model.Prepare), and the dictionary names
// and sector nouns that may start at it (actor.Starts). Each analysing
// goroutine also keeps its per-token working slices (scratch.go), reused
// from one document to the next. The Analyzer is safe for concurrent use.
package analyze
