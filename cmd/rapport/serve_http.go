package main

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"rapport/fixtures"
	"rapport/layouts/html"
	"rapport/report"
	"rapport/report/period"
	"rapport/report/underlag"
)

// keyParam is the query parameter of the start address that carries the
// key; the page then keeps it in a cookie.
const keyParam = "nyckel"

// cookieName is the key's cookie: one per port, since cookies do not keep
// ports apart and two pages may run at once.
func (s *server) cookieName() string { return "rapport-" + strconv.Itoa(s.port) }

// handler is the page with its guards, outermost first: security headers
// on every response, the Host allow-list (DNS rebinding), the key, and
// cross-origin protection of every POST.
func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /static/{name}", s.static)
	mux.HandleFunc("GET /static/fonts/{name}", s.font)
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		b, _ := webFiles.ReadFile("web/ikon.svg")
		serveBytes(w, r, "ikon.svg", b)
	})
	mux.HandleFunc("GET /mall", s.blankTemplate)
	mux.HandleFunc("POST /uppladdning", s.upload)
	mux.HandleFunc("POST /kontrollera", s.startCheck)
	mux.HandleFunc("POST /skapa", s.startReport)
	mux.HandleFunc("GET /jobb/{id}", s.jobPage)
	mux.HandleFunc("GET /fil/{id}/{name}", s.download)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, http.StatusForbidden, "Begäran kom från en annan webbplats och avvisades. Använd formulären på sidan själv.")
	}))
	var h http.Handler = cop.Handler(mux)
	h = s.requireKey(h)
	h = s.requireHost(h)
	return securityHeaders(h)
}

// securityHeaders: no script, style, font or image from anywhere but the
// page itself, so no inline script or style either (default-src 'self');
// no framing, no sniffing, no address with the key in a Referer, nothing
// cached.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// requireHost refuses a Host other than the page's own address: a site
// whose name an attacker points at 127.0.0.1 (DNS rebinding) is refused.
func (s *server) requireHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		port := strconv.Itoa(s.port)
		if r.Host != "127.0.0.1:"+port && r.Host != "localhost:"+port {
			s.refuse(w, http.StatusForbidden, "Sidan nås bara på 127.0.0.1:"+port+" eller localhost:"+port+".")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireKey lets through a request that carries the key: in the cookie,
// or in the address, as the start address has it, which also sets the
// cookie. The start address answers with the page itself, so that any
// client that opens it gets the page; the page's script then takes the
// key out of the address bar.
func (s *server) requireKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if k := r.URL.Query().Get(keyParam); k != "" && s.isKey(k) {
			http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: s.key, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode})
			next.ServeHTTP(w, r)
			return
		}
		if c, err := r.Cookie(s.cookieName()); err == nil && s.isKey(c.Value) {
			next.ServeHTTP(w, r)
			return
		}
		s.refuse(w, http.StatusForbidden, "Sidan kräver nyckeln. Öppna adressen som rapport skrev ut när den startade (http://127.0.0.1:"+
			strconv.Itoa(s.port)+"/?"+keyParam+"=…), eller starta rapport serve igen.")
	})
}

func (s *server) isKey(k string) bool {
	return subtle.ConstantTimeCompare([]byte(k), []byte(s.key)) == 1
}

// refuse answers with a short page that says why.
func (s *server) refuse(w http.ResponseWriter, status int, msg string) {
	s.render(w, status, "message", messagePage{page: page{Title: "Avvisad"}, Message: msg})
}

// static serves the page's stylesheets and script, and the report's.
func (s *server) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	var data []byte
	switch name {
	case "rapport.css":
		data = html.CSS()
	default:
		b, err := fs.ReadFile(webFiles, "web/"+name)
		if err != nil || path.Ext(name) == ".tmpl" {
			http.NotFound(w, r)
			return
		}
		data = b
	}
	serveBytes(w, r, name, data)
}

// font serves the PDF's own font files, so that the page needs nothing
// from the network.
func (s *server) font(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	data, ok := html.Fonts()[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	serveBytes(w, r, name, data)
}

func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		w.Header().Set("Content-Type", t)
	}
	if path.Ext(name) == ".ttf" {
		w.Header().Set("Content-Type", "font/ttf")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// blankTemplate downloads an empty underlag.xlsx, as rapport template
// writes it.
func (s *server) blankTemplate(w http.ResponseWriter, r *http.Request) {
	year := s.now().Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("ar")); err == nil && y >= 1900 && y <= 2200 {
		year = y
	}
	var buf bytes.Buffer
	if err := underlag.WriteTemplate(&buf, year); err != nil {
		s.refuse(w, http.StatusInternalServerError, "Mallen kunde inte skapas: "+err.Error())
		return
	}
	attachment(w, report.UnderlagFile)
	serveBytes(w, r, report.UnderlagFile, buf.Bytes())
}

// attachment makes the response a download named name.
func attachment(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
}

// formState is what the page's form chose: where the inputs are, which
// period, year and edition.
type formState struct {
	Source string // "exempel", "mapp:REL" or "uppladdning:ID"
	Period string
	Year   int
	Draft  bool
}

// defaultForm is the form as it opens: the period due today.
func (s *server) defaultForm() formState {
	entry, year := period.DefaultCalendar.Due(s.now())
	return formState{Period: string(entry.Code), Year: year}
}

// parseForm reads and checks the form; the error is said to the user.
func (s *server) parseForm(r *http.Request) (formState, error) {
	f := formState{Source: r.PostFormValue("kalla"), Draft: r.PostFormValue("utgava") == "utkast"}
	code, err := period.ParseCode(r.PostFormValue("period"))
	if err != nil {
		return f, fmt.Errorf("perioden %q: %v", r.PostFormValue("period"), err)
	}
	f.Period = string(code)
	y, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("ar")))
	if err != nil || y < 1900 || y > 2200 {
		return f, fmt.Errorf("året %q är inte ett rimligt år", r.PostFormValue("ar"))
	}
	f.Year = y
	if f.Source == "" {
		return f, errors.New("välj en indatamapp eller ladda upp filerna")
	}
	return f, nil
}

// errOutside is a chosen folder that is not under --in.
var errOutside = errors.New("outside")

// source opens the inputs the form chose, confined to --in, the upload
// folder or the embedded example; the returned function releases them.
func (s *server) source(value string) (folder, func(), error) {
	kind, arg, _ := strings.Cut(value, ":")
	switch kind {
	case "exempel":
		return folder{name: "", fs: fixtures.ExampleFolder()}, func() {}, nil
	case "mapp":
		rel := filepath.FromSlash(arg)
		sub, err := s.in.OpenRoot(rel)
		if err != nil {
			// os.Root refuses a path that leaves --in: "..", an absolute
			// path, a symbolic link that points out.
			return folder{}, nil, fmt.Errorf("mappen %s finns inte i %s eller ligger utanför den: %w", arg, s.inDir, errOutside)
		}
		return folder{name: s.inFolderName(rel), fs: sub.FS()}, func() { sub.Close() }, nil
	case "uppladdning":
		s.mu.Lock()
		_, ok := s.uploads[arg]
		s.mu.Unlock()
		if !ok {
			return folder{}, nil, errors.New("de uppladdade filerna finns inte längre (sidan har startats om); ladda upp dem igen")
		}
		sub, err := s.tmp.OpenRoot(arg)
		if err != nil {
			return folder{}, nil, fmt.Errorf("de uppladdade filerna kan inte läsas: %s", osReason(err))
		}
		return folder{name: uploadName, fs: sub.FS()}, func() { sub.Close() }, nil
	}
	return folder{}, nil, fmt.Errorf("okänt val av indata %q: %w", value, errOutside)
}

// uploadName names uploaded inputs in messages.
const uploadName = "uppladdade filer"

// unitFolders are the folders under --in that hold an underlag.xlsx: the
// folder itself and its subfolders two levels down, as generate --in
// finds units.
func (s *server) unitFolders() []string {
	const maxFolders = 500
	var out []string
	root := s.in.FS()
	var visit func(dir string, depth int)
	visit = func(dir string, depth int) {
		entries, err := fs.ReadDir(root, dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(e.Name(), report.UnderlagFile) {
				out = append(out, dir)
				break
			}
		}
		if depth == 2 {
			return
		}
		for _, e := range entries {
			if len(out) >= maxFolders {
				return
			}
			if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				visit(path.Join(dir, e.Name()), depth+1)
			}
		}
	}
	visit(".", 0)
	sort.Strings(out)
	return out
}

// home is the form: inputs, period, year, edition.
func (s *server) home(w http.ResponseWriter, r *http.Request) {
	f := s.defaultForm()
	if k := r.URL.Query().Get("kalla"); k != "" {
		f.Source = k
	}
	s.render(w, http.StatusOK, "home", homePage{page: page{Title: "Rapport"}, Form: s.formView(f)})
}

// startCheck starts Kontrollera: every problem of the inputs for the
// period, nothing written.
func (s *server) startCheck(w http.ResponseWriter, r *http.Request) { s.startJob(w, r, jobCheck) }

// startReport starts Skapa rapport: the files written to --out as
// generate writes them, and the report shown.
func (s *server) startReport(w http.ResponseWriter, r *http.Request) { s.startJob(w, r, jobReport) }

// jobWait is how long a POST waits for its job before it leads to the
// progress page: a small unit's run is done by then.
var jobWait = 1500 * time.Millisecond

func (s *server) startJob(w http.ResponseWriter, r *http.Request, kind string) {
	f, err := s.parseForm(r)
	if err != nil {
		s.formError(w, http.StatusBadRequest, f, err)
		return
	}
	src, release, err := s.source(f.Source)
	if err != nil {
		s.formError(w, http.StatusBadRequest, f, err)
		return
	}
	j := s.run(kind, f, src, release)
	select {
	case <-j.done:
	case <-time.After(jobWait):
	case <-r.Context().Done():
	}
	http.Redirect(w, r, "/jobb/"+j.id, http.StatusSeeOther)
}

// formError shows the form again with what is wrong.
func (s *server) formError(w http.ResponseWriter, status int, f formState, err error) {
	msg := err.Error()
	if errors.Is(err, errOutside) {
		msg = strings.TrimSuffix(msg, ": "+errOutside.Error())
	}
	s.render(w, status, "home", homePage{page: page{Title: "Rapport"}, Form: s.formView(f), Error: msg})
}

func (s *server) jobPage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	j := s.jobs[r.PathValue("id")]
	s.mu.Unlock()
	if j == nil {
		s.refuse(w, http.StatusNotFound, "Körningen finns inte (sidan kan ha startats om). Börja om från första sidan.")
		return
	}
	select {
	case <-j.done:
	default:
		// No script needed: the browser asks again in a second.
		w.Header().Set("Refresh", progressRefresh)
		s.render(w, http.StatusOK, "progress", progressPage{page: page{Title: "Arbetar"},
			What: j.what(), Progress: j.progressText(), Seconds: int(s.now().Sub(j.started).Seconds()), ID: j.id})
		return
	}
	if j.kind == jobCheck {
		s.render(w, http.StatusOK, "check", s.checkView(j))
		return
	}
	s.render(w, http.StatusOK, "report", s.reportView(j))
}

// progressRefresh is the seconds after which a progress page asks again.
var progressRefresh = "1"

// download serves a file that a job wrote to --out, read through the
// folder's root so that no name leads out of it.
func (s *server) download(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	j := s.jobs[r.PathValue("id")]
	s.mu.Unlock()
	name := r.PathValue("name")
	if j == nil || !j.wrote(name) {
		s.refuse(w, http.StatusNotFound, "Filen finns inte bland de filer som sidan har skrivit.")
		return
	}
	root, err := openRoot(s.outDir)
	if err != nil {
		s.refuse(w, http.StatusNotFound, "Filen kan inte läsas: "+osReason(err))
		return
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		s.refuse(w, http.StatusNotFound, "Filen kan inte läsas: "+osReason(err))
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		s.refuse(w, http.StatusNotFound, "Filen kan inte läsas.")
		return
	}
	attachment(w, name)
	if path.Ext(name) == ".xlsx" {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// fileURL is a job's file's download address.
func fileURL(id, name string) string { return "/fil/" + id + "/" + url.PathEscape(name) }
