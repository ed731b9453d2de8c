package ledger

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"rapport/report/problem"
)

// fieldCheck holds a CSV file's data rows to the field count of its
// header (SPEC 15). A Text with an unquoted delimiter ("Faktura 4712;
// 17") gives its row a field more than the header, and the amount moves
// one column right: 17 would be summed, the real amount left in a column
// without a header. So a data row with a non-empty field beyond the
// header's is an error, unless every data row has the same number of
// fields: then the file has a column without a header, which is read
// past like any unknown column.
//
// That is known only at the end of the file, so wide rows are summed —
// tracked, so that they can be taken back — for as long as every data row
// has had the same number of fields, and taken back the moment one has
// not; after that a wide row is an error at once. Only data rows count:
// headings, footers and summary rows are not postings and may be shorter.
//
// In a comma-separated file, a row whose amount looks split by an
// unquoted decimal comma is an error of its own (csvRows.record), however
// many rows have one: a file whose every amount is written with two
// decimals would otherwise pass with its öre cut off.
type fieldCheck struct {
	width int // the header's fields
	// shape is the field count (at least width) of every data row so
	// far: 0 before the first, -1 once two differ.
	shape int
	wide  rowList // data rows with a non-empty field beyond the header's
	most  int     // the most fields of a wide row
	first string  // the first wide row's line, for the message
}

// dataRow takes a data row of n fields, wide when it has a non-empty
// field beyond the header's. It reports whether the tracked rows must be
// taken back: the rows are not all alike, and some were wide.
func (f *fieldCheck) dataRow(row, n int, wide bool) bool {
	n = max(n, f.width)
	switch {
	case f.shape == 0:
		f.shape = n
	case f.shape != n:
		f.shape = -1
	}
	if wide {
		f.wide.add(row)
		f.most = max(f.most, n)
	}
	return f.shape < 0 && f.wide.n > 0
}

// unheaded reports whether the wide rows, if any, are read as columns
// without a header: every data row has the same number of fields, fewer
// than two rows joined into one have. Two rows joined by another
// character than the delimiter ("4010;100;2026-01;5,4010;100;2026-02;7")
// have twice the header's fields less one, and are no columns an export
// forgot to name, however few lines the file has.
func (f *fieldCheck) unheaded() bool {
	return f.wide.n == 0 || f.shape > 0 && f.shape < 2*f.width-1
}

// problem is the error for the wide rows, unless they are unheaded.
func (f *fieldCheck) problem(file string, delim byte) (problem.Problem, bool) {
	if f.unheaded() {
		return problem.Problem{}, false
	}
	p := problem.Problem{Severity: problem.Error, File: file, Row: f.wide.first(),
		Cell: "rad " + f.wide.String(), Value: f.first}
	cause := fmt.Sprintf("ett fält som innehåller avgränsaren (%s) utan citattecken, t.ex. i en text, flyttar beloppet till fel kolumn", delimiterName(delim))
	if f.most >= 2*f.width-1 {
		cause = fmt.Sprintf("troligen har flera rader slagits ihop till en, eller innehåller fält avgränsaren (%s) utan citattecken, så att belopp hamnar i fel kolumn", delimiterName(delim))
	}
	switch {
	case f.wide.n == 1 && f.shape < 0:
		p.Message = fmt.Sprintf("raden har %d fält men rubrikraden %d (och inte alla rader har lika många): %s; raden summeras inte", f.most, f.width, cause)
	case f.wide.n == 1:
		p.Message = fmt.Sprintf("raden har %d fält men rubrikraden %d, för många för kolumner utan rubrik: %s; raden summeras inte", f.most, f.width, cause)
	case f.shape < 0:
		p.Message = fmt.Sprintf("%d rader har fler fält än rubrikraden (upp till %d mot %d) men inte alla rader: %s; raderna summeras inte", f.wide.n, f.most, f.width, cause)
	default:
		p.Message = fmt.Sprintf("%d rader har %d fält men rubrikraden %d, för många för kolumner utan rubrik: %s; raderna summeras inte", f.wide.n, f.most, f.width, cause)
	}
	p.Hint = "Sätt citattecken kring fält som innehåller avgränsaren (\"Faktura 4712; 17\") eller exportera utan den i texterna; har varje rad en kolumn utan rubrik ska alla rader ha den"
	return p, true
}

// decimalSplit reports whether a comma-separated record looks like one
// whose amount an unquoted decimal comma split: an amount column (or
// Debet or Kredit) holding a whole number, and the next field one or two
// digits: "-1000,50" read as -1000 and a field 50.
func (c *csvRows) decimalSplit(rec [][]byte) bool {
	for _, f := range []field{fieldAmount, fieldDebit, fieldCredit} {
		a := c.sum.lay.col[f]
		if a < 0 || a+1 >= len(rec) {
			continue
		}
		frac := bytes.TrimSpace(rec[a+1])
		if wholeNumber(rec[a]) && len(frac) >= 1 && len(frac) <= 2 && allDigits(frac) {
			return true
		}
	}
	return false
}

// wholeNumber reports whether b is an integer as amounts are written:
// an optional minus, digits, and spaces between them.
func wholeNumber(b []byte) bool {
	b = bytes.TrimSpace(b)
	b = bytes.TrimPrefix(b, []byte("-"))
	b = bytes.TrimPrefix(b, []byte("−"))
	digits := false
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c != ' ':
			return false
		}
	}
	return digits
}

// maxSpans bounds the runs of rows a rowList names.
const maxSpans = 20

// rowList is a set of rows, added in rising order, kept compactly as
// runs: "3, 7–9, 12". Past maxSpans runs only the count grows.
type rowList struct {
	spans [][2]int
	n     int
	more  bool // rows beyond the runs kept
}

func (l *rowList) add(row int) {
	l.n++
	if k := len(l.spans); k > 0 && l.spans[k-1][1] == row-1 {
		l.spans[k-1][1] = row
		return
	}
	if len(l.spans) == maxSpans {
		l.more = true
		return
	}
	if !l.more {
		l.spans = append(l.spans, [2]int{row, row})
	}
}

func (l *rowList) first() int {
	if len(l.spans) == 0 {
		return 0
	}
	return l.spans[0][0]
}

// String lists the runs, "3, 7–9, 12", and "…" for rows past them.
func (l *rowList) String() string {
	var parts []string
	for _, s := range l.spans {
		switch {
		case s[0] == s[1]:
			parts = append(parts, strconv.Itoa(s[0]))
		case s[1] == s[0]+1:
			parts = append(parts, strconv.Itoa(s[0]), strconv.Itoa(s[1]))
		default:
			parts = append(parts, strconv.Itoa(s[0])+"–"+strconv.Itoa(s[1]))
		}
	}
	if l.more {
		parts = append(parts, "…")
	}
	return strings.Join(parts, ", ")
}
