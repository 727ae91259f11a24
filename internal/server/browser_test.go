package server

import (
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserPath finds Chromium. CI sets RASD_BROWSER_TEST=required so that a
// missing browser fails the run instead of skipping the test.
func browserPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("RASD_BROWSER_TEST") == "required" {
		t.Fatal("no chromium on PATH, and RASD_BROWSER_TEST=required")
	}
	t.Skip("no chromium on PATH: install Debian's chromium package to run the browser test")
	return ""
}

// screenshotDir is where the test saves its pictures: $RASD_SCREENSHOTS or
// test-output/screenshots at the module root.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("RASD_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "test-output", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowser drives headless Chromium over the dashboard with the examples
// ingested: it searches, opens an article, checks the highlights and the
// chart elements, saves screenshots and fails on any console error.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := browserPath(t)
	ts, _ := newTestServer(t, Config{Token: testToken})
	shots := screenshotDir(t)

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Headless, chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("lang", "ar"))...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()

	var mu sync.Mutex
	var problems []string
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()

	count := func(selector string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(selector)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", selector, err)
		}
		return n
	}
	shoot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if strings.HasSuffix(name, "-top") { // the first screenful only
			png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		}
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Search from the home page's box, as a user would.
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(`.big-search input[name=q]`),
		chromedp.SendKeys(`.big-search input[name=q]`, "كازاخستان"),
		chromedp.Submit(`.big-search input[name=q]`),
		chromedp.WaitVisible(`#result-count`),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	if n := count(`li.result`); n == 0 {
		t.Fatal("the search for كازاخستان found nothing")
	}
	if n := count(`li.result mark`); n == 0 {
		t.Error("search snippets have no highlighted words")
	}
	shoot("search")

	// Open the first result: the article with its annotations.
	err = chromedp.Do(ctx,
		chromedp.Click(`li.result a.title`),
		chromedp.WaitVisible(`#annotated`),
	)
	if err != nil {
		t.Fatalf("open article: %v", err)
	}
	for _, sel := range []string{`#annotated .ent`, `#annotated .ent-LOC`, `#annotated .trig`, `#annotated .evs`, `table.events tr.event`} {
		if count(sel) == 0 {
			t.Errorf("article page has no %s", sel)
		}
	}
	dir, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).direction`))
	if err != nil || dir != "rtl" {
		t.Errorf("page direction = %q (%v), want rtl", dir, err)
	}
	shoot("article")

	// The dyad page: Kazakhstan with Russia and with China.
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/dyads?a=KAZ&b="+url.QueryEscape("RUS,CHN")),
		chromedp.WaitVisible(`#dyad-trend svg`),
	)
	if err != nil {
		t.Fatalf("dyad page: %v", err)
	}
	if n := count(`#dyad-trend svg path.series`); n != 2 {
		t.Errorf("dyad trend has %d lines, want 2 (KAZ-RUS, KAZ-CHN)", n)
	}
	if count(`#dyad-trend svg circle.point`) == 0 || count(`svg.bar-chart rect.bar`) == 0 {
		t.Error("dyad charts have no points or bars")
	}
	shoot("dyad")
	shoot("dyad-top")

	// The actor page: timeline and network.
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/actors/KAZ"),
		chromedp.WaitVisible(`#network svg`),
	)
	if err != nil {
		t.Fatalf("actor page: %v", err)
	}
	if count(`#network svg .node`) < 2 || count(`#network svg path.edge`) == 0 {
		t.Error("actor network has too few nodes or no edges")
	}
	shoot("actor")

	// Give late console messages a moment, then judge.
	chromedp.Do(ctx, chromedp.Sleep(200*time.Millisecond))
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(problems, "\n"))
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Error("browser test ran out of time")
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
