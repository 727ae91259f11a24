// Package analytics turns stored events into what analysts read: dyad time
// series (event counts per quad class, Goldstein sum and mean per day, week
// or month), top actors, the weighted network of who acts on whom, an
// actor's timeline, the alignment shift of a focal actor towards each
// partner between two periods, and the merging of one event reported by
// many articles.
//
// It reads events through the small EventStore interface it declares, so
// every store engine serves the same figures.
package analytics
