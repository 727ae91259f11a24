// Package arabic owns the character-level facts of Arabic script that every
// other stage relies on: digit systems, letter classes and the normalised
// "key" form used for matching and hashing.
//
// Keys are for comparison only; every span rasd reports points into the
// original bytes, never into a key.
package arabic
