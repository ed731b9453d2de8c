package underlag

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"rapport/report/problem"
)

// Control characters in a cell (a bell, an escape, a form feed: they come
// with text copied from other programs or written by scripts) cannot be
// printed: the PDF would show them as "?" or gaps. SPEC 15: each cell
// that holds any is a warning naming it, and the characters are removed.
// A tab and a line break are the text's layout and stay; a carriage
// return is a line break (Excel keeps Windows' CR LF as _x000D_ and a
// line feed) and becomes one.

// maxControlWarnings bounds the cells named one by one; the rest are
// counted in one warning.
const maxControlWarnings = 20

// hasControl reports whether s holds a character that stripControl
// changes: C0 controls but tab and line feed, DEL, and the C1 controls
// (U+0080–U+009F, in UTF-8 C2 80–C2 9F).
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 && c != '\t' && c != '\n', c == 0x7f:
			return true
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			return true
		}
	}
	return false
}

// isControl is a control character that is not printed: tab and line
// feed are kept, and carriage return is read as a line break.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f
}

// stripControl returns s with CR LF and CR as line feeds and the other
// control characters removed, and the removed ones, distinct, in order.
func stripControl(s string) (string, []rune) {
	var b strings.Builder
	b.Grow(len(s))
	var found []rune
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				n++
			}
		case isControl(r):
			if len(found) < 8 && !containsRune(found, r) {
				found = append(found, r)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String(), found
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// cleanControl removes the control characters of the cell at col, row
// of sheet, with a warning naming the cell when any is not a line break.
func (u *underlagReader) cleanControl(sheet string, col, row int, s string) string {
	clean, found := stripControl(s)
	if len(found) == 0 {
		return clean
	}
	if u.controlCells++; u.controlCells > maxControlWarnings {
		return clean
	}
	codes := make([]string, len(found))
	for i, r := range found {
		codes[i] = fmt.Sprintf("U+%04X", r)
	}
	u.probs.Add(problem.At(problem.Warning, u.file, sheet, col, row, truncateRunes(clean, 61),
		fmt.Sprintf("cellen innehåller styrtecken (%s) som inte kan skrivas ut; de tas bort", strings.Join(codes, ", ")),
		"Skriv om texten i cellen, eller klistra in den som oformaterad text (styrtecken följer ofta med text som kopierats från andra program)"))
	return clean
}

// controlSummary counts the cells past maxControlWarnings.
func (u *underlagReader) controlSummary() {
	if more := u.controlCells - maxControlWarnings; more > 0 {
		u.probs.Add(problem.Problem{Severity: problem.Warning, File: u.file,
			Message: fmt.Sprintf("och %d celler till innehåller styrtecken som tas bort", more),
			Hint:    "Skriv om texterna, eller klistra in dem som oformaterad text"})
	}
}
