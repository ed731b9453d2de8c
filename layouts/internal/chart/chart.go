// Package chart lays out the document tree's charts (doc.Chart) once for
// every renderer: where each bar, line, label and key goes, in
// millimetres. A renderer gives a Surface that draws those pieces in its
// own way, the PDF with fpdf (layouts/pdf) and the HTML page as SVG
// (layouts/html), so that the two charts cannot differ.
package chart

import (
	"math"
	"strings"

	"rapport/layouts/doc"
	"rapport/layouts/internal/axis"
	"rapport/report"
	"rapport/report/money"
)

// Font is a text size and weight of a chart.
type Font int

const (
	Title     Font = iota // the chart's title, 9 pt bold
	Label                 // axis and value labels, legends, 7 pt
	Small                 // category names of horizontal bars, 8.5 pt
	SmallBold             // counts of the status chart
)

// Size is the font's size in points.
func (f Font) Size() float64 {
	switch f {
	case Title:
		return 9
	case Label:
		return 7
	}
	return 8.5
}

// line is the font's line height in mm.
func (f Font) line() float64 {
	switch f {
	case Title:
		return 4.6
	case Label:
		return 3.2
	}
	return 4.1
}

// Colour is a text's colour, one of the PDF's palette.
type Colour int

const (
	Ink Colour = iota
	Accent
	Muted
	Bad
)

// Anchor is where a text stands from its x.
type Anchor int

const (
	Start  Anchor = iota // begins at x
	Middle               // centred on x
	End                  // ends at x
)

// Stroke is a line's kind.
type Stroke int

const (
	Grid      Stroke = iota // a value axis's gridline
	Axis                    // a value axis
	Zero                    // the zero line of vertical bars
	Centre                  // the zero line of a deviation chart
	LevelAxis               // the base line of the status chart's bars
	Reference               // a target or reference line, red dash-dotted
	ThisYear                // the first series of a line chart
	OtherYear               // the other series, dashed
)

// Rect is a rectangle in mm; a bar may have a negative height (it then
// hangs from Y).
type Rect struct{ X, Y, W, H float64 }

// Surface draws the pieces of a chart.
type Surface interface {
	// Text writes s with its baseline at y.
	Text(x, y float64, s string, a Anchor, f Font, c Colour)
	// Width is s's width in font f, in mm.
	Width(s string, f Font) float64
	// Wrap breaks s into lines of at most w mm.
	Wrap(s string, w float64, f Font) []string
	// Fit cuts s to w mm, marking the cut.
	Fit(s string, w float64, f Font) string
	// Bar draws a bar of series i: the first light and hatched, the
	// second solid dark.
	Bar(r Rect, series int)
	// LevelBar draws the status chart's bar of level l.
	LevelBar(r Rect, l report.Level)
	Line(x1, y1, x2, y2 float64, s Stroke)
	// Marker marks a value of series i of a line chart.
	Marker(x, y float64, series int)
	// Symbol draws an assessment level's symbol centred at cx, cy.
	Symbol(cx, cy, r float64, l report.Level)
}

// Baseline puts text of font f in the middle of a line box of height h
// whose top is top.
func Baseline(top, h float64, f Font) float64 {
	return top + h/2 + 0.357*f.Size()*25.4/72
}

// TitleLine is the height of a chart's title line.
const TitleLine = 4.6

// Draw draws c in the box at x, y of width w and height h: the title, then
// the chart of its kind.
func Draw(s Surface, c doc.Chart, x, y, w, h float64) {
	s.Text(x, Baseline(y, TitleLine, Title), s.Fit(c.Title, w*0.55, Title), Start, Title, Accent)
	box := Rect{x, y + TitleLine + 1, w, h - TitleLine - 1}
	switch c.Kind {
	case doc.BarChart:
		bars(s, c, box)
	case doc.LineChart:
		lines(s, c, box)
	case doc.StatusChart:
		status(s, c, box)
	case doc.DeviationChart:
		deviation(s, c, box)
	default:
		panic("okänd diagramtyp i dokumentträdet: " + string(c.Kind))
	}
}

// key draws a legend key at x on the centre line cy.
type key func(s Surface, x, cy float64)

// legend is right-aligned on the chart's title line, whose top is y.
func legend(s Surface, right, y float64, keys []key, names []string) {
	total := 0.0
	for _, n := range names {
		total += 7 + s.Width(n, Label) + 5
	}
	x := right - total + 5
	for i, k := range keys {
		k(s, x, y+2.3)
		s.Text(x+7, y+3.4, names[i], Start, Label, Ink)
		x += 7 + s.Width(names[i], Label) + 5
	}
}

// barLegend is the legend of a chart of bars: a key per series.
func barLegend(s Surface, c doc.Chart, box Rect) {
	names := make([]string, len(c.Series))
	keys := make([]key, len(c.Series))
	for i, se := range c.Series {
		names[i] = se.Name
		keys[i] = func(s Surface, x, cy float64) { s.Bar(Rect{x, cy - 1.6, 5, 3.2}, i) }
	}
	legend(s, box.X+box.W, box.Y-TitleLine-1, keys, names)
}

// valueLabel is series j's value at category i as the chart labels it:
// the table's text where the series has one.
func valueLabel(c doc.Chart, j, i int, v float64) string {
	if i < len(c.Series[j].Labels) && c.Series[j].Labels[i] != "" {
		return c.Series[j].Labels[i]
	}
	return money.FormatNumber(v, 1)
}

// yAxis draws gridlines and labels of a value axis and its unit.
func yAxis(s Surface, plot Rect, min, max, step float64, unit string, yOf func(float64) float64) {
	dec := axis.Decimals(step)
	for v := min; v <= max+step/2; v += step {
		y := yOf(v)
		s.Line(plot.X, y, plot.X+plot.W, y, Grid)
		s.Text(plot.X-1.5, y+1.1, money.FormatNumber(v, dec), End, Label, Muted)
	}
	s.Text(plot.X-1.5, plot.Y-2.2, unit, End, Label, Muted)
	s.Line(plot.X, plot.Y, plot.X, plot.Y+plot.H, Axis)
}

// bars draws grouped vertical bars per category with a zero line, a value
// axis with gridlines, value labels and a legend.
func bars(s Surface, c doc.Chart, box Rect) {
	// Headroom beyond the longest bars keeps their value labels inside
	// the plot.
	min, max, step := axis.Bars(c)
	barLegend(s, c, box)
	plot := Rect{box.X + 16, box.Y + 4, box.W - 16, box.H - 4 - 9}
	yOf := func(v float64) float64 { return plot.Y + plot.H - (v-min)/(max-min)*plot.H }
	yAxis(s, plot, min, max, step, c.Unit, yOf)
	n := len(c.Categories)
	if n == 0 {
		return
	}
	slot := plot.W / float64(n)
	bw := math.Min(12, slot*0.7/float64(max1(len(c.Series))))
	for ci, cat := range c.Categories {
		x0 := plot.X + slot*float64(ci) + (slot-bw*float64(len(c.Series)))/2
		for si, se := range c.Series {
			if ci >= len(se.Values) || se.Values[ci] == nil {
				continue
			}
			v := *se.Values[ci]
			r := Rect{x0 + bw*float64(si), yOf(0), bw - 0.6, yOf(v) - yOf(0)}
			s.Bar(r, si)
			ly := yOf(v) - 1
			if v < 0 {
				ly = yOf(v) + 2.8
			}
			s.Text(r.X+r.W/2, ly, valueLabel(c, si, ci, v), Middle, Label, Ink)
		}
		for j, l := range s.Wrap(cat, slot-2, Label) {
			if j > 1 {
				break
			}
			s.Text(plot.X+slot*float64(ci)+slot/2, plot.Y+plot.H+3.6+float64(j)*3, l, Middle, Label, Ink)
		}
	}
	s.Line(plot.X, yOf(0), plot.X+plot.W, yOf(0), Zero)
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

func seriesStroke(i int) Stroke {
	if i == 0 {
		return ThisYear
	}
	return OtherYear
}

// lines draws values per month: this year solid and dark with filled
// discs, the previous year dashed and grey with open squares, and each
// target or reference as a red dash-dotted line with its label.
func lines(s Surface, c doc.Chart, box Rect) {
	min, max, step := axis.Lines(c)
	var names []string
	var keys []key
	for i, se := range c.Series {
		names = append(names, se.Name)
		keys = append(keys, func(s Surface, x, cy float64) {
			s.Line(x, cy, x+5, cy, seriesStroke(i))
			s.Marker(x+2.5, cy, i)
		})
	}
	for _, r := range c.RefLines {
		names = append(names, r.Name)
		keys = append(keys, func(s Surface, x, cy float64) { s.Line(x, cy, x+5, cy, Reference) })
	}
	legend(s, box.X+box.W, box.Y-TitleLine-1, keys, names)
	plot := Rect{box.X + 12, box.Y + 4, box.W - 12, box.H - 4 - 6}
	yOf := func(v float64) float64 { return plot.Y + plot.H - (v-min)/(max-min)*plot.H }
	yAxis(s, plot, min, max, step, c.Unit, yOf)
	n := len(c.Categories)
	if n == 0 {
		return
	}
	slot := plot.W / float64(n)
	xOf := func(i int) float64 { return plot.X + slot*(float64(i)+0.5) }
	for i, cat := range c.Categories {
		s.Text(xOf(i), plot.Y+plot.H+3.8, cat, Middle, Label, Ink)
	}
	for _, r := range c.RefLines {
		y := yOf(r.Value)
		s.Line(plot.X, y, plot.X+plot.W, y, Reference)
	}
	// Previous year first, so that this year is drawn on top; a missing
	// value breaks the line.
	for i := len(c.Series) - 1; i >= 0; i-- {
		se := c.Series[i]
		prev := -1
		for j, v := range se.Values {
			if v == nil || j >= n {
				prev = -1
				continue
			}
			if prev >= 0 {
				s.Line(xOf(prev), yOf(*se.Values[prev]), xOf(j), yOf(*v), seriesStroke(i))
			}
			prev = j
		}
		for j, v := range se.Values {
			if v != nil && j < n {
				s.Marker(xOf(j), yOf(*v), i)
			}
		}
	}
}

// status draws a horizontal bar per assessment level, with the level's
// symbol and word, and the count at the bar's end.
func status(s Surface, c doc.Chart, box Rect) {
	if len(c.Series) == 0 || len(c.Categories) == 0 {
		return
	}
	vals := c.Series[0].Values
	maxV := 1.0
	for _, v := range vals {
		if v != nil {
			maxV = math.Max(maxV, *v)
		}
	}
	const labelW = 38.0
	rowH := math.Min(8, box.H/float64(len(c.Categories)))
	barMax := box.W - labelW - 12
	for i, cat := range c.Categories {
		y := box.Y + float64(i)*rowH
		lvl := report.NotAssessed
		if i < len(c.Levels) {
			lvl = c.Levels[i]
		}
		s.Symbol(box.X+2, y+rowH/2, 1.8, lvl)
		s.Text(box.X+5.5, Baseline(y, rowH, Small), cat, Start, Small, Ink)
		v := 0.0
		if i < len(vals) && vals[i] != nil {
			v = *vals[i]
		}
		w := v / maxV * barMax
		if w > 0 {
			s.LevelBar(Rect{box.X + labelW, y + 1.2, w, rowH - 2.4}, lvl)
		}
		s.Text(box.X+labelW+w+2, Baseline(y, rowH, Small), money.FormatNumber(v, 0), Start, SmallBold, Ink)
	}
	s.Line(box.X+labelW, box.Y, box.X+labelW, box.Y+rowH*float64(len(c.Categories)), LevelAxis)
}

// deviation draws a horizontal bar per category and series around a zero
// line: better than budget to the right, worse to the left (and its label
// in red), each bar labelled with the table's figure.
func deviation(s Surface, c doc.Chart, box Rect) {
	if len(c.Series) == 0 || len(c.Categories) == 0 {
		return
	}
	barLegend(s, c, box)
	span := axis.Span(c)
	const labelW, labelRoom = 38.0, 14.0
	half := (box.W - labelW - 2*labelRoom) / 2
	zero := box.X + labelW + labelRoom + half
	barH := 3.2
	groupH := float64(len(c.Series))*barH + 1.6
	y := box.Y + 2
	for i, cat := range c.Categories {
		s.Text(box.X, Baseline(y, groupH-1.6, Small), s.Fit(cat, labelW-2, Small), Start, Small, Ink)
		for j, se := range c.Series {
			if i >= len(se.Values) || se.Values[i] == nil {
				continue
			}
			v := *se.Values[i]
			w := v / span * half
			by := y + float64(j)*barH
			r := Rect{zero, by + 0.3, w, barH - 0.6}
			if w < 0 {
				r = Rect{zero + w, by + 0.3, -w, barH - 0.6}
			}
			if r.W > 0 {
				s.Bar(r, j)
			}
			label := valueLabel(c, j, i, v)
			if strings.HasPrefix(label, money.Minus) {
				s.Text(r.X-1, Baseline(by, barH, Label), label, End, Label, Bad)
			} else {
				s.Text(zero+math.Max(w, 0)+1, Baseline(by, barH, Label), label, Start, Label, Ink)
			}
		}
		y += groupH
	}
	s.Line(zero, box.Y, zero, y, Centre)
	s.Text(zero+1, y+3, "bättre än budget →", Start, Label, Muted)
	s.Text(zero-1, y+3, "← sämre än budget", End, Label, Muted)
}
