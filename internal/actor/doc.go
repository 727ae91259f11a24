// Package actor owns rasd's actor dictionaries (data/actors: countries with
// their nisba adjectives, cities, international organisations, sector nouns,
// metonyms such as الكرملين, and people with date-ranged roles) and resolves
// the names of an article to canonical actors with CAMEO codes: country plus
// sector (KAZGOV, RUSLEG, CHNMIL), IGO codes, or a bare country. Besides
// the names the dictionaries and the NER model find, resolution adds a
// person's surname where it recurs alone after the full name (زاتولين after
// كونستانتين زاتولين) and a sector noun with a nisba as a national body
// (القوات الروسية RUSMIL, محكمة روسية RUSJUD; الرئيس الروسي is the office
// holder at the article's date).
//
// Name matching looks up the forms of each token (as written, without its
// proclitics, with the article they absorbed); a caller that memoises its
// words keeps the result with each word (Dictionary.StartsOf, Token.Starts)
// and spares every later match those lookups.
package actor
