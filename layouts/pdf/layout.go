package pdf

import (
	"strings"
)

// Page geometry in mm (A4 portrait). The body lies between bodyTop and
// bodyBottom; the running header and footer sit in the margins above and
// below it.
const (
	pageW      = 210.0
	pageH      = 297.0
	marginL    = 20.0
	marginR    = 20.0
	contentW   = pageW - marginL - marginR
	bodyTop    = 26.0
	bodyBottom = 277.0
	headerY    = 12.0
	footerY    = 284.0
)

// atom is an unbreakable piece of the flow, measured: a heading, one line
// of a paragraph, a table's caption, header or row, a chart. Pages break
// only between atoms.
type atom struct {
	h float64
	// keepNext keeps this atom on the same page as the next one: a heading
	// with its first lines, a caption with its table's header and first
	// row, a paragraph's first line with its second.
	keepNext bool
	// droppable atoms (spacing) are left out at the top of a page.
	droppable bool
	newPage   bool
	// repeat is drawn first when this atom opens a new page: a table
	// row's header (and continued caption).
	repeat []*atom
	// heading is set on heading atoms, for the contents and the outline.
	heading *headingRef
	// lines is the paragraph or list item that a line atom belongs to,
	// for the widow and orphan rule (and its test).
	lines *lineGroup
	draw  func(pdf *canvas, y float64)
}

// lineGroup is the lines of one paragraph or list item: the paginator
// never leaves one of them alone at a page's foot or head.
type lineGroup struct{ n int }

// minFill is the least content a page holds unless it is the document's
// last (SPEC 7.7): a fifth of the body.
const minFill = (bodyBottom - bodyTop) / 5

// headingRef is a heading's place, found by pagination.
type headingRef struct {
	level   int
	text    string
	page    int // body page, 0-based
	y       float64
	outline int // outline depth
	link    int
}

// placed is an atom at its place on a page.
type placed struct {
	a *atom
	y float64
	// repeated is a table header or caption drawn again at the top of
	// a continued page: an artifact, since the tree has it once.
	repeated bool
}

// paginate breaks the atoms into pages. An atom goes to a new page when it
// and everything kept with it would not fit below the current position;
// a table row that opens a page brings its repeated header. A heading
// that asks for a new page gets one only when the page it would leave
// holds at least minFill: a section's short last page is filled by the
// next section rather than left near-empty.
func paginate(atoms []*atom) [][]placed {
	pages := [][]placed{nil}
	y := bodyTop
	filled := 0.0 // content on the page, spacing left out
	newPage := func() {
		pages = append(pages, nil)
		y, filled = bodyTop, 0
	}
	place := func(a *atom, repeated bool) {
		if a.heading != nil {
			a.heading.page = len(pages) - 1
			a.heading.y = y
		}
		pages[len(pages)-1] = append(pages[len(pages)-1], placed{a, y, repeated})
		y += a.h
		if !a.droppable {
			filled += a.h
		}
	}
	for i, a := range atoms {
		atTop := len(pages[len(pages)-1]) == 0
		if a.newPage && !atTop && filled >= minFill {
			newPage()
			atTop = true
		}
		if a.droppable && atTop {
			continue
		}
		need := 0.0
		for j := i; j < len(atoms); j++ {
			need += atoms[j].h
			if !atoms[j].keepNext || need > bodyBottom-bodyTop {
				break
			}
		}
		if y+need > bodyBottom && !atTop {
			newPage()
			if a.droppable {
				continue
			}
			for _, r := range a.repeat {
				place(r, true)
			}
		}
		place(a, false)
	}
	if len(pages[len(pages)-1]) == 0 && len(pages) > 1 {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// wrap breaks text into lines no wider than w in the current font. It
// breaks at spaces only — never at the no-break spaces inside figures —
// keeps the text's own line breaks, and breaks a word longer than a line
// by characters, so that nothing runs past the margin.
//
// Each word is measured once: a line's width is the sum of its words' and
// spaces' widths in glyph units, scaled as fpdf's GetStringWidth scales
// the whole line, so the breaks are those of measuring every candidate
// line, without the time that takes on long paragraphs.
func wrap(pdf *canvas, text string, w float64) []string {
	_, unit := pdf.GetFontSize()
	width := func(glyphs int) float64 { return float64(glyphs) * unit / 1000 }
	space := pdf.GetStringSymbolWidth(" ")
	var lines []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		var line []string // the words of the line being filled
		lineW := 0
		for _, word := range strings.Split(para, " ") {
			if word == "" {
				continue
			}
			wordW := pdf.GetStringSymbolWidth(word)
			cand := wordW
			if len(line) > 0 {
				cand = lineW + space + wordW
			}
			if width(cand) <= w {
				line, lineW = append(line, word), cand
				continue
			}
			if len(line) > 0 {
				lines = append(lines, strings.Join(line, " "))
				line = line[:0]
			}
			if width(wordW) > w {
				pieces := breakWord(pdf, word, w)
				lines = append(lines, pieces[:len(pieces)-1]...)
				word = pieces[len(pieces)-1]
				wordW = pdf.GetStringSymbolWidth(word)
			}
			line, lineW = append(line, word), wordW
		}
		lines = append(lines, strings.Join(line, " "))
	}
	return lines
}

// breakWord cuts a word wider than w into pieces that fit, letter by
// letter, in one pass (a pasted 10 000-letter "word" must not take
// quadratic time).
func breakWord(pdf *canvas, word string, w float64) []string {
	var pieces []string
	start, width := 0, 0.0
	for i, r := range word {
		cw := pdf.GetStringWidth(string(r))
		if width+cw > w && i > start {
			pieces = append(pieces, word[start:i])
			start, width = i, 0
		}
		width += cw
	}
	return append(pieces, word[start:])
}

// fitLine shortens a single line with an ellipsis until it fits w,
// searching for the longest prefix that fits.
func fitLine(pdf *canvas, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	cut := func(n int) string { return strings.TrimRight(string(r[:n]), " ") + "…" }
	lo, hi := 0, len(r)-1 // cut(lo) fits (or lo is 0); cut(hi+1) does not
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if pdf.GetStringWidth(cut(mid)) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return "…"
	}
	return cut(lo)
}

// hyphenPoints are where the plan's long compound words may break in a
// narrow column: after the first part, with a hyphen.
var hyphenPoints = map[string][]string{
	"prognosavvikelse":   {"Prognos", "avvikelse"},
	"avvikelse":          {"Avvi", "kelse"},
	"förbrukning":        {"förbruk", "ning"},
	"ackumulerad":        {"Ackumu", "lerad"},
	"referensvärde":      {"Referens", "värde"},
	"årsprognos":         {"Års", "prognos"},
	"prognos":            {"Prog", "nos"},
	"årsbudget":          {"Års", "budget"},
	"driftskostnader":    {"drifts", "kostnader"},
	"personalkostnader":  {"Personal", "kostnader"},
	"investeringar":      {"investe", "ringar"},
	"reinvesteringar":    {"Reinveste", "ringar"},
	"personalomsättning": {"Personal", "omsättning"},
	"bredbandsutbyggnad": {"Bredbands", "utbyggnad"},
	"föregående":         {"före", "gående"},
	"budgetavvikelse":    {"budget", "avvikelse"},
	// The region's Sammanställning has table 3's rows as columns.
	"investeringsbudgetavvikelse": {"Investerings", "budgetavvikelse"},
	"investerings":                {"Investe", "rings"},
	"periodresultat":              {"Period", "resultat"},
	"uppfyllas":                   {"upp", "fyllas"},
}

// hyphenate is word followed by tail, broken at its compound joints
// while it is wider than w; a part that is still too wide, with its
// hyphen, breaks at its own joint ("Investe-" / "rings-" / "budget-" /
// "avvikelse").
func hyphenate(pdf *canvas, word, tail string, w float64) string {
	if pdf.GetStringWidth(word+tail) <= w {
		return word + tail
	}
	parts, ok := hyphenPoints[strings.ToLower(word)]
	if !ok || len(parts[0]) >= len(word) {
		return word + tail
	}
	// Upper and lower case of each letter here have the same length in
	// UTF-8, so the joint is at the same byte.
	n := len(parts[0])
	return hyphenate(pdf, word[:n], "-", w) + "\n" + hyphenate(pdf, word[n:], tail, w)
}

// wrapHyphen wraps like wrap, but first breaks a word that is wider than
// the column at its compound joint ("Prognos-" / "avvikelse"), as a
// typesetter would, instead of between arbitrary letters.
func wrapHyphen(pdf *canvas, text string, w float64) []string {
	words := strings.Split(text, " ")
	for i, word := range words {
		words[i] = hyphenate(pdf, word, "", w)
	}
	return wrap(pdf, strings.Join(words, " "), w)
}
