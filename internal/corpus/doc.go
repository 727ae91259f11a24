// Package corpus reads the training and evaluation corpora rasd learns
// from: CoNLL-style token/tag files (ANERcorp, AQMAR, WikiFANE, Wojood) and
// JSON-lines news. Only the train commands and evaluations use it; nothing
// at run time reads a corpus.
package corpus
