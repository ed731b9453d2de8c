// Package problem describes what is wrong with an input in words a
// controller can act on: where (file, sheet, cell), what was found, what was
// expected and what to do. Importers collect problems instead of stopping
// at the first, so that a user sees every mistake at once. It knows nothing
// of how inputs are read or reports drawn.
package problem

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Severity tells an error, which stops a report, from a warning, which is
// shown with it.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "varning"
	}
	return "fel"
}

// Problem is one thing wrong with the inputs.
type Problem struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file,omitempty"`  // "underlag.xlsx"
	Sheet    string   `json:"sheet,omitempty"` // "Prognos"
	Cell     string   `json:"cell,omitempty"`  // "C7"; or "rad 12" for CSV
	Row      int      `json:"row,omitempty"`   // 1-based row, for sorting
	Col      int      `json:"col,omitempty"`   // 1-based column, for sorting
	Value    string   `json:"value,omitempty"` // what was found
	Message  string   `json:"message"`         // what is wrong, in Swedish
	Hint     string   `json:"hint,omitempty"`  // what to do
}

// Place is "file: Sheet!C7" or "file: rad 12", as much as is known.
func (p Problem) Place() string {
	var b strings.Builder
	b.WriteString(p.File)
	loc := p.Cell
	if loc == "" && p.Row > 0 {
		loc = "rad " + strconv.Itoa(p.Row)
	}
	switch {
	case p.Sheet != "" && strings.HasPrefix(loc, "rad "):
		fmt.Fprintf(&b, ": %s, %s", p.Sheet, loc)
	case p.Sheet != "" && loc != "":
		fmt.Fprintf(&b, ": %s!%s", p.Sheet, loc)
	case p.Sheet != "":
		fmt.Fprintf(&b, ": blad %s", p.Sheet)
	case loc != "":
		fmt.Fprintf(&b, ": %s", loc)
	}
	return b.String()
}

// String is the one-line message shown to a user:
// underlag.xlsx: Prognos!C7: "12,3,4" är inte ett belopp. Skriv …
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Place())
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Value != "" {
		fmt.Fprintf(&b, "%q ", truncate(p.Value, 60))
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString(". ")
		b.WriteString(p.Hint)
	}
	return b.String()
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// List collects problems.
type List []Problem

// Add appends a problem.
func (l *List) Add(p Problem) { *l = append(*l, p) }

// Errorf adds an error at a place.
func (l *List) Errorf(file, sheet, cell string, format string, args ...any) {
	l.Add(Problem{Severity: Error, File: file, Sheet: sheet, Cell: cell, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at a place.
func (l *List) Warnf(file, sheet, cell string, format string, args ...any) {
	l.Add(Problem{Severity: Warning, File: file, Sheet: sheet, Cell: cell, Message: fmt.Sprintf(format, args...)})
}

// Errors are the problems of severity Error.
func (l List) Errors() List { return l.filter(Error) }

// Warnings are the problems of severity Warning.
func (l List) Warnings() List { return l.filter(Warning) }

// HasErrors reports whether any problem is an error.
func (l List) HasErrors() bool {
	for _, p := range l {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

func (l List) filter(s Severity) List {
	var out List
	for _, p := range l {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Strict turns every warning into an error, for --strict.
func (l List) Strict() List {
	out := make(List, len(l))
	for i, p := range l {
		p.Severity = Error
		out[i] = p
	}
	return out
}

// Sort orders problems by place: file, sheet, row, column, then message,
// so that a user reads them as the file runs.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Message < b.Message
	})
}

// CellName gives the A1 reference of a 1-based column and row.
func CellName(col, row int) string {
	return ColumnName(col) + strconv.Itoa(row)
}

// ColumnName gives the letters of a 1-based column: 1 → A, 27 → AA.
func ColumnName(col int) string {
	if col < 1 {
		return "?"
	}
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// Position is where something stands in an input file, carried as numbers
// from the reader to the message so that nobody parses "A1014" or "rad 1014"
// back into a row.
type Position struct {
	File  string // the file's base name
	Sheet string // "" for a text file
	Row   int    // 1-based row, or line of a text file
	Col   int    // 1-based column; 0 when only the row is known
	Line  bool   // Row counts lines of a text file (CSV, SIE), not worksheet rows
}

// Cell is "C7" for a worksheet cell, "rad 12" for a line of a text file,
// the empty string when the row is not known.
func (p Position) Cell() string {
	switch {
	case p.Row <= 0:
		return ""
	case p.Line || p.Col <= 0:
		return "rad " + strconv.Itoa(p.Row)
	}
	return CellName(p.Col, p.Row)
}

// Problem builds a problem at the position.
func (p Position) Problem(sev Severity, value, message, hint string) Problem {
	return Problem{Severity: sev, File: p.File, Sheet: p.Sheet, Cell: p.Cell(), Row: p.Row, Col: p.Col,
		Value: value, Message: message, Hint: hint}
}

// At builds a problem at a cell given by column and row (1-based).
func At(sev Severity, file, sheet string, col, row int, value, message, hint string) Problem {
	cell := ""
	if col > 0 && row > 0 {
		cell = CellName(col, row)
	}
	return Problem{Severity: sev, File: file, Sheet: sheet, Cell: cell, Row: row, Col: col,
		Value: value, Message: message, Hint: hint}
}
