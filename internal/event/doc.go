// Package event codes political events: who did what to whom, when and
// where, in CAMEO with its PLOVER type, Goldstein score and quad class. It
// reads the layers earlier stages made (sentences, tokens, dates, entities)
// and the pattern dictionary in data/events, and ties every event to its
// evidence: the sentence and the trigger.
package event
