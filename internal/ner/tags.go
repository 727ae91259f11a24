package ner

// Tags are the BIO labels, in model order.
var Tags = []string{"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}

const numTags = 9

// tagIndex maps a label to its index; corpora spell some labels their own
// way (B-PER, B-MIS1).
func tagIndex(label string) int {
	switch label {
	case "B-PER":
		label = "B-PERS"
	case "I-PER":
		label = "I-PERS"
	case "B-MIS", "B-MIS0", "B-MIS1", "B-MIS2", "B-MIS3":
		label = "B-MISC"
	case "I-MIS", "I-MIS0", "I-MIS1", "I-MIS2", "I-MIS3":
		label = "I-MISC"
	}
	for i, t := range Tags {
		if t == label {
			return i
		}
	}
	return 0
}

// allowed reports whether tag t may follow prev under BIO: an I- tag only
// continues its own type.
func allowed(prev, t int) bool {
	if t == 0 || t%2 == 1 { // O or B-
		return true
	}
	return prev == t || prev == t-1
}

// entityType is the type of a B- or I- tag, "" for O.
func entityType(t int) string {
	if t == 0 {
		return ""
	}
	return Tags[t][2:]
}
