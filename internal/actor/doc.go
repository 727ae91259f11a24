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
package actor
