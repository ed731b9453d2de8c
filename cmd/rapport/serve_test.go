package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"
	xhtml "golang.org/x/net/html"

	"rapport/report"
	"rapport/report/underlag"
)

// testServer is a serve page on a test listener, with a client that holds
// the key's cookie (or not).
type testServer struct {
	s      *server
	url    string // http://127.0.0.1:PORT
	client *http.Client
	in     string
	out    string
}

// newTestServer starts the page on in and out (made when "") and opens it
// with the start address, so that the client has the cookie.
func newTestServer(t *testing.T, in, out string) *testServer {
	t.Helper()
	if in == "" {
		in = t.TempDir()
	}
	if out == "" {
		out = filepath.Join(t.TempDir(), "ut")
	}
	s, err := newServer(serveOptions{in: in, out: out}, 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.ctx = ctx
	ts := httptest.NewUnstartedServer(s.handler())
	ts.Start()
	s.port = ts.Listener.Addr().(*net.TCPAddr).Port
	t.Cleanup(func() {
		cancel()
		ts.Close()
		s.close()
	})
	jar, _ := cookiejar.New(nil)
	ts2 := &testServer{s: s, url: "http://127.0.0.1:" + strconv.Itoa(s.port), in: in, out: out,
		client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	resp := ts2.get(t, s.startURL()[len(ts2.url):])
	if resp.StatusCode != http.StatusOK || len(resp.Cookies()) != 1 {
		t.Fatalf("start address: %d, cookies %v; want the page and the key's cookie", resp.StatusCode, resp.Cookies())
	}
	return ts2
}

func (ts *testServer) get(t *testing.T, path string) *http.Response {
	t.Helper()
	resp, err := ts.client.Get(ts.url + path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// post sends a form as the page's own form does (same origin).
func (ts *testServer) post(t *testing.T, path string, form url.Values) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", ts.url)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return ts.do(t, req)
}

func (ts *testServer) do(t *testing.T, req *http.Request) *http.Response {
	t.Helper()
	resp, err := ts.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// finish follows a job's page until the job is done and returns it.
func (ts *testServer) finish(t *testing.T, resp *http.Response) string {
	t.Helper()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST: %d, want 303 to the job's page\n%s", resp.StatusCode, body(t, resp))
	}
	loc := resp.Header.Get("Location")
	for range 600 {
		r := ts.get(t, loc)
		if r.Header.Get("Refresh") == "" {
			if r.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", loc, r.StatusCode)
			}
			return body(t, r)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: the job did not finish", loc)
	return ""
}

// unitFolder writes the example's inputs, with underlag.xlsx replaced
// when given, into dir.
func unitFolder(t *testing.T, dir string, underlagData []byte) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if underlagData == nil {
		underlagData = exampleFile(t, report.UnderlagFile)
	}
	for name, data := range map[string][]byte{report.UnderlagFile: underlagData, "huvudbok.xlsx": exampleFile(t, "huvudbok.xlsx")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func form(source string) url.Values {
	return url.Values{"kalla": {source}, "period": {"UR1"}, "ar": {"2026"}, "utgava": {"styrelse"}}
}

// TestServeStartArgs: on Windows a double-click (no arguments, started
// from Explorer) serves the page; from a terminal, and elsewhere, no
// arguments show the usage, and arguments are always kept.
func TestServeStartArgs(t *testing.T) {
	tests := []struct {
		name     string
		goos     string
		args     []string
		explorer bool
		want     []string
	}{
		{"double-click on Windows", "windows", nil, true, []string{"serve"}},
		{"Windows terminal without arguments", "windows", nil, false, nil},
		{"Windows with a command", "windows", []string{"generate"}, true, []string{"generate"}},
		{"Linux without arguments", "linux", nil, true, nil},
		{"macOS without arguments", "darwin", nil, false, nil},
		{"Linux with a command", "linux", []string{"validate", "--in", "x"}, false, []string{"validate", "--in", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := startArgs(tt.goos, tt.args, tt.explorer); strings.Join(got, " ") != strings.Join(tt.want, " ") || (got == nil) != (tt.want == nil) {
				t.Errorf("startArgs(%s, %q, %v) = %q, want %q", tt.goos, tt.args, tt.explorer, got, tt.want)
			}
		})
	}
}

// TestServeCommand runs rapport serve as a user does: one line with the
// address on 127.0.0.1 and its key, a page there, and an end when stopped.
func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--no-browser", "--in", t.TempDir(), "--out", t.TempDir()}, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err, stderr.String())
	}
	line = strings.TrimSpace(line)
	m := regexp.MustCompile(`^http://127\.0\.0\.1:(\d+)/\?nyckel=([0-9a-f]{48})$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("printed %q, want http://127.0.0.1:PORT/?nyckel=KEY", line)
	}
	jar, _ := cookiejar.New(nil)
	resp, err := (&http.Client{Jar: jar}).Get(line)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Kontrollera") {
		t.Errorf("the address gives %d:\n%s", resp.StatusCode, page)
	}
	// Only the loopback address listens: another address of this machine
	// is refused.
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		ip, _, _ := net.ParseCIDR(a.String())
		if ip == nil || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
			continue
		}
		if c, err := net.DialTimeout("tcp", net.JoinHostPort(ip.String(), m[1]), time.Second); err == nil {
			c.Close()
			t.Errorf("the page answers on %s, not only on 127.0.0.1", ip)
		}
	}
	go io.Copy(io.Discard, pr)
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d after stop, want 0\n%s", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not end when stopped")
	}
}

// TestServeNeedsKey: every address needs the key; the start address sets
// it as a cookie and leads on without it in the address bar.
func TestServeNeedsKey(t *testing.T) {
	ts := newTestServer(t, "", "")
	bare := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/", "/static/app.css", "/static/rapport.css", "/static/fonts/LiberationSans-Regular.ttf", "/mall", "/jobb/x", "/?nyckel=fel", "/?nyckel="} {
		resp, err := bare.Get(ts.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET %s without the key: %d, want 403", path, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, ts.url+"/kontrollera", strings.NewReader(form("exempel").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := bare.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST without the key: %d, want 403", resp.StatusCode)
	}
	// The start address: the page, and a cookie for this port only,
	// HttpOnly and SameSite=Strict.
	resp, err = bare.Get(ts.s.startURL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	c := resp.Cookies()
	if resp.StatusCode != http.StatusOK || len(c) != 1 ||
		c[0].Name != "rapport-"+strconv.Itoa(ts.s.port) || c[0].Value != ts.s.key || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode {
		t.Errorf("start address: %d, cookies %+v", resp.StatusCode, c)
	}
	if r := ts.get(t, "/"); r.StatusCode != http.StatusOK {
		t.Errorf("with the cookie: %d", r.StatusCode)
	}
	// Two keys differ.
	other := newTestServer(t, "", "")
	if other.s.key == ts.s.key || len(ts.s.key) < 32 {
		t.Errorf("keys %q and %q: want a fresh random key per start", ts.s.key, other.s.key)
	}
}

// TestServeHostAllowList: a Host other than 127.0.0.1:PORT or
// localhost:PORT is refused, even with the key (DNS rebinding).
func TestServeHostAllowList(t *testing.T) {
	ts := newTestServer(t, "", "")
	port := strconv.Itoa(ts.s.port)
	for _, tt := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, http.StatusOK},
		{"localhost:" + port, http.StatusOK},
		{"angripare.example:" + port, http.StatusForbidden},
		{"127.0.0.1", http.StatusForbidden},
		{"127.0.0.1:1", http.StatusForbidden},
		{"localhost.angripare.example:" + port, http.StatusForbidden},
		{"[::1]:" + port, http.StatusForbidden},
	} {
		req, _ := http.NewRequest(http.MethodGet, ts.url+"/", nil)
		req.Host = tt.host
		req.AddCookie(&http.Cookie{Name: ts.s.cookieName(), Value: ts.s.key})
		resp := ts.do(t, req)
		if resp.StatusCode != tt.want {
			t.Errorf("Host %s: %d, want %d", tt.host, resp.StatusCode, tt.want)
		}
	}
}

// TestServeCrossOrigin: a POST from another site is refused, with the
// key's cookie or without.
func TestServeCrossOrigin(t *testing.T) {
	ts := newTestServer(t, "", "")
	for _, tt := range []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"same origin", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": ts.url}, http.StatusSeeOther},
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"another origin", map[string]string{"Origin": "http://angripare.example"}, http.StatusForbidden},
		{"localhost page posting to 127.0.0.1", map[string]string{"Origin": "http://localhost:" + strconv.Itoa(ts.s.port)}, http.StatusForbidden},
	} {
		req, _ := http.NewRequest(http.MethodPost, ts.url+"/kontrollera", strings.NewReader(form("exempel").Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range tt.headers {
			req.Header.Set(k, v)
		}
		if resp := ts.do(t, req); resp.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, resp.StatusCode, tt.want)
		}
	}
}

// TestServeChangesArePOST: the addresses that run or store something
// answer only POST.
func TestServeChangesArePOST(t *testing.T) {
	ts := newTestServer(t, "", "")
	for _, path := range []string{"/kontrollera", "/skapa", "/uppladdning"} {
		if resp := ts.get(t, path+"?kalla=exempel&period=UR1&ar=2026"); resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("GET %s: %d, want 405", path, resp.StatusCode)
		}
	}
	if len(ts.s.jobs) != 0 {
		t.Errorf("a GET started %d jobs", len(ts.s.jobs))
	}
}

// TestServeCSPOnEveryResponse: every response, refusals included, has the
// policy; no page has inline script or style, which it would block.
func TestServeCSPOnEveryResponse(t *testing.T) {
	ts := newTestServer(t, "", "")
	bare := &http.Client{}
	job := ts.finish(t, ts.post(t, "/kontrollera", form("exempel")))
	_ = job
	var responses []*http.Response
	for _, path := range []string{"/", "/static/app.css", "/static/app.js", "/static/rapport.css", "/static/fonts/LiberationSans-Bold.ttf", "/mall", "/finns-inte", "/jobb/finns-inte", "/kontrollera"} {
		responses = append(responses, ts.get(t, path))
	}
	r, _ := bare.Get(ts.url + "/")
	responses = append(responses, r)
	req, _ := http.NewRequest(http.MethodGet, ts.url+"/", nil)
	req.Host = "angripare.example"
	r, _ = bare.Do(req)
	responses = append(responses, r)
	responses = append(responses, ts.post(t, "/kontrollera", form("mapp:../x")))
	for _, resp := range responses {
		if got := resp.Header.Get("Content-Security-Policy"); got != "default-src 'self'" {
			t.Errorf("%s %s (%d): Content-Security-Policy %q", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, got)
		}
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			checkNoInline(t, resp.Request.URL.Path, body(t, resp))
		}
	}
	checkNoInline(t, "job page", job)
}

// checkNoInline fails on inline script or style in a page.
func checkNoInline(t *testing.T, name, page string) {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			if n.Data == "style" || (n.Data == "script" && n.FirstChild != nil) {
				t.Errorf("%s: inline <%s>", name, n.Data)
			}
			for _, a := range n.Attr {
				if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: inline %s=%q on <%s>", name, a.Key, a.Val, n.Data)
				}
				if (a.Key == "src" || a.Key == "href") && strings.Contains(a.Val, "//") {
					t.Errorf("%s: <%s %s=%q> fetches from elsewhere", name, n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// multipartBody is an upload form: fields in order, files as name →
// (file name, data).
type part struct{ field, file string }

func uploadRequest(t *testing.T, ts *testServer, parts []part, data [][]byte) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i, p := range parts {
		if p.file == "" {
			mw.WriteField(p.field, string(data[i]))
			continue
		}
		w, _ := mw.CreateFormFile(p.field, p.file)
		w.Write(data[i])
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, ts.url+"/uppladdning", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", ts.url)
	return req
}

func uploadedFiles(t *testing.T, ts *testServer) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(ts.s.tmpDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != lockName {
			names = append(names, d.Name())
		}
		return nil
	})
	return names
}

// TestServeUploadLimits: an upload is held to the inputs' limits:
// underlag.xlsx to its reader's 16 MB, the ledger to its limit, the whole
// request to their sum; nothing of a refused upload stays.
func TestServeUploadLimits(t *testing.T) {
	ts := newTestServer(t, "", "")
	ledger := exampleFile(t, "huvudbok.xlsx")
	okUnderlag := exampleFile(t, report.UnderlagFile)
	big := make([]byte, underlag.MaxFileBytes+1)
	resp := ts.do(t, uploadRequest(t, ts, []part{{"underlag", "underlag.xlsx"}, {"huvudbok", "huvudbok.xlsx"}}, [][]byte{big, ledger}))
	if page := body(t, resp); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(page, "större än 16 MB") {
		t.Errorf("underlag.xlsx of 16 MB + 1 byte: %d\n%s", resp.StatusCode, page)
	}
	if files := uploadedFiles(t, ts); len(files) != 0 {
		t.Errorf("a refused upload left %v", files)
	}
	defer func(u, l int64) { maxUnderlagUpload, maxLedgerUpload = u, l }(maxUnderlagUpload, maxLedgerUpload)
	maxLedgerUpload = int64(len(ledger)) - 1
	resp = ts.do(t, uploadRequest(t, ts, []part{{"underlag", "underlag.xlsx"}, {"huvudbok", "huvudbok.xlsx"}}, [][]byte{okUnderlag, ledger}))
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a ledger over its limit: %d, want 413", resp.StatusCode)
	}
	// The request as a whole: a field the form does not have, larger
	// than both limits and the margin together, is not read to its end.
	maxUnderlagUpload, maxLedgerUpload = 1<<10, 1<<10
	resp = ts.do(t, uploadRequest(t, ts, []part{{"skrap", ""}, {"underlag", "underlag.xlsx"}}, [][]byte{make([]byte, 3<<20), []byte("x")}))
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a request over the limits' sum: %d, want 413", resp.StatusCode)
	}
	maxUnderlagUpload, maxLedgerUpload = underlag.MaxFileBytes, 1<<30
	resp = ts.do(t, uploadRequest(t, ts, []part{{"underlag", "underlag.xlsx"}, {"huvudbok", "Huvudbok.XLSX"}}, [][]byte{okUnderlag, ledger}))
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/?kalla=uppladdning:") {
		t.Fatalf("an upload within the limits: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if files := uploadedFiles(t, ts); strings.Join(files, ",") != "huvudbok.xlsx,underlag.xlsx" {
		t.Errorf("stored %v", files)
	}
	for _, tt := range []struct{ name, field, file string }{
		{"a ledger that is no export", "huvudbok", "huvudbok.exe"},
		{"an underlag that is no workbook", "underlag", "underlag.xls"},
	} {
		resp = ts.do(t, uploadRequest(t, ts, []part{{tt.field, tt.file}}, [][]byte{[]byte("x")}))
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", tt.name, resp.StatusCode)
		}
	}
}

// TestServeFolderConfined: a folder outside --in is refused, however it is
// named; one inside is checked.
func TestServeFolderConfined(t *testing.T) {
	base := t.TempDir()
	in := filepath.Join(base, "in")
	unitFolder(t, filepath.Join(in, "enhet"), nil)
	outside := unitFolder(t, filepath.Join(base, "utanfor"), nil)
	if err := os.Symlink(outside, filepath.Join(in, "genvag")); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, in, "")
	for _, src := range []string{"mapp:../utanfor", "mapp:" + outside, "mapp:genvag", "mapp:enhet/../../utanfor", "mapp:..", "nagot:annat"} {
		resp := ts.post(t, "/kontrollera", form(src))
		if page := body(t, resp); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400\n%s", src, resp.StatusCode, page)
		}
	}
	if len(ts.s.jobs) != 0 {
		t.Errorf("%d jobs ran on a folder outside --in", len(ts.s.jobs))
	}
	page := ts.finish(t, ts.post(t, "/kontrollera", form("mapp:enhet")))
	if !strings.Contains(page, "Inga fel") {
		t.Errorf("the folder inside --in was not checked:\n%s", page)
	}
	home := body(t, ts.get(t, "/"))
	if !strings.Contains(home, `value="mapp:enhet"`) || strings.Contains(home, "utanfor") {
		t.Errorf("the page offers the wrong folders:\n%s", home)
	}
}

// problemTable reads the page's problem table: one row of five cells per
// problem.
func problemTable(t *testing.T, page string) [][]string {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "tr" {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == xhtml.ElementNode && c.Data == "td" {
					cells = append(cells, nodeText(c))
				}
			}
			if len(cells) == 5 {
				rows = append(rows, cells)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return rows
}

func nodeText(n *xhtml.Node) string {
	var b strings.Builder
	var rec func(*xhtml.Node)
	rec = func(m *xhtml.Node) {
		if m.Type == xhtml.TextNode {
			b.WriteString(m.Data)
		}
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return strings.TrimSpace(b.String())
}

// TestServeCheckInTheCLIsWords: Kontrollera shows every problem that
// validate prints, in its words, errors first; text from the inputs is
// escaped.
func TestServeCheckInTheCLIsWords(t *testing.T) {
	in := t.TempDir()
	bad := editedUnderlag(t, cellEdit{"Prognos", "C2", `<img src=x onerror=alert(1)>12,3,4`}, cellEdit{"Prognos", "C5", 3_800_000})
	unitFolder(t, filepath.Join(in, "enhet"), bad)
	ts := newTestServer(t, in, "")
	page := ts.finish(t, ts.post(t, "/kontrollera", form("mapp:enhet")))
	_, cli, _ := runCmd(t, "validate", "--in", filepath.Join(in, "enhet"), "--period", "UR1", "--year", "2026")
	var want []string
	for _, l := range strings.Split(cli, "\n") {
		if strings.HasPrefix(l, "  ") {
			want = append(want, strings.TrimSpace(l))
		}
	}
	rows := problemTable(t, page)
	if len(rows) != len(want) || len(rows) < 2 {
		t.Fatalf("%d problems on the page, validate prints %d:\n%v\n%s", len(rows), len(want), rows, cli)
	}
	for i, r := range rows {
		// validate's line: "file: Sheet!Cell: problem. Action".
		if !strings.HasPrefix(want[i], r[0]) || !strings.Contains(want[i], r[3]) || (r[4] != "" && !strings.HasSuffix(want[i], r[4])) ||
			(r[2] != "" && !strings.Contains(want[i], r[2])) || (r[1] != "" && !strings.Contains(want[i], r[1])) {
			t.Errorf("row %d %q is not validate's %q", i, r, want[i])
		}
	}
	if !strings.Contains(page, "Fel (") || strings.Index(page, "Fel (") > strings.Index(page, "Varningar (") {
		t.Errorf("errors are not first:\n%s", page)
	}
	if strings.Contains(page, "<img") {
		t.Error("the input's text reached the page unescaped")
	}
}

// TestServeReportAsGenerate: Skapa rapport writes exactly the files that
// generate writes (names and bytes, both editions) and shows the report
// with links to them.
func TestServeReportAsGenerate(t *testing.T) {
	in := t.TempDir()
	unitFolder(t, filepath.Join(in, "enhet"), nil)
	ts := newTestServer(t, in, "")
	for _, edition := range []string{"styrelse", "utkast"} {
		f := form("mapp:enhet")
		f.Set("utgava", edition)
		page := ts.finish(t, ts.post(t, "/skapa", f))
		cliOut := t.TempDir()
		args := []string{"generate", "--in", filepath.Join(in, "enhet"), "--out", cliOut, "--period", "UR1", "--year", "2026", "--quiet"}
		if edition == "utkast" {
			args = append(args, "--utkast")
		}
		if code, _, stderr := runCmd(t, args...); code != exitOK {
			t.Fatalf("generate: %d\n%s", code, stderr)
		}
		entries, _ := os.ReadDir(cliOut)
		for _, e := range entries {
			if e.Name() == lockName {
				continue
			}
			want, _ := os.ReadFile(filepath.Join(cliOut, e.Name()))
			got, err := os.ReadFile(filepath.Join(ts.out, e.Name()))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs from generate's (%v)", edition, e.Name(), err)
			}
			link := fileURL(jobID(t, page), e.Name())
			if !strings.Contains(page, `href="`+link+`"`) {
				t.Errorf("%s: no link %s on the page", edition, link)
				continue
			}
			dl := ts.get(t, link)
			if b := body(t, dl); dl.StatusCode != http.StatusOK || b != string(want) || !strings.HasPrefix(dl.Header.Get("Content-Disposition"), "attachment") {
				t.Errorf("download %s: %d, %d bytes, %q", link, dl.StatusCode, len(b), dl.Header.Get("Content-Disposition"))
			}
		}
		if !strings.Contains(page, "<caption") || !strings.Contains(page, "Tabell 4") {
			t.Errorf("%s: the report is not on the page", edition)
		}
	}
}

var jobLink = regexp.MustCompile(`/fil/([0-9a-f]+)/`)

func jobID(t *testing.T, page string) string {
	t.Helper()
	m := jobLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no download link on the page")
	}
	return m[1]
}

// TestServeLockedOutput: a folder that another run holds is waited for,
// and then the page says who holds it; nothing is written.
func TestServeLockedOutput(t *testing.T) {
	out := t.TempDir()
	held := flock.New(filepath.Join(out, lockName))
	if ok, err := held.TryLock(); !ok || err != nil {
		t.Fatal(ok, err)
	}
	defer held.Unlock()
	writeHolder(filepath.Join(out, lockName), "4242 annan-dator")
	defer func(d time.Duration) { lockWait = d }(lockWait)
	lockWait = 300 * time.Millisecond
	ts := newTestServer(t, "", out)
	page := ts.finish(t, ts.post(t, "/skapa", form("exempel")))
	if !strings.Contains(page, "låst av en annan körning (process 4242 på annan-dator") {
		t.Errorf("the page does not say who holds the folder:\n%s", page)
	}
	if files := snapshot(t, out); len(files) != 0 {
		t.Errorf("wrote %v into a locked folder", keys(files))
	}
}

// TestServeDownloadsOnlyWhatItWrote: only the files a job wrote are
// served, by their plain names.
func TestServeDownloadsOnlyWhatItWrote(t *testing.T) {
	ts := newTestServer(t, "", "")
	page := ts.finish(t, ts.post(t, "/skapa", form("exempel")))
	id := jobID(t, page)
	os.WriteFile(filepath.Join(ts.out, "annan.pdf"), []byte("%PDF"), 0o644)
	for _, p := range []string{"/fil/" + id + "/annan.pdf", "/fil/" + id + "/..%2f..%2fetc%2fpasswd", "/fil/" + id + "/" + url.PathEscape(lockName), "/fil/okand/Regionstyrelsen_2026_UR1.pdf"} {
		if resp := ts.get(t, p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
	if resp := ts.get(t, "/fil/"+id+"/Regionstyrelsen_2026_UR1.pdf"); resp.StatusCode != http.StatusOK {
		t.Errorf("the written PDF: %d", resp.StatusCode)
	}
}

// TestServeTemplate: Mall downloads what rapport template writes.
func TestServeTemplate(t *testing.T) {
	ts := newTestServer(t, "", "")
	resp := ts.get(t, "/mall?ar=2026")
	got := body(t, resp)
	path := filepath.Join(t.TempDir(), "underlag.xlsx")
	if code, _, stderr := runCmd(t, "template", "--out", path, "--year", "2026"); code != exitOK {
		t.Fatal(stderr)
	}
	want, _ := os.ReadFile(path)
	if resp.StatusCode != http.StatusOK || got != string(want) || !strings.Contains(resp.Header.Get("Content-Disposition"), "underlag.xlsx") {
		t.Errorf("Mall: %d, %d bytes (template writes %d), %q", resp.StatusCode, len(got), len(want), resp.Header.Get("Content-Disposition"))
	}
}

// TestServeProgress: a running job's page shows the program's own
// progress line and asks again, without script.
func TestServeProgress(t *testing.T) {
	ts := newTestServer(t, "", "")
	j := &job{id: "pagaende", kind: jobReport, started: ts.s.now(), done: make(chan struct{}), source: "enhet"}
	ts.s.jobs[j.id] = j
	newProgress(progressWriter{j})(report.Progress{Rows: 120000, BytesRead: 5 << 20, BytesTotal: 20 << 20})
	resp := ts.get(t, "/jobb/pagaende")
	page := body(t, resp)
	if resp.Header.Get("Refresh") == "" || !strings.Contains(page, "Läser huvudboken: 120000 rader") {
		t.Errorf("progress page: Refresh %q\n%s", resp.Header.Get("Refresh"), page)
	}
	close(j.done)
}
