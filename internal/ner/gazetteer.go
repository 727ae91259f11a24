package ner

// Gazetteer marks the words of a sentence that names in rasd's actor
// dictionaries cover, with labels such as "LOC-B" and "PERS-I". The actor
// package implements it; this package only reads the labels.
type Gazetteer interface {
	Mark(ws []Word)
}
