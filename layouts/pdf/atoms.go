package pdf

import (
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"rapport/layouts/doc"
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
func atomize(pdf *fpdf.Fpdf, blocks []doc.Block) []*atom {
	var out []*atom
	// Outline levels must nest: a goal (level 3) sits under "Mål" directly
	// in a full report but under a subsection in a deviation report.
	outlineDepth := 0
	for _, b := range blocks {
		switch b := b.(type) {
		case doc.Heading:
			depth := 0
			switch b.Level {
			case 1:
				outlineDepth = 0
			case 2:
				depth, outlineDepth = 1, 1
			case 3:
				depth = outlineDepth + 1
			default:
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
			out = append(out, chartAtom(pdf, b))
		case doc.Spacer:
			out = append(out, &atom{h: b.Height, droppable: true, draw: func(*fpdf.Fpdf, float64) {}})
		default:
			panic(unknown("blocktyp", fmt.Sprintf("%T", b)))
		}
	}
	return out
}

func spacer(h float64) *atom {
	return &atom{h: h, droppable: true, keepNext: true, draw: func(*fpdf.Fpdf, float64) {}}
}

func headingAtoms(pdf *fpdf.Fpdf, h doc.Heading, depth int) []*atom {
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
	a := &atom{
		h:        float64(len(lines))*f.line + after,
		keepNext: true,
		newPage:  h.NewPage,
		heading:  ref,
		draw: func(pdf *fpdf.Fpdf, y float64) {
			setFont(pdf, f)
			pdf.Bookmark(ref.text, ref.outline, y)
			textColour(pdf, accent)
			for i, l := range lines {
				pdf.Text(marginL, baseline(y+float64(i)*f.line, f.line, f), l)
			}
			if h.Level == 1 {
				drawColour(pdf, accent)
				pdf.SetLineWidth(0.5)
				ly := y + float64(len(lines))*f.line + 0.6
				pdf.Line(marginL, ly, marginL+contentW, ly)
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
func paragraphAtoms(pdf *fpdf.Fpdf, p doc.Paragraph) []*atom {
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
		for i, l := range lines {
			l := l
			a := &atom{h: f.line, lines: group, draw: func(pdf *fpdf.Fpdf, y float64) {
				setFont(pdf, f)
				textColour(pdf, colour)
				pdf.Text(marginL, baseline(y, f.line, f), l)
				textColour(pdf, ink)
			}}
			a.keepNext = (i == 0 && len(lines) > 1) || (i == len(lines)-2) || p.Style == doc.Lead || p.KeepWithNext
			out = append(out, a)
		}
		if pi < len(paras)-1 {
			out = append(out, &atom{h: f.line * 0.5, droppable: true, draw: func(*fpdf.Fpdf, float64) {}})
		}
	}
	// A lead-in keeps with the text it introduces.
	out = append(out, &atom{h: 2, droppable: true, keepNext: p.Style == doc.Lead || p.KeepWithNext, draw: func(*fpdf.Fpdf, float64) {}})
	return out
}

// listAtoms sets each item after a bullet, its later lines indented to
// the item's text; no line of an item is left alone on a page.
func listAtoms(pdf *fpdf.Fpdf, l doc.List) []*atom {
	f := paragraphFont(l.Style)
	colour := ink
	if l.Style == doc.Small {
		colour = muted
	}
	const indent = 4.0
	setFont(pdf, f)
	var out []*atom
	for _, item := range l.Items {
		lines := wrap(pdf, item, contentW-indent)
		group := &lineGroup{n: len(lines)}
		for i, line := range lines {
			i, line := i, line
			// The first two lines and the last two stay together.
			keep := (i == 0 && len(lines) > 1) || i == len(lines)-2
			out = append(out, &atom{h: f.line, lines: group, keepNext: keep, draw: func(pdf *fpdf.Fpdf, y float64) {
				setFont(pdf, f)
				textColour(pdf, colour)
				bl := baseline(y, f.line, f)
				if i == 0 {
					pdf.Text(marginL+0.5, bl, "•")
				}
				pdf.Text(marginL+indent, bl, line)
				textColour(pdf, ink)
			}})
		}
		out = append(out, &atom{h: f.line * 0.25, droppable: true, draw: func(*fpdf.Fpdf, float64) {}})
	}
	out = append(out, &atom{h: 2, droppable: true, draw: func(*fpdf.Fpdf, float64) {}})
	return out
}

// splitParagraphs splits text at blank lines.
func splitParagraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.Trim(p, "\n"); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// statusAtom is a goal's assessment: "Bedömning: ◐ Bedöms delvis uppfyllas".
func statusAtom(pdf *fpdf.Fpdf, s doc.Status) *atom {
	const h = 8.0
	return &atom{h: h, keepNext: true, draw: func(pdf *fpdf.Fpdf, y float64) {
		fillColour(pdf, groupFill)
		pdf.Rect(marginL, y+0.5, contentW, h-1.5, "F")
		setFont(pdf, fBodyB)
		textColour(pdf, ink)
		bl := baseline(y+0.5, h-1.5, fBodyB)
		label := s.Label + ":"
		pdf.Text(marginL+2, bl, label)
		x := marginL + 2 + pdf.GetStringWidth(label) + 4.5
		drawSymbol(pdf, x, y+0.5+(h-1.5)/2, 2.1, s.Level)
		setFont(pdf, fBody)
		word := s.Word
		pdf.Text(x+4, bl, word)
		if s.Note != "" {
			setFont(pdf, fSmall)
			textColour(pdf, muted)
			pdf.Text(x+4+pdf.GetStringWidth(word)+12, bl, "("+s.Note+")")
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
func tableAtoms(pdf *fpdf.Fpdf, t doc.Table) []*atom {
	f := fTable
	if t.Small {
		f = fTableS
	}
	widths := columnWidths(t.Columns)
	var out []*atom
	var caption *atom
	if t.Caption != "" {
		setFont(pdf, fCaption)
		lines := capLines(wrap(pdf, t.Caption, contentW), 3)
		caption = &atom{h: float64(len(lines))*fCaption.line + 1.2, keepNext: true, draw: func(pdf *fpdf.Fpdf, y float64) {
			setFont(pdf, fCaption)
			textColour(pdf, accent)
			for i, l := range lines {
				pdf.Text(marginL, baseline(y+float64(i)*fCaption.line, fCaption.line, fCaption), l)
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
	drawHeader := func(pdf *fpdf.Fpdf, y float64) {
		fillColour(pdf, accentPale)
		pdf.Rect(marginL, y, contentW, hh, "F")
		setFont(pdf, hf)
		textColour(pdf, ink)
		x := marginL
		for i, c := range t.Columns {
			// Header text sits at the bottom of its cell, next to the figures.
			off := float64(hn-len(hlines[i])) * f.line
			for j, l := range hlines[i] {
				drawAligned(pdf, x, widths[i], baseline(y+cellPadY+off+float64(j)*f.line, f.line, f), l, c.Align)
			}
			x += widths[i]
		}
		drawColour(pdf, accent)
		pdf.SetLineWidth(0.35)
		pdf.Line(marginL, y+hh, marginL+contentW, y+hh)
	}
	header := &atom{h: hh, keepNext: true, draw: drawHeader}
	out = append(out, header)
	var repeat []*atom
	if t.Caption != "" {
		setFont(pdf, fCaption)
		cont := fitLine(pdf, t.Caption, contentW-pdf.GetStringWidth(" (forts.)")) + " (forts.)"
		repeat = append(repeat, &atom{h: fCaption.line + 1.2, draw: func(pdf *fpdf.Fpdf, y float64) {
			setFont(pdf, fCaption)
			textColour(pdf, accent)
			pdf.Text(marginL, baseline(y, fCaption.line, fCaption), cont)
			textColour(pdf, ink)
		}})
	}
	repeat = append(repeat, &atom{h: hh, draw: drawHeader})

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
		a := &atom{h: rh, repeat: repeat, draw: func(pdf *fpdf.Fpdf, y float64) {
			drawRow(pdf, y, rh, row, cells, widths, t.Columns, rf, last)
		}}
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
		setFont(pdf, fSmall)
		lines := wrap(pdf, t.Note, contentW)
		for i, l := range lines {
			l := l
			out = append(out, &atom{h: fSmall.line, keepNext: i < len(lines)-1, draw: func(pdf *fpdf.Fpdf, y float64) {
				setFont(pdf, fSmall)
				textColour(pdf, muted)
				pdf.Text(marginL, baseline(y+0.8, fSmall.line, fSmall), l)
				textColour(pdf, ink)
			}})
		}
		out[len(out)-len(lines)].h += 0.8
	}
	out = append(out, &atom{h: 3, droppable: true, draw: func(*fpdf.Fpdf, float64) {}})
	return out
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

func drawRow(pdf *fpdf.Fpdf, y, h float64, row doc.Row, cells [][]string, widths []float64, cols []doc.Column, f font, last bool) {
	switch row.Kind {
	case doc.Group:
		fillColour(pdf, groupFill)
		pdf.Rect(marginL, y, contentW, h, "F")
	case doc.Total:
		fillColour(pdf, accentPale)
		pdf.Rect(marginL, y, contentW, h, "F")
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
			drawSymbol(pdf, x+cellPadX+1.9, y+cellPadY+fTable.line/2, 1.7, *c.Level)
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
		for j, l := range cells[i] {
			drawAligned(pdf, tx, tw, baseline(y+cellPadY+float64(j)*f.line, f.line, f), l, align)
		}
		x += widths[i]
	}
	textColour(pdf, ink)
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
}

// drawAligned writes one line in a cell of width w starting at x.
func drawAligned(pdf *fpdf.Fpdf, x, w, bl float64, s string, a doc.Align) {
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
