// Package watch polls news sources continuously: RSS and Atom feeds over
// HTTP and folders on disk. It owns the schedule (a per-source interval,
// exponential backoff after failures), polite fetching (conditional GET
// with ETag and Last-Modified, a per-host rate limit, a timeout on every
// request) and exactly-once intake: items are known by GUID or link and
// articles by content hash and URL, and what was seen lives in the store,
// so a restarted watcher resumes without re-ingesting or missing items.
//
// An item that carries only a summary is read from its linked page
// through the HTML reader. New articles are analysed and stored like any
// ingest; a callback hears of each stored batch (the alert engine).
package watch
