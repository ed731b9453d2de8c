package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"rapport/report/problem"
)

// messages writes what a person or a log collector reads on one stream:
// plain Swedish text, or with --log-format json one JSON record with a
// level per line, so that every line of stdout and stderr parses.
type messages struct {
	w    io.Writer
	json *slog.Logger // nil for text
}

func newMessages(w io.Writer, format string) *messages {
	m := &messages{w: w}
	if format == "json" {
		m.json = slog.New(slog.NewJSONHandler(w, nil))
	}
	return m
}

// errorf says what went wrong; text gets the "rapport: " prefix.
func (m *messages) errorf(format string, args ...any) {
	m.say(slog.LevelError, fmt.Sprintf(format, args...))
}

// warnf says something the user should know but need not act on now.
func (m *messages) warnf(format string, args ...any) {
	m.say(slog.LevelWarn, fmt.Sprintf(format, args...))
}

func (m *messages) say(level slog.Level, msg string, attrs ...slog.Attr) {
	if m.json != nil {
		m.json.LogAttrs(context.Background(), level, msg, attrs...)
		return
	}
	prefix := ""
	if level >= slog.LevelError {
		prefix = "rapport: "
	}
	fmt.Fprintf(m.w, "%s%s\n", prefix, msg)
}

// problems shows a unit's problems, errors first, in file order: as
// blocks of text, or as one record per problem with its file, sheet, cell,
// value, message and hint.
func (m *messages) problems(res *unitResult, many bool) {
	errs, warns := res.probs.Errors(), res.probs.Warnings()
	if len(errs) == 0 && len(warns) == 0 && res.err == nil {
		return
	}
	if m.json != nil {
		if res.err != nil {
			m.say(slog.LevelError, "kunde inte läsa eller skriva", slog.String("unit", unitName(res)), slog.String("error", res.err.Error()))
		}
		for _, p := range append(errs, warns...) {
			level, msg := slog.LevelWarn, "varning i indata"
			if p.Severity == problem.Error {
				level, msg = slog.LevelError, "fel i indata"
			}
			attrs := []slog.Attr{slog.String("unit", unitName(res)), slog.String("file", p.File)}
			for _, a := range [][2]string{{"sheet", p.Sheet}, {"cell", p.Cell}, {"value", p.Value}, {"message", p.Message}, {"hint", p.Hint}} {
				if a[1] != "" {
					attrs = append(attrs, slog.String(a[0], a[1]))
				}
			}
			m.json.LogAttrs(context.Background(), level, msg, attrs...)
		}
		return
	}
	w := m.w
	if many {
		fmt.Fprintf(w, "== %s ==\n", res.folder.name)
	}
	if res.err != nil {
		fmt.Fprintf(w, "Kunde inte läsa eller skriva: %v\n", res.err)
	}
	section := func(title string, l problem.List) {
		if len(l) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d):\n", title, len(l))
		lastFile := ""
		for _, p := range l {
			if p.File != lastFile && lastFile != "" {
				fmt.Fprintln(w)
			}
			lastFile = p.File
			fmt.Fprintf(w, "  %s\n", p.String())
		}
	}
	section("Fel", errs)
	section("Varningar", warns)
	if len(errs) > 0 {
		fmt.Fprintln(w, "Inga rapporter skrevs för enheten. Rätta felen ovan och kör igen.")
	}
	fmt.Fprintln(w)
}

// wantsJSON tells from the raw arguments whether the messages should be
// JSON, for a command line that could not be parsed.
func wantsJSON(args []string) bool {
	for i, a := range args {
		if a == "--log-format=json" || a == "--log-format" && i+1 < len(args) && args[i+1] == "json" {
			return true
		}
	}
	return false
}

// firstError is why a unit failed, in a few words for the summary.
func firstError(l problem.List) string {
	errs := l.Errors()
	if len(errs) == 0 {
		return ""
	}
	s := errs[0].String()
	if len(errs) > 1 {
		s += fmt.Sprintf(" (och %d fel till)", len(errs)-1)
	}
	return strings.TrimSpace(s)
}

// sharedLedgerProblems are, when several units share one --ledger, the
// ledger's problems that every unit read with it has: shown once rather
// than once per unit.
func sharedLedgerProblems(results []unitResult, o runOptions) problem.List {
	if o.ledgerPath == "" || len(results) < 2 {
		return nil
	}
	file := filepath.Base(o.ledgerPath)
	count := map[string]int{}
	readers := 0
	for _, res := range results {
		if res.routing == nil {
			continue
		}
		readers++
		for _, p := range res.probs {
			if p.File == file {
				count[p.String()]++
			}
		}
	}
	var out problem.List
	for _, res := range results {
		if res.routing == nil {
			continue
		}
		for _, p := range res.probs {
			if p.File == file && count[p.String()] == readers && readers > 1 {
				out = append(out, p)
			}
		}
		break
	}
	return out
}

// withoutShared is a unit's problems without those shown once for the
// shared ledger; if these have errors, one line points at them.
func withoutShared(l, shared problem.List, ledgerPath string) problem.List {
	if len(shared) == 0 {
		return l
	}
	skip := map[string]bool{}
	for _, p := range shared {
		skip[p.String()] = true
	}
	var out problem.List
	told := false
	for _, p := range l {
		if !skip[p.String()] {
			out = append(out, p)
		} else if p.Severity == problem.Error && !told {
			told = true
			out = append(out, problem.Problem{Severity: problem.Error, File: filepath.Base(ledgerPath),
				Message: "den gemensamma huvudboken har fel (se ovan); inga rapporter görs ur den förrän de är rättade"})
		}
	}
	out.Sort()
	return out
}

// ledgerProblems shows the shared ledger's own problems once, before
// the units'.
func (m *messages) ledgerProblems(path string, l problem.List) {
	if len(l) == 0 {
		return
	}
	res := unitResult{folder: folder{name: "huvudbok " + path}, probs: l}
	if m.json != nil {
		m.problems(&res, true)
		return
	}
	errs, warns := l.Errors(), l.Warnings()
	fmt.Fprintf(m.w, "== huvudbok %s (gemensam för alla enheter) ==\n", path)
	for _, sec := range []struct {
		title string
		l     problem.List
	}{{"Fel", errs}, {"Varningar", warns}} {
		if len(sec.l) == 0 {
			continue
		}
		fmt.Fprintf(m.w, "%s (%d):\n", sec.title, len(sec.l))
		for _, p := range sec.l {
			fmt.Fprintf(m.w, "  %s\n", p.String())
		}
	}
	fmt.Fprintln(m.w)
}
