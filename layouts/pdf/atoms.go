package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"rapport/layouts/doc"
	"rapport/layouts/internal/flow"
	"rapport/layouts/pdf/tagged"
)

// unknown is the panic for a value of the document tree that this renderer
// has no case for (a block, text style, row or chart kind added to package
// doc but not here): drawing it as something else, or not at all, would
// lose content silently. Render turns the panic into an error.
func unknown(what string, v any) string {
	return fmt.Sprintf("okänd %s i dokumentträdet: %v", what, v)
}

// atomize measures every block of the document in the document's fonts and
// cuts it into atoms, each with the code that draws it.
func atomize(pdf *canvas, blocks []doc.Block) []*atom {
	var out []*atom
	// Outline levels must nest: a goal (level 3) sits under "Mål" directly
	// in a full report but under a subsection in a deviation report.
	var outline flow.Outline
	for i, b := range blocks {
		switch b := b.(type) {
		case doc.Heading:
			depth, ok := outline.Depth(b.Level)
			if !ok {
				panic(unknown("rubriknivå", b.Level))
			}
			out = append(out, headingAtoms(pdf, b, depth)...)
		case doc.Paragraph:
			out = append(out, paragraphAtoms(pdf, b)...)
		case doc.Status:
			out = append(out, statusAtom(pdf, b))
		case doc.List:
			out = append(out, listAtoms(pdf, b)...)
		case doc.Table:
			out = append(out, tableAtoms(pdf, b)...)
		case doc.Chart:
			if i > 0 {
				if _, ok := blocks[i-1].(doc.Table); ok {
					keepTail(out)
				}
			}
			out = append(out, chartAtom(pdf, b))
		case doc.Spacer:
			out = append(out, &atom{h: b.Height, droppable: true, draw: func(*canvas, float64) {}})
		default:
			panic(unknown("blocktyp", fmt.Sprintf("%T", b)))
		}
	}
	return out
}

// keepTail keeps a table, whose atoms end atoms, with what follows: its
// last row, its note and the space after it (SPEC 12.5: a chart stays on
// the page of its table where both fit). The last two rows keep together
// already, and a table shorter than half a page keeps whole, so such a
// table moves with its chart to a new page rather than leave the chart
// alone there.
func keepTail(atoms []*atom) {
	for i := len(atoms) - 1; i >= 0; i-- {
		atoms[i].keepNext = true
		if len(atoms[i].repeat) > 0 {
			return // the last row
		}
	}
}

func spacer(h float64) *atom {
	return &atom{h: h, droppable: true, keepNext: true, draw: func(*canvas, float64) {}}
}

func headingAtoms(pdf *canvas, h doc.Heading, depth int) []*atom {
	f, before, after := fH3, 4.0, 1.2
	switch h.Level {
	case 1:
		f, before, after = fH1, 2.0, 3.0
	case 2:
		f, before, after = fH2, 5.0, 1.5
	case 3:
	default:
		panic(unknown("rubriknivå", h.Level))
	}
	setFont(pdf, f)
	lines := wrap(pdf, h.Text, contentW)
	// A heading is a few lines at most; a runaway one (a whole text pasted
	// into a goal cell) is cut so that it cannot run off the page. Table 1
	// still shows the goal in full.
	const maxHeadingLines = 5
	if len(lines) > maxHeadingLines {
		lines = append(lines[:maxHeadingLines-1], fitLine(pdf, lines[maxHeadingLines-1]+" …", contentW))
	}
	outline := h.Outline
	if outline == "" {
		outline = h.Text
	}
	ref := &headingRef{level: h.Level, text: outline, outline: depth}
	// The tag's level is the outline's: a goal is an H2 right under
	// "Mål" but an H3 under a subsection, so that no level is skipped.
	tag := path(tagged.New("H" + strconv.Itoa(min(depth+1, 6))))
	a := &atom{
		h:        float64(len(lines))*f.line + after,
		keepNext: true,
		newPage:  h.NewPage,
		heading:  ref,
		draw: func(pdf *canvas, y float64) {
			setFont(pdf, f)
			pdf.Bookmark(ref.text, ref.outline, y)
			textColour(pdf, accent)
			// A marked sequence per line: readers join lines of one
			// sequence without a space.
			for i, l := range lines {
				pdf.content(tag, func() { pdf.Text(marginL, baseline(y+float64(i)*f.line, f.line, f), l) })
			}
			if h.Level == 1 {
				pdf.artifact(func() {
					drawColour(pdf, accent)
					pdf.SetLineWidth(0.5)
					ly := y + float64(len(lines))*f.line + 0.6
					pdf.Line(marginL, ly, marginL+contentW, ly)
				})
			}
			textColour(pdf, ink)
		},
	}
	if h.Level == 1 {
		a.h += 1.2
	}
	return []*atom{spacer(before), a}
}

func paragraphFont(s doc.TextStyle) font {
	switch s {
	case doc.Small:
		return fSmall
	case doc.Italic:
		return fItalic
	case doc.Lead:
		return fBodyB
	case doc.Body, doc.Alert:
		return fBody
	}
	panic(unknown("textstil", s))
}

// paragraphAtoms gives one atom per line. The first two lines and the last
// two of each paragraph stay together, so that no single line is left
// alone at the foot or the head of a page.
func paragraphAtoms(pdf *canvas, p doc.Paragraph) []*atom {
	f := paragraphFont(p.Style)
	colour := ink
	switch p.Style {
	case doc.Small:
		colour = muted
	case doc.Alert:
		colour = bad
		f = fBodyB
	case doc.Body, doc.Italic, doc.Lead:
	default:
		panic(unknown("textstil", p.Style))
	}
	setFont(pdf, f)
	var out []*atom
	paras := splitParagraphs(p.Text)
	for pi, para := range paras {
		lines := wrap(pdf, para, contentW)
		group := &lineGroup{n: len(lines)}
		tag := path(tagged.New("P"))
		for i, l := range lines {
			l := l
			a := &atom{h: f.line, lines: group, draw: func(pdf *canvas, y float64) {
				setFont(pdf, f)
				textColour(pdf, colour)
				pdf.content(tag, func() { pdf.Text(marginL, baseline(y, f.line, f), l) })
				textColour(pdf, ink)
			}}
			a.keepNext = (i == 0 && len(lines) > 1) || (i == len(lines)-2) || p.Style == doc.Lead || p.KeepWithNext
			out = append(out, a)
		}
		if pi < len(paras)-1 {
			out = append(out, &atom{h: f.line * 0.5, droppable: true, draw: func(*canvas, float64) {}})
		}
	}
	// A lead-in keeps with the text it introduces.
	out = append(out, &atom{h: 2, droppable: true, keepNext: p.Style == doc.Lead || p.KeepWithNext, draw: func(*canvas, float64) {}})
	return out
}

// listAtoms sets each item after a bullet, its later lines indented to
// the item's text; no line of an item is left alone on a page.
func listAtoms(pdf *canvas, l doc.List) []*atom {
	f := paragraphFont(l.Style)
	colour := ink
	if l.Style == doc.Small {
		colour = muted
	}
	const indent = 4.0
	setFont(pdf, f)
	var out []*atom
	list := tagged.New("L")
	for _, item := range l.Items {
		lines := wrap(pdf, item, contentW-indent)
		group := &lineGroup{n: len(lines)}
		li := tagged.New("LI")
		lbl, body := path(list, li, tagged.New("Lbl")), path(list, li, tagged.New("LBody"))
		for i, line := range lines {
			i, line := i, line
			// The first two lines and the last two stay together.
			keep := (i == 0 && len(lines) > 1) || i == len(lines)-2
			out = append(out, &atom{h: f.line, lines: group, keepNext: keep, draw: func(pdf *canvas, y float64) {
				setFont(pdf, f)
				textColour(pdf, colour)
				bl := baseline(y, f.line, f)
				if i == 0 {
					pdf.content(lbl, func() { pdf.Text(marginL+0.5, bl, "•") })
				}
				pdf.content(body, func() { pdf.Text(marginL+indent, bl, line) })
				textColour(pdf, ink)
			}})
		}
		out = append(out, &atom{h: f.line * 0.25, droppable: true, draw: func(*canvas, float64) {}})
	}
	out = append(out, &atom{h: 2, droppable: true, draw: func(*canvas, float64) {}})
	return out
}

// splitParagraphs splits text at blank lines.
func splitParagraphs(text string) []string { return flow.Paragraphs(text) }

// statusAtom is a goal's assessment: "Bedömning: ◐ Bedöms delvis uppfyllas".
func statusAtom(pdf *canvas, s doc.Status) *atom {
	const h = 8.0
	// One paragraph, "Bedömning: Delvis uppfyllt (not)"; the symbol and
	// the band behind it are decoration, the word says it all.
	tag := path(tagged.New("P"))
	return &atom{h: h, keepNext: true, draw: func(pdf *canvas, y float64) {
		pdf.artifact(func() {
			fillColour(pdf, groupFill)
			pdf.Rect(marginL, y+0.5, contentW, h-1.5, "F")
		})
		setFont(pdf, fBodyB)
		textColour(pdf, ink)
		bl := baseline(y+0.5, h-1.5, fBodyB)
		label := s.Label + ":"
		pdf.content(tag, func() { pdf.Text(marginL+2, bl, label) })
		x := marginL + 2 + pdf.GetStringWidth(label) + 4.5
		pdf.artifact(func() { drawSymbol(pdf, x, y+0.5+(h-1.5)/2, 2.1, s.Level) })
		setFont(pdf, fBody)
		word := s.Word
		pdf.content(tag, func() { pdf.Text(x+4, bl, word) })
		if s.Note != "" {
			setFont(pdf, fSmall)
			textColour(pdf, muted)
			pdf.content(tag, func() { pdf.Text(x+4+pdf.GetStringWidth(word)+12, bl, "("+s.Note+")") })
			textColour(pdf, ink)
		}
	}}
}

// table geometry
const (
	cellPadX     = 1.4
	cellPadY     = 1.2
	maxCellLines = 48
)

// tableAtoms measures a table's columns and rows. The caption keeps with
// the header and the first row; every row carries the header to repeat
// when it opens a page.
func tableAtoms(pdf *canvas, t doc.Table) []*atom {
	f := fTable
	if t.Small {
		f = fTableS
	}
	widths := columnWidths(t.Columns)
	// The structure: Table with its Caption first, a THead of column
	// headers (TH, scope Column), a TBody of rows; a row's first cell
	// is its header (TH, scope Row) when the first column names the row,
	// and a group heading is a TH spanning the table.
	tbl, thead, tbody := tagged.New("Table"), tagged.New("THead"), tagged.New("TBody")
	rowHeads := len(t.Columns) > 1 && t.Columns[0].Align != doc.Right
	var out []*atom
	var caption *atom
	if t.Caption != "" {
		setFont(pdf, fCaption)
		lines := capLines(wrap(pdf, t.Caption, contentW), 3)
		tag := path(tbl, tagged.New("Caption"))
		caption = &atom{h: float64(len(lines))*fCaption.line + 1.2, keepNext: true, draw: func(pdf *canvas, y float64) {
			setFont(pdf, fCaption)
			textColour(pdf, accent)
			for i, l := range lines {
				pdf.content(tag, func() {
					pdf.Text(marginL, baseline(y+float64(i)*fCaption.line, fCaption.line, fCaption), l)
				})
			}
			textColour(pdf, ink)
		}}
		out = append(out, spacer(2.5), caption)
	}

	// Header: bold, on a pale fill, wrapped within each column.
	hf := f.bold()
	setFont(pdf, hf)
	hlines := make([][]string, len(t.Columns))
	hn := 1
	for i, c := range t.Columns {
		hlines[i] = wrapHyphen(pdf, c.Title, widths[i]-2*cellPadX)
		hn = max(hn, len(hlines[i]))
	}
	hh := float64(hn)*f.line + 2*cellPadY
	headTR := tagged.New("TR")
	ths := make([][]*tagged.Elem, len(t.Columns))
	for i := range ths {
		ths[i] = path(tbl, thead, headTR, elem("TH", scopeColumn))
		ths[i][3].ActualText = hyphenated(t.Columns[i].Title, hlines[i])
	}
	drawHeader := func(pdf *canvas, y float64) {
		pdf.artifact(func() {
			fillColour(pdf, accentPale)
			pdf.Rect(marginL, y, contentW, hh, "F")
		})
		setFont(pdf, hf)
		textColour(pdf, ink)
		x := marginL
		for i, c := range t.Columns {
			// Header text sits at the bottom of its cell, next to the figures.
			off := float64(hn-len(hlines[i])) * f.line
			if strings.TrimSpace(c.Title) == "" {
				pdf.enter(ths[i])
			} else {
				for j, l := range hlines[i] {
					pdf.content(ths[i], func() {
						drawAligned(pdf, x, widths[i], baseline(y+cellPadY+off+float64(j)*f.line, f.line, f), l, c.Align)
					})
				}
			}
			x += widths[i]
		}
		pdf.artifact(func() {
			drawColour(pdf, accent)
			pdf.SetLineWidth(0.35)
			pdf.Line(marginL, y+hh, marginL+contentW, y+hh)
		})
	}
	header := &atom{h: hh, keepNext: true, draw: drawHeader}
	out = append(out, header)
	var repeat []*atom
	if t.Caption != "" {
		setFont(pdf, fCaption)
		cont := fitLine(pdf, t.Caption, contentW-pdf.GetStringWidth(" (forts.)")) + " (forts.)"
		repeat = append(repeat, &atom{h: fCaption.line + 1.2, draw: func(pdf *canvas, y float64) {
			setFont(pdf, fCaption)
			textColour(pdf, accent)
			pdf.Text(marginL, baseline(y, fCaption.line, fCaption), cont)
			textColour(pdf, ink)
		}})
	}
	repeat = append(repeat, &atom{h: hh, draw: drawHeader})
	// group is the repeated caption and header followed by the current
	// group row, marked as continued: a table that breaks inside a
	// group (table 1's Fokusområde) repeats it on the new page.
	group := repeat

	for ri, row := range t.Rows {
		rf := f
		if row.Kind == doc.Sum || row.Kind == doc.Total || row.Kind == doc.Group {
			rf = f.bold()
		}
		setFont(pdf, rf)
		cells := make([][]string, len(row.Cells))
		n := 1
		if row.Kind == doc.Group {
			// A group heading spans the table.
			cells[0] = capLines(wrap(pdf, row.Cells[0].Text, contentW-2*cellPadX), 4)
			n = len(cells[0])
		} else {
			for i, c := range row.Cells {
				if i >= len(widths) {
					break
				}
				w := widths[i] - 2*cellPadX
				if c.Level != nil {
					w -= symbolSpace
				}
				if t.Columns[i].Strong {
					setFont(pdf, rf.bold())
				}
				cells[i] = wrapHyphen(pdf, c.Text, w)
				setFont(pdf, rf)
				cells[i] = capLines(cells[i], maxCellLines)
				n = max(n, len(cells[i]))
			}
		}
		rh := float64(n)*f.line + 2*cellPadY
		row, last := row, ri == len(t.Rows)-1
		tr := tagged.New("TR")
		tags := make([][]*tagged.Elem, len(cells))
		for i := range tags {
			switch {
			case row.Kind == doc.Group:
				tags[i] = path(tbl, tbody, tr, elem("TH", scopeRowSpan(len(t.Columns))))
			case i == 0 && rowHeads:
				tags[i] = path(tbl, tbody, tr, elem("TH", scopeRow))
			default:
				tags[i] = path(tbl, tbody, tr, tagged.New("TD"))
			}
			if i < len(row.Cells) {
				tags[i][3].ActualText = hyphenated(row.Cells[i].Text, cells[i])
			}
		}
		a := &atom{h: rh, repeat: group, draw: func(pdf *canvas, y float64) {
			drawRow(pdf, y, rh, row, cells, tags, widths, t.Columns, rf, last)
		}}
		if row.Kind == doc.Group {
			a.repeat = repeat
			group = append(repeat[:len(repeat):len(repeat)], continuedGroup(pdf, row, rf, f, widths, t.Columns))
		}
		// Keep a group heading with its first row, and the first row with
		// the header (through the header's keepNext).
		// The first two rows stay with the header (and so with the
		// caption), the last two stay together, a group heading stays
		// with its first row, and a short table does not split at all.
		a.keepNext = row.Kind == doc.Group || ri < 2 || ri == len(t.Rows)-2 || len(t.Rows) <= 5
		out = append(out, a)
	}
	// A table that takes less than half a page is never split: it moves
	// whole to the next page instead.
	total := 0.0
	for _, a := range out {
		total += a.h
	}
	if total <= (bodyBottom-bodyTop)/2 {
		for _, a := range out[:len(out)-1] {
			a.keepNext = true
		}
	}
	if t.Note != "" {
		// The note explains the table: its first line stays on the page
		// of the table's last row (and the note's lines together).
		if len(out) > 0 {
			out[len(out)-1].keepNext = true
		}
		setFont(pdf, fSmall)
		lines := wrap(pdf, t.Note, contentW)
		tag := path(tagged.New("P"))
		for i, l := range lines {
			l := l
			out = append(out, &atom{h: fSmall.line, keepNext: i < len(lines)-1, draw: func(pdf *canvas, y float64) {
				setFont(pdf, fSmall)
				textColour(pdf, muted)
				pdf.content(tag, func() { pdf.Text(marginL, baseline(y+0.8, fSmall.line, fSmall), l) })
				textColour(pdf, ink)
			}})
		}
		out[len(out)-len(lines)].h += 0.8
	}
	out = append(out, &atom{h: 3, droppable: true, draw: func(*canvas, float64) {}})
	return out
}

// continuedGroup is a group row drawn again, as "… (forts.)", under the
// repeated header of a page that a table continues on inside the group.
// Like the repeated header it is an artifact: the tree holds the row once.
func continuedGroup(pdf *canvas, row doc.Row, rf, f font, widths []float64, cols []doc.Column) *atom {
	setFont(pdf, rf)
	text := ""
	if len(row.Cells) > 0 {
		text = row.Cells[0].Text
	}
	const cont = " (forts.)"
	lines := capLines(wrap(pdf, text, contentW-2*cellPadX), 4)
	last := len(lines) - 1
	if pdf.GetStringWidth(lines[last]+cont) <= contentW-2*cellPadX {
		lines[last] += cont
	} else {
		lines = append(lines, strings.TrimSpace(cont))
	}
	h := float64(len(lines))*f.line + 2*cellPadY
	cells := make([][]string, len(cols))
	cells[0] = lines
	shown := doc.Row{Kind: doc.Group, Cells: []doc.Cell{{Text: text + cont}}}
	tags := make([][]*tagged.Elem, len(cols))
	return &atom{h: h, draw: func(pdf *canvas, y float64) {
		drawRow(pdf, y, h, shown, cells, tags, widths, cols, rf, false)
	}}
}

// capLines keeps at most n lines, marking the cut with an ellipsis, so
// that no single row or caption can outgrow a page.
func capLines(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n-1:n-1], "…")
}

// symbolSpace is the room a status symbol takes before a cell's text.
const symbolSpace = 5.0

func drawRow(pdf *canvas, y, h float64, row doc.Row, cells [][]string, tags [][]*tagged.Elem, widths []float64, cols []doc.Column, f font, last bool) {
	switch row.Kind {
	case doc.Group:
		pdf.artifact(func() {
			fillColour(pdf, groupFill)
			pdf.Rect(marginL, y, contentW, h, "F")
		})
	case doc.Total:
		pdf.artifact(func() {
			fillColour(pdf, accentPale)
			pdf.Rect(marginL, y, contentW, h, "F")
		})
	case doc.Plain, doc.Sum:
	default:
		panic(unknown("radtyp", row.Kind))
	}
	setFont(pdf, f)
	x := marginL
	for i := range cells {
		if i >= len(widths) {
			break
		}
		c := doc.Cell{}
		if i < len(row.Cells) {
			c = row.Cells[i]
		}
		w := widths[i]
		if row.Kind == doc.Group {
			w = contentW
		}
		tx := x
		tw := w
		if c.Level != nil {
			// The symbol shows the word beside it: decoration.
			pdf.artifact(func() { drawSymbol(pdf, x+cellPadX+1.9, y+cellPadY+fTable.line/2, 1.7, *c.Level) })
			tx += symbolSpace
			tw -= symbolSpace
		}
		if c.Bad {
			textColour(pdf, bad)
		} else {
			textColour(pdf, ink)
		}
		align := doc.Left
		if row.Kind != doc.Group {
			align = cols[i].Align
			if cols[i].Strong {
				setFont(pdf, f.bold())
			} else {
				setFont(pdf, f)
			}
		}
		switch {
		case row.Kind == doc.Group && i > 0:
			// the group heading spans the row
		case strings.TrimSpace(strings.Join(cells[i], "")) == "":
			pdf.enter(tags[i])
		default:
			for j, l := range cells[i] {
				pdf.content(tags[i], func() {
					drawAligned(pdf, tx, tw, baseline(y+cellPadY+float64(j)*f.line, f.line, f), l, align)
				})
			}
		}
		x += widths[i]
	}
	textColour(pdf, ink)
	pdf.artifact(func() {
		switch row.Kind {
		case doc.Sum, doc.Total:
			drawColour(pdf, ink)
			pdf.SetLineWidth(0.3)
			pdf.Line(marginL, y, marginL+contentW, y)
			if row.Kind == doc.Total {
				pdf.Line(marginL, y+h, marginL+contentW, y+h)
			}
		case doc.Plain, doc.Group:
			drawColour(pdf, faint)
			pdf.SetLineWidth(0.2)
			pdf.Line(marginL, y+h, marginL+contentW, y+h)
		}
		if last && row.Kind != doc.Total {
			drawColour(pdf, rule)
			pdf.SetLineWidth(0.3)
			pdf.Line(marginL, y+h, marginL+contentW, y+h)
		}
	})
}

// drawAligned writes one line in a cell of width w starting at x.
func drawAligned(pdf *canvas, x, w, bl float64, s string, a doc.Align) {
	if s == "" {
		return
	}
	switch a {
	case doc.Right:
		pdf.Text(x+w-cellPadX-pdf.GetStringWidth(s), bl, s)
	case doc.Left:
		pdf.Text(x+cellPadX, bl, s)
	default:
		panic(unknown("justering", a))
	}
}

// columnWidths scales the relative widths to the content width.
func columnWidths(cols []doc.Column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		if total > 0 {
			out[i] = c.Width / total * contentW
		}
	}
	return out
}

// hyphenated is a cell's text as written when wrapHyphen broke a word of
// it with a hyphen ("Års-" / "prognos"), for the cell's /ActualText, so
// that a screen reader reads "Årsprognos"; otherwise "".
func hyphenated(text string, lines []string) string {
	for _, l := range lines[:max(len(lines)-1, 0)] {
		if strings.HasSuffix(l, "-") && !strings.Contains(text, l) {
			return text
		}
	}
	return ""
}
