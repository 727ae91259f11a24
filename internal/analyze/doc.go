// Package analyze runs the analysis stages over a document, each adding its
// layer: the text layer (tokens, clitics, stems, sentences) now; dates,
// entities and events as their stages land. Stages read the layers earlier
// stages made and never re-tokenise.
package analyze
