package watch

import (
	"strings"
	"testing"
	"time"
)

func TestParseSources(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Source
		err      string
	}{
		{name: "feeds and folders", in: "# sources\nhttps://example.com/rss.xml\n\nhttp://example.org/atom every=2h # hourly is too often\ninbox 30m\n/var/news\n",
			want: []Source{
				{Target: "https://example.com/rss.xml", Line: 2},
				{Target: "http://example.org/atom", Every: 2 * time.Hour, Line: 4},
				{Target: "/etc/rasd/inbox", Every: 30 * time.Minute, Line: 5},
				{Target: "/var/news", Line: 6},
			}},
		{name: "bad interval", in: "https://example.com/rss every=soon\n", err: "feeds.txt:1: interval"},
		{name: "too short", in: "https://example.com/rss 10ms\n", err: "shorter than"},
		{name: "other scheme", in: "ftp://example.com/rss\n", err: "not an http(s) feed URL"},
		{name: "duplicate", in: "https://a.example/rss\n\nhttps://a.example/rss 1h\n", err: "feeds.txt:3: https://a.example/rss is listed already on line 1"},
		{name: "three fields", in: "https://a.example/rss 1h extra\n", err: "at most an interval"},
		{name: "empty", in: "# nothing yet\n", err: "no sources"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSources(strings.NewReader(tt.in), "/etc/rasd/feeds.txt")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("source %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func FuzzParseSources(f *testing.F) {
	f.Add("https://example.com/rss.xml every=15m\n# c\nnews/ 1h\n")
	f.Add("http://[::1]:8080/feed\n")
	f.Add("a b c\n")
	f.Fuzz(func(t *testing.T, in string) {
		sources, err := ParseSources(strings.NewReader(in), "feeds.txt")
		if err != nil {
			return
		}
		for _, s := range sources {
			if s.Target == "" || s.Line < 1 || (s.Every != 0 && s.Every < MinEvery) {
				t.Fatalf("bad source %+v from %q", s, in)
			}
		}
	})
}

func TestBackoff(t *testing.T) {
	w := New(nil, nil, Options{BackoffBase: time.Minute, BackoffMax: time.Hour})
	for _, tc := range []struct {
		failures int
		err      error
		lo, hi   time.Duration
	}{
		{1, errTooLarge, time.Minute, 66 * time.Second},
		{3, errTooLarge, 4 * time.Minute, 264 * time.Second},
		{10, errTooLarge, time.Hour, 66 * time.Minute},
		{100, errTooLarge, time.Hour, 66 * time.Minute},
		{1, &statusError{Code: 503, Status: "503", RetryAfter: 2 * time.Hour}, 2 * time.Hour, 2 * time.Hour},
	} {
		if d := w.backoff(tc.failures, tc.err); d < tc.lo || d > tc.hi {
			t.Errorf("backoff(%d, %v) = %s, want %s to %s", tc.failures, tc.err, d, tc.lo, tc.hi)
		}
	}
	if d := retryAfter("120"); d != 2*time.Minute {
		t.Errorf(`retryAfter("120") = %s`, d)
	}
	if d := retryAfter("soon"); d != 0 {
		t.Errorf(`retryAfter("soon") = %s`, d)
	}
}
