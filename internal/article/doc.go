// Package article recovers the anatomy of a news article: headline, authors,
// published date, source, dateline, photo captions with their own dates, body
// paragraphs, and the stray lines (clock times, page furniture) that belong to
// none of them.
//
// Parse reads plain text laid out the way Arabic outlets publish it;
// FromParts assembles an article from the fields of structured inputs (JSON
// lines, HTML metadata, feed items). Every span is a byte range into the
// article's text, which Parse never changes.
package article
