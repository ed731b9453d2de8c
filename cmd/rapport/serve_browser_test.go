package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"rapport/fixtures/testkit"
	"rapport/report"
)

// chromiumPath is Debian's chromium, which the browser tests drive; a
// missing browser fails them (.ci/run installs it).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is not installed, and the tests of rapport serve drive the page in it: apt-get install chromium (or run .ci/run)")
	return ""
}

// axeSource is axe-core's script, installed by npm from the lock file
// beside pdf.js's (.ci/run).
func axeSource(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(testkit.PDFJSDir()), "axe")
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed: (cd %s && npm ci --no-audit --no-fund) or run .ci/run: %v", dir, err)
	}
	return string(b)
}

// browserSession is one headless chromium tab on the page.
type browserSession struct {
	t   *testing.T
	ctx context.Context
	axe string
	// console holds the browser's messages: a CSP refusal shows there.
	mu      sync.Mutex
	console []string
	shots   string // RAPPORT_SCREENSHOTS: where screenshots go
}

func newBrowser(t *testing.T) *browserSession {
	t.Helper()
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.ExecPath(chromiumPath(t)), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.WindowSize(1200, 1000))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browserSession{t: t, ctx: ctx, axe: axeSource(t), shots: os.Getenv("RAPPORT_SCREENSHOTS")}
	if err := chromedp.Listen(ctx, func(ev any) {
		var text string
		switch e := ev.(type) {
		case *cdplog.EventEntryAdded:
			text = e.Entry.Text
		case *cdpruntime.EventExceptionThrown:
			text = "exception: " + e.ExceptionDetails.Text
		default:
			return
		}
		b.mu.Lock()
		b.console = append(b.console, text)
		b.mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *browserSession) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

func eval[T any](b *browserSession, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor waits until a new page has come whose h1 contains want
// (through the progress page, if the run takes a while). Each page it
// has seen is marked, so that the page before an action never counts.
func (b *browserSession) waitFor(want string) {
	b.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		h1, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const root = document.documentElement, h1 = document.querySelector("h1");
			if (document.readyState == "loading" || !h1 || root.dataset.sedd) return "";
			root.dataset.sedd = "1";
			return h1.textContent;
		})()`))
		cancel()
		if err == nil && strings.Contains(h1, want) && (!strings.HasPrefix(h1, "Skapar") && !strings.HasPrefix(h1, "Kontrollerar") || strings.HasPrefix(want, "Kontrollerar")) {
			// The fonts are in before anything is clicked: a font that
			// comes late moves the buttons under the mouse.
			eval[bool](b, `document.fonts.ready.then(() => true)`)
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	now, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + ((document.querySelector("h1") || {}).textContent || "")`))
	b.t.Fatalf("no page with %q in its heading; the browser shows %s", want, now)
}

// check runs axe-core on the page and fails on any violation; it also
// looks at the page on a narrow window and at 200 % zoom, where nothing
// may make the page itself scroll sideways, and takes screenshots when
// asked.
func (b *browserSession) check(name string) { b.checkStatus(name, 200) }

// checkStatus is check for a page that answers with status, such as a
// refusal: the browser logs its status, which is then no fault.
func (b *browserSession) checkStatus(name string, status int) {
	b.t.Helper()
	b.eval0(b.axe)
	type violation struct {
		ID, Impact, Help string
		Nodes            []string
	}
	res := eval[string](b, `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}))))`)
	var vs []violation
	if err := json.Unmarshal([]byte(res), &vs); err != nil {
		b.t.Fatal(err)
	}
	for _, v := range vs {
		b.t.Errorf("%s: axe %s (%s): %s\n  %s", name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
	b.shot(name + "-1200")
	for _, vp := range []struct {
		w, h  int64
		scale float64
		what  string
	}{{320, 800, 1, "320"}, {640, 800, 2, "zoom200"}} {
		b.do(chromedp.EmulateViewport(vp.w, vp.h, chromedp.EmulateScale(vp.scale)))
		wide := eval[bool](b, `document.documentElement.scrollWidth > document.documentElement.clientWidth + 1`)
		if wide {
			what := eval[string](b, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest(".tabell, .diagram")).slice(0, 5).map(e => e.tagName + "." + e.className).join(", ")`)
			b.t.Errorf("%s: at %s the page scrolls sideways (%s)", name, vp.what, what)
		}
		b.shot(name + "-" + vp.what)
	}
	b.do(chromedp.EmulateViewport(1200, 1000))
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, c := range b.console {
		if status != 200 && c == fmt.Sprintf("Failed to load resource: the server responded with a status of %d (%s)", status, http.StatusText(status)) {
			continue
		}
		b.t.Errorf("%s: the browser says %q", name, c)
	}
	b.console = nil
}

func (b *browserSession) eval0(js string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		b.t.Fatal(err)
	}
}

func (b *browserSession) shot(name string) {
	if b.shots == "" {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644)
	}
}

// TestServeInBrowser drives the page as a controller does: upload a
// workbook with errors, see them in the table, upload the fixed workbook,
// create the report, download the PDF and the workbook, and find table 4
// of the page in the PDF; axe-core checks every page.
func TestServeInBrowser(t *testing.T) {
	b := newBrowser(t)
	ts := newTestServer(t, "", "")
	dir := t.TempDir()
	bad := filepath.Join(dir, "fel", report.UnderlagFile)
	good := filepath.Join(dir, "rätt", report.UnderlagFile)
	ledger := filepath.Join(dir, "huvudbok.xlsx")
	os.MkdirAll(filepath.Dir(bad), 0o755)
	os.MkdirAll(filepath.Dir(good), 0o755)
	os.WriteFile(bad, editedUnderlag(t, cellEdit{"Prognos", "C2", "12,3,4"}), 0o644)
	os.WriteFile(good, exampleFile(t, report.UnderlagFile), 0o644)
	os.WriteFile(ledger, exampleFile(t, "huvudbok.xlsx"), 0o644)
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}

	b.do(chromedp.Navigate(ts.s.startURL()))
	b.waitFor("Uppföljningsrapporter")
	if u := eval[string](b, `location.href`); strings.Contains(u, keyParam) {
		t.Errorf("the key stays in the address bar: %s", u)
	}
	b.check("start")

	// Upload the workbook with an error and the ledger, then Kontrollera
	// for UR1 2026.
	b.do(chromedp.SetUploadFiles(chromedp.CSS("#underlag"), []string{bad}),
		chromedp.SetUploadFiles(chromedp.CSS("#huvudbok"), []string{ledger}),
		chromedp.Click(chromedp.CSS("form.ladda button")))
	b.waitFor("Uppföljningsrapporter")
	if v := eval[string](b, `document.querySelector("input[name=kalla]:checked").value`); !strings.HasPrefix(v, "uppladdning:") {
		t.Fatalf("after the upload the form chose %q", v)
	}
	b.do(chromedp.SetValue(chromedp.CSS("#period"), "UR1"), chromedp.SetValue(chromedp.CSS("#ar"), "2026"),
		chromedp.Click(chromedp.CSS("form.val button:not(.primar)")))
	b.waitFor("Kontroll")
	rows := eval[[][]string](b, `Array.from(document.querySelectorAll("table.problem tbody tr")).filter(tr => tr.cells.length == 5).map(tr => Array.from(tr.cells).map(c => c.textContent.trim()))`)
	found := false
	for _, r := range rows {
		if r[0] == report.UnderlagFile && r[1] == "Prognos" && r[2] == "C2" && strings.Contains(r[3], `"12,3,4"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("the error in Prognos!C2 is not in the table: %q", rows)
	}
	b.check("kontroll-med-fel")

	// Fix: upload the workbook alone; the ledger stays. Then Skapa rapport.
	b.do(chromedp.SetUploadFiles(chromedp.CSS("#underlag"), []string{good}),
		chromedp.Click(chromedp.CSS("form.ladda button")))
	b.waitFor("Uppföljningsrapporter")
	b.do(chromedp.SetValue(chromedp.CSS("#period"), "UR1"), chromedp.SetValue(chromedp.CSS("#ar"), "2026"),
		chromedp.Click(chromedp.CSS("form.val button.primar")))
	b.waitFor("Uppföljningsrapport 1 2026")
	b.check("rapport")

	// Download both files by their links, and compare them with --out.
	names := eval[[]string](b, `Array.from(document.querySelectorAll("ul.filer a")).map(a => a.getAttribute("download"))`)
	if len(names) != 2 {
		t.Fatalf("download links %q, want the PDF and the workbook", names)
	}
	for i, name := range names {
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf("ul.filer li:nth-child(%d) a", i+1))))
		path := filepath.Join(downloads, name)
		var got []byte
		for range 200 {
			if got, _ = os.ReadFile(path); len(got) > 0 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		want, _ := os.ReadFile(filepath.Join(ts.out, name))
		if len(want) == 0 || !bytes.Equal(got, want) {
			t.Errorf("downloaded %s: %d bytes, %s in --out has %d", name, len(got), name, len(want))
		}
	}

	// Table 4 of the page, row by row, is table 4 of the PDF.
	table4 := eval[[][]string](b, `Array.from(Array.from(document.querySelectorAll("table")).filter(t => t.caption && t.caption.textContent.startsWith("Tabell 4"))[0].querySelectorAll("tbody tr")).map(tr => Array.from(tr.cells).map(c => c.textContent.trim()))`)
	pdfText := squash(strings.ReplaceAll(tool(t, "pdftotext", "-layout", filepath.Join(ts.out, "Regionstyrelsen_2026_UR1.pdf"), "-"), "\u00a0", " "))
	if len(table4) < 4 {
		t.Fatalf("table 4 on the page: %q", table4)
	}
	for _, row := range table4 {
		// The row's name may wrap in the PDF: its first word, then every
		// figure in order.
		var figures []string
		for _, c := range row[1:] {
			figures = append(figures, regexp.QuoteMeta(squash(strings.ReplaceAll(c, "\u00a0", " "))))
		}
		re := regexp.MustCompile(regexp.QuoteMeta(strings.Fields(row[0])[0]) + `(?:\s+\S+)??\s+` + strings.Join(figures, `\s+`))
		if !re.MatchString(pdfText) {
			t.Errorf("table 4's row %q is not in the PDF", row)
		}
	}

	// The other pages: progress, a refused upload, a message.
	j := &job{id: "pagaende", kind: jobCheck, started: ts.s.now(), done: make(chan struct{}), source: "enhet"}
	j.progress = "Läser huvudboken: 120000 rader, 4.0 MB/s, ca 3 s kvar"
	ts.s.mu.Lock()
	ts.s.jobs[j.id] = j
	ts.s.mu.Unlock()
	defer close(j.done)
	defer func(r string) { progressRefresh = r }(progressRefresh)
	progressRefresh = "3600" // axe must not be interrupted by the refresh
	b.do(chromedp.Navigate(ts.url + "/jobb/pagaende"))
	b.waitFor("Kontrollerar enhet")
	b.check("forlopp")

	b.do(chromedp.Navigate(ts.url + "/"))
	b.waitFor("Uppföljningsrapporter")
	notLedger := filepath.Join(dir, "huvudbok.pdf")
	os.WriteFile(notLedger, []byte("%PDF-1.7"), 0o644)
	b.do(chromedp.SetUploadFiles(chromedp.CSS("#huvudbok"), []string{notLedger}),
		chromedp.Click(chromedp.CSS("form.ladda button")))
	b.waitFor("Uppföljningsrapporter")
	if n := eval[int](b, `document.querySelectorAll("table.problem tbody tr").length`); n == 0 {
		t.Error("a refused upload shows no problem")
	}
	b.checkStatus("uppladdning-avvisad", http.StatusBadRequest)

	b.do(chromedp.Navigate(ts.url + "/jobb/finns-inte"))
	b.waitFor("Avvisad")
	b.checkStatus("meddelande", http.StatusNotFound)

	// Without JavaScript the page works the same: check the example.
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate(ts.url + "/"))
	b.waitFor("Uppföljningsrapporter")
	b.do(chromedp.Click(chromedp.CSS(`input[value="exempel"]`)), chromedp.SetValue(chromedp.CSS("#period"), "UR1"),
		chromedp.Click(chromedp.CSS("form.val button:not(.primar)")))
	b.waitFor("Kontroll: exempeldata, Uppföljningsrapport 1 2026")
}
