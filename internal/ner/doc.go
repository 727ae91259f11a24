// Package ner finds named entities (PERS, LOC, ORG, MISC) in Arabic text
// with an averaged-perceptron sequence labeller that rasd trains itself
// (`rasd train ner`) and ships under data/ner. Features are read from the
// token layer: the word, its normalised and clitic-stripped forms, affixes,
// shape, how the lexicon sees it (does it ever take the article?), gazetteer
// hits and the words around it, plus edge features that join the previous
// tag with the tag, alone and with the stem. Decoding is Viterbi over that
// first-order lattice under the BIO constraint, and training is the
// structured perceptron on the same lattice, with feature dropout so that
// the model learns from contexts and classes, not only from the names it
// has seen; the trainer keeps the epoch that scores best on dev.
//
// Tagging sums each distinct word's weights once (wordcache.go): most
// features read one word, in one of five positions around the word being
// tagged, so a word's sums per position and its edge scores are cached,
// and a caller that memoises its words (the analyzer) attaches them with
// Model.Prepare. Only the features that join two words are looked up per
// token. The sums are exact integers, so cached and uncached tagging give
// the same tags.
//
// A document is read twice (TagDocument): the second pass adds document
// features, the tags the first pass gave the same stem elsewhere in the
// article (a surname after the full name, a club named once after نادي).
// In training those features come from a first pass by models trained on
// the other folds of the training documents, so that they are as noisy as
// they will be on new text.
package ner
