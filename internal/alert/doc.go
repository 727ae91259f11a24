// Package alert tells analysts when something happens instead of making
// them poll. It owns the alert rules (a documented YAML file, see
// docs/alerts.md), their evaluation over the stored events, and delivery:
// a webhook (JSON signed with an HMAC of a shared secret, retried with
// backoff), a JSON-lines file, and the store, where each alert is kept
// once by rule and window so that it never fires twice.
//
// Four kinds of rule:
//   - event: a new event of given types involving given actors;
//   - dyad_shift: a dyad's mean Goldstein over the last N days moving by
//     more than D against the N days before;
//   - first_seen: an actor appearing in a context for the first time (a
//     new partner, event type, PLOVER context or place);
//   - volume_spike: events per day above k standard deviations of the
//     trailing mean.
//
// The engine reads events only through the store's event filters, so the
// same rules replay history (rasd alerts test) and watch new articles
// (rasd watch).
package alert
