package main

import (
	"context"
	"fmt"
	htmltemplate "html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"rapport/layouts"
	"rapport/layouts/doc"
	"rapport/layouts/html"
	"rapport/report/problem"
)

// The two kinds of job.
const (
	jobCheck  = "kontroll" // Kontrollera: validate for one period
	jobReport = "rapport"  // Skapa rapport: generate for one period
)

// job is one Kontrollera or Skapa rapport: it runs in the background, its
// page shows its progress until it is done, then its outcome.
type job struct {
	id      string
	kind    string
	form    formState
	source  string // the inputs, as messages name them
	started time.Time
	done    chan struct{}

	mu       sync.Mutex
	progress string

	// Set when done is closed.
	result   unitResult
	written  []string // file names in --out
	statuses []string
	writeErr error
	article  htmltemplate.HTML
	title    string
}

func (j *job) setProgress(s string) {
	j.mu.Lock()
	j.progress = s
	j.mu.Unlock()
}

func (j *job) progressText() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.progress
}

func (j *job) what() string {
	if j.kind == jobCheck {
		return "Kontrollerar " + j.source
	}
	return "Skapar rapporten ur " + j.source
}

func (j *job) wrote(name string) bool {
	select {
	case <-j.done:
	default:
		return false
	}
	return slices.Contains(j.written, name)
}

// progressText keeps the last line that the program's own progress
// (newProgress, lockFolder's message) writes, for the progress page: a
// terminal's carriage returns and clear-line codes are dropped.
type progressWriter struct{ j *job }

func (p progressWriter) Write(b []byte) (int, error) {
	s := strings.ReplaceAll(string(b), "\033[K", "")
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '\r' || r == '\n' }) {
		if t := strings.TrimSpace(part); t != "" {
			p.j.setProgress(t)
		}
	}
	return len(b), nil
}

// maxJobs is how many jobs' pages the server keeps, so that a page left
// open for weeks does not grow without end.
const maxJobs = 100

// run starts a job on the chosen inputs; release frees them when it ends.
func (s *server) run(kind string, f formState, src folder, release func()) *job {
	j := &job{id: randomID(), kind: kind, form: f, started: s.now(), done: make(chan struct{}), source: src.name}
	if j.source == "" {
		j.source = "exempeldata"
	}
	j.progress = "Läser underlaget och huvudboken …"
	s.mu.Lock()
	s.jobs[j.id] = j
	s.order = append(s.order, j.id)
	if len(s.order) > maxJobs {
		// The oldest job's page goes; its files stay in --out.
		delete(s.jobs, s.order[0])
		s.order = s.order[1:]
	}
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(j.done)
		defer release()
		s.runJob(j, src)
	}()
	return j
}

// runJob is validate (Kontrollera) or generate (Skapa rapport) for one
// folder and period, through the same functions as the commands.
func (s *server) runJob(j *job, src folder) {
	o := runOptions{year: j.form.Year, periodArg: j.form.Period, out: s.outDir,
		formats: []string{"pdf", "xlsx"}, jobs: 1, logFormat: "text", draft: j.form.Draft,
		version: s.version, keepReports: true}
	pw := progressWriter{j}
	render := j.kind == jobReport
	res := runUnits(s.ctx, []folder{src}, o, render, true, pw)[0]
	j.result = res
	if !render || res.unknownPeriod || res.err != nil || res.probs.HasErrors() || len(res.outputs) == 0 {
		return
	}
	j.setProgress("Skriver filerna till " + s.outDir + " …")
	j.statuses, j.writeErr = s.write(s.ctx, &res, pw)
	if j.writeErr != nil {
		return
	}
	for _, out := range res.outputs {
		j.written = append(j.written, out.name)
	}
	edition := layouts.BoardEdition
	if j.form.Draft {
		edition = layouts.DraftEdition
	}
	if len(res.reports) == 0 {
		return
	}
	d, err := doc.BuildEdition(res.reports[0], edition)
	if err == nil {
		j.article, err = html.Fragment(d)
	}
	if err != nil {
		j.writeErr = fmt.Errorf("filerna skrevs, men sidan kunde inte visa rapporten: %v", err)
		return
	}
	j.title = d.Unit + " – " + d.ReportName
	// The files are on disk now; the page keeps only their names.
	j.result.outputs, j.result.reports = nil, nil
}

// write puts a unit's files into --out as generate does: the folder made
// when needed, under the folder's lock, each pair written atomically.
func (s *server) write(ctx context.Context, res *unitResult, pw progressWriter) ([]string, error) {
	if err := os.MkdirAll(s.outDir, 0o755); err != nil {
		return nil, fmt.Errorf("kan inte skapa mappen %s: %s", s.outDir, osReason(err))
	}
	unlock, err := lockFolder(ctx, s.outDir, newMessages(pw, "text"))
	if err != nil {
		return nil, aborted(err)
	}
	defer unlock()
	var files []outFile
	for _, out := range res.outputs {
		if !insideDir(s.outDir, out.name) {
			return nil, fmt.Errorf("%s skulle hamna utanför mappen %s", out.name, s.outDir)
		}
		files = append(files, outFile{filepath.Join(s.outDir, out.name), out.data})
	}
	return writeFiles(files)
}

// openRoot opens a folder as a root that no name leads out of.
func openRoot(dir string) (*os.Root, error) { return os.OpenRoot(dir) }

// problemRow is one problem as the page's table shows it: the CLI's own
// message, cut at its place and its hint.
type problemRow struct {
	File, Sheet, Cell, Problem, Action string
}

type problemGroup struct {
	Title string
	Rows  []problemRow
}

func problemRowOf(p problem.Problem) problemRow {
	text := p.String()
	if place := p.Place(); place != "" {
		text = strings.TrimPrefix(text, place+": ")
	}
	if p.Hint != "" {
		text = strings.TrimSuffix(text, ". "+p.Hint)
	}
	cell := p.Cell
	if cell == "" && p.Row > 0 {
		cell = fmt.Sprintf("rad %d", p.Row)
	}
	return problemRow{File: p.File, Sheet: p.Sheet, Cell: cell, Problem: text, Action: p.Hint}
}

// problemGroups are a result's problems, errors first.
func problemGroups(res unitResult, extra error) []problemGroup {
	var errs []problemRow
	if res.err != nil {
		errs = append(errs, problemRow{Problem: "Kunde inte läsa eller skriva: " + res.err.Error()})
	}
	if extra != nil {
		errs = append(errs, problemRow{Problem: extra.Error()})
	}
	for _, p := range res.probs.Errors() {
		errs = append(errs, problemRowOf(p))
	}
	var warns []problemRow
	for _, p := range res.probs.Warnings() {
		warns = append(warns, problemRowOf(p))
	}
	var out []problemGroup
	if len(errs) > 0 {
		out = append(out, problemGroup{fmt.Sprintf("Fel (%d)", len(errs)), errs})
	}
	if len(warns) > 0 {
		out = append(out, problemGroup{fmt.Sprintf("Varningar (%d)", len(warns)), warns})
	}
	return out
}
