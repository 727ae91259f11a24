package watch

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
)

// feedServer serves feeds that change from round to round, as the test
// advances them: new items, repeated items, 304s, 500s, slow answers.
type feedServer struct {
	t     *testing.T
	round atomic.Int32
	srv   *httptest.Server

	mu          sync.Mutex
	notModified int            // 304s answered
	pageHits    map[string]int // requests per page
}

// item is a feed entry; pages of summary-only items are served apart.
type item struct {
	id      string
	summary bool // only a summary in the feed: the page has the text
	link    string
}

func itemBody(id string) string {
	return fmt.Sprintf("قال مسؤولون في العاصمة إن الاجتماع %s ناقش التعاون الاقتصادي والأمني بين البلدين.\n\n"+
		"وأضافوا أن الجانبين اتفقا على مواصلة المشاورات في الأسابيع المقبلة حول الملف %s.", id, id)
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{t: t, pageHits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /a.xml", fs.feedA)
	mux.HandleFunc("GET /b.xml", fs.feedB)
	mux.HandleFunc("GET /c.xml", fs.feedC)
	mux.HandleFunc("GET /pages/{id}", fs.page)
	fs.srv = httptest.NewServer(mux)
	t.Cleanup(fs.srv.Close)
	return fs
}

func (fs *feedServer) url(path string) string { return fs.srv.URL + path }

func (fs *feedServer) link(id string) string { return fs.url("/pages/" + id + ".html") }

// feedA is RSS with an ETag. Page a2 fails once before it works.
func (fs *feedServer) feedA(w http.ResponseWriter, r *http.Request) {
	var items []item
	switch fs.round.Load() {
	case 1:
		items = []item{{id: "a1"}, {id: "a2", summary: true}}
	case 2, 3:
		items = []item{{id: "a1"}, {id: "a2", summary: true}}
	case 4:
		items = []item{{id: "a2", summary: true}, {id: "a3"}, {id: "a4", summary: true}}
	case 5:
		items = []item{{id: "a3"}, {id: "a4", summary: true}, {id: "a5"}}
	default:
		items = []item{{id: "a5"}}
	}
	fs.serveETag(w, r, fs.rss("Feed A", items))
}

// feedB is Atom: a 500 first, then items, a slow answer, a 500 again, and
// an item whose link feed A carries too.
func (fs *feedServer) feedB(w http.ResponseWriter, r *http.Request) {
	var items []item
	switch fs.round.Load() {
	case 1, 5:
		http.Error(w, "upstream broken", http.StatusInternalServerError)
		return
	case 2:
		items = []item{{id: "b1"}, {id: "b2"}}
	case 3:
		if !sleep(r, 300*time.Millisecond) {
			return
		}
		items = []item{{id: "b1"}, {id: "b2"}, {id: "b3"}}
	case 4:
		items = []item{{id: "b3"}, {id: "b4"}}
	default:
		items = []item{{id: "b4"}, {id: "b-a5", link: fs.link("a5")}, {id: "b6"}}
	}
	fs.serveETag(w, r, fs.atom(items))
}

// feedC is RSS with Last-Modified only; its second answer is too slow.
func (fs *feedServer) feedC(w http.ResponseWriter, r *http.Request) {
	round := fs.round.Load()
	version := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	items := []item{{id: "c1"}}
	if round == 2 && !sleep(r, 3*time.Second) {
		return
	}
	if round >= 4 {
		version = version.Add(72 * time.Hour)
		items = append(items, item{id: "c2"})
	}
	if since, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !version.After(since) {
		fs.count304()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Last-Modified", version.Format(http.TimeFormat))
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write([]byte(fs.rss("Feed C", items)))
}

func (fs *feedServer) page(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimSuffix(r.PathValue("id"), ".html")
	fs.mu.Lock()
	fs.pageHits[id]++
	hits := fs.pageHits[id]
	fs.mu.Unlock()
	if id == "a2" && hits == 1 {
		http.Error(w, "try later", http.StatusServiceUnavailable)
		return
	}
	var paras strings.Builder
	for _, p := range strings.Split(itemBody(id)+"\n\n"+itemBody(id+" (تفاصيل)"), "\n\n") {
		paras.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صفحة %[1]s</title></head>
<body><nav><a href="/">الرئيسية</a></nav><article><h1>صفحة %[1]s</h1>%[2]s</article><footer>حقوق النشر</footer></body></html>`, id, paras.String())
}

func (fs *feedServer) count304() {
	fs.mu.Lock()
	fs.notModified++
	fs.mu.Unlock()
}

// serveETag answers 304 when the client holds the current version.
func (fs *feedServer) serveETag(w http.ResponseWriter, r *http.Request, body string) {
	tag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(body)))
	if r.Header.Get("If-None-Match") == tag {
		fs.count304()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", tag)
	w.Header().Set("Content-Type", "application/xml")
	w.Write([]byte(body))
}

// sleep waits d unless the client gives up first.
func sleep(r *http.Request, d time.Duration) bool {
	select {
	case <-time.After(d):
		return true
	case <-r.Context().Done():
		return false
	}
}

func (fs *feedServer) rss(title string, items []item) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>%s</title><link>%s</link>`, title, fs.srv.URL)
	for i, it := range items {
		link := it.link
		if link == "" {
			link = fs.link(it.id)
		}
		fmt.Fprintf(&b, `<item><title>خبر %s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>ملخص %s</description>`,
			it.id, link, it.id, time.Date(2026, 1, 5, 10, i, 0, 0, time.UTC).Format(time.RFC1123Z), it.id)
		if !it.summary {
			fmt.Fprintf(&b, `<content:encoded><![CDATA[%s]]></content:encoded>`, paragraphs(itemBody(it.id)))
		}
		b.WriteString(`</item>`)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func (fs *feedServer) atom(items []item) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed B</title><id>urn:feed:b</id><updated>2026-01-05T10:00:00Z</updated>`)
	for _, it := range items {
		link := it.link
		if link == "" {
			link = fs.link(it.id)
		}
		body := itemBody(it.id)
		if it.link != "" {
			body = itemBody(strings.TrimPrefix(it.id, "b-"))
		}
		fmt.Fprintf(&b, `<entry><id>urn:item:%s</id><title>خبر %s</title><link href="%s"/><updated>2026-01-05T11:00:00Z</updated><content type="html">%s</content></entry>`,
			it.id, it.id, link, html.EscapeString(paragraphs(body)))
	}
	b.WriteString(`</feed>`)
	return b.String()
}

func paragraphs(text string) string {
	var b strings.Builder
	for _, p := range strings.Split(text, "\n\n") {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	return b.String()
}

// countingState counts, per article URL or origin, how often an article
// was stored for the first time; armed, it crashes right after a commit,
// before the items are marked taken.
type countingState struct {
	*store.DB
	mu     sync.Mutex
	stored map[string]int
	crash  context.CancelFunc // set: the next MarkSeen cancels and fails
}

func (c *countingState) PutBatch(ctx context.Context, docs []*document.Document) ([]bool, error) {
	added, err := c.DB.PutBatch(ctx, docs)
	if err == nil {
		c.mu.Lock()
		for i, ok := range added {
			if ok {
				c.stored[docs[i].Article.URL+"|"+docs[i].ID]++
			}
		}
		c.mu.Unlock()
	}
	return added, err
}

var errCrash = errors.New("crashed between commit and mark")

func (c *countingState) MarkSeen(ctx context.Context, source string, items map[string]string, at time.Time) error {
	c.mu.Lock()
	crash := c.crash
	c.crash = nil
	c.mu.Unlock()
	if crash != nil {
		crash()
		return errCrash
	}
	return c.DB.MarkSeen(ctx, source, items, at)
}

// run is one watcher's life over rounds, on its own database.
type run struct {
	t       *testing.T
	fs      *feedServer
	dbPath  string
	sources []Source
	folder  string
	clock   time.Time
	counts  map[string]int
	total   Stats
}

func (r *run) open() (*countingState, *Watcher) {
	db, err := store.OpenSQLite(context.Background(), r.dbPath)
	if err != nil {
		r.t.Fatal(err)
	}
	st := &countingState{DB: db, stored: r.counts}
	w := New(st, r.sources, Options{
		Every: time.Hour, Timeout: time.Second, HostGap: 5 * time.Millisecond,
		BackoffBase: 10 * time.Minute, Parallel: 3,
		Now:    func() time.Time { return r.clock },
		Logger: slog.New(slog.DiscardHandler),
	})
	return st, w
}

// setRound moves the feeds and the folder to round n and the clock on.
func (r *run) setRound(n int) {
	r.fs.round.Store(int32(n))
	r.clock = time.Date(2026, 1, 5, n, 0, 0, 0, time.UTC)
	write := func(name, id string) {
		path := filepath.Join(r.folder, name)
		if err := os.WriteFile(path, []byte("خبر "+id+"\n\n"+itemBody(id)+"\n"), 0o644); err != nil {
			r.t.Fatal(err)
		}
		// A distinct modification time per version, whatever the file
		// system's clock resolution.
		mt := time.Date(2026, 1, 5, n, 0, 0, 0, time.UTC)
		os.Chtimes(path, mt, mt)
	}
	switch n {
	case 1:
		write("f1.txt", "f1")
		write("f2.txt", "f2")
	case 4:
		write("f3.txt", "f3")
	case 5:
		write("f1.txt", "f1 (منقح)") // rewritten: a new article
	}
}

const rounds = 6

func newRun(t *testing.T, fs *feedServer, name string) *run {
	dir := t.TempDir()
	folder := filepath.Join(dir, "inbox")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	r := &run{t: t, fs: fs, dbPath: filepath.Join(dir, name+".db"), folder: folder, counts: map[string]int{}}
	r.sources = []Source{{Target: fs.url("/a.xml")}, {Target: fs.url("/b.xml")}, {Target: fs.url("/c.xml")}, {Target: folder}}
	return r
}

func (r *run) poll(w *Watcher) error {
	stats, err := w.PollDue(context.Background())
	r.total.add(stats)
	return err
}

// articles lists the stored articles as "URL|ID" (URL empty for files).
func articles(t *testing.T, path string) []string {
	db, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.DB().Query(`SELECT COALESCE(url, ''), id FROM articles ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u, id string
		if err := rows.Scan(&u, &id); err != nil {
			t.Fatal(err)
		}
		out = append(out, u+"|"+id)
	}
	return out
}

// TestWatcher runs the watcher over feeds that change, fail, stall and
// repeat themselves, once straight through and once killed mid-run and
// restarted: both end with the same articles, each stored exactly once.
func TestWatcher(t *testing.T) {
	if testing.Short() {
		t.Skip("watcher test skipped in -short mode")
	}
	fs := newFeedServer(t)

	straight := newRun(t, fs, "straight")
	st, w := straight.open()
	for n := 1; n <= rounds; n++ {
		straight.setRound(n)
		if err := straight.poll(w); err != nil {
			t.Fatalf("round %d: %v", n, err)
		}
	}
	st.Close()
	want := articles(t, straight.dbPath)

	// The page of a2 failed once for this run; let it fail once more.
	fs.mu.Lock()
	delete(fs.pageHits, "a2")
	fs.mu.Unlock()

	restarted := newRun(t, fs, "restarted")
	st, w = restarted.open()
	for n := 1; n <= 3; n++ {
		restarted.setRound(n)
		if err := restarted.poll(w); err != nil {
			t.Fatalf("round %d: %v", n, err)
		}
	}
	// Round 4 crashes right after a commit, before items are marked.
	restarted.setRound(4)
	ctx, cancel := context.WithCancel(context.Background())
	st.crash = cancel
	if _, err := w.PollDue(ctx); err == nil {
		t.Fatal("round 4: the crash went unnoticed")
	}
	st.Close()
	st, w = restarted.open() // a new process: same database, same clock
	for n := 4; n <= rounds; n++ {
		restarted.setRound(n)
		if err := restarted.poll(w); err != nil {
			t.Fatalf("round %d after restart: %v", n, err)
		}
	}
	st.Close()
	got := articles(t, restarted.dbPath)

	if !slices.Equal(got, want) {
		t.Errorf("restarted run has other articles than the straight one:\n got %q\nwant %q", got, want)
	}
	var urls []string
	for _, a := range want {
		if u, _, _ := strings.Cut(a, "|"); u != "" {
			urls = append(urls, strings.TrimPrefix(u, fs.url("/pages/")))
		}
	}
	wantURLs := []string{"a1.html", "a2.html", "a3.html", "a4.html", "a5.html", "b1.html", "b2.html", "b3.html", "b4.html", "b6.html", "c1.html", "c2.html"}
	if !slices.Equal(urls, wantURLs) {
		t.Errorf("feed articles = %q, want %q", urls, wantURLs)
	}
	if files := len(want) - len(urls); files != 4 {
		t.Errorf("folder articles = %d, want 4 (f1, f2, f3 and f1 rewritten)", files)
	}
	for _, r := range []*run{straight, restarted} {
		for key, n := range r.counts {
			if n != 1 {
				t.Errorf("%s stored %d times", key, n)
			}
		}
		if r.total.Failed < 3 {
			t.Errorf("failed polls = %d, want at least 3 (two 500s, one timeout)", r.total.Failed)
		}
		if r.total.NotModified == 0 {
			t.Error("no 304 was honoured")
		}
	}
	t.Logf("straight run: %+v; restarted run: %+v; 304s served: %d", straight.total, restarted.total, fs.notModified)
	if !strings.Contains(bodyOf(t, straight.dbPath, "a2.html"), "تفاصيل") {
		t.Error("the summary-only item a2 was not read from its page")
	}
}

// bodyOf returns the text of the article whose URL ends with suffix.
func bodyOf(t *testing.T, path, suffix string) string {
	db, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var text string
	if err := db.DB().QueryRow(`SELECT text FROM articles WHERE url LIKE ?`, "%"+suffix).Scan(&text); err != nil {
		t.Fatal(err)
	}
	return text
}
