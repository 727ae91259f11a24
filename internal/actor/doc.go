// Package actor owns rasd's actor dictionaries (data/actors: countries with
// their nisba adjectives, cities, international organisations, sector nouns,
// metonyms such as الكرملين, and people with date-ranged roles) and resolves
// the names of an article to canonical actors with CAMEO codes: country plus
// sector (KAZGOV, RUSLEG, CHNMIL), IGO codes, or a bare country.
package actor
