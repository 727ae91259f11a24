// Package ner finds named entities (PERS, LOC, ORG, MISC) in Arabic text
// with an averaged-perceptron sequence labeller that rasd trains itself
// (`rasd train ner`) and ships under data/ner. Features are read from the
// token layer: the word, its normalised and clitic-stripped forms, affixes,
// shape, how the lexicon sees it (does it ever take the article?), gazetteer
// hits and the words and tags around it. Decoding is greedy, left to right,
// with the BIO constraint.
package ner
